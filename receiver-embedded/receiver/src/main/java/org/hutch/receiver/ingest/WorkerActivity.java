package org.hutch.receiver.ingest;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * When each worker last found its socket empty. The collector uses it to know that every message
 * received before some moment has been handed over (all workers went idle after it).
 */
public final class WorkerActivity {
    private final AtomicLongArray idleAt;

    public WorkerActivity(int workers) {
        idleAt = new AtomicLongArray(workers);
        for (int i = 0; i < workers; i++) {
            idleAt.set(i, Long.MIN_VALUE);
        }
    }

    void idle(int worker, long nanos) {
        idleAt.set(worker, nanos);
    }

    /** True when every worker has found its socket empty after {@code nanos}. */
    public boolean allIdleSince(long nanos) {
        for (int i = 0; i < idleAt.length(); i++) {
            if (idleAt.get(i) - nanos < 0) {
                return false;
            }
        }
        return true;
    }
}
