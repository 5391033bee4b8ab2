package org.hutch.receiver.live;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.hutch.model.concurrent.NamedThreadFactory;
import org.hutch.model.pixels.BlockReduction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warms {@link LiveView}'s cache while someone is watching: on its own thread, at most every
 * {@code periodMs}, it prepares the newest frame the way viewers asked recently (reduced views band
 * by band; the full-resolution view is decoded as it is sent), so a poller's request usually finds
 * its image ready. It only reads the last-frame slot, never
 * waits on ingest, and idles when nobody asked for a frame in the last seconds (no CPU spent on a
 * view nobody looks at). Requests that find nothing ready still compute on their own thread.
 */
public final class LivePreparer implements Runnable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LivePreparer.class);
    private static final long WATCHED_NANOS = 5_000_000_000L;

    private record Ask(int factor, BlockReduction reduce) {
    }

    private final LiveView view;
    private final long periodNanos;
    private final Map<Ask, Long> asked = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long lastAsk = Long.MIN_VALUE / 2;
    private long preparedSeq = -1;

    public LivePreparer(LiveView view, long periodMs) {
        this.view = view;
        this.periodNanos = periodMs * 1_000_000L;
        this.thread = NamedThreadFactory.thread("hutch-live-prepare", this);
        this.thread.setPriority(Thread.NORM_PRIORITY - 1);
    }

    public LivePreparer start() {
        thread.start();
        return this;
    }

    /** A viewer asked for the latest frame reduced like this. */
    public void asked(int factor, BlockReduction reduce) {
        long now = System.nanoTime();
        lastAsk = now;
        asked.put(new Ask(factor, factor == 1 ? BlockReduction.MAX : reduce), now);
    }

    @Override
    public void run() {
        while (running) {
            LockSupport.parkNanos(periodNanos);
            long now = System.nanoTime();
            if (now - lastAsk > WATCHED_NANOS) {
                continue;
            }
            LastFrame lf = view.latest();
            if (lf == null || lf.seq() == preparedSeq) {
                continue;
            }
            preparedSeq = lf.seq();
            try {
                for (Map.Entry<Ask, Long> e : asked.entrySet()) {
                    if (now - e.getValue() > WATCHED_NANOS) {
                        asked.remove(e.getKey());
                    } else if (e.getKey().factor() > 1) {
                        // reduced views only: the full view is decoded band by band as it is sent
                        view.image(lf, e.getKey().factor(), e.getKey().reduce());
                    }
                }
            } catch (Exception | OutOfMemoryError e) {
                // a frame too large for the memory left fails this preparation, not the thread
                // the request that asks for this frame reports the problem; here it is only noted
                LOG.debug("cannot prepare frame {}: {}", lf.frame().frame(), e.toString());
            }
        }
    }

    /** Its thread, for the receiver's watch. */
    public Thread thread() {
        return thread;
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
    }
}
