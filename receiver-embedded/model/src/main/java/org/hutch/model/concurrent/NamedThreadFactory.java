package org.hutch.model.concurrent;

import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one way Hutch makes threads: every thread has a name that says what it does (thread dumps,
 * per-thread CPU in /proc), and background threads are daemons unless a caller says otherwise.
 *
 * <p>A factory numbers its threads {@code prefix-1}, {@code prefix-2}, ...; the static helpers
 * give a single thread or executor exactly the name asked for.
 */
public final class NamedThreadFactory implements ThreadFactory {

    private final String prefix;
    private final boolean daemon;
    private final AtomicInteger serial = new AtomicInteger();

    /** Daemon threads named {@code prefix-N}. */
    public NamedThreadFactory(String prefix) {
        this(prefix, true);
    }

    public NamedThreadFactory(String prefix, boolean daemon) {
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.daemon = daemon;
    }

    @Override
    public Thread newThread(Runnable task) {
        return thread(prefix + "-" + serial.incrementAndGet(), task, daemon);
    }

    /** An unstarted daemon thread with exactly this name. */
    public static Thread thread(String name, Runnable task) {
        return thread(name, task, true);
    }

    /** An unstarted thread with exactly this name. */
    public static Thread thread(String name, Runnable task, boolean daemon) {
        Thread t = new Thread(Objects.requireNonNull(task, "task"), Objects.requireNonNull(name, "name"));
        t.setDaemon(daemon);
        return t;
    }

    /** Starts a daemon thread with exactly this name. */
    public static Thread start(String name, Runnable task) {
        Thread t = thread(name, task, true);
        t.start();
        return t;
    }

    /** A single-thread executor whose daemon thread is called exactly {@code name}. */
    public static ExecutorService singleThreadExecutor(String name) {
        return Executors.newSingleThreadExecutor(r -> thread(name, r, true));
    }

    /** A single-thread scheduler whose daemon thread is called exactly {@code name}. */
    public static ScheduledExecutorService singleThreadScheduler(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> thread(name, r, true));
    }

    /** A fixed pool of {@code threads} daemon threads named {@code prefix-N}. */
    public static ExecutorService fixedPool(String prefix, int threads) {
        return Executors.newFixedThreadPool(threads, new NamedThreadFactory(prefix));
    }
}
