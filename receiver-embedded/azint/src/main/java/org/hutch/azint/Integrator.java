package org.hutch.azint;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 * per integrator (calls are serialised).
 */
public final class Integrator {
    private static final Logger LOG = LoggerFactory.getLogger(Integrator.class);
    private static final ExecutorService SETUP = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "azint-setup");
        t.setDaemon(true);
        return t;
    });

    private final Geometry geometry;
    private final IntegrationSettings settings;
    private final PixelBinMatrix matrix;
    /** Per-pixel solid angle × polarisation, or null when neither applies. */
    private final float[] norm;
    private final double lo;
    private final double hi;
    private final double[] radial;
    private final double[] azimuth;
    private final long setupNanos;
    private final int[] blocks;
    private final double[][] acc;
    private final double[][] rowBuf;

    private Integrator(Geometry geometry, IntegrationSettings settings, PixelBinMatrix matrix, float[] norm,
                       double lo, double hi, long setupNanos) {
        this.geometry = geometry;
        this.settings = settings;
        this.matrix = matrix;
        this.norm = norm;
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
        acc = new double[blocks.length - 1][4 * matrix.bins];
        rowBuf = new double[blocks.length - 1][geometry.cols()];
    }

    /**
     * Builds an integrator on the calling thread (using the worker pool).
     *
     * @param mask 1 = excluded, row-major over the detector; null for none
     */
    public static Integrator build(Geometry geometry, byte[] mask, IntegrationSettings settings) {
        long t0 = System.nanoTime();
        MatrixBuilder b = new MatrixBuilder(geometry, mask, settings);
        PixelBinMatrix m = b.build();
        float[] n = geometry.normalizationArray(settings.solidAngle(), settings.polarizationFactor());
        long dt = System.nanoTime() - t0;
        Integrator it = new Integrator(geometry, settings, m, n, b.lo, b.hi, dt);
        LOG.info("azint matrix: {} pixels -> {} bins ({}), {} entries, {} MB, built in {} ms",
                geometry.pixels(), m.bins, settings.splitting(), m.nnz(), it.matrixBytes() / 1e6, dt / 1_000_000);
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
        return norm == null ? 0 : 4L * norm.length;
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
        if (frame.pixels() != geometry.pixels()) {
            throw new IllegalArgumentException("frame has " + frame.pixels() + " pixels, the geometry "
                    + geometry.rows() + "x" + geometry.cols() + " = " + geometry.pixels());
        }
        if (out.size() != matrix.bins || (out.sigma() == null) == settings.errors()) {
            throw new IllegalArgumentException("result does not belong to this integrator (use newResult())");
        }
        Parallel.run(blocks, (b, r0, r1) -> pass(frame, r0, r1, acc[b], rowBuf[b]));
        finish(out);
    }

    /** The fused pass over rows [r0, r1): validity, correction and weights into a[4·bin + (signal, variance, norm, count)]. */
    private void pass(FrameView frame, int r0, int r1, double[] a, double[] row) {
        Arrays.fill(a, 0.0);
        int cols = geometry.cols();
        boolean mean = settings.normalization() == Normalization.MEAN;
        boolean errors = settings.errors();
        float[] nrm = norm;
        int[] centre = matrix.centreBin;
        int[] ptr = matrix.ptr;
        int[] bin = matrix.bin;
        float[] weight = matrix.weight;
        for (int r = r0; r < r1; r++) {
            int base = r * cols;
            frame.read(base, cols, row);
            for (int j = 0; j < cols; j++) {
                double x = row[j];
                if (x != x) continue; // invalid pixel
                int p = base + j;
                double c = nrm == null ? 1.0 : nrm[p];
                double sig, var, n;
                if (mean) {
                    double inv = 1.0 / c;
                    sig = x * inv;
                    var = sig * inv;
                    n = 1.0;
                } else {
                    sig = x;
                    var = x;
                    n = c;
                }
                if (centre != null) {
                    int o = centre[p];
                    if (o < 0) continue;
                    o <<= 2;
                    a[o] += sig;
                    a[o + 1] += var;
                    a[o + 2] += n;
                    a[o + 3] += 1.0;
                } else {
                    for (int k = ptr[p], end = ptr[p + 1]; k < end; k++) {
                        int o = bin[k] << 2;
                        double w = weight[k];
                        a[o] += w * sig;
                        if (errors) a[o + 1] += w * w * var;
                        a[o + 2] += w * n;
                        a[o + 3] += w;
                    }
                }
            }
        }
    }

    private void finish(AzintResult out) {
        int n = matrix.bins;
        double[] ss = out.sumSignal(), sv = out.sumVariance(), sn = out.sumNormalization(), cnt = out.count();
        double[] in = out.intensity(), sg = out.sigma();
        for (int k = 0; k < n; k++) {
            int o = k << 2;
            double s = 0, v = 0, w = 0, c = 0;
            for (double[] a : acc) {
                s += a[o];
                v += a[o + 1];
                w += a[o + 2];
                c += a[o + 3];
            }
            ss[k] = s;
            sn[k] = w;
            cnt[k] = c;
            boolean filled = w != 0 && c > 0;
            in[k] = filled ? s / w : 0.0;
            if (sv != null) {
                sv[k] = v;
                sg[k] = filled ? Math.sqrt(v) / w : 0.0;
            }
        }
    }
}
