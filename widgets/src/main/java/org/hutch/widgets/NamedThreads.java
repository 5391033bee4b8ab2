package org.hutch.widgets;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** Named daemon executors for the widgets' background work, so thread dumps say what each thread does. */
public final class NamedThreads {

    private static final AtomicInteger SERIAL = new AtomicInteger();

    private NamedThreads() {
    }

    /** A single daemon thread called {@code name-N}. */
    public static ExecutorService single(String name) {
        String threadName = name + "-" + SERIAL.incrementAndGet();
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }
}
