package org.hutch.azint;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.hutch.model.concurrent.NamedThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Azimuthal integration of frames from one geometry, mask and {@link IntegrationSettings}.
 * Building computes the sparse pixel → bin matrix once, in parallel on the {@code azint-worker}
 * threads; each frame is then one fused pass (read, validity check, correction, weights) that
 * gives the sums, the intensity and the Poisson sigma of every bin.
 *
 * <p>Invalid pixels of a frame (NaN, negative, 0xFFFF/0xFFFFFFFF in unsigned data, see
 * {@link FrameView}) are skipped like masked ones: the bins they fall in are normalised with the
 * weights of the pixels that are valid, and a bin with none is 0 with count 0 — never NaN.
 *
 * <p>{@link #integrate(FrameView, AzintResult)} may be called from any thread, one call at a time
 * per integrator (calls are serialised). To integrate several frames at once, give each thread its
 * own {@link #newLane() lane}: lanes share the matrix and differ only in their accumulators.
 */
public final class Integrator {
    private static final Logger LOG = LoggerFactory.getLogger(Integrator.class);
    private static final ExecutorService SETUP = NamedThreadFactory.singleThreadExecutor("azint-setup");

    private final Geometry geometry;
    private final IntegrationSettings settings;
    private final PixelBinMatrix matrix;
    /** Per-pixel solid angle × polarisation c, or null when neither applies. */
    private final float[] norm;
    /** 1/c per pixel for the mean normalisation (signal x/c, variance x/c²), else null. */
    private final float[] invNorm;
    private final double lo;
    private final double hi;
    private final double[] radial;
    private final double[] azimuth;
    private final long setupNanos;
    private final int[] blocks;
    private final double[][] acc;
    private final double[][] rowBuf;
    /**
     * Accumulator layout per block, per bin: (signal, variance) for even columns, the same for odd
     * columns (two sets, so neighbouring pixels that hit the same bin do not wait on each other's
     * stores; the RUNS layout sums neighbours in registers and uses only the first), then (norm, count)
     * of the frame's invalid pixels, subtracted from the static sums.
     */
    private static final int ACC = 6;
    /**
     * The PAIRS layout's accumulator per block, per bin f: for each of {@link #SETS} column sets the sums of
     * (x, w·x, w²·x) over the pixels whose first bin is f (bin f gets w·x, bin f + 1 gets x − w·x and the
     * variance x − 2w·x + w²·x); then (signal, variance) of the correction entries; then (norm, count) of
     * the frame's invalid pixels. Neighbouring columns go to different sets, so pixels of one bin a few
     * columns apart do not wait on each other's stores: the loop has no branch but the validity check.
     */
    private static final int SETS = 4;
    /**
     * The TRIPLES layout's accumulator per block, per bin f: the sums (x, w0·x, w1·x, w0²·x, w1²·x, w0·w1·x)
     * of the pixels whose first bin is f, two spare, then the corrections and invalid pixels as PAIRS.
     */
    private static final int TRIPLE_SUMS = 8;
    /** Where the corrections' sums (PAIRS, TRIPLES) and the invalid pixels' sums start in an accumulator. */
    private final int directAt;
    private final int badAt;

    private Integrator(Geometry geometry, IntegrationSettings settings, PixelBinMatrix matrix, float[] norm,
                       double lo, double hi, long setupNanos) {
        this.geometry = geometry;
        this.settings = settings;
        this.matrix = matrix;
        this.norm = norm;
        this.invNorm = norm != null && settings.normalization() == Normalization.MEAN ? inverse(norm) : null;
        this.lo = lo;
        this.hi = hi;
        this.setupNanos = setupNanos;
        int nR = settings.radialBins();
        radial = new double[nR];
        double delta = (hi - lo) / nR;
        for (int k = 0; k < nR; k++) {
            radial[k] = lo + (k + 0.5) * delta;
        }
        int nA = settings.azimuthBins();
        azimuth = nA > 0 ? new double[nA] : null;
        for (int a = 0; a < nA; a++) {
            azimuth[a] = -180 + (a + 0.5) * 360.0 / nA;
        }
        // fixed blocks of rows, each with its own accumulator, summed in order: reproducible results
        int nBlocks = Parallel.threads() * (nA > 0 ? 1 : 4);
        blocks = Parallel.bounds(geometry.rows(), Math.min(nBlocks, geometry.rows()));
        // + WIDTH bins of padding: a run that starts in one of the last bins writes zeros past the end
        int padded = matrix.bins + PixelBinMatrix.WIDTH;
        int sums = switch (matrix.layout) {
            case PAIRS -> 3 * SETS;
            case TRIPLES -> TRIPLE_SUMS;
            default -> 0;
        };
        directAt = sums * padded;
        badAt = sums > 0 ? directAt + 2 * padded : 4 * padded;
        acc = new double[blocks.length - 1][(sums > 0 ? sums + 4 : ACC) * padded];
        rowBuf = new double[blocks.length - 1][geometry.cols()];
    }

    private static float[] inverse(float[] c) {
        float[] out = new float[c.length];
        for (int p = 0; p < c.length; p++) {
            out[p] = (float) (1.0 / c[p]);
        }
        return out;
    }

    /**
     * Builds an integrator on the calling thread (using the worker pool).
     *
     * @param mask 1 = excluded, row-major over the detector; null for none
     */
    public static Integrator build(Geometry geometry, byte[] mask, IntegrationSettings settings) {
        return build(geometry, mask, settings, true);
    }

    /**
     * As {@link #build(Geometry, byte[], IntegrationSettings)}; {@code implied} false keeps 1D split weights as
     * runs rather than pairs or triples (to compare them).
     */
    static Integrator build(Geometry geometry, byte[] mask, IntegrationSettings settings, boolean implied) {
        long t0 = System.nanoTime();
        MatrixBuilder b = new MatrixBuilder(geometry, mask, settings);
        MatrixBuilder.Raw raw = b.build();
        float[] n = geometry.normalizationArray(settings.solidAngle(), settings.polarizationFactor());
        PixelBinMatrix m = MatrixPacker.pack(raw, settings.radialBins() * Math.max(1, settings.azimuthBins()),
                geometry.rows(), geometry.cols(), n, settings.normalization() == Normalization.MEAN, !settings.is2d(),
                implied);
        long dt = System.nanoTime() - t0;
        Integrator it = new Integrator(geometry, settings, m, n, b.lo, b.hi, dt);
        if (LOG.isInfoEnabled()) {
            LOG.info("azint matrix: {} pixels -> {} bins, {} splitting, {} layout, {} MB, built in {} ms", geometry.pixels(),
                    m.bins, settings.splitting(), m.layout, String.format("%.1f", it.matrixBytes() / 1e6), dt / 1_000_000);
        }
        return it;
    }

    /** Builds on the background thread {@code azint-setup}. */
    public static CompletableFuture<Integrator> buildAsync(Geometry geometry, byte[] mask, IntegrationSettings settings) {
        return CompletableFuture.supplyAsync(() -> build(geometry, mask, settings), SETUP);
    }

    public Geometry geometry() {
        return geometry;
    }

    public IntegrationSettings settings() {
        return settings;
    }

    /** Radial bin centres in the settings' unit (a copy). */
    public double[] radialCentres() {
        return radial.clone();
    }

    /** Lower edge of the radial range (unit of the settings). */
    public double radialMin() {
        return lo;
    }

    /** Upper edge of the radial range, as stretched by pyFAI's 1 + 2⁻²³. */
    public double radialMax() {
        return hi;
    }

    /** Bytes of the sparse matrix (indices and weights). */
    public long matrixBytes() {
        return matrix.bytes();
    }

    /** Bytes of the per-pixel normalisation array (0 when there is none). */
    public long normalizationBytes() {
        return (norm == null ? 0 : 4L * norm.length) + (invNorm == null ? 0 : 4L * invNorm.length);
    }

    /** How the matrix is stored (for tests). */
    PixelBinMatrix.Layout layout() {
        return matrix.layout;
    }

    /** Number of pixel-bin entries of the matrix. */
    public long entries() {
        return matrix.nnz();
    }

    /** How long the build took, in nanoseconds. */
    public long setupNanos() {
        return setupNanos;
    }

    /** A result with arrays of the right size, to be filled by {@link #integrate(FrameView, AzintResult)}. */
    public AzintResult newResult() {
        int n = matrix.bins;
        boolean e = settings.errors();
        return new AzintResult(settings.unit(), radial.clone(), azimuth == null ? null : azimuth.clone(), new double[n],
                e ? new double[n] : null, new double[n], e ? new double[n] : null, new double[n], new double[n]);
    }

    /** Integrates one frame into a new result. */
    public AzintResult integrate(FrameView frame) {
        AzintResult r = newResult();
        integrate(frame, r);
        return r;
    }

    /** Integrates one frame into {@code out} (from {@link #newResult()}), allocating nothing per frame. */
    public synchronized void integrate(FrameView frame, AzintResult out) {
        check(frame, out);
        Parallel.run(blocks, (b, r0, r1) -> pass(frame, r0, r1, acc[b], rowBuf[b]));
        finish(acc, out);
    }

    private void check(FrameView frame, AzintResult out) {
        if (frame.pixels() != geometry.pixels()) {
            throw new IllegalArgumentException("frame has " + frame.pixels() + " pixels, the geometry "
                    + geometry.rows() + "x" + geometry.cols() + " = " + geometry.pixels());
        }
        if (out.size() != matrix.bins || (out.sigma() == null) == settings.errors()) {
            throw new IllegalArgumentException("result does not belong to this integrator (use newResult())");
        }
    }

    /** A lane of this integrator for one thread: its own accumulators over the shared matrix. */
    public Lane newLane() {
        return new Lane();
    }

    /**
     * Integrates whole frames on the calling thread, so N threads with a lane each integrate N frames
     * at once over one matrix. The blocks are those of {@link #integrate(FrameView, AzintResult)},
     * summed in the same order: a lane's result is identical to the integrator's. One thread per lane.
     */
    public final class Lane {
        private final double[][] laneAcc = new double[acc.length][acc[0].length];
        private final double[] row = new double[geometry.cols()];

        private Lane() {
        }

        public Integrator integrator() {
            return Integrator.this;
        }

        /** Integrates one frame into {@code out} (from {@link #newResult()}) on this thread. */
        public void integrate(FrameView frame, AzintResult out) {
            check(frame, out);
            for (int b = 0; b < laneAcc.length; b++) {
                pass(frame, blocks[b], blocks[b + 1], laneAcc[b], row);
            }
            finish(laneAcc, out);
        }
    }

    /** The fused pass over rows [r0, r1): validity check and weighted sums into this block's accumulator. */
    private void pass(FrameView frame, int r0, int r1, double[] a, double[] row) {
        Arrays.fill(a, 0.0);
        int cols = geometry.cols();
        for (int r = r0; r < r1; r++) {
            int base = r * cols;
            frame.read(base, cols, row);
            switch (matrix.layout) {
                case CENTRE -> centreRow(row, base, cols, a);
                case PAIRS -> pairsRow(row, base, cols, r, a, settings.errors());
                case TRIPLES -> {
                    if (settings.errors()) {
                        triplesRow(row, base, cols, r, a);
                    } else {
                        triplesRowSignalOnly(row, base, cols, r, a);
                    }
                }
                case RUNS -> {
                    if (settings.errors()) {
                        runsRow(row, base, cols, r, a);
                    } else {
                        runsRowSignalOnly(row, base, cols, r, a);
                    }
                }
                case GENERAL -> generalRow(row, base, cols, a);
            }
        }
    }

    private void centreRow(double[] row, int base, int cols, double[] a) {
        int[] bin = matrix.bin;
        float[] inv = invNorm;
        int odd = 2 * (matrix.bins + PixelBinMatrix.WIDTH);
        for (int j = 0; j < cols; j++) {
            int p = base + j;
            int b = bin[p];
            if (b < 0) continue;
            double x = row[j];
            if (x != x) {
                invalid(p, b, 1.0f, a);
                continue;
            }
            double f = inv == null ? 1.0 : inv[p];
            double xs = x * f;
            int o = (b << 1) + (j & 1) * odd;
            a[o] += xs;
            a[o + 1] += xs * f;
        }
    }

    /**
     * A row of the PAIRS layout: per pixel three sums into its first bin's accumulator of its column set
     * (two without errors).
     */
    private void pairsRow(double[] row, int base, int cols, int r, double[] a, boolean errors) {
        char[] first = matrix.first;
        float[] weight = matrix.weight;
        for (int j = 0; j < cols; j++) {
            int p = base + j;
            int f = first[p];
            if (f == PixelBinMatrix.NONE) continue;
            double x = row[j];
            double w = weight[p];
            if (x != x) {
                invalid(p, f, weight[p], a);
                invalid(p, f + 1, 1.0 - w, a);
                continue;
            }
            int o = 3 * (f * SETS + (j & (SETS - 1)));
            double wx = w * x;
            a[o] += x;
            a[o + 1] += wx;
            if (errors) {
                a[o + 2] += w * wx;
            }
        }
        corrections(row, base, r, a);
    }

    /** A row of the TRIPLES layout: per pixel six sums into its first bin's accumulator. */
    private void triplesRow(double[] row, int base, int cols, int r, double[] a) {
        char[] first = matrix.first;
        float[] weight = matrix.weight;
        for (int j = 0; j < cols; j++) {
            int p = base + j;
            int f = first[p];
            if (f == PixelBinMatrix.NONE) continue;
            double x = row[j];
            double w0 = weight[2 * p], w1 = weight[2 * p + 1];
            if (x != x) {
                invalid(p, f, w0, a);
                invalid(p, f + 1, w1, a);
                invalid(p, f + 2, 1.0 - w0 - w1, a);
                continue;
            }
            int o = f * TRIPLE_SUMS;
            double a0 = w0 * x, a1 = w1 * x;
            a[o] += x;
            a[o + 1] += a0;
            a[o + 2] += a1;
            a[o + 3] += w0 * a0;
            a[o + 4] += w1 * a1;
            a[o + 5] += w0 * a1;
        }
        corrections(row, base, r, a);
    }

    /** As {@link #triplesRow} without the variance sums, when errors are off. */
    private void triplesRowSignalOnly(double[] row, int base, int cols, int r, double[] a) {
        char[] first = matrix.first;
        float[] weight = matrix.weight;
        for (int j = 0; j < cols; j++) {
            int p = base + j;
            int f = first[p];
            if (f == PixelBinMatrix.NONE) continue;
            double x = row[j];
            double w0 = weight[2 * p], w1 = weight[2 * p + 1];
            if (x != x) {
                invalid(p, f, w0, a);
                invalid(p, f + 1, w1, a);
                invalid(p, f + 2, 1.0 - w0 - w1, a);
                continue;
            }
            int o = f * TRIPLE_SUMS;
            a[o] += x;
            a[o + 1] += w0 * x;
            a[o + 2] += w1 * x;
        }
        corrections(row, base, r, a);
    }

    /** The correction entries of row r (PAIRS and TRIPLES): the pixels whose weights are not implied. */
    private void corrections(double[] row, int base, int r, double[] a) {
        int[] px = matrix.extraPixel;
        int[] bin = matrix.bin;
        float[] ew = matrix.extraWeight;
        float[] ev = matrix.extraVariance;
        for (int e = matrix.ptr[r], end = matrix.ptr[r + 1]; e < end; e++) {
            int p = px[e];
            double x = row[p - base];
            if (x != x) {
                invalid(p, bin[e], ew[e], a);
                continue;
            }
            int o = directAt + (bin[e] << 1);
            a[o] += ew[e] * x;
            a[o + 1] += ev[e] * x;
        }
    }

    /**
     * A row of the RUNS layout: three weights per pixel, no data-dependent branch but the validity check.
     * Neighbouring pixels mostly start at the same bin: their sums are kept in registers while they do and
     * added to the accumulator once the run ends, instead of a load and store per pixel and bin.
     */
    private void runsRow(double[] row, int base, int cols, int r, double[] a) {
        char[] first = matrix.first;
        float[] weight = matrix.weight;
        float[] inv = invNorm;
        int run = -1;
        double s0 = 0, v0 = 0, s1 = 0, v1 = 0, s2 = 0, v2 = 0;
        for (int j = 0; j < cols; j++) {
            int p = base + j;
            int f = first[p];
            if (f == PixelBinMatrix.NONE) continue;
            double x = row[j];
            int k = PixelBinMatrix.WIDTH * p;
            if (x != x) {
                for (int e = 0; e < PixelBinMatrix.WIDTH; e++) {
                    invalid(p, f + e, weight[k + e], a);
                }
                continue;
            }
            if (f != run) {
                if (run >= 0) {
                    int o = run << 1;
                    a[o] += s0;
                    a[o + 1] += v0;
                    a[o + 2] += s1;
                    a[o + 3] += v1;
                    a[o + 4] += s2;
                    a[o + 5] += v2;
                }
                run = f;
                s0 = v0 = s1 = v1 = s2 = v2 = 0;
            }
            // signal x/c and variance x/c² (c = 1 for the ratio, where both are x)
            double xs = x, xv = x;
            if (inv != null) {
                double ic = inv[p];
                xs = x * ic;
                xv = xs * ic;
            }
            double w0 = weight[k], w1 = weight[k + 1], w2 = weight[k + 2];
            s0 += w0 * xs;
            v0 += w0 * w0 * xv;
            s1 += w1 * xs;
            v1 += w1 * w1 * xv;
            s2 += w2 * xs;
            v2 += w2 * w2 * xv;
        }
        if (run >= 0) {
            int o = run << 1;
            a[o] += s0;
            a[o + 1] += v0;
            a[o + 2] += s1;
            a[o + 3] += v1;
            a[o + 4] += s2;
            a[o + 5] += v2;
        }
        extras(row, base, r, a);
    }

    /** As {@link #runsRow} without the variance sums, when errors are off. */
    private void runsRowSignalOnly(double[] row, int base, int cols, int r, double[] a) {
        char[] first = matrix.first;
        float[] weight = matrix.weight;
        float[] inv = invNorm;
        int run = -1;
        double s0 = 0, s1 = 0, s2 = 0;
        for (int j = 0; j < cols; j++) {
            int p = base + j;
            int f = first[p];
            if (f == PixelBinMatrix.NONE) continue;
            double x = row[j];
            int k = PixelBinMatrix.WIDTH * p;
            if (x != x) {
                for (int e = 0; e < PixelBinMatrix.WIDTH; e++) {
                    invalid(p, f + e, weight[k + e], a);
                }
                continue;
            }
            if (f != run) {
                if (run >= 0) {
                    int o = run << 1;
                    a[o] += s0;
                    a[o + 2] += s1;
                    a[o + 4] += s2;
                }
                run = f;
                s0 = s1 = s2 = 0;
            }
            double xs = inv == null ? x : x * inv[p];
            s0 += weight[k] * xs;
            s1 += weight[k + 1] * xs;
            s2 += weight[k + 2] * xs;
        }
        if (run >= 0) {
            int o = run << 1;
            a[o] += s0;
            a[o + 2] += s1;
            a[o + 4] += s2;
        }
        extras(row, base, r, a);
    }

    /** The entries beyond the third bin of the few pixels that span more. */
    private void extras(double[] row, int base, int r, double[] a) {
        int[] px = matrix.extraPixel;
        int[] bin = matrix.bin;
        float[] ew = matrix.extraWeight;
        for (int e = matrix.ptr[r], end = matrix.ptr[r + 1]; e < end; e++) {
            int p = px[e];
            double x = row[p - base];
            if (x != x) {
                invalid(p, bin[e], ew[e], a);
                continue;
            }
            int o = bin[e] << 1;
            double w = ew[e];
            double ic = invNorm == null ? 1.0 : invNorm[p];
            a[o] += w * x * ic;
            a[o + 1] += w * w * x * ic * ic;
        }
    }

    private void generalRow(double[] row, int base, int cols, double[] a) {
        int[] ptr = matrix.ptr;
        int[] bin = matrix.bin;
        float[] weight = matrix.weight;
        int odd = 2 * (matrix.bins + PixelBinMatrix.WIDTH);
        for (int j = 0; j < cols; j++) {
            int p = base + j;
            double x = row[j];
            if (x != x) {
                for (int k = ptr[p]; k < ptr[p + 1]; k++) {
                    invalid(p, bin[k], weight[k], a);
                }
                continue;
            }
            int par = (j & 1) * odd;
            double ic = invNorm == null ? 1.0 : invNorm[p];
            double xs = x * ic, xv = xs * ic;
            for (int k = ptr[p], end = ptr[p + 1]; k < end; k++) {
                int o = (bin[k] << 1) + par;
                double w = weight[k];
                a[o] += w * xs;
                a[o + 1] += w * w * xv;
            }
        }
    }

    /** Removes the share w of invalid pixel p from the static sums of bin b (the same products, so they cancel). */
    private void invalid(int p, int b, double w, double[] a) {
        if (w == 0) return;
        boolean mean = settings.normalization() == Normalization.MEAN;
        double c = norm == null || mean ? 1.0 : norm[p];
        int o = badAt + (b << 1);
        a[o] += w * c;
        a[o + 1] += w;
    }

    private void finish(double[][] acc, AzintResult out) {
        int n = matrix.bins;
        double[] ss = out.sumSignal(), sv = out.sumVariance(), sn = out.sumNormalization(), cnt = out.count();
        double[] in = out.intensity(), sg = out.sigma();
        int odd = 2 * (n + PixelBinMatrix.WIDTH);
        boolean pairs = matrix.layout == PixelBinMatrix.Layout.PAIRS;
        boolean triples = matrix.layout == PixelBinMatrix.Layout.TRIPLES;
        double prevX = 0, prevWx = 0, prevW2x = 0; // PAIRS: the sums of the pixels whose first bin is k - 1
        // TRIPLES: the sums (x, w0x, w1x, w0²x, w1²x, w0w1x) of first bin k - 1 (b...) and k - 2 (c...)
        double bx = 0, bw0 = 0, b1 = 0, bq0 = 0, bq1 = 0, bq01 = 0, cx = 0, c0 = 0, c1 = 0, cq0 = 0, cq1 = 0, cq01 = 0;
        for (int k = 0; k < n; k++) {
            int o = k << 1;
            double s = 0, v = 0, badNorm = 0, badCount = 0;
            if (triples) {
                double x = 0, a0 = 0, a1 = 0, q0 = 0, q1 = 0, q01 = 0;
                for (double[] a : acc) {
                    int q = TRIPLE_SUMS * k;
                    x += a[q];
                    a0 += a[q + 1];
                    a1 += a[q + 2];
                    q0 += a[q + 3];
                    q1 += a[q + 4];
                    q01 += a[q + 5];
                    s += a[directAt + o];
                    v += a[directAt + o + 1];
                    badNorm += a[badAt + o];
                    badCount += a[badAt + o + 1];
                }
                // bin k: w0 of first bin k, w1 of k - 1, 1 - w0 - w1 of k - 2, whose square is
                // 1 - 2w0 - 2w1 + w0² + 2w0w1 + w1²
                s += a0 + b1 + (cx - c0 - c1);
                v = Math.max(0, v + q0 + bq1 + (cx - 2 * c0 - 2 * c1 + cq0 + 2 * cq01 + cq1));
                cx = bx;
                c0 = bw0;
                c1 = b1;
                cq0 = bq0;
                cq1 = bq1;
                cq01 = bq01;
                bx = x;
                bw0 = a0;
                b1 = a1;
                bq0 = q0;
                bq1 = q1;
                bq01 = q01;
            } else if (pairs) {
                double x = 0, wx = 0, w2x = 0;
                for (double[] a : acc) {
                    for (int q = 3 * SETS * k, end = q + 3 * SETS; q < end; q += 3) {
                        x += a[q];
                        wx += a[q + 1];
                        w2x += a[q + 2];
                    }
                    s += a[directAt + o];
                    v += a[directAt + o + 1];
                    badNorm += a[badAt + o];
                    badCount += a[badAt + o + 1];
                }
                s += wx + (prevX - prevWx);
                // (1 - w)²x summed as x - 2wx + w²x: rounding may leave a tiny negative where the true sum is 0
                v = Math.max(0, v + w2x + (prevX - 2 * prevWx + prevW2x));
                prevX = x;
                prevWx = wx;
                prevW2x = w2x;
            } else {
                for (double[] a : acc) {
                    s += a[o] + a[odd + o];
                    v += a[o + 1] + a[odd + o + 1];
                    badNorm += a[badAt + o];
                    badCount += a[badAt + o + 1];
                }
            }
            double c = matrix.staticCount[k] - badCount;
            double w = matrix.staticNorm[k] - badNorm;
            // a bin whose pixels are all invalid: the subtraction leaves only rounding
            boolean filled = c > 1e-9 * matrix.staticCount[k] && w > 0;
            if (!filled) {
                c = 0;
                w = 0;
            }
            ss[k] = s;
            sn[k] = w;
            cnt[k] = c;
            in[k] = filled ? s / w : 0.0;
            if (sv != null) {
                sv[k] = v;
                sg[k] = filled ? Math.sqrt(v) / w : 0.0;
            }
        }
    }
}
