package org.hutch.receiver.live;

import java.util.concurrent.atomic.AtomicLong;
import org.hutch.stream.BlobOwner;
import org.hutch.stream.Frame;

/**
 * Holds the latest frame only: ingest swaps it in, readers take whatever is there. Never queues, so a
 * slow viewer cannot slow the receiver. A frame in pooled memory is held (retained) while it is the
 * latest and given back when the next one replaces it; readers never see pooled memory: the first read
 * of a frame copies it to the heap (at most once per frame, at the viewers' rate, not the detector's).
 * The swap and that copy share a short lock, so a put waits at most one frame copy.
 */
public final class LastFrameSlot {
    private final AtomicLong seq = new AtomicLong();
    private final Object lock = new Object();
    /** the latest frame as it arrived (its blob may be pooled) */
    private LastFrame current;
    /** {@link #current} with its blob on the heap, once a reader asked for it */
    private LastFrame readable;

    public void put(Frame frame, long seriesId) {
        frame.owner().retain();
        LastFrame old;
        synchronized (lock) {
            old = current;
            current = new LastFrame(frame, seriesId, seq.incrementAndGet());
            readable = frame.owner() == BlobOwner.NONE ? current : null;
        }
        if (old != null) {
            // no reader can reach it any more: a reader copies only under the lock
            old.frame().owner().release();
        }
    }

    /** The latest frame (its blob on the heap), or null before the first one. */
    public LastFrame get() {
        synchronized (lock) {
            if (readable == null && current != null) {
                readable = new LastFrame(current.frame().onHeap(), current.seriesId(), current.seq());
            }
            return readable;
        }
    }
}
