package org.hutch.receiver.live;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.hutch.stream.Frame;

/**
 * Holds the latest frame only: ingest swaps it in, readers take whatever is there. Never blocks
 * and never queues, so a slow viewer cannot slow the receiver.
 */
public final class LastFrameSlot {
    private final AtomicReference<LastFrame> slot = new AtomicReference<>();
    private final AtomicLong seq = new AtomicLong();

    public void put(Frame frame, long seriesId) {
        slot.set(new LastFrame(frame, seriesId, seq.incrementAndGet()));
    }

    /** The latest frame, or null before the first one. */
    public LastFrame get() {
        return slot.get();
    }
}
