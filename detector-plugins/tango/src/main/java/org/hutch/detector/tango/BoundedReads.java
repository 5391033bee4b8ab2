package org.hutch.detector.tango;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.hutch.model.concurrent.NamedThreadFactory;

/**
 * Runs one device's untimed reads ({@link UntimedDeviceProxy}) on one reader thread and frees the caller at the
 * deadline: a read that does not answer in time gives the caller an error at once, while the reader thread stays
 * in the call until the device answers or JacORB's {@code pending_reply_timeout} ends it. Until then every
 * further read is refused at once ("not answering"), so a hung device holds one thread, never one per call. The
 * thread ends after a while idle.
 */
final class BoundedReads {

    /** A read of the device; the Tango errors it throws reach the caller as the cause of an ExecutionException. */
    interface Read<T> {
        T call() throws Exception;
    }

    private final ThreadPoolExecutor reader;
    private final int timeoutMs;
    private volatile FutureTask<?> hung;
    private volatile long hungSinceNanos;

    BoundedReads(String device, int timeoutMs) {
        this.timeoutMs = timeoutMs;
        this.reader = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> NamedThreadFactory.thread("tango-read " + device, r, true));
        reader.allowCoreThreadTimeOut(true);
    }

    /**
     * Runs a read and waits for it up to the device's timeout.
     *
     * @throws TimeoutException          the device did not answer within the timeout, or still has not answered
     *                                   an earlier read (the message says which)
     * @throws ExecutionException        the read failed; the cause is the device's error
     * @throws InterruptedException      the caller was interrupted while waiting
     */
    <T> T run(Read<T> read) throws TimeoutException, ExecutionException, InterruptedException {
        FutureTask<?> stuck = hung;
        if (stuck != null) {
            if (!stuck.isDone()) {
                throw new TimeoutException("not answering: an earlier read has been waiting for "
                        + (System.nanoTime() - hungSinceNanos) / 1_000_000_000L + " s");
            }
            hung = null;
        }
        FutureTask<T> task = new FutureTask<>(read::call);
        try {
            reader.execute(task);
        } catch (RejectedExecutionException e) {
            throw new ExecutionException(e);
        }
        try {
            return task.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            hungSinceNanos = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(timeoutMs);
            hung = task;
            throw new TimeoutException("no answer within " + timeoutMs / 1000.0 + " s (option timeout)");
        }
    }
}
