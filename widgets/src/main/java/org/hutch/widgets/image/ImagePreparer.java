package org.hutch.widgets.image;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.hutch.model.concurrent.NamedThreadFactory;
import org.hutch.model.pixels.BlockReduction;

/**
 * Turns a frame into screen pixels, off the FX thread: reads the region row by row as floats
 * (marking invalid pixels), reduces blocks to the output size by max, mean or sum, finds the contrast
 * limits (percentiles from a one-pass {@link ValueHistogram}, cached per frame), applies the scale
 * and the colour map into a premultiplied ARGB array.
 * <p>
 * The work is split into horizontal bands done in parallel: the calling thread takes the first,
 * helper threads ("hutch-image-prepare-helper") the others. Work buffers are kept between calls so
 * that steady operation allocates nothing per frame except what the caller passes in.
 * Not thread-safe: one instance per preparation thread; {@link #close()} stops the helpers.
 */
public final class ImagePreparer implements AutoCloseable {

    /** Largest output width or height. */
    public static final int MAX_OUTPUT_SIDE = 8192;

    /** Bins of the display histogram in {@link PreparedImage#histogram()}. */
    public static final int DISPLAY_BINS = 256;

    private static final byte VALID = 0;
    private static final byte INVALID = 1;
    private static final byte MASKED = 2;
    /** Marker of an invalid (or masked) pixel in the float row buffers: loses every max, see {@link #readRow}. */
    static final float INVALID_VALUE = Float.NEGATIVE_INFINITY;

    private final ValueHistogram histogram = new ValueHistogram();
    private ImageFrame histogramFrame;
    private ImageMask histogramMask;

    private final Band[] bands;
    private final ExecutorService helpers;
    /** Output column j covers region columns [colStart[j], colEnd[j]). */
    private int[] colStart = new int[0];
    private int[] colEnd = new int[0];
    private float[] reduced = new float[0];
    private byte[] status = new byte[0];

    /** A preparer using up to two threads (the caller and one helper) on multi-core machines. */
    public ImagePreparer() {
        this(Math.min(2, Runtime.getRuntime().availableProcessors()));
    }

    /** @param threads threads working on one image, the caller included (1 = no helpers) */
    public ImagePreparer(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        bands = new Band[threads];
        for (int i = 0; i < threads; i++) {
            bands[i] = new Band();
        }
        helpers = threads == 1 ? null : NamedThreadFactory.fixedPool("hutch-image-prepare-helper", threads - 1);
    }

    @Override
    public void close() {
        if (helpers != null) {
            helpers.shutdownNow();
        }
    }

    /**
     * Prepares {@code region} of {@code frame} at {@code outWidth} x {@code outHeight} (at most
     * {@link #MAX_OUTPUT_SIDE}) into {@code target} (allocated when null or too small). Smaller than
     * the region reduces blocks; larger repeats pixels (nearest neighbour).
     *
     * @param mask null, or a mask of the frame's shape (a mask of another shape is ignored)
     */
    public PreparedImage prepare(ImageFrame frame, ImageMask mask, RenderSettings settings, ImageRegion region,
                                 int outWidth, int outHeight, int[] target) {
        if (!region.fitsIn(frame)) {
            throw new IllegalArgumentException("region " + region + " lies outside the " + frame.rows() + "x" + frame.cols() + " frame");
        }
        ImageMask m = mask != null && mask.fits(frame) ? mask : null;
        // Larger than the region (zoomed in) replicates pixels here, so they stay sharp squares
        // whatever the rendering pipeline does with ImageView smoothing.
        int w = Math.max(1, Math.min(outWidth, MAX_OUTPUT_SIDE));
        int h = Math.max(1, Math.min(outHeight, MAX_OUTPUT_SIDE));
        int n = w * h;
        int[] out = target != null && target.length >= n ? target : new int[n];
        if (colStart.length < w) {
            colStart = new int[w];
            colEnd = new int[w];
        }
        if (reduced.length < n) {
            reduced = new float[n];
            status = new byte[n];
        }
        for (int j = 0; j < w; j++) {
            colStart[j] = blockStart(j, region.cols(), w);
            colEnd[j] = blockEnd(j, region.cols(), w);
        }

        boolean newHistogram = frame != histogramFrame || m != histogramMask;
        // the histogram rides along with the reduction when that reads every row exactly once
        boolean fused = newHistogram && region.equals(ImageRegion.whole(frame)) && h <= region.rows();
        if (newHistogram) {
            for (Band b : bands) {
                b.histogram.clear(); // bands left idle by a small job must not contribute stale counts
            }
        }
        if (newHistogram && !fused) {
            inBands(frame.rows(), (band, r0, r1) -> band.addRows(frame, m, r0, r1));
        }
        ImageMask drawMask = settings.maskOverlay() ? m : null;
        inBands(h, (band, i0, i1) -> band.reduce(frame, drawMask, fused ? m : null, fused, settings.reduction(), region, w, h, i0, i1));
        if (newHistogram) {
            histogram.clear();
            for (Band b : bands) {
                histogram.addAll(b.histogram);
            }
        }
        histogramFrame = frame;
        histogramMask = m;

        double[] limits = limits(settings);
        double lo = settings.scale().effectiveLow(limits[0], limits[1], histogram.minPositive());
        double hi = limits[1];
        inBands(h, (band, i0, i1) -> colour(settings, lo, hi, i0 * w, i1 * w, out));
        // The display histogram spans the data but not far beyond the limits: a few hot pixels
        // would otherwise squeeze everything of interest into the first bins.
        double dataMin = histogram.min();
        double dataMax = histogram.max();
        double histLo = Math.min(dataMin, lo);
        double histHi = Math.max(Math.min(dataMax, hi + (hi - lo) * 0.5), hi);
        long[] display = histogram.count() == 0 ? null : histogram.rebin(histLo, histHi, DISPLAY_BINS, settings.scale());
        return new PreparedImage(frame, region, w, h, out, settings, lo, hi, display, histLo, histHi, dataMin, dataMax);
    }

    /** First source index of output block {@code i} when {@code n} source pixels make {@code out} output pixels. */
    static int blockStart(int i, int n, int out) {
        return (int) ((long) i * n / out);
    }

    /** End (exclusive) of output block {@code i}: at least one source pixel, so enlarging repeats pixels. */
    static int blockEnd(int i, int n, int out) {
        return Math.max(blockStart(i, n, out) + 1, (int) ((long) (i + 1) * n / out));
    }

    /** The histogram of the last prepared frame (valid, unmasked pixels). */
    public ValueHistogram histogram() {
        return histogram;
    }

    /** Work on rows [start, end) of something, by one band. */
    private interface BandTask {
        void run(Band band, int start, int end);
    }

    /** Splits [0, count) into one slice per band, runs the first here and the others on the helpers. */
    private void inBands(int count, BandTask task) {
        int k = Math.min(bands.length, Math.max(1, count / 64)); // small jobs are not worth a hand-over
        if (k == 1) {
            task.run(bands[0], 0, count);
            return;
        }
        List<Future<?>> others = new ArrayList<>(k - 1);
        for (int b = 1; b < k; b++) {
            Band band = bands[b];
            int start = (int) ((long) b * count / k);
            int end = (int) ((long) (b + 1) * count / k);
            others.add(helpers.submit(() -> task.run(band, start, end)));
        }
        task.run(bands[0], 0, (int) ((long) count / k));
        for (Future<?> f : others) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while preparing an image", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
            }
        }
    }

    private double[] limits(RenderSettings s) {
        double lo;
        double hi;
        switch (s.contrastMode()) {
            case MANUAL:
                lo = s.manualLow();
                hi = s.manualHigh();
                break;
            case MIN_MAX:
                lo = histogram.min();
                hi = histogram.max();
                break;
            default:
                lo = histogram.percentile(s.percentileLow());
                hi = histogram.percentile(s.percentileHigh());
        }
        if (Double.isNaN(lo) || Double.isNaN(hi)) { // no valid pixel at all
            lo = 0;
            hi = 1;
        }
        if (!(hi > lo)) {
            hi = lo + Math.max(1, Math.abs(lo) * 1e-6);
        }
        return new double[] {lo, hi};
    }

    /** One band's buffers and histogram share. */
    private final class Band {
        final ValueHistogram histogram = new ValueHistogram();
        float[] row = new float[0];
        float[] colAcc = new float[0];
        int[] colCount = new int[0];
        boolean[] colMasked = new boolean[0];

        void ensure(int regionCols) {
            if (row.length < regionCols) {
                row = new float[regionCols];
                colAcc = new float[regionCols];
                colCount = new int[regionCols];
                colMasked = new boolean[regionCols];
            }
        }

        /** Histogram of whole rows [r0, r1). */
        void addRows(ImageFrame frame, ImageMask mask, int r0, int r1) {
            int cols = frame.cols();
            ensure(cols);
            boolean[] m = mask == null ? null : mask.masked();
            for (int r = r0; r < r1; r++) {
                readRow(frame, r * cols, cols, row);
                histogram.add(row, cols, m, r * cols);
            }
        }

        /** Output rows [i0, i1) of a w x h reduction of the region. */
        void reduce(ImageFrame frame, ImageMask drawMask, ImageMask histMask, boolean addToHistogram,
                    BlockReduction reduction, ImageRegion region, int w, int h, int i0, int i1) {
            int cols = frame.cols();
            int regionCols = region.cols();
            int regionRows = region.rows();
            ensure(regionCols);
            boolean[] dm = drawMask == null ? null : drawMask.masked();
            boolean[] hm = histMask == null ? null : histMask.masked();
            boolean max = reduction == BlockReduction.MAX;
            boolean sum = reduction == BlockReduction.SUM;
            for (int i = i0; i < i1; i++) {
                int r0 = region.row0() + blockStart(i, regionRows, h);
                int r1 = region.row0() + blockEnd(i, regionRows, h);
                // First combine the block's rows column by column (a branch-free loop over contiguous
                // memory), then the columns of each block: much faster than block by block on noisy data.
                Arrays.fill(colAcc, 0, regionCols, max ? INVALID_VALUE : 0f);
                if (!max) {
                    Arrays.fill(colCount, 0, regionCols, 0);
                }
                if (dm != null) {
                    Arrays.fill(colMasked, 0, regionCols, false);
                }
                for (int r = r0; r < r1; r++) {
                    int offset = r * cols + region.col0();
                    readRow(frame, offset, regionCols, row);
                    if (addToHistogram) {
                        histogram.add(row, regionCols, hm, offset);
                    }
                    if (dm != null) {
                        applyMask(dm, offset, regionCols);
                    }
                    if (max) {
                        maxIntoColumns(regionCols);
                    } else {
                        sumIntoColumns(regionCols);
                    }
                }
                combineColumns(i * w, w, max, sum, dm != null);
            }
        }

        private void applyMask(boolean[] mask, int offset, int n) {
            for (int c = 0; c < n; c++) {
                if (mask[offset + c]) {
                    row[c] = INVALID_VALUE;
                    colMasked[c] = true;
                }
            }
        }

        private void maxIntoColumns(int n) {
            float[] rw = row;
            float[] a = colAcc;
            for (int c = 0; c < n; c++) {
                a[c] = Math.max(a[c], rw[c]); // invalid pixels are -inf and never win
            }
        }

        private void sumIntoColumns(int n) {
            float[] rw = row;
            float[] a = colAcc;
            int[] k = colCount;
            for (int c = 0; c < n; c++) {
                float v = rw[c];
                if (v != INVALID_VALUE) {
                    a[c] += v;
                    k[c]++;
                }
            }
        }

        /** Max, or the sum or mean of the valid pixels, of each output column's block. */
        private void combineColumns(int base, int w, boolean max, boolean sumOnly, boolean masked) {
            for (int j = 0; j < w; j++) {
                int c0 = colStart[j];
                int c1 = colEnd[j];
                float value;
                if (max) {
                    // Compare as order-preserving ints: a branch-free int max, where a float max over
                    // a few noisy values costs a branch misprediction each.
                    int m = orderKey(INVALID_VALUE);
                    for (int c = c0; c < c1; c++) {
                        m = Math.max(m, orderKey(colAcc[c]));
                    }
                    value = fromOrderKey(m);
                } else {
                    float sum = 0;
                    int k = 0;
                    for (int c = c0; c < c1; c++) {
                        sum += colAcc[c];
                        k += colCount[c];
                    }
                    value = k > 0 ? (sumOnly ? sum : sum / k) : INVALID_VALUE;
                }
                reduced[base + j] = value;
                if (value != INVALID_VALUE) {
                    status[base + j] = VALID;
                } else {
                    boolean anyMasked = false;
                    for (int c = c0; masked && c < c1; c++) {
                        anyMasked |= colMasked[c];
                    }
                    status[base + j] = anyMasked ? MASKED : INVALID; // no valid pixel: invalid unless masked
                }
            }
        }
    }

    private void colour(RenderSettings s, double lo, double hi, int from, int to, int[] out) {
        int[] lut = s.colormap().lut(s.reversed());
        int invalid = premultiply(s.invalidArgb());
        int masked = premultiply(s.maskArgb());
        float[] v = reduced;
        byte[] st = status;
        int top = Colormap.SIZE - 1;
        switch (s.scale()) {
            case LOG: {
                double l0 = FastLog2.log2(lo);
                float k = (float) (Colormap.SIZE / (FastLog2.log2(hi) - l0));
                float f0 = (float) l0;
                for (int i = from; i < to; i++) {
                    int idx = v[i] > 0 ? (int) ((FastLog2.log2(v[i]) - f0) * k) : 0;
                    out[i] = st[i] == VALID ? lut[idx < 0 ? 0 : idx > top ? top : idx] : st[i] == MASKED ? masked : invalid;
                }
                break;
            }
            case SQRT: {
                float s0 = (float) Math.sqrt(Math.max(lo, 0));
                float k = (float) (Colormap.SIZE / (Math.sqrt(Math.max(hi, 0)) - s0));
                for (int i = from; i < to; i++) {
                    int idx = (int) (((float) Math.sqrt(Math.max(v[i], 0f)) - s0) * k);
                    out[i] = st[i] == VALID ? lut[idx < 0 ? 0 : idx > top ? top : idx] : st[i] == MASKED ? masked : invalid;
                }
                break;
            }
            default: {
                float l0 = (float) lo;
                float k = (float) (Colormap.SIZE / (hi - lo));
                for (int i = from; i < to; i++) {
                    int idx = (int) ((v[i] - l0) * k);
                    out[i] = st[i] == VALID ? lut[idx < 0 ? 0 : idx > top ? top : idx] : st[i] == MASKED ? masked : invalid;
                }
            }
        }
    }

    /** An int whose order matches the float order for non-NaN floats (sign-magnitude to two's complement). */
    static int orderKey(float v) {
        int bits = Float.floatToRawIntBits(v);
        return bits ^ ((bits >> 31) & 0x7FFFFFFF);
    }

    static float fromOrderKey(int key) {
        return Float.intBitsToFloat(key ^ ((key >> 31) & 0x7FFFFFFF));
    }

    static int premultiply(int argb) {
        int a = argb >>> 24;
        if (a == 255) {
            return argb;
        }
        int r = ((argb >> 16) & 0xFF) * a / 255;
        int g = ((argb >> 8) & 0xFF) * a / 255;
        int b = (argb & 0xFF) * a / 255;
        return (a << 24) | (r << 16) | (g << 8) | b;
    }

    /** Reads {@code n} pixels from {@code offset} as floats; invalid pixels become {@link #INVALID_VALUE} (see {@link ImageFrame}). */
    static void readRow(ImageFrame frame, int offset, int n, float[] out) {
        switch (frame.type()) {
            case UINT8: {
                byte[] d = (byte[]) frame.data();
                for (int k = 0; k < n; k++) {
                    int x = d[offset + k] & 0xFF;
                    out[k] = x == 0xFF ? INVALID_VALUE : x;
                }
                break;
            }
            case INT8: {
                byte[] d = (byte[]) frame.data();
                for (int k = 0; k < n; k++) {
                    byte x = d[offset + k];
                    out[k] = x < 0 ? INVALID_VALUE : x;
                }
                break;
            }
            case UINT16: {
                short[] d = (short[]) frame.data();
                for (int k = 0; k < n; k++) {
                    int x = d[offset + k] & 0xFFFF;
                    out[k] = x == 0xFFFF ? INVALID_VALUE : x;
                }
                break;
            }
            case INT16: {
                short[] d = (short[]) frame.data();
                for (int k = 0; k < n; k++) {
                    short x = d[offset + k];
                    out[k] = x < 0 ? INVALID_VALUE : x;
                }
                break;
            }
            case UINT32: {
                int[] d = (int[]) frame.data();
                for (int k = 0; k < n; k++) {
                    int x = d[offset + k];
                    out[k] = x == -1 ? INVALID_VALUE : (float) (x & 0xFFFFFFFFL);
                }
                break;
            }
            case INT32: {
                int[] d = (int[]) frame.data();
                for (int k = 0; k < n; k++) {
                    int x = d[offset + k];
                    out[k] = x < 0 ? INVALID_VALUE : x;
                }
                break;
            }
            case UINT64: {
                long[] d = (long[]) frame.data();
                for (int k = 0; k < n; k++) {
                    long x = d[offset + k];
                    out[k] = x == -1L ? INVALID_VALUE : x >= 0 ? (float) x : (float) (x >>> 1) * 2f;
                }
                break;
            }
            case INT64: {
                long[] d = (long[]) frame.data();
                for (int k = 0; k < n; k++) {
                    long x = d[offset + k];
                    out[k] = x < 0 ? INVALID_VALUE : x;
                }
                break;
            }
            case FLOAT32: {
                float[] d = (float[]) frame.data();
                for (int k = 0; k < n; k++) {
                    float x = d[offset + k];
                    out[k] = x - x == 0 ? x : INVALID_VALUE; // NaN and infinities fail x - x == 0
                }
                break;
            }
            case FLOAT64: {
                double[] d = (double[]) frame.data();
                for (int k = 0; k < n; k++) {
                    double x = d[offset + k];
                    out[k] = x - x == 0 ? (float) x : INVALID_VALUE;
                }
                break;
            }
            default:
                throw new AssertionError(frame.type());
        }
        double invalid = frame.invalidValue();
        if (!Double.isNaN(invalid)) {
            float iv = (float) invalid;
            for (int k = 0; k < n; k++) {
                if (out[k] == iv) {
                    out[k] = INVALID_VALUE;
                }
            }
        }
    }
}
