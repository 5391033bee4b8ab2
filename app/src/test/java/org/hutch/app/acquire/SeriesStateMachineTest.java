package org.hutch.app.acquire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hutch.app.acquire.SeriesStateMachine.Observation;
import org.hutch.app.acquire.SeriesStateMachine.Phase;
import org.hutch.app.acquire.SeriesStateMachine.Transition;
import org.hutch.detector.DetectorState;
import org.junit.jupiter.api.Test;

/** The phases of a followed series, one observation at a time. */
class SeriesStateMachineTest {
    private static final long FRAMES = 10;

    /** The receiver and detector while frames come: {@code received} of {@link #FRAMES}, all written. */
    private static Observation running(long received, DetectorState detector) {
        return new Observation(true, FRAMES, received, received, true, false, false, false, detector, false, false, false);
    }

    /** The receiver is done with the series and the detector is ready again. */
    private static Observation idle(long received, long onDisk, boolean stop, boolean abort, boolean external) {
        return new Observation(true, FRAMES, received, onDisk, false, true, false, onDisk >= FRAMES,
                DetectorState.READY, stop, abort, external);
    }

    @Test
    void aSeriesRunsToCompletion() {
        SeriesStateMachine m = new SeriesStateMachine();
        assertNull(m.step(new Observation(false, FRAMES, 0, 0, false, true, false, false, DetectorState.ARMED,
                false, false, false)), "the receiver still shows the previous series");
        assertEquals(Phase.AWAITING_SERIES, m.phase());
        assertEquals(Transition.SERIES_SEEN, m.step(running(3, DetectorState.RUNNING)));
        assertEquals(Phase.ACQUIRING, m.phase());
        assertNull(m.step(running(6, DetectorState.RUNNING)));
        assertEquals(Transition.ALL_RECEIVED, m.step(idle(FRAMES, 8, false, false, false)));
        assertEquals(Phase.WRITING, m.phase());
        assertNull(m.step(idle(FRAMES, 9, false, false, false)), "still writing: no transition");
        assertEquals(Transition.ALL_WRITTEN, m.step(idle(FRAMES, FRAMES, false, false, false)));
        assertEquals(Phase.COMPLETE, m.phase());
        assertEquals(AcquisitionResult.Outcome.COMPLETE, m.phase().outcome());
        assertNull(m.step(running(1, DetectorState.RUNNING)), "an ended series takes no more transitions");
    }

    @Test
    void oneLookCanFindTheSeriesAndEndIt() {
        SeriesStateMachine m = new SeriesStateMachine();
        assertEquals(Transition.ALL_WRITTEN, m.step(idle(FRAMES, FRAMES, false, false, false)));
        assertEquals(Phase.COMPLETE, m.phase());
    }

    @Test
    void abortEndsTheSeriesOnceTheDetectorIsNoLongerBusy() {
        SeriesStateMachine m = new SeriesStateMachine();
        m.step(running(3, DetectorState.RUNNING));
        assertNull(m.step(new Observation(true, FRAMES, 4, 4, true, false, false, false, DetectorState.RUNNING,
                false, true, false)), "still busy: the abort is on its way");
        assertEquals(Phase.ACQUIRING, m.phase());
        assertNull(m.step(new Observation(true, FRAMES, 4, 4, true, false, false, false, DetectorState.READY,
                false, true, false)), "the receiver still has the series open: its file is not closed yet");
        assertEquals(Transition.ABORTED_BY_USER, m.step(new Observation(true, FRAMES, 4, 4, false, true, false, false,
                DetectorState.READY, false, true, false)), "the receiver closed the series (ended on request)");
        assertEquals(AcquisitionResult.Outcome.ABORTED, m.phase().outcome());
    }

    @Test
    void anAbortedSeriesThatTheReceiverTimesOutEndsAborted() {
        SeriesStateMachine m = new SeriesStateMachine();
        m.step(running(3, DetectorState.RUNNING));
        assertEquals(Transition.ABORTED_BY_USER, m.step(new Observation(true, FRAMES, 4, 4, false, false, true, false,
                DetectorState.READY, false, true, false)), "a receiver without series abort times the series out");
    }

    @Test
    void anAbortBeforeTheReceiverSawTheSeriesEndsIt() {
        SeriesStateMachine m = new SeriesStateMachine();
        assertEquals(Transition.ABORTED_BY_USER, m.step(new Observation(false, FRAMES, 0, 0, false, true, false, false,
                DetectorState.READY, false, true, false)));
    }

    @Test
    void aReceiverErrorBeforeItShowsTheSeriesFailsAtOnce() {
        SeriesStateMachine m = new SeriesStateMachine();
        assertEquals(Transition.RECEIVER_FAILED, m.step(new Observation(false, FRAMES, 0, 0, false, false, true, false,
                DetectorState.RUNNING, false, false, false)), "a header the receiver cannot read makes no new series");
        assertEquals(Phase.FAILED, m.phase());
    }

    @Test
    void aDetectorLostMidSeriesFailsIt() {
        SeriesStateMachine m = new SeriesStateMachine();
        m.step(running(3, DetectorState.RUNNING));
        assertNull(m.step(new Observation(true, FRAMES, 3, 3, true, false, false, false, DetectorState.UNKNOWN,
                false, false, false, false)), "a moment without an answer is not a loss");
        assertEquals(Transition.DETECTOR_LOST, m.step(new Observation(true, FRAMES, 3, 3, true, false, false, false,
                DetectorState.UNKNOWN, false, false, false, true)));
        assertEquals(AcquisitionResult.Outcome.FAILED, m.phase().outcome());
    }

    @Test
    void stopEndsWithTheFramesSoFar() {
        SeriesStateMachine m = new SeriesStateMachine();
        m.step(running(3, DetectorState.RUNNING));
        assertEquals(Transition.STOPPED_BY_USER, m.step(idle(5, 5, true, false, false)));
        assertEquals(AcquisitionResult.Outcome.STOPPED, m.phase().outcome());
    }

    @Test
    void aDetectorThatGoesToFaultMidSeriesFailsIt() {
        SeriesStateMachine m = new SeriesStateMachine();
        m.step(running(3, DetectorState.RUNNING));
        assertEquals(Transition.DETECTOR_FAULT, m.step(running(4, DetectorState.FAULT)));
        assertEquals(Phase.FAILED, m.phase());
        assertEquals(AcquisitionResult.Outcome.FAILED, m.phase().outcome());
        assertFalse(m.end(Transition.TIMED_OUT), "a later timeout does not overwrite the failure");
        assertEquals(Phase.FAILED, m.phase());
    }

    @Test
    void aReceiverErrorFailsTheSeries() {
        SeriesStateMachine m = new SeriesStateMachine();
        m.step(running(3, DetectorState.RUNNING));
        assertEquals(Transition.RECEIVER_FAILED, m.step(new Observation(true, FRAMES, 3, 3, false, false, true, false,
                DetectorState.RUNNING, false, false, false)));
        assertEquals(Phase.FAILED, m.phase());
    }

    @Test
    void externalTriggersAreAwaitedAndFramesResume() {
        SeriesStateMachine m = new SeriesStateMachine();
        m.step(running(2, DetectorState.RUNNING));
        assertEquals(Transition.TRIGGERS_AWAITED, m.step(idle(2, 2, false, false, true)));
        assertEquals(Phase.AWAITING_TRIGGERS, m.phase());
        assertNull(m.step(idle(2, 2, false, false, true)), "still waiting: no transition");
        assertEquals(Transition.RESUMED, m.step(running(3, DetectorState.RUNNING)));
        assertEquals(Phase.ACQUIRING, m.phase());
    }

    @Test
    void aTimeoutEndsARunningSeriesOnce() {
        SeriesStateMachine m = new SeriesStateMachine();
        m.step(running(3, DetectorState.RUNNING));
        assertTrue(m.end(Transition.TIMED_OUT));
        assertEquals(AcquisitionResult.Outcome.TIMEOUT, m.phase().outcome());
        assertFalse(m.end(Transition.COMMAND_FAILED));
        assertFalse(m.end(Transition.RESUMED), "only an ending transition ends a series");
    }
}
