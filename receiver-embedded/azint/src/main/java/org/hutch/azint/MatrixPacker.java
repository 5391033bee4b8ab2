package org.hutch.azint;

import java.util.Arrays;

/**
 * Turns the geometric weights of {@link MatrixBuilder} into the {@link PixelBinMatrix} a frame is
 * integrated with: precomputes the per-bin sums that do not depend on the frame (Σw·c for the
 * ratio or Σw for the mean normalisation, and Σw), and packs 1D split weights as runs of
 * consecutive bins.
 */
final class MatrixPacker {
    private static final int MAX_RUN = 255;

    private MatrixPacker() {
    }

    /**
     * @param c    per-pixel normalisation (solid angle × polarisation), null for 1
     * @param mean azint's mean of corrected pixels rather than pyFAI's ratio of sums
     */
    static PixelBinMatrix pack(MatrixBuilder.Raw raw, int bins, int rows, int cols, float[] c, boolean mean, boolean oneD) {
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
            return new PixelBinMatrix(PixelBinMatrix.Layout.CENTRE, pixels, bins, null, bin, null, null, null, null, sNorm, sCount);
        }
        int[] ptr = raw.ptr(), bin = raw.bin();
        float[] w = raw.weight();
        if (oneD && bins < PixelBinMatrix.NONE && runsFit(ptr, bin, pixels)) {
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
        return new PixelBinMatrix(PixelBinMatrix.Layout.GENERAL, pixels, bins, ptr, bin, null, w, null, null, sNorm, sCount);
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
                Arrays.copyOf(extraPixel, x), Arrays.copyOf(extraWeight, x), sNorm, sCount);
    }
}
