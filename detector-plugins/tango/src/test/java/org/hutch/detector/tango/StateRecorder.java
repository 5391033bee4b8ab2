package org.hutch.detector.tango;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.hutch.detector.Detector;
import org.hutch.detector.DetectorState;
import org.hutch.detector.DetectorStateListener;
import org.hutch.detector.DetectorStatus;

/** Collects every status a detector reports to its listeners, and waits for a state among them. */
final class StateRecorder implements DetectorStateListener {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final LinkedBlockingQueue<DetectorStatus> queue = new LinkedBlockingQueue<>();
    private final List<DetectorStatus> all = new ArrayList<>();

    private StateRecorder() {
    }

    /** A recorder listening to {@code detector} from now on. */
    static StateRecorder on(Detector detector) {
        StateRecorder recorder = new StateRecorder();
        detector.addStateListener(recorder);
        return recorder;
    }

    @Override
    public void stateChanged(DetectorStatus status) {
        synchronized (all) {
            all.add(status);
        }
        queue.add(status);
    }

    List<DetectorState> states() {
        synchronized (all) {
            return all.stream().map(DetectorStatus::state).toList();
        }
    }

    /** The next reported status in {@code state} (within 30 s); statuses reported before it are passed over. */
    DetectorStatus await(DetectorState state) throws InterruptedException {
        return await(state, WAIT);
    }

    DetectorStatus await(DetectorState state, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            DetectorStatus s = queue.poll(100, TimeUnit.MILLISECONDS);
            if (s != null && s.state() == state) {
                return s;
            }
        }
        throw new AssertionError("no " + state + " within " + timeout + "; seen " + states());
    }
}
