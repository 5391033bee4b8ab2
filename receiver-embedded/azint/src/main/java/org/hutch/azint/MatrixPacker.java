package org.hutch.azint;

import java.util.Arrays;

/**
 * Turns the geometric weights of {@link MatrixBuilder} into the {@link PixelBinMatrix} a frame is
 * integrated with: precomputes the per-bin sums that do not depend on the frame (Σw·c for the
 * ratio or Σw for the mean normalisation, and Σw), and packs 1D split weights as pairs (one stored
 * weight per pixel, the rest to the next bin) where nearly every pixel spans at most two bins, as
 * triples (two stored, the rest to the third) where it spans at most three, else as runs of consecutive
 * bins.
 */
final class MatrixPacker {
    private static final int MAX_RUN = 255;

    private MatrixPacker() {
    }

    /**
     * @param c    per-pixel normalisation (solid angle × polarisation), null for 1
     * @param mean azint's mean of corrected pixels rather than pyFAI's ratio of sums
     * @param implied allow the PAIRS and TRIPLES layouts (false: 1D split weights as RUNS, to compare them)
     */
    static PixelBinMatrix pack(MatrixBuilder.Raw raw, int bins, int rows, int cols, float[] c, boolean mean, boolean oneD,
                               boolean implied) {
        int pixels = rows * cols;
        double[] sNorm = new double[bins], sCount = new double[bins];
        if (raw.ptr() == null) {
            int[] bin = raw.bin();
            for (int p = 0; p < pixels; p++) {
                int b = bin[p];
                if (b < 0) continue;
                sCount[b] += 1;
                sNorm[b] += mean || c == null ? 1.0 : c[p];
            }
            return new PixelBinMatrix(PixelBinMatrix.Layout.CENTRE, pixels, bins, null, bin, null, null, null, null, null, sNorm, sCount);
        }
        int[] ptr = raw.ptr(), bin = raw.bin();
        float[] w = raw.weight();
        if (oneD && bins < PixelBinMatrix.NONE) {
            int[] bounds = Parallel.bounds(rows, Math.min(rows, 4 * Parallel.threads()));
            long impure = fit(ptr, bin, w, cols, bounds, 2);
            if (impure >= 0) {
                for (int width = 2; width <= 3 && implied && !mean; width++) {
                    if (width > 2) impure = fit(ptr, bin, w, cols, bounds, width);
                    if (impure <= pixels / 50) {
                        return implied(raw, bins, rows, cols, c, bounds, width);
                    }
                }
                return runs(raw, bins, rows, cols, c, mean, sNorm, sCount);
            }
        }
        for (int p = 0; p < pixels; p++) {
            double cp = c == null ? 1.0 : c[p];
            for (int k = ptr[p]; k < ptr[p + 1]; k++) {
                double wk = w[k];
                sCount[bin[k]] += wk;
                sNorm[bin[k]] += mean ? wk : wk * cp;
            }
        }
        return new PixelBinMatrix(PixelBinMatrix.Layout.GENERAL, pixels, bins, ptr, bin, null, w, null, null, null, sNorm, sCount);
    }

    /** A pixel's weights sum to 1 within float rounding when they are normalised over the range. */
    private static final double SUM_TOLERANCE = 0x1p-20;

    /**
     * True if a pixel's weights cover at most {@code width} consecutive bins from its first and sum to 1,
     * so the last is implied (a pair: exactly 1 over one bin, or two bins).
     */
    private static boolean pure(int[] ptr, int[] bin, float[] w, int p, int width) {
        int k0 = ptr[p], n = ptr[p + 1] - k0;
        if (n == 1 && width == 2) return w[k0] == 1f;
        if (n > width || bin[k0 + n - 1] != bin[k0] + n - 1) return false;
        double sum = 0;
        for (int k = k0; k < k0 + n; k++) sum += w[k];
        return Math.abs(sum - 1) <= SUM_TOLERANCE;
    }

    /**
     * One pass over the pixels, in parallel blocks of rows: −1 unless every pixel's bins ascend and span at
     * most MAX_RUN bins (the runs, pairs and triples layouts), else how many pixels are not {@link #pure}
     * for this width.
     */
    private static long fit(int[] ptr, int[] bin, float[] w, int cols, int[] bounds, int width) {
        long[] impure = new long[bounds.length - 1];
        Parallel.run(bounds, (blk, r0, r1) -> {
            long n = 0;
            for (int p = r0 * cols, end = r1 * cols; p < end; p++) {
                int k0 = ptr[p], k1 = ptr[p + 1];
                if (k0 == k1) continue;
                for (int k = k0 + 1; k < k1; k++) {
                    if (bin[k] <= bin[k - 1]) {
                        impure[blk] = -1;
                        return;
                    }
                }
                if (bin[k1 - 1] - bin[k0] + 1 > MAX_RUN) {
                    impure[blk] = -1;
                    return;
                }
                if (!pure(ptr, bin, w, p, width)) n++;
            }
            impure[blk] = n;
        });
        long total = 0;
        for (long n : impure) {
            if (n < 0) return -1;
            total += n;
        }
        return total;
    }

    /** What one block of rows adds to an implied-weight layout: its static sums and correction entries. */
    private static final class ImpliedBlock {
        final double[] sNorm, sCount;
        final int[] extraPixel, extraBin;
        final float[] extraWeight, extraVariance;
        int size;

        ImpliedBlock(int bins, int extras) {
            sNorm = new double[bins + PixelBinMatrix.WIDTH];
            sCount = new double[bins + PixelBinMatrix.WIDTH];
            extraPixel = new int[extras];
            extraBin = new int[extras];
            extraWeight = new float[extras];
            extraVariance = new float[extras];
        }

        void add(int b, double w, double cp) {
            sCount[b] += w;
            sNorm[b] += w * cp;
        }

        void correction(int p, int b, double ws, double wv, double cp) {
            float s = (float) ws;
            add(b, s, cp);
            extraPixel[size] = p;
            extraBin[size] = b;
            extraWeight[size] = s;
            extraVariance[size++] = (float) wv;
        }
    }

    /** A weight on the 2⁻²⁴ grid, where 1 − w and 1 − w0 − w1 are exact. */
    private static float grid(double w) {
        return (float) (Math.rint(w * 0x1p24) * 0x1p-24);
    }

    /**
     * The PAIRS (width 2) or TRIPLES (width 3) layout: a pixel stores its first bin f and the weights of its
     * first width − 1 bins; bin f + width − 1 gets the rest of its unit weight. Triples keep weights on the
     * 2⁻²⁴ grid, so a pixel over two bins implies exactly 0 for the third. A pixel with other weights stores
     * its first weight only and adds correction entries (bin, signal weight, variance weight) that turn the
     * implied ones into its real weights: minus the implied share, then each further bin's own. Built in
     * parallel blocks of rows, joined in block order.
     */
    private static PixelBinMatrix implied(MatrixBuilder.Raw raw, int bins, int rows, int cols, float[] c, int[] bounds,
                                          int width) {
        int pixels = rows * cols;
        int stored = width - 1;
        int[] ptr = raw.ptr(), bin = raw.bin();
        float[] w = raw.weight();
        char[] first = new char[pixels];
        float[] weight = new float[stored * pixels];
        int[] rowPtr = new int[rows + 1];
        ImpliedBlock[] parts = new ImpliedBlock[bounds.length - 1];
        Parallel.run(bounds, (blk, r0, r1) -> {
            int extras = 0;
            for (int p = r0 * cols, end = r1 * cols; p < end; p++) {
                if (ptr[p] < ptr[p + 1] && !pure(ptr, bin, w, p, width)) extras += ptr[p + 1] - ptr[p];
            }
            // padding bins: the implied share of a pixel near the last bin lands past the end
            ImpliedBlock part = new ImpliedBlock(bins, extras);
            for (int p = r0 * cols, end = r1 * cols; p < end; p++) {
                if (p % cols == 0) rowPtr[p / cols] = part.size;
                int k0 = ptr[p], k1 = ptr[p + 1];
                if (k0 == k1) {
                    first[p] = PixelBinMatrix.NONE;
                    continue;
                }
                double cp = c == null ? 1.0 : c[p];
                int f = bin[k0];
                first[p] = (char) f;
                boolean pure = pure(ptr, bin, w, p, width);
                int at = stored * p;
                if (width == 2) {
                    weight[at] = w[k0];
                } else if (pure) {
                    int n = k1 - k0;
                    weight[at] = n == 1 ? 1f : grid(w[k0]);
                    weight[at + 1] = n == 1 ? 0f : n == 2 ? 1f - weight[at] : grid(w[k0 + 1]);
                } else {
                    weight[at] = grid(w[k0]);
                }
                double rest = 1.0;
                for (int e = 0; e < stored; e++) {
                    part.add(f + e, weight[at + e], cp);
                    rest -= weight[at + e];
                }
                part.add(f + stored, rest, cp);
                if (pure) continue;
                // undo the implied share, then add the real weights past the first
                part.correction(p, f + stored, -rest, -rest * rest, cp);
                for (int k = k0 + 1; k < k1; k++) {
                    part.correction(p, bin[k], w[k], (double) w[k] * w[k], cp);
                }
            }
            parts[blk] = part;
        });
        int total = 0;
        for (ImpliedBlock part : parts) total += part.size;
        double[] sNorm = new double[bins + PixelBinMatrix.WIDTH], sCount = new double[bins + PixelBinMatrix.WIDTH];
        int[] extraPixel = new int[total], extraBin = new int[total];
        float[] extraWeight = new float[total], extraVariance = new float[total];
        int x = 0;
        for (int k = 0; k < parts.length; k++) {
            ImpliedBlock part = parts[k];
            for (int r = bounds[k]; r < bounds[k + 1]; r++) rowPtr[r] += x;
            for (int b = 0; b < sNorm.length; b++) {
                sNorm[b] += part.sNorm[b];
                sCount[b] += part.sCount[b];
            }
            System.arraycopy(part.extraPixel, 0, extraPixel, x, part.size);
            System.arraycopy(part.extraBin, 0, extraBin, x, part.size);
            System.arraycopy(part.extraWeight, 0, extraWeight, x, part.size);
            System.arraycopy(part.extraVariance, 0, extraVariance, x, part.size);
            x += part.size;
        }
        rowPtr[rows] = x;
        return new PixelBinMatrix(width == 2 ? PixelBinMatrix.Layout.PAIRS : PixelBinMatrix.Layout.TRIPLES, pixels, bins,
                rowPtr, extraBin, first, weight, extraPixel, extraWeight, extraVariance, sNorm, sCount);
    }

    private static PixelBinMatrix runs(MatrixBuilder.Raw raw, int bins, int rows, int cols, float[] c, boolean mean,
                                       double[] sNorm, double[] sCount) {
        int pixels = rows * cols;
        int width = PixelBinMatrix.WIDTH;
        int[] ptr = raw.ptr(), bin = raw.bin();
        float[] w = raw.weight();
        char[] first = new char[pixels];
        float[] weight = new float[width * pixels];
        int[] rowPtr = new int[rows + 1];
        int extras = 0;
        for (int p = 0; p < pixels; p++) {
            int k0 = ptr[p], k1 = ptr[p + 1];
            if (k0 < k1) extras += Math.max(0, bin[k1 - 1] - bin[k0] + 1 - width);
        }
        int[] extraPixel = new int[extras], extraBin = new int[extras];
        float[] extraWeight = new float[extras];
        int x = 0;
        for (int p = 0; p < pixels; p++) {
            if (p % cols == 0) rowPtr[p / cols] = x;
            int k0 = ptr[p], k1 = ptr[p + 1];
            if (k0 == k1) {
                first[p] = PixelBinMatrix.NONE;
                continue;
            }
            double cp = c == null ? 1.0 : c[p];
            int b0 = bin[k0];
            first[p] = (char) b0;
            for (int k = k0; k < k1; k++) {
                double wk = w[k];
                sCount[bin[k]] += wk;
                sNorm[bin[k]] += mean ? wk : wk * cp;
                float stored = w[k];
                int e = bin[k] - b0;
                if (e < width) {
                    weight[width * p + e] = stored; // gaps and missing tail stay 0
                } else {
                    extraPixel[x] = p;
                    extraBin[x] = bin[k];
                    extraWeight[x++] = stored;
                }
            }
        }
        rowPtr[rows] = x;
        return new PixelBinMatrix(PixelBinMatrix.Layout.RUNS, pixels, bins, rowPtr, Arrays.copyOf(extraBin, x), first, weight,
                Arrays.copyOf(extraPixel, x), Arrays.copyOf(extraWeight, x), null, sNorm, sCount);
    }
}
