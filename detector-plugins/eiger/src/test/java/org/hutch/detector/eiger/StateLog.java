package org.hutch.detector.eiger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hutch.detector.DetectorState;
import org.hutch.detector.DetectorStateListener;
import org.hutch.detector.DetectorStatus;

/** Records what a detector tells its listeners, and waits for states (bounded). */
final class StateLog implements DetectorStateListener {
    private final List<DetectorStatus> seen = new ArrayList<>();

    @Override
    public synchronized void stateChanged(DetectorStatus status) {
        seen.add(status);
        notifyAll();
    }

    synchronized List<DetectorStatus> all() {
        return List.copyOf(seen);
    }

    /** The states seen, with repeats in a row collapsed (a message change keeps the state). */
    synchronized List<DetectorState> states() {
        List<DetectorState> out = new ArrayList<>();
        for (DetectorStatus s : seen) {
            if (out.isEmpty() || out.get(out.size() - 1) != s.state()) {
                out.add(s.state());
            }
        }
        return out;
    }

    /** Waits until the latest status has this state; returns it. */
    synchronized DetectorStatus await(DetectorState state, Duration timeout) throws InterruptedException {
        long end = System.currentTimeMillis() + timeout.toMillis();
        while (seen.isEmpty() || seen.get(seen.size() - 1).state() != state) {
            long left = end - System.currentTimeMillis();
            if (left <= 0) {
                throw new AssertionError("state " + state + " not reached within " + timeout + "; seen " + seen);
            }
            wait(left);
        }
        return seen.get(seen.size() - 1);
    }
}
