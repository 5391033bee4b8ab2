package org.hutch.receiver.pipeline;

import java.util.concurrent.atomic.AtomicReference;
import org.hutch.receiver.pipeline.AzintPipeline.IntegratedFrame;
import org.hutch.receiver.pipeline.AzintPipeline.SeriesInfo;

/**
 * The newest integrated frame that has a cake, for {@code GET /api/v1/pipeline/cake/last}: a swap, so the
 * writer thread never waits for a reader. A new series clears it.
 */
public final class LastCake implements AzintPipeline.Listener {
    private final AtomicReference<IntegratedFrame> last = new AtomicReference<>();

    @Override
    public void seriesStarted(SeriesInfo series) {
        last.set(null);
    }

    @Override
    public void integrated(IntegratedFrame f) {
        if (f.cake() != null) {
            last.set(f);
        }
    }

    /** The newest frame with a cake, or null. */
    public IntegratedFrame get() {
        return last.get();
    }
}
