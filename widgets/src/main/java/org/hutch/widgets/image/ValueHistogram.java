package org.hutch.widgets.image;

import java.util.Arrays;

/**
 * Histogram of pixel values with logarithmic bins taken from the float bit pattern (sign, exponent
 * and the top 8 mantissa bits): one pass, no sort, no need to know the range first, and a relative
 * bin width below 0.4 %. Integers of magnitude below 512 each get a bin of their own, so percentiles
 * of counting-detector data are exact. Not thread-safe.
 */
public final class ValueHistogram {

    private static final int SHIFT = 15;
    static final int BINS = 1 << (32 - SHIFT);
    private static final int HALF = BINS / 2;

    private final int[] counts = new int[BINS]; // int: half the cache footprint of long; frames stay far below 2^31 pixels
    private long total;
    private int firstKey = BINS;
    private int lastKey = -1;

    public void clear() {
        Arrays.fill(counts, 0);
        total = 0;
        firstKey = BINS;
        lastKey = -1;
    }

    /** Adds {@code values[0..n)}, skipping NaN and -infinity (invalid pixels) and, when {@code mask} is given, entries with {@code mask[maskOffset + i]}. */
    public void add(float[] values, int n, boolean[] mask, int maskOffset) {
        int[] c = counts;
        int added = 0;
        if (mask == null) {
            for (int i = 0; i < n; i++) {
                float v = values[i];
                if (v > Float.NEGATIVE_INFINITY) { // false for NaN and the invalid marker -inf
                    c[key(v)]++;
                    added++;
                }
            }
        } else {
            for (int i = 0; i < n; i++) {
                float v = values[i];
                if (v > Float.NEGATIVE_INFINITY && !mask[maskOffset + i]) {
                    c[key(v)]++;
                    added++;
                }
            }
        }
        total += added;
        firstKey = -1; // range is found lazily, see range()
    }

    /** Adds all counts of {@code other}. */
    public void addAll(ValueHistogram other) {
        if (other.total == 0) {
            return;
        }
        int[] c = counts;
        int[] o = other.counts;
        for (int k = 0; k < BINS; k++) {
            c[k] += o[k];
        }
        total += other.total;
        firstKey = -1;
    }

    /** Adds one value (NaN is skipped). */
    public void add(float v) {
        add(new float[] {v}, 1, null, 0);
    }

    private void range() {
        if (firstKey != -1) {
            return;
        }
        firstKey = BINS;
        lastKey = -1;
        for (int k = 0; k < BINS; k++) {
            if (counts[k] != 0) {
                firstKey = Math.min(firstKey, k);
                lastKey = k;
            }
        }
    }

    static int key(float v) {
        int hi = Float.floatToRawIntBits(v) >>> SHIFT;
        return hi < HALF ? hi + HALF : BINS - 1 - hi;
    }

    /** Smallest value of the bin (largest magnitude for negative bins is not needed for contrast). */
    static float binValue(int key) {
        if (key >= HALF) {
            return Float.intBitsToFloat((key - HALF) << SHIFT);
        }
        return Float.intBitsToFloat((BINS - 1 - key) << SHIFT);
    }

    /** Number of values added. */
    public long count() {
        return total;
    }

    /** Smallest value added, to the bin's precision (exact for integers below 512), NaN when empty. */
    public double min() {
        range();
        return total == 0 ? Double.NaN : binValue(firstKey);
    }

    /** Largest value added, to the bin's precision (exact for integers below 512), NaN when empty. */
    public double max() {
        range();
        return total == 0 ? Double.NaN : binValue(lastKey);
    }

    /** Smallest positive value added, to the bin's precision, NaN when none. */
    public double minPositive() {
        for (int k = BINS / 2 + 1; k < BINS; k++) { // key HALF is +0.0
            if (counts[k] != 0) {
                return binValue(k);
            }
        }
        return Double.NaN;
    }

    /**
     * The value at percentile {@code p} (0..100): the element of rank floor(p/100 * (count-1)) in
     * sorted order, to the bin's precision (exact for integers below 512).
     * NaN when the histogram is empty.
     */
    public double percentile(double p) {
        if (total == 0) {
            return Double.NaN;
        }
        if (p <= 0) {
            return min();
        }
        if (p >= 100) {
            return max();
        }
        long rank = (long) Math.floor(p / 100.0 * (total - 1));
        long cumulative = 0;
        for (int k = 0; k < BINS; k++) {
            cumulative += counts[k];
            if (cumulative > rank) {
                return binValue(k);
            }
        }
        return max();
    }

    /**
     * Counts re-binned into {@code n} equal bins between {@code lo} and {@code hi} on the given scale
     * (for drawing); values outside the range go to the end bins.
     */
    public long[] rebin(double lo, double hi, int n, Scale scale) {
        long[] out = new long[n];
        if (total == 0 || !(hi > lo)) {
            return out;
        }
        double low = scale.effectiveLow(lo, hi, minPositive());
        for (int k = 0; k < BINS; k++) {
            long c = counts[k];
            if (c == 0) {
                continue;
            }
            double v = binValue(k);
            int b = (int) (scale.position(v, low, hi) * (n - 1) + 0.5);
            out[b] += c;
        }
        return out;
    }
}
