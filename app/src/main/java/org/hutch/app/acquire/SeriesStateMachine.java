package org.hutch.app.acquire;

import java.util.Objects;

import org.hutch.detector.DetectorState;

/**
 * The life of one armed series as the acquisition monitor sees it: from "the receiver still shows the
 * previous series" to one end (complete, stopped, aborted, failed, timed out). Each look at the
 * receiver and the detector is an {@link Observation}; {@link #step} takes the named transition it
 * calls for, if any. Pure: no threads, no I/O (the controller observes and reports), so every
 * transition can be tested on its own.
 */
public final class SeriesStateMachine {

    /** Where the series is. */
    public enum Phase {
        /** armed; the receiver still shows the previous series */
        AWAITING_SERIES,
        /** the receiver has our series: frames are coming (or about to) */
        ACQUIRING,
        /** every frame arrived, not all are on disk yet */
        WRITING,
        /** external trigger mode: the receiver is idle between hardware triggers */
        AWAITING_TRIGGERS,
        COMPLETE,
        STOPPED,
        ABORTED,
        FAILED,
        TIMED_OUT;

        public boolean ended() {
            return ordinal() >= COMPLETE.ordinal();
        }

        /** The result's outcome of an ended phase. */
        public AcquisitionResult.Outcome outcome() {
            return switch (this) {
                case COMPLETE -> AcquisitionResult.Outcome.COMPLETE;
                case STOPPED -> AcquisitionResult.Outcome.STOPPED;
                case ABORTED -> AcquisitionResult.Outcome.ABORTED;
                case FAILED -> AcquisitionResult.Outcome.FAILED;
                case TIMED_OUT -> AcquisitionResult.Outcome.TIMEOUT;
                default -> throw new IllegalStateException(this + " has not ended");
            };
        }
    }

    /** Every way the phase changes, named for why. */
    public enum Transition {
        SERIES_SEEN(Phase.ACQUIRING),
        ALL_RECEIVED(Phase.WRITING),
        TRIGGERS_AWAITED(Phase.AWAITING_TRIGGERS),
        /** frames come again after waiting for triggers or for the writer */
        RESUMED(Phase.ACQUIRING),
        ALL_WRITTEN(Phase.COMPLETE),
        STOPPED_BY_USER(Phase.STOPPED),
        ABORTED_BY_USER(Phase.ABORTED),
        RECEIVER_FAILED(Phase.FAILED),
        DETECTOR_FAULT(Phase.FAILED),
        /** the detector stopped answering (or went off) in the middle of the series */
        DETECTOR_LOST(Phase.FAILED),
        /** a command of the headless run failed (arm, start) */
        COMMAND_FAILED(Phase.FAILED),
        TIMED_OUT(Phase.TIMED_OUT);

        public final Phase to;

        Transition(Phase to) {
            this.to = to;
        }
    }

    /**
     * One look at the receiver and the detector.
     *
     * @param newSeries       the receiver shows a series other than the one before Arm
     * @param expected        frames expected in the series
     * @param received        frames the receiver has
     * @param onDisk          frames written (or received, when the receiver does not say)
     * @param receiverRunning the receiver has a series open
     * @param receiverIdle    the receiver says idle
     * @param receiverError   the receiver reports an error that came after Arm (a stale one does not count)
     * @param fileDone        the file is closed with everything, or no file is written
     * @param detector        the detector's state
     * @param stopRequested   the user asked to stop
     * @param abortRequested  the user asked to abort
     * @param externalTrigger the trigger mode waits for hardware triggers
     * @param detectorLost    the detector has not answered (or is off) for longer than a passing moment
     */
    public record Observation(boolean newSeries, long expected, long received, long onDisk, boolean receiverRunning,
                              boolean receiverIdle, boolean receiverError, boolean fileDone, DetectorState detector,
                              boolean stopRequested, boolean abortRequested, boolean externalTrigger,
                              boolean detectorLost) {
        public Observation {
            Objects.requireNonNull(detector, "detector");
        }

        /** A look at a detector that answers. */
        public Observation(boolean newSeries, long expected, long received, long onDisk, boolean receiverRunning,
                           boolean receiverIdle, boolean receiverError, boolean fileDone, DetectorState detector,
                           boolean stopRequested, boolean abortRequested, boolean externalTrigger) {
            this(newSeries, expected, received, onDisk, receiverRunning, receiverIdle, receiverError, fileDone, detector,
                    stopRequested, abortRequested, externalTrigger, false);
        }
    }

    private Phase phase = Phase.AWAITING_SERIES;

    public synchronized Phase phase() {
        return phase;
    }

    /**
     * Takes the transition this observation calls for.
     *
     * @return the transition taken last (a look can both find the series and end it), or {@code null} if none
     */
    public synchronized Transition step(Observation o) {
        if (phase.ended()) {
            return null;
        }
        Transition taken = null;
        if (phase == Phase.AWAITING_SERIES) {
            if (!o.newSeries()) {
                Transition early = beforeSeries(o);
                return early != null ? take(early) : null;
            }
            taken = take(Transition.SERIES_SEEN);
        }
        Transition t = next(o);
        return t != null ? take(t) : taken;
    }

    /** Ends the series from outside an observation (a timeout, a failed command); false if it had ended. */
    public synchronized boolean end(Transition t) {
        if (phase.ended() || !t.to.ended()) {
            return false;
        }
        take(t);
        return true;
    }

    /**
     * Ends that need no series on the receiver: an error it reports (a header it cannot read), a detector fault or
     * loss, or an abort before the receiver saw anything.
     */
    private static Transition beforeSeries(Observation o) {
        if (o.abortRequested() && !o.detector().busy()) {
            return Transition.ABORTED_BY_USER;
        }
        if (o.receiverError()) {
            return Transition.RECEIVER_FAILED;
        }
        if (o.detector() == DetectorState.FAULT) {
            return Transition.DETECTOR_FAULT;
        }
        return o.detectorLost() ? Transition.DETECTOR_LOST : null;
    }

    private Transition next(Observation o) {
        boolean detectorBusy = o.detector().busy();
        if (o.abortRequested() && !detectorBusy && (!o.receiverRunning() || o.receiverError())) {
            // an aborted stream has no series end: the series is over once the receiver closed it (on request,
            // or after its series timeout, which some receivers report as an error)
            return Transition.ABORTED_BY_USER;
        }
        if (o.receiverError()) {
            return Transition.RECEIVER_FAILED;
        }
        if (o.detector() == DetectorState.FAULT) {
            return Transition.DETECTOR_FAULT;
        }
        if (o.detectorLost()) {
            return Transition.DETECTOR_LOST;
        }
        if (!o.receiverRunning() && !detectorBusy) {
            if (o.onDisk() >= o.expected() && o.fileDone()) {
                return Transition.ALL_WRITTEN;
            }
            if (o.stopRequested()) {
                return Transition.STOPPED_BY_USER;
            }
            if (o.onDisk() < o.expected() && o.received() >= o.expected()) {
                return phase == Phase.WRITING ? null : Transition.ALL_RECEIVED;
            }
            if (o.receiverIdle() && o.received() < o.expected() && o.externalTrigger()) {
                return phase == Phase.AWAITING_TRIGGERS ? null : Transition.TRIGGERS_AWAITED;
            }
            return null; // the receiver has stalled: followed until the user (or a timeout) ends it
        }
        return phase == Phase.ACQUIRING ? null : Transition.RESUMED;
    }

    private Transition take(Transition t) {
        phase = t.to;
        return t;
    }
}
