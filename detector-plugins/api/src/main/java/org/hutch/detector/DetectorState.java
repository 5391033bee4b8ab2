package org.hutch.detector;

/**
 * The state of a detector, the same for every plugin. A normal series goes
 * {@code READY -> ARMED -> RUNNING -> READY}; with software triggers and several triggers it goes
 * {@code ARMED -> RUNNING -> ARMED -> RUNNING ...} until the last trigger's images are done.
 */
public enum DetectorState {
    /** not yet known (just opened, or the control connection does not answer) */
    UNKNOWN,
    /** switched off or disconnected; nothing can be done until it is opened again */
    OFF,
    /** idle and configurable: can be configured and armed */
    READY,
    /** armed: the series has started on the stream (header sent) and waits for a trigger */
    ARMED,
    /** acquiring and streaming images */
    RUNNING,
    /** an error stopped the detector; the status message says why. Configure or arm again to recover. */
    FAULT;

    /** {@link Detector#configure} is allowed. */
    public boolean canConfigure() {
        return this == READY || this == FAULT;
    }

    /** {@link Detector#arm} is allowed. */
    public boolean canArm() {
        return this == READY || this == FAULT;
    }

    /** {@link Detector#trigger} is allowed. */
    public boolean canTrigger() {
        return this == ARMED;
    }

    /** {@link Detector#stop} is allowed. */
    public boolean canStop() {
        return this == ARMED || this == RUNNING;
    }

    /** {@link Detector#abort} is allowed. */
    public boolean canAbort() {
        return this == ARMED || this == RUNNING || this == FAULT;
    }

    /** {@link Detector#disarm} is allowed. */
    public boolean canDisarm() {
        return this == ARMED || this == RUNNING;
    }

    /** A series is open on the stream (armed or running). */
    public boolean busy() {
        return this == ARMED || this == RUNNING;
    }
}
