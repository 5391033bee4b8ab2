package org.hutch.widgets.demo;

import java.util.SplittableRandom;

import org.hutch.widgets.image.ImageFrame;
import org.hutch.widgets.image.ImageMask;
import org.hutch.widgets.image.PixelGeometry;

/**
 * Eiger-like synthetic frames for demos and the benchmark: a flat detector with powder rings on a
 * weak background, Poisson-like noise, a few hot pixels and module gaps marked 0xFFFFFFFF.
 */
public final class SyntheticFrames {

    /** Rows and columns of an Eiger2 4M. */
    public static final int EIGER4M_ROWS = 2162;
    public static final int EIGER4M_COLS = 2068;

    private final int rows;
    private final int cols;
    private final FlatGeometry geometry;

    public SyntheticFrames(int rows, int cols) {
        this.rows = rows;
        this.cols = cols;
        // beam centre a little off the middle, 75 um pixels, 0.12 m, 1 A
        this.geometry = new FlatGeometry(rows * 0.47, cols * 0.52, 75e-6, 0.12 * Math.max(rows, cols) / 2068.0, 1.0);
    }

    public PixelGeometry geometry() {
        return geometry;
    }

    /** Ring positions (q, nm^-1) the frames contain. */
    public double[] ringQs() {
        return new double[] {6.0, 9.5, 13.0, 16.5};
    }

    /** A uint32 frame; {@code seed} varies noise and ring intensities. */
    public ImageFrame uint32(long frameNumber, long seed) {
        int[] d = new int[rows * cols];
        fill(d, seed);
        return ImageFrame.ofUInt32(rows, cols, d, frameNumber);
    }

    /** Fills {@code d} (rows * cols) with a frame. */
    public void fill(int[] d, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] qs = ringQs();
        double[] amp = new double[qs.length];
        for (int k = 0; k < qs.length; k++) {
            amp[k] = 200 + 150 * Math.sin(seed * 0.3 + k);
        }
        for (int r = 0; r < rows; r++) {
            boolean rowGap = isGap(r, 514, 37);
            for (int c = 0; c < cols; c++) {
                if (rowGap || isGap(c, 1030, 10)) {
                    d[r * cols + c] = -1; // 0xFFFFFFFF
                    continue;
                }
                double q = geometry.q(r + 0.5, c + 0.5);
                double mean = 20 * Math.exp(-q / 8);
                for (int k = 0; k < qs.length; k++) {
                    double x = (q - qs[k]) / 0.12;
                    mean += amp[k] * Math.exp(-x * x);
                }
                // cheap Poisson-like noise: mean + sqrt(mean) * uniform(-1.7, 1.7)
                double v = mean + Math.sqrt(mean) * (rnd.nextDouble() * 3.4 - 1.7);
                d[r * cols + c] = (int) Math.max(0, Math.round(v));
            }
        }
        for (int k = 0; k < 30; k++) {
            d[rnd.nextInt(d.length)] = 50_000 + rnd.nextInt(100_000); // hot pixels / Bragg spots
        }
    }

    /** A mask over a rectangular beam stop holder from the centre to the top edge. */
    public ImageMask beamStopMask() {
        boolean[] m = new boolean[rows * cols];
        int cr = (int) geometry.centreRow;
        int cc = (int) geometry.centreCol;
        int half = Math.max(3, cols / 80);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                boolean disc = (r - cr) * (r - cr) + (c - cc) * (c - cc) < 4 * half * half;
                boolean arm = r <= cr && Math.abs(c - cc) < half / 2;
                m[r * cols + c] = disc || arm;
            }
        }
        return new ImageMask(rows, cols, m);
    }

    private static boolean isGap(int i, int period, int width) {
        int p = i % period;
        return i > width && p >= period - width;
    }

    /** Flat detector normal to the beam. */
    static final class FlatGeometry implements PixelGeometry {
        final double centreRow;
        final double centreCol;
        private final double pixel;
        private final double distance;
        private final double wavelengthA;

        FlatGeometry(double centreRow, double centreCol, double pixel, double distance, double wavelengthA) {
            this.centreRow = centreRow;
            this.centreCol = centreCol;
            this.pixel = pixel;
            this.distance = distance;
            this.wavelengthA = wavelengthA;
        }

        @Override
        public double twoTheta(double row, double col) {
            double r = Math.hypot((row - centreRow) * pixel, (col - centreCol) * pixel);
            return Math.toDegrees(Math.atan2(r, distance));
        }

        @Override
        public double q(double row, double col) {
            double tth = Math.toRadians(twoTheta(row, col));
            return 4 * Math.PI * Math.sin(tth / 2) / (wavelengthA / 10.0);
        }

        @Override
        public double chi(double row, double col) {
            return Math.toDegrees(Math.atan2(row - centreRow, col - centreCol));
        }
    }
}
