package org.hutch.receiver;

import java.util.concurrent.atomic.AtomicBoolean;
import org.hutch.model.concurrent.NamedThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the receiver's long-lived threads: one that ends by an exception, or returns before the
 * receiver stops, is reported to the state, which then says so in {@code /status},
 * {@code /api/v1/status} ({@code dead_threads}) and {@code /metrics} until the receiver is restarted.
 * Input must never kill a thread; this is the net for what slipped through.
 */
public final class ThreadHealth {
    private static final Logger LOG = LoggerFactory.getLogger(ThreadHealth.class);

    private final ReceiverState state;
    private final AtomicBoolean stopping = new AtomicBoolean();

    public ThreadHealth(ReceiverState state) {
        this.state = state;
    }

    /** Makes (does not start) a non-daemon thread running {@code task}, watched. */
    public Thread thread(String name, Runnable task) {
        return NamedThreadFactory.thread(name, () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                died(name, e);
                return;
            }
            if (!stopping.get()) {
                died(name, null);
            }
        }, false);
    }

    /** Starts a watched thread (non-daemon). */
    public Thread start(String name, Runnable task) {
        Thread t = thread(name, task);
        t.start();
        return t;
    }

    /** Watches a thread made elsewhere: an exception that ends it is reported. */
    public void watch(Thread t) {
        t.setUncaughtExceptionHandler((th, e) -> died(th.getName(), e));
    }

    /** The receiver is stopping: threads that end now are not dead. */
    public void stopping() {
        stopping.set(true);
    }

    private void died(String name, Throwable cause) {
        if (stopping.get() && cause == null) {
            return;
        }
        String why = cause == null ? "ended unexpectedly" : String.valueOf(cause);
        LOG.error("receiver thread {} died: {}", name, why, cause);
        state.threadDied(name, why);
    }
}
