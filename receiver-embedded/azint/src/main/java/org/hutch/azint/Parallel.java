package org.hutch.azint;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The worker pool of the integration (one thread per core, named {@code azint-worker-N}) and a
 * helper that runs a range of rows in a fixed number of blocks, so results are reproducible.
 */
public final class Parallel {
    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final ForkJoinPool POOL = new ForkJoinPool(Runtime.getRuntime().availableProcessors(), pool -> {
        ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
        t.setName("azint-worker-" + COUNT.incrementAndGet());
        t.setDaemon(true);
        return t;
    }, null, false);

    private Parallel() {
    }

    /** Work on the rows [start, end) of one block. */
    @FunctionalInterface
    public interface Block {
        void run(int block, int start, int end);
    }

    /** Number of threads of the pool. */
    public static int threads() {
        return POOL.getParallelism();
    }

    /** Block boundaries splitting n items into `blocks` nearly equal parts. */
    public static int[] bounds(int n, int blocks) {
        int[] b = new int[blocks + 1];
        for (int i = 0; i <= blocks; i++) {
            b[i] = (int) ((long) n * i / blocks);
        }
        return b;
    }

    /** Runs every block on the pool and waits; rethrows the first failure unchecked. */
    public static void run(int[] bounds, Block block) {
        List<Callable<Void>> tasks = new ArrayList<>(bounds.length - 1);
        for (int i = 0; i < bounds.length - 1; i++) {
            int k = i;
            tasks.add(() -> {
                block.run(k, bounds[k], bounds[k + 1]);
                return null;
            });
        }
        if ((Thread.currentThread() instanceof ForkJoinWorkerThread w && w.getPool() == POOL) || tasks.size() == 1) {
            // already on a worker (nested) or nothing to share: run here rather than wait on ourselves
            for (Callable<Void> t : tasks) {
                call(t);
            }
            return;
        }
        for (Future<Void> f : POOL.invokeAll(tasks)) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof RuntimeException r) throw r;
                if (c instanceof Error err) throw err;
                throw new IllegalStateException(c);
            }
        }
    }

    private static void call(Callable<Void> t) {
        try {
            t.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
