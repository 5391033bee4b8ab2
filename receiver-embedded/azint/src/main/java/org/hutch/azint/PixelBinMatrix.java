package org.hutch.azint;

/**
 * The sparse pixel → bin weights of an integration, stored pixel-major so that a frame is read
 * once, in memory order. Five layouts:
 * <ul>
 *   <li>centre: one bin per pixel ({@link #bin}[p], −1 = none), weight {@link #weight}[p] or 1 when null;</li>
 *   <li>pairs (1D splitting with ratio normalisation, where nearly every pixel spans at most two bins):
 *       pixel p gives {@link #weight}[p] to bin {@link #first}[p] (0xFFFF = none) and the rest of its unit
 *       weight to the next bin, so a pixel costs six bytes. A pixel with other weights (more bins, or
 *       weights not summing to 1) keeps correction entries in {@link #extraPixel}, {@link #bin},
 *       {@link #extraWeight} (signal) and {@link #extraVariance} (squared weight), row r's from
 *       {@link #ptr}[r]. {@link #staticNorm} and {@link #staticCount} have padding bins;</li>
 *   <li>triples (the same where nearly every pixel spans at most three bins): pixel p gives
 *       {@link #weight}[2p] to bin {@link #first}[p], {@link #weight}[2p+1] to the next and the rest of
 *       its unit weight to the third (ten bytes a pixel), with correction entries as pairs;</li>
 *   <li>runs (1D splitting, where a pixel's bins are consecutive): pixel p covers the three bins
 *       from {@link #first}[p] (0xFFFF = none) with weights {@link #weight}[3p..3p+2] (zero where it
 *       covers fewer). A fixed width keeps the per-pixel loop free of unpredictable branches; the
 *       rare pixels spanning more than three bins keep the rest in {@link #extraPixel},
 *       {@link #bin} and {@link #extraWeight}, row r's from {@link #ptr}[r];</li>
 *   <li>general (2D splitting): the entries of pixel p are [{@link #ptr}[p], {@link #ptr}[p+1]) of
 *       {@link #bin} and {@link #weight}.</li>
 * </ul>
 * Weights are geometric (the share of the pixel in the bin). {@link #staticNorm} and
 * {@link #staticCount} hold per bin Σw·c (or Σw for the mean normalisation) and Σw over all mapped
 * pixels, from which a frame subtracts its invalid pixels.
 */
final class PixelBinMatrix {
    enum Layout { CENTRE, PAIRS, TRIPLES, RUNS, GENERAL }

    final Layout layout;
    final int pixels;
    final int bins;
    final int[] ptr;
    final int[] bin;
    final char[] first;
    final float[] weight;
    final int[] extraPixel;
    final float[] extraWeight;
    final float[] extraVariance;
    final double[] staticNorm;
    final double[] staticCount;

    /** Run width of the RUNS layout, and the "no bin" marker of {@link #first}. */
    static final int WIDTH = 3;
    static final char NONE = 0xFFFF;

    PixelBinMatrix(Layout layout, int pixels, int bins, int[] ptr, int[] bin, char[] first, float[] weight,
                   int[] extraPixel, float[] extraWeight, float[] extraVariance, double[] staticNorm,
                   double[] staticCount) {
        this.layout = layout;
        this.pixels = pixels;
        this.bins = bins;
        this.ptr = ptr;
        this.bin = bin;
        this.first = first;
        this.weight = weight;
        this.extraPixel = extraPixel;
        this.extraWeight = extraWeight;
        this.extraVariance = extraVariance;
        this.staticNorm = staticNorm;
        this.staticCount = staticCount;
    }

    /** Number of non-zero pixel-bin weights (padding of the RUNS layout not counted). */
    long nnz() {
        return switch (layout) {
            case CENTRE -> {
                long n = 0;
                for (int b : bin) {
                    if (b >= 0) n++;
                }
                yield n;
            }
            case PAIRS -> {
                long n = bin.length;
                for (int p = 0; p < pixels; p++) {
                    if (first[p] != NONE) n += weight[p] == 1f ? 1 : 2;
                }
                yield n;
            }
            case TRIPLES -> {
                long n = bin.length;
                for (int p = 0; p < pixels; p++) {
                    if (first[p] != NONE) n += weight[2 * p] == 1f ? 1 : weight[2 * p] + weight[2 * p + 1] == 1f ? 2 : 3;
                }
                yield n;
            }
            case RUNS -> {
                long n = bin.length;
                for (float w : weight) {
                    if (w != 0) n++;
                }
                yield n;
            }
            case GENERAL -> ptr[pixels];
        };
    }

    /** Bytes held by the per-frame arrays. */
    long bytes() {
        long b = 4L * bin.length + (weight == null ? 0 : 4L * weight.length);
        if (ptr != null) b += 4L * ptr.length;
        if (first != null) b += 2L * first.length + 4L * extraPixel.length + 4L * extraWeight.length;
        if (extraVariance != null) b += 4L * extraVariance.length;
        return b + 16L * bins;
    }
}
