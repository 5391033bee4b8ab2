package org.hutch.azint;

/**
 * The sparse pixel → bin weights of an integration, stored pixel-major so that a frame is read
 * once, in memory order. Either one bin per pixel ({@link #centreBin}, no splitting; −1 = none)
 * or compressed columns: the entries of pixel p are {@code [ptr[p], ptr[p+1])} of
 * {@link #bin} (int) and {@link #weight} (float).
 */
final class PixelBinMatrix {
    final int pixels;
    final int bins;
    final int[] centreBin;
    final int[] ptr;
    final int[] bin;
    final float[] weight;

    private PixelBinMatrix(int pixels, int bins, int[] centreBin, int[] ptr, int[] bin, float[] weight) {
        this.pixels = pixels;
        this.bins = bins;
        this.centreBin = centreBin;
        this.ptr = ptr;
        this.bin = bin;
        this.weight = weight;
    }

    static PixelBinMatrix centres(int bins, int[] centreBin) {
        return new PixelBinMatrix(centreBin.length, bins, centreBin, null, null, null);
    }

    static PixelBinMatrix split(int bins, int[] ptr, int[] bin, float[] weight) {
        return new PixelBinMatrix(ptr.length - 1, bins, null, ptr, bin, weight);
    }

    boolean isCentre() {
        return centreBin != null;
    }

    /** Number of stored pixel-bin entries. */
    long nnz() {
        if (centreBin != null) {
            long n = 0;
            for (int b : centreBin) {
                if (b >= 0) n++;
            }
            return n;
        }
        return ptr[pixels];
    }

    /** Bytes held by the arrays. */
    long bytes() {
        return centreBin != null ? 4L * centreBin.length : 4L * ptr.length + 4L * bin.length + 4L * weight.length;
    }
}
