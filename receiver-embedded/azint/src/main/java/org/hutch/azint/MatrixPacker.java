package org.hutch.azint;

import java.util.Arrays;

/**
 * Turns the geometric weights of {@link MatrixBuilder} into the {@link PixelBinMatrix} a frame is
 * integrated with: precomputes the per-bin sums that do not depend on the frame (Σw·c for the
 * ratio or Σw for the mean normalisation, and Σw), and packs 1D split weights as pairs (one stored
 * weight per pixel, the rest to the next bin) where nearly every pixel spans at most two bins, else as
 * runs of consecutive bins.
 */
final class MatrixPacker {
    private static final int MAX_RUN = 255;

    private MatrixPacker() {
    }

    /**
     * @param c    per-pixel normalisation (solid angle × polarisation), null for 1
     * @param mean azint's mean of corrected pixels rather than pyFAI's ratio of sums
     * @param pairs allow the PAIRS layout (false: 1D split weights as RUNS, to compare the two)
     */
    static PixelBinMatrix pack(MatrixBuilder.Raw raw, int bins, int rows, int cols, float[] c, boolean mean, boolean oneD,
                               boolean pairs) {
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
            long impure = fit(ptr, bin, w, cols, bounds);
            if (impure >= 0) {
                if (pairs && !mean && impure <= pixels / 50) {
                    return pairs(raw, bins, rows, cols, c, bounds);
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
    private static final double PAIR_SUM_TOLERANCE = 0x1p-20;

    /** True if a pixel's weights are exactly (w, 1 - w) over bins f, f + 1 (or 1 over bin f). */
    private static boolean pure(int[] ptr, int[] bin, float[] w, int p) {
        int k0 = ptr[p], n = ptr[p + 1] - k0;
        if (n == 1) return w[k0] == 1f;
        return n == 2 && bin[k0 + 1] == bin[k0] + 1 && Math.abs((double) w[k0] + w[k0 + 1] - 1) <= PAIR_SUM_TOLERANCE;
    }

    /**
     * One pass over the pixels, in parallel blocks of rows: −1 unless every pixel's bins ascend and span at
     * most MAX_RUN bins (the runs and pairs layouts), else how many pixels are not {@link #pure}.
     */
    private static long fit(int[] ptr, int[] bin, float[] w, int cols, int[] bounds) {
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
                if (!pure(ptr, bin, w, p)) n++;
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

    /** What one block of rows adds to the PAIRS layout: its static sums and correction entries. */
    private static final class PairBlock {
        final double[] sNorm, sCount;
        final int[] extraPixel, extraBin;
        final float[] extraWeight, extraVariance;
        int size;

        PairBlock(int bins, int extras) {
            sNorm = new double[bins + 1];
            sCount = new double[bins + 1];
            extraPixel = new int[extras];
            extraBin = new int[extras];
            extraWeight = new float[extras];
            extraVariance = new float[extras];
        }

        void correction(int p, int b, double ws, double wv, double cp) {
            float s = (float) ws;
            sCount[b] += s;
            sNorm[b] += s * cp;
            extraPixel[size] = p;
            extraBin[size] = b;
            extraWeight[size] = s;
            extraVariance[size++] = (float) wv;
        }
    }

    /**
     * The PAIRS layout: a pixel stores its first bin f and weight w; bin f + 1 gets 1 - w. A pixel with other
     * weights adds correction entries (bin, signal weight, variance weight) that turn the implied pair into
     * its real weights: at f + 1 minus the implied share, at each further bin its own. Built in parallel
     * blocks of rows, joined in block order.
     */
    private static PixelBinMatrix pairs(MatrixBuilder.Raw raw, int bins, int rows, int cols, float[] c, int[] bounds) {
        int pixels = rows * cols;
        int[] ptr = raw.ptr(), bin = raw.bin();
        float[] w = raw.weight();
        char[] first = new char[pixels];
        float[] weight = new float[pixels];
        int[] rowPtr = new int[rows + 1];
        PairBlock[] parts = new PairBlock[bounds.length - 1];
        Parallel.run(bounds, (blk, r0, r1) -> {
            int extras = 0;
            for (int p = r0 * cols, end = r1 * cols; p < end; p++) {
                if (ptr[p] < ptr[p + 1] && !pure(ptr, bin, w, p)) extras += ptr[p + 1] - ptr[p];
            }
            // one padding bin: the implied share of a pixel in the last bin lands past the end
            PairBlock part = new PairBlock(bins, extras);
            double[] sNorm = part.sNorm, sCount = part.sCount;
            for (int p = r0 * cols, end = r1 * cols; p < end; p++) {
                if (p % cols == 0) rowPtr[p / cols] = part.size;
                int k0 = ptr[p], k1 = ptr[p + 1];
                if (k0 == k1) {
                    first[p] = PixelBinMatrix.NONE;
                    continue;
                }
                double cp = c == null ? 1.0 : c[p];
                int f = bin[k0];
                float w0 = w[k0];
                double rest = 1.0 - w0;
                first[p] = (char) f;
                weight[p] = w0;
                sCount[f] += w0;
                sNorm[f] += w0 * cp;
                sCount[f + 1] += rest;
                sNorm[f + 1] += rest * cp;
                if (pure(ptr, bin, w, p)) continue;
                // undo the implied share at f + 1, then add the real weights past the first
                double ws = -rest, wv = -rest * rest;
                int k = k0 + 1;
                if (k < k1 && bin[k] == f + 1) {
                    ws += w[k];
                    wv += (double) w[k] * w[k];
                    k++;
                }
                part.correction(p, f + 1, ws, wv, cp);
                for (; k < k1; k++) {
                    part.correction(p, bin[k], w[k], (double) w[k] * w[k], cp);
                }
            }
            parts[blk] = part;
        });
        int total = 0;
        for (PairBlock part : parts) total += part.size;
        double[] sNorm = new double[bins + 1], sCount = new double[bins + 1];
        int[] extraPixel = new int[total], extraBin = new int[total];
        float[] extraWeight = new float[total], extraVariance = new float[total];
        int x = 0;
        for (int k = 0; k < parts.length; k++) {
            PairBlock part = parts[k];
            for (int r = bounds[k]; r < bounds[k + 1]; r++) rowPtr[r] += x;
            for (int b = 0; b <= bins; b++) {
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
        return new PixelBinMatrix(PixelBinMatrix.Layout.PAIRS, pixels, bins, rowPtr, extraBin, first, weight, extraPixel,
                extraWeight, extraVariance, sNorm, sCount);
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
