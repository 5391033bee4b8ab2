package org.hutch.detector;

/**
 * The control commands beyond configure, arm and trigger that a detector may or may not have. The
 * control panel offers a button only for the commands the opened detector has ({@link Detector#commands()}),
 * so no button leads to an "unsupported" error.
 */
public enum DetectorCommand {
    /** {@link Detector#stop()}: end the series early but cleanly */
    STOP,
    /** {@link Detector#abort()}: drop the series at once */
    ABORT,
    /** {@link Detector#disarm()}: end an armed series that waits for triggers */
    DISARM,
    /** {@link Detector#initialize()}: bring an uninitialised or stuck detector back to a configurable state */
    INITIALIZE
}
