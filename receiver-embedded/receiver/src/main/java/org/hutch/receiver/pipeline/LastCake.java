package org.hutch.receiver.pipeline;

import java.util.concurrent.atomic.AtomicReference;
import org.hutch.receiver.pipeline.AzintPipeline.IntegratedFrame;
import org.hutch.receiver.pipeline.AzintPipeline.SeriesInfo;

/**
 * The newest integrated frame that has a cake, for {@code GET /api/v1/pipeline/cake/last}: a swap, so the
 * writer thread never waits for a reader. It holds that frame's {@link Cake} (its array is not reused while
 * held) and lets the one before go. A new series clears it.
 */
public final class LastCake implements AzintPipeline.Listener {
    private final AtomicReference<IntegratedFrame> last = new AtomicReference<>();

    @Override
    public void seriesStarted(SeriesInfo series) {
        replace(null);
    }

    @Override
    public void integrated(IntegratedFrame f) {
        if (f.cake() != null) {
            f.cake().retain();
            replace(f);
        }
    }

    @Override
    public void close() {
        replace(null);
    }

    private void replace(IntegratedFrame f) {
        IntegratedFrame old = last.getAndSet(f);
        if (old != null) {
            old.cake().release();
        }
    }

    /**
     * The newest frame with a cake, its cake held for the caller, who {@link Cake#release() releases} it when
     * done with it; or null.
     */
    public IntegratedFrame hold() {
        while (true) {
            IntegratedFrame f = last.get();
            if (f == null) {
                return null;
            }
            if (f.cake().tryRetain()) {
                return f;
            }
            // it was replaced and given back between the two reads: the newer one is there now
        }
    }
}
