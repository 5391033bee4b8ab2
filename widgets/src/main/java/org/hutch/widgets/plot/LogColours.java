package org.hutch.widgets.plot;

import org.hutch.widgets.image.Colormap;
import org.hutch.widgets.image.ValueHistogram;

/**
 * Colours of log intensities for the waterfall and the cake: viridis between the 1st and 99.9th
 * percentile of the values shown; NaN (no positive intensity) dark grey, and a distinct colour for
 * rows of frames that are missing altogether.
 */
final class LogColours {
    /** where the intensity is not positive (log undefined) */
    static final int NO_VALUE = 0xFF202020;
    /** a frame the pipeline skipped (or that never reached the app): a dark red row */
    static final int MISSING = 0xFF8B1A1A;

    private LogColours() {
    }

    /** log10 of v, NaN where v is not positive. */
    static float log(double v) {
        return v > 0 ? (float) Math.log10(v) : Float.NaN;
    }

    /** ARGB for {@code logs}; a value of {@link Float#NEGATIVE_INFINITY} is {@link #MISSING}. */
    static int[] argb(float[] logs) {
        ValueHistogram histogram = new ValueHistogram();
        float[] finite = new float[logs.length];
        int n = 0;
        for (float v : logs) {
            if (!Float.isNaN(v) && !Float.isInfinite(v)) {
                finite[n++] = v;
            }
        }
        histogram.add(finite, n, null, 0);
        double lo = histogram.count() == 0 ? 0 : histogram.percentile(1);
        double hi = histogram.count() == 0 ? 1 : histogram.percentile(99.9);
        if (!(hi > lo)) {
            hi = lo + 1;
        }
        int[] out = new int[logs.length];
        for (int i = 0; i < out.length; i++) {
            float v = logs[i];
            out[i] = v == Float.NEGATIVE_INFINITY ? MISSING
                    : Float.isNaN(v) ? NO_VALUE : Colormap.VIRIDIS.colorAt((v - lo) / (hi - lo), false);
        }
        return out;
    }
}
