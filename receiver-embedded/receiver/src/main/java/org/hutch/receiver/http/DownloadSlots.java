package org.hutch.receiver.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A cap on large bodies sent at once (frames, curves). A client that asks and never reads holds a pool
 * thread in a blocking write until the idle timeout; with the cap, such clients can take at most
 * {@code max} threads, and status and control always answer. Past the cap: 503 with Retry-After.
 */
final class DownloadSlots {
    private final Semaphore slots;
    private final AtomicLong refused = new AtomicLong();

    DownloadSlots(int max) {
        slots = new Semaphore(max);
    }

    /** The handler, run only when a slot is free. */
    Handler limit(Handler h) {
        return ctx -> {
            if (!slots.tryAcquire()) {
                refused.incrementAndGet();
                busy(ctx);
                return;
            }
            try {
                h.handle(ctx);
            } finally {
                slots.release();
            }
        };
    }

    long refused() {
        return refused.get();
    }

    private static void busy(Context ctx) {
        ctx.header("Retry-After", "1");
        ApiServer.error(ctx, 503, "too many frame downloads at once: try again in a second");
    }
}
