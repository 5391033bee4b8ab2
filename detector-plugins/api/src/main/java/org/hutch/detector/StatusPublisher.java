package org.hutch.detector;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.hutch.model.concurrent.NamedThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds a detector's current status and tells its {@link DetectorStateListener}s about each status published,
 * in order, on one named daemon thread of its own. Listeners therefore never run on the thread that publishes
 * (a hardware poller, a control call, a socket thread) and can never block it; one that throws is logged and
 * the others are still told.
 *
 * <p>A listener added is told the current status first, then every status published after it. The current status
 * and the listeners to tell are taken together under one lock, so each listener sees statuses in the order they
 * were published, exactly once.
 *
 * <p>{@link #close()} delivers what is queued (typically the final {@link DetectorState#OFF}) and stops the
 * thread; later statuses still become {@link #current()} but nobody is told.
 */
public final class StatusPublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StatusPublisher.class);
    private static final long CLOSE_WAIT_S = 2;

    private final String threadName;
    private final ExecutorService events;
    private final List<DetectorStateListener> listeners = new CopyOnWriteArrayList<>();
    private volatile DetectorStatus current;
    private volatile Thread deliveryThread;

    /**
     * @param threadName the name of the delivery thread, one per detector (for example
     *                   {@code eiger-state-events-<host:port>})
     * @param initial    the status before anything is published (for example UNKNOWN "connecting")
     */
    public StatusPublisher(String threadName, DetectorStatus initial) {
        this.threadName = Objects.requireNonNull(threadName, "threadName");
        this.current = Objects.requireNonNull(initial, "initial");
        this.events = Executors.newSingleThreadExecutor(task -> {
            Thread t = NamedThreadFactory.thread(threadName, task);
            deliveryThread = t; // so that close() called by a listener does not wait for itself
            return t;
        });
    }

    /** The status last published (or the initial one). Non-blocking. */
    public DetectorStatus current() {
        return current;
    }

    /** Makes this the current status and queues it for every listener, even when it repeats the current one. */
    public synchronized void publish(DetectorStatus status) {
        current = Objects.requireNonNull(status, "status");
        deliver(List.copyOf(listeners), status);
    }

    /**
     * Publishes this status only when its state or message differs from the current one (the time alone does not
     * count), for detectors that poll and would otherwise repeat the same status on every poll.
     *
     * @return true when it was published
     */
    public synchronized boolean publishIfChanged(DetectorStatus status) {
        DetectorStatus before = current;
        if (before.state() == status.state() && before.message().equals(status.message())) {
            return false;
        }
        publish(status);
        return true;
    }

    /** Adds a listener; it is told the current status first, then every later one. Non-blocking. */
    public synchronized void addListener(DetectorStateListener listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        deliver(List.of(listener), current);
    }

    /** Removes a listener; statuses already queued for it may still reach it. Non-blocking. */
    public void removeListener(DetectorStateListener listener) {
        listeners.remove(listener);
    }

    private void deliver(List<DetectorStateListener> targets, DetectorStatus status) {
        if (targets.isEmpty()) {
            return;
        }
        try {
            events.execute(() -> {
                for (DetectorStateListener l : targets) {
                    try {
                        l.stateChanged(status);
                    } catch (RuntimeException e) {
                        LOG.warn("{}: state listener {} failed on {}", threadName, l, status, e);
                    }
                }
            });
        } catch (RejectedExecutionException closed) {
            // closed: nobody is told any more
        }
    }

    /**
     * Delivers what is queued (waiting up to 2 s for it), then stops the delivery thread. Idempotent. Called by a
     * listener on the delivery thread itself, it does not wait.
     */
    @Override
    public void close() {
        events.shutdown();
        if (Thread.currentThread() == deliveryThread) {
            return;
        }
        try {
            if (!events.awaitTermination(CLOSE_WAIT_S, TimeUnit.SECONDS)) {
                LOG.warn("{}: a state listener is still busy {} s after close", threadName, CLOSE_WAIT_S);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
