package org.hutch.detector.eiger;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.hutch.detector.DetectorState;
import org.hutch.detector.DetectorStateListener;
import org.hutch.detector.DetectorStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the current status and tells listeners about changes, in order, on one named event thread
 * (never the caller's: a listener can never block the poller or a control call).
 */
final class StatusBroadcaster {
    private static final Logger LOG = LoggerFactory.getLogger(StatusBroadcaster.class);

    private final AtomicReference<DetectorStatus> current =
            new AtomicReference<>(DetectorStatus.of(DetectorState.UNKNOWN, "connecting"));
    private final List<DetectorStateListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService events;

    StatusBroadcaster(String threadName) {
        this.events = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    DetectorStatus current() {
        return current.get();
    }

    /** Publishes a status if its state or message differs from the current one. */
    synchronized void publish(DetectorState state, String message) {
        DetectorStatus old = current.get();
        if (old.state() == state && old.message().equals(message)) {
            return;
        }
        DetectorStatus s = DetectorStatus.of(state, message);
        current.set(s);
        // the snapshot of listeners and the status are taken together, so order is kept per listener
        List<DetectorStateListener> targets = List.copyOf(listeners);
        submit(() -> targets.forEach(l -> deliver(l, s)));
    }

    synchronized void add(DetectorStateListener l) {
        listeners.add(l);
        DetectorStatus s = current.get();
        submit(() -> deliver(l, s));
    }

    void remove(DetectorStateListener l) {
        listeners.remove(l);
    }

    private void submit(Runnable r) {
        try {
            events.execute(r);
        } catch (RejectedExecutionException e) {
            // closed: nobody listens any more
        }
    }

    private static void deliver(DetectorStateListener l, DetectorStatus s) {
        try {
            l.stateChanged(s);
        } catch (RuntimeException e) {
            LOG.warn("state listener {} failed on {}", l, s, e);
        }
    }

    /** Delivers what is queued (the final OFF), then stops the event thread. */
    void close() {
        events.shutdown();
        try {
            events.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
