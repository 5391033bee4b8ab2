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
        if (oneD && bins < PixelBinMatrix.NONE && runsFit(ptr, bin, pixels)) {
            if (pairs && !mean && pairsFit(ptr, bin, w, pixels)) {
                return pairs(raw, bins, rows, cols, c);
            }
            return runs(raw, bins, rows, cols, c, mean, sNorm, sCount);
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

    /** True if every pixel's bins ascend and span at most MAX_RUN bins. */
    private static boolean runsFit(int[] ptr, int[] bin, int pixels) {
        for (int p = 0; p < pixels; p++) {
            int k0 = ptr[p], k1 = ptr[p + 1];
            if (k0 == k1) continue;
            for (int k = k0 + 1; k < k1; k++) {
                if (bin[k] <= bin[k - 1]) return false;
            }
            if (bin[k1 - 1] - bin[k0] + 1 > MAX_RUN) return false;
        }
        return true;
    }

    /** A pixel's weights sum to 1 within float rounding when they are normalised over the range. */
    private static final double PAIR_SUM_TOLERANCE = 0x1p-20;

    /** True if a pixel's weights are exactly (w, 1 - w) over bins f, f + 1 (or 1 over bin f). */
    private static boolean pure(int[] ptr, int[] bin, float[] w, int p) {
        int k0 = ptr[p], n = ptr[p + 1] - k0;
        if (n == 1) return w[k0] == 1f;
        return n == 2 && bin[k0 + 1] == bin[k0] + 1 && Math.abs((double) w[k0] + w[k0 + 1] - 1) <= PAIR_SUM_TOLERANCE;
    }

    /** True when nearly every pixel is {@link #pure}: the others need correction entries. */
    private static boolean pairsFit(int[] ptr, int[] bin, float[] w, int pixels) {
        int impure = 0;
        for (int p = 0; p < pixels; p++) {
            if (ptr[p] < ptr[p + 1] && !pure(ptr, bin, w, p)) impure++;
        }
        return impure <= pixels / 50;
    }

    /**
     * The PAIRS layout: a pixel stores its first bin f and weight w; bin f + 1 gets 1 - w. A pixel with other
     * weights adds correction entries (bin, signal weight, variance weight) that turn the implied pair into
     * its real weights: at f + 1 minus the implied share, at each further bin its own.
     */
    private static PixelBinMatrix pairs(MatrixBuilder.Raw raw, int bins, int rows, int cols, float[] c) {
        int pixels = rows * cols;
        int[] ptr = raw.ptr(), bin = raw.bin();
        float[] w = raw.weight();
        char[] first = new char[pixels];
        float[] weight = new float[pixels];
        int[] rowPtr = new int[rows + 1];
        // one padding bin: the implied share of a pixel in the last bin lands past the end
        double[] sNorm = new double[bins + 1], sCount = new double[bins + 1];
        int extras = 0;
        for (int p = 0; p < pixels; p++) {
            if (ptr[p] < ptr[p + 1] && !pure(ptr, bin, w, p)) extras += ptr[p + 1] - ptr[p];
        }
        int[] extraPixel = new int[extras], extraBin = new int[extras];
        float[] extraWeight = new float[extras], extraVariance = new float[extras];
        int x = 0;
        for (int p = 0; p < pixels; p++) {
            if (p % cols == 0) rowPtr[p / cols] = x;
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
            x = correction(p, f + 1, ws, wv, cp, extraPixel, extraBin, extraWeight, extraVariance, sNorm, sCount, x);
            for (; k < k1; k++) {
                x = correction(p, bin[k], w[k], (double) w[k] * w[k], cp, extraPixel, extraBin, extraWeight,
                        extraVariance, sNorm, sCount, x);
            }
        }
        rowPtr[rows] = x;
        return new PixelBinMatrix(PixelBinMatrix.Layout.PAIRS, pixels, bins, rowPtr, Arrays.copyOf(extraBin, x), first,
                weight, Arrays.copyOf(extraPixel, x), Arrays.copyOf(extraWeight, x), Arrays.copyOf(extraVariance, x),
                sNorm, sCount);
    }

    private static int correction(int p, int b, double ws, double wv, double cp, int[] extraPixel, int[] extraBin,
                                  float[] extraWeight, float[] extraVariance, double[] sNorm, double[] sCount, int x) {
        float s = (float) ws;
        sCount[b] += s;
        sNorm[b] += s * cp;
        extraPixel[x] = p;
        extraBin[x] = b;
        extraWeight[x] = s;
        extraVariance[x] = (float) wv;
        return x + 1;
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
