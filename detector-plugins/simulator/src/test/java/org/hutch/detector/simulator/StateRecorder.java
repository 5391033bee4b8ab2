package org.hutch.detector.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.hutch.detector.DetectorState;
import org.hutch.detector.DetectorStateListener;
import org.hutch.detector.DetectorStatus;

/** Records every status a detector reports, and waits for one. */
final class StateRecorder implements DetectorStateListener {
    private final List<DetectorStatus> seen = new ArrayList<>();

    @Override
    public synchronized void stateChanged(DetectorStatus status) {
        seen.add(status);
        notifyAll();
    }

    synchronized List<DetectorStatus> statuses() {
        return new ArrayList<>(seen);
    }

    /** The states in order, with repeats of the same state (message changes) folded. */
    synchronized List<DetectorState> states() {
        List<DetectorState> out = new ArrayList<>();
        for (DetectorStatus s : seen) {
            if (out.isEmpty() || out.get(out.size() - 1) != s.state()) {
                out.add(s.state());
            }
        }
        return out;
    }

    /** Waits until some status since the {@code from}-th matches; returns it. */
    synchronized DetectorStatus await(int from, Predicate<DetectorStatus> p, long timeoutMs) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (true) {
            for (int i = from; i < seen.size(); i++) {
                if (p.test(seen.get(i))) {
                    return seen.get(i);
                }
            }
            long left = end - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no matching status within " + timeoutMs + " ms; seen " + seen);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    synchronized int count() {
        return seen.size();
    }

    /** Waits for a state other than the one reported on registration (index 0). */
    DetectorStatus awaitState(DetectorState state, long timeoutMs) throws InterruptedException {
        return await(1, s -> s.state() == state, timeoutMs);
    }
}
