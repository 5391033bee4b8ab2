package org.hutch.azint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.hutch.model.curve.RadialUnit;
import org.hutch.model.pixels.PixelType;
import org.junit.jupiter.api.Test;

/** Behaviour beyond the pyFAI references: invalid pixels, the cake, sub-pixels, polarisation, ranges. */
class IntegratorTest {
    /** A small tilted detector with the beam near its middle: quick to build, all of χ covered. */
    private static final Geometry SMALL = new Geometry(Poni.parse("""
            poni_version: 2
            Detector: Detector
            Detector_config: {"pixel1": 1e-4, "pixel2": 1e-4, "max_shape": [120, 160]}
            Distance: 0.05
            Poni1: 0.0061
            Poni2: 0.0083
            Rot1: 0.01
            Rot2: -0.02
            Rot3: 0.1
            Wavelength: 1e-10
            """));

    @Test
    void invalidPixelsGiveTheSameCurveAsMaskingThem() throws IOException {
        RefCase c = RefCase.load(RefCase.NAMES[0]);
        Geometry g = new Geometry(c.poni());
        byte[] mask = c.mask();
        int[] img = c.image();
        // invalidate every 7th valid pixel and a whole annulus, as a DECTRIS uint32 frame would (0xFFFFFFFF)
        byte[] both = mask.clone();
        int[] dynamic = img.clone();
        for (int p = 0; p < img.length; p++) {
            double q = g.qNmAt(p / g.cols(), p % g.cols());
            if (mask[p] == 0 && (p % 7 == 0 || (q > 20 && q < 21))) {
                dynamic[p] = -1;
                both[p] = 1;
            }
        }
        for (Splitting split : new Splitting[] {Splitting.NONE, Splitting.FULL}) {
            IntegrationSettings s = IntegrationSettings.defaults(500).withSplitting(split).withRange(0.03, 82.11);
            for (Normalization n : Normalization.values()) {
                AzintResult dyn = Integrator.build(g, mask, s.withNormalization(n)).integrate(FrameView.ofUnsigned(dynamic));
                AzintResult stat = Integrator.build(g, both, s.withNormalization(n)).integrate(FrameView.ofUnsigned(img));
                int empty = 0;
                for (int k = 0; k < dyn.size(); k++) {
                    assertTrue(Double.isFinite(dyn.intensity()[k]) && Double.isFinite(dyn.sigma()[k]), "bin " + k + " finite");
                    assertEquals(stat.count()[k], dyn.count()[k], 1e-9 * Math.max(1, stat.count()[k]), split + " count " + k);
                    assertEquals(stat.intensity()[k], dyn.intensity()[k], 1e-9 * Math.abs(stat.intensity()[k]), split + " " + n + " I " + k);
                    assertEquals(stat.sigma()[k], dyn.sigma()[k], 1e-9 * Math.abs(stat.sigma()[k]), split + " " + n + " sigma " + k);
                    if (stat.count()[k] == 0) {
                        empty++;
                        assertEquals(0.0, dyn.intensity()[k]);
                        assertEquals(0.0, dyn.count()[k]);
                    }
                }
                if (split.isNone()) {
                    assertTrue(empty > 0, "the invalid annulus empties whole bins");
                }
            }
        }
    }

    @Test
    void pairsAndTriplesLayoutsGiveTheCurvesOfTheRunsLayout() throws IOException {
        RefCase c = RefCase.load(RefCase.NAMES[0]);
        Geometry g = new Geometry(c.poni());
        int[] img = c.image().clone();
        for (int p = 0; p < img.length; p += 11) {
            img[p] = -1; // invalid pixels go through the layouts' own paths
        }
        FrameView f = FrameView.of(img);
        // pixels of one or two bins, a few of three; the sub-pixels' weights do not sum to 1 at the range's ends;
        // with 1000 bins most pixels span two or three
        IntegrationSettings[] cases = {IntegrationSettings.defaults(500), IntegrationSettings.defaults(200).withRange(2, 50),
                IntegrationSettings.defaults(200).withSplitting(Splitting.subPixels(2)).withRange(5, 30).withErrors(false),
                IntegrationSettings.defaults(1000), IntegrationSettings.defaults(1000).withErrors(false)};
        PixelBinMatrix.Layout[] layouts = {PixelBinMatrix.Layout.PAIRS, PixelBinMatrix.Layout.PAIRS,
                PixelBinMatrix.Layout.PAIRS, PixelBinMatrix.Layout.TRIPLES, PixelBinMatrix.Layout.TRIPLES};
        for (int i = 0; i < cases.length; i++) {
            IntegrationSettings s = cases[i];
            Integrator pairs = Integrator.build(g, c.mask(), s);
            Integrator runs = Integrator.build(g, c.mask(), s, false);
            assertEquals(layouts[i], pairs.layout(), s.toString());
            assertEquals(PixelBinMatrix.Layout.RUNS, runs.layout());
            AzintResult want = runs.integrate(f), got = pairs.integrate(f);
            int filled = 0;
            for (int k = 0; k < want.size(); k++) {
                assertEquals(want.count()[k], got.count()[k], 1e-6 * Math.max(1, want.count()[k]), s + " count " + k);
                assertEquals(want.sumNormalization()[k], got.sumNormalization()[k], 1e-6 * Math.max(1, want.sumNormalization()[k]));
                assertEquals(want.intensity()[k], got.intensity()[k], 1e-6 * want.intensity()[k], s + " I " + k);
                if (s.errors()) {
                    assertEquals(want.sigma()[k], got.sigma()[k], 1e-6 * want.sigma()[k], s + " sigma " + k);
                }
                if (want.count()[k] > 0) filled++;
            }
            assertTrue(filled > want.size() / 2, filled + " bins filled");
        }
    }

    @Test
    void lanesOnSeveralThreadsGiveExactlyTheIntegratorsCurves() throws Exception {
        IntegrationSettings s = IntegrationSettings.defaults(300);
        Integrator it = Integrator.build(SMALL, null, s);
        int n = 8;
        int[][] frames = new int[n][SMALL.pixels()];
        Random rnd = new Random(3);
        for (int[] f : frames) {
            for (int p = 0; p < f.length; p++) {
                f[p] = rnd.nextInt(20) == 0 ? -1 : rnd.nextInt(500);
            }
        }
        AzintResult[] got = new AzintResult[n];
        Thread[] threads = new Thread[2];
        for (int t = 0; t < threads.length; t++) {
            int first = t;
            threads[t] = new Thread(() -> {
                Integrator.Lane lane = it.newLane();
                for (int i = first; i < n; i += threads.length) {
                    got[i] = it.newResult();
                    lane.integrate(FrameView.of(frames[i]), got[i]);
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        for (int i = 0; i < n; i++) {
            AzintResult want = it.integrate(FrameView.of(frames[i]));
            assertTrue(Arrays.equals(want.intensity(), got[i].intensity()), "frame " + i + " intensity");
            assertTrue(Arrays.equals(want.sigma(), got[i].sigma()), "frame " + i + " sigma");
        }
    }

    @Test
    void aStreamedFrameGivesALaneExactlyTheCurveOfTheWholeFrameAndMustBeReadInOrder() {
        IntegrationSettings s = IntegrationSettings.defaults(300);
        Integrator it = Integrator.build(SMALL, null, s);
        ByteBuffer frame = ByteBuffer.allocate(4 * SMALL.pixels()).order(ByteOrder.LITTLE_ENDIAN);
        Random rnd = new Random(5);
        for (int p = 0; p < SMALL.pixels(); p++) {
            frame.putInt(rnd.nextInt(30) == 0 ? -1 : rnd.nextInt(1000));
        }
        frame.flip();
        AzintResult want = it.integrate(FrameView.of(frame, PixelType.UINT32));
        // handed out in odd pieces, as a decompressor gives its blocks
        ByteBuffer source = frame.duplicate();
        FrameView streamed = FrameView.streamed(SMALL.pixels(), PixelType.UINT32, dst -> {
            while (dst.hasRemaining()) {
                int k = Math.min(dst.remaining(), 4 * 37 + 2);
                dst.put(source.slice(source.position(), k));
                source.position(source.position() + k);
            }
        });
        AzintResult got = it.newResult();
        it.newLane().integrate(streamed, got);
        assertTrue(Arrays.equals(want.intensity(), got.intensity()), "intensity");
        assertTrue(Arrays.equals(want.sigma(), got.sigma()), "sigma");

        FrameView again = FrameView.streamed(SMALL.pixels(), PixelType.UINT32, dst -> dst.position(dst.limit()));
        double[] row = new double[SMALL.cols()];
        again.read(0, SMALL.cols(), row);
        assertThrows(IllegalStateException.class, () -> again.read(0, SMALL.cols(), row), "read twice");
        FrameView failing = FrameView.streamed(SMALL.pixels(), PixelType.UINT32, dst -> {
            throw new java.io.IOException("block 3 is corrupt");
        });
        var e = assertThrows(FrameView.UnreadableFrameException.class, () -> failing.read(0, SMALL.cols(), row));
        assertEquals("block 3 is corrupt", e.getMessage());
    }

    @Test
    void nanAndNegativeFloatPixelsAreInvalid() {
        Geometry g = SMALL;
        float[] img = new float[g.pixels()];
        Arrays.fill(img, 5f);
        byte[] mask = new byte[g.pixels()];
        for (int p = 0; p < img.length; p += 3) {
            img[p] = p % 2 == 0 ? Float.NaN : -4f;
            mask[p] = 1;
        }
        IntegrationSettings s = IntegrationSettings.defaults(40).withSolidAngle(false);
        AzintResult dyn = Integrator.build(g, null, s.withRange(0, 20)).integrate(FrameView.of(img));
        AzintResult stat = Integrator.build(g, mask, s.withRange(0, 20)).integrate(FrameView.of(img));
        for (int k = 0; k < dyn.size(); k++) {
            assertEquals(stat.count()[k], dyn.count()[k], 1e-9);
            if (dyn.count()[k] > 0) {
                assertEquals(5.0, dyn.intensity()[k], 1e-6, "flat image integrates flat");
                assertEquals(stat.sigma()[k], dyn.sigma()[k], 1e-9 * stat.sigma()[k]);
            }
        }
    }

    @Test
    void cakeCellsHoldIndependentlyComputedSumsAndErrors() {
        Geometry g = SMALL;
        int nR = 30, nA = 36;
        int[] img = new int[g.pixels()];
        Random rnd = new Random(1);
        for (int p = 0; p < img.length; p++) {
            img[p] = rnd.nextInt(1000);
        }
        // a dynamic hole: these pixels are invalid in this frame only
        for (int p = 0; p < 2000; p++) {
            img[p] = -1;
        }
        IntegrationSettings s = IntegrationSettings.defaults(nR).withBins(nR, nA).withSplitting(Splitting.NONE).withRange(0, 25);
        for (Normalization norm : Normalization.values()) {
            AzintResult r = Integrator.build(g, null, s.withNormalization(norm)).integrate(FrameView.of(img));
            assertEquals(nR * nA, r.size());
            assertEquals(nA, r.azimuth().length);
            double[] sig = new double[nR * nA], var = new double[nR * nA], nrm = new double[nR * nA], cnt = new double[nR * nA];
            double hi = 25 * MatrixBuilder.EPS32;
            for (int i = 0; i < g.rows(); i++) {
                for (int j = 0; j < g.cols(); j++) {
                    int p = i * g.cols() + j;
                    if (img[p] < 0) continue;
                    int b = (int) Math.floor(g.qNmAt(i, j) / (hi / nR));
                    int a = Math.min(nA - 1, (int) Math.floor((g.chiAt(i, j) + Math.PI) / (2 * Math.PI / nA)));
                    if (b >= nR) continue;
                    double c = (float) g.solidAngleAt(i, j);
                    int cell = a * nR + b;
                    double x = img[p];
                    if (norm == Normalization.RATIO) {
                        sig[cell] += x;
                        var[cell] += x;
                        nrm[cell] += c;
                    } else {
                        double w = (float) (1 / c);
                        sig[cell] += w * x;
                        var[cell] += w * w * x;
                        nrm[cell] += 1;
                    }
                    cnt[cell] += 1;
                }
            }
            int filled = 0, empty = 0;
            for (int k = 0; k < nR * nA; k++) {
                assertEquals(cnt[k], r.count()[k], 1e-9, "count " + k);
                assertEquals(sig[k], r.sumSignal()[k], 1e-9 * Math.max(1, sig[k]), "signal " + k);
                assertEquals(var[k], r.sumVariance()[k], 1e-9 * Math.max(1, var[k]), "variance " + k);
                assertEquals(nrm[k], r.sumNormalization()[k], 1e-6 * Math.max(1, nrm[k]), "norm " + k);
                assertTrue(Double.isFinite(r.intensity()[k]) && Double.isFinite(r.sigma()[k]));
                if (cnt[k] > 0) {
                    filled++;
                    assertEquals(sig[k] / nrm[k], r.intensity()[k], 1e-6 * r.intensity()[k]);
                    // the error is divided by the normalisation once: sigma = sqrt(sum w^2 v) / sum w c
                    assertEquals(Math.sqrt(var[k]) / nrm[k], r.sigma()[k], 1e-6 * r.sigma()[k], "sigma " + k);
                } else {
                    empty++;
                    assertEquals(0.0, r.intensity()[k]);
                    assertEquals(0.0, r.sigma()[k]);
                }
            }
            assertTrue(filled > 300 && empty > 0, filled + " filled, " + empty + " empty cells");
        }
    }

    @Test
    void fullSplitCakeAddsUpToTheOneDimensionalCurve() {
        cakeAddsUp(Splitting.FULL);
    }

    @Test
    void subPixelCakeAddsUpToTheOneDimensionalCurve() {
        cakeAddsUp(Splitting.subPixels(3));
    }

    private static void cakeAddsUp(Splitting split) {
        Geometry g = SMALL;
        int nR = 40, nA = 72;
        float[] img = new float[g.pixels()];
        for (int p = 0; p < img.length; p++) {
            img[p] = 10 + (p % 97);
        }
        IntegrationSettings s = IntegrationSettings.defaults(nR).withRange(1, 20).withSplitting(split);
        AzintResult one = Integrator.build(g, null, s).integrate(FrameView.of(img));
        AzintResult cake = Integrator.build(g, null, s.withBins(nR, nA)).integrate(FrameView.of(img));
        for (int k = 0; k < nR; k++) {
            double sig = 0, cnt = 0, nrm = 0, var = 0;
            for (int a = 0; a < nA; a++) {
                sig += cake.sumSignal()[a * nR + k];
                cnt += cake.count()[a * nR + k];
                nrm += cake.sumNormalization()[a * nR + k];
                var += cake.sumVariance()[a * nR + k];
            }
            assertEquals(one.sumSignal()[k], sig, 2e-6 * one.sumSignal()[k], "signal of radial bin " + k);
            assertEquals(one.count()[k], cnt, 2e-6 * one.count()[k], "count of radial bin " + k);
            assertEquals(one.sumNormalization()[k], nrm, 2e-6 * one.sumNormalization()[k]);
            // splitting a pixel over more cells shrinks sum w^2
            assertTrue(var <= one.sumVariance()[k] * (1 + 1e-9), "variance of radial bin " + k);
        }
    }

    @Test
    void subPixelsConvergeToFullSplittingAndOneIsNone() throws IOException {
        RefCase c = RefCase.load(RefCase.NAMES[0]);
        Geometry g = new Geometry(c.poni());
        FrameView f = FrameView.of(c.imageBytes(), PixelType.INT32);
        IntegrationSettings s = IntegrationSettings.defaults(1000).withRange(0.03, 82.11);
        AzintResult full = Integrator.build(g, c.mask(), s).integrate(f);
        AzintResult none = Integrator.build(g, c.mask(), s.withSplitting(Splitting.NONE)).integrate(f);
        AzintResult one = Integrator.build(g, c.mask(), s.withSplitting(Splitting.subPixels(1))).integrate(f);
        AzintResult n4 = Integrator.build(g, c.mask(), s.withSplitting(Splitting.subPixels(4))).integrate(f);
        AzintResult n8 = Integrator.build(g, c.mask(), s.withSplitting(Splitting.subPixels(8))).integrate(f);
        for (int k = 0; k < 1000; k++) {
            assertEquals(none.intensity()[k], one.intensity()[k], 1e-12 * none.intensity()[k]);
        }
        Agreement a4 = Agreement.of(n4.intensity(), full.intensity(), full.count(), 5, 999);
        Agreement a8 = Agreement.of(n8.intensity(), full.intensity(), full.count(), 5, 999);
        // the README's azint figures against pyFAI full: N=4 median <= 1.6e-3, max <= 0.12; N=8 median 4e-4
        assertTrue(a4.median() <= 1.6e-3 && a4.max() <= 0.12, "N=4 " + a4);
        assertTrue(a8.median() <= 8e-4 && a8.max() <= 0.06, "N=8 " + a8);
        assertTrue(a8.median() < a4.median(), "more sub-pixels come closer: " + a4 + " then " + a8);
    }

    @Test
    void polarisationAndSolidAngleCorrectionsRecoverAFlatSignal() {
        Geometry g = SMALL;
        double f = 0.95;
        float[] img = new float[g.pixels()];
        for (int i = 0; i < g.rows(); i++) {
            for (int j = 0; j < g.cols(); j++) {
                img[i * g.cols() + j] = (float) (1000 * g.solidAngleAt(i, j) * g.polarizationAt(i, j, f));
            }
        }
        IntegrationSettings s = IntegrationSettings.defaults(50).withPolarization(f);
        for (Normalization n : Normalization.values()) {
            AzintResult r = Integrator.build(g, null, s.withNormalization(n)).integrate(FrameView.of(img));
            for (int k = 0; k < r.size(); k++) {
                assertEquals(1000, r.intensity()[k], 1e-3, n + " bin " + k);
            }
        }
        AzintResult uncorrected = Integrator.build(g, null, s.withPolarization(Double.NaN)).integrate(FrameView.of(img));
        assertTrue(Math.abs(uncorrected.intensity()[45] - 1000) > 1, "without the correction the curve is not flat");
    }

    @Test
    void automaticRangeSpansTheUnmaskedPixelCentres() {
        Geometry g = SMALL;
        byte[] mask = new byte[g.pixels()];
        double min = Double.POSITIVE_INFINITY, max = 0;
        for (int p = 0; p < mask.length; p++) {
            int i = p / g.cols(), j = p % g.cols();
            mask[p] = (byte) (i < 10 ? 1 : 0);
            if (mask[p] == 0) {
                double t = Math.toDegrees(g.tthAt(i, j));
                min = Math.min(min, t);
                max = Math.max(max, t);
            }
        }
        Integrator it = Integrator.build(g, mask, IntegrationSettings.defaults(100).withUnit(RadialUnit.TTH_DEG));
        assertEquals(min, it.radialMin(), 1e-12);
        assertEquals(max * (1 + Math.pow(2, -23)), it.radialMax(), 1e-12);
    }

    @Test
    void buildsInTheBackgroundAndRejectsMismatchedFrames() throws Exception {
        Integrator it = Integrator.buildAsync(SMALL, null, IntegrationSettings.defaults(10)).get(30, TimeUnit.SECONDS);
        assertTrue(it.entries() > SMALL.pixels());
        assertTrue(it.matrixBytes() > 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> it.integrate(FrameView.of(new int[5])));
        assertTrue(e.getMessage().contains("5 pixels"), e.getMessage());
        ByteBuffer b = ByteBuffer.allocate(2 * SMALL.pixels()).order(ByteOrder.LITTLE_ENDIAN);
        for (int p = 0; p < SMALL.pixels(); p++) {
            b.putShort(2 * p, (short) (p % 3 == 0 ? 0xFFFF : 7));
        }
        AzintResult r = it.integrate(FrameView.of(b, PixelType.UINT16));
        for (int k = 0; k < r.size(); k++) {
            assertEquals(7.0, r.intensity()[k], 0.5, "0xFFFF pixels are left out");
        }
    }
}
