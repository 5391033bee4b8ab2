package org.hutch.widgets.analysis;

import org.hutch.widgets.image.ImageFrame;
import org.hutch.widgets.image.ImageMask;

/**
 * Values along a straight line through the image, sampled by <b>bilinear interpolation</b> between
 * the four nearest pixel centres (a pixel's centre is at col + 0.5, row + 0.5), at most one pixel
 * apart: {@code samples = ceil(length) + 1}, from one end to the other inclusive. A sample whose
 * neighbours include a masked, invalid or outside pixel is NaN (a gap in the plot), so no gap value
 * leaks into the profile.
 *
 * @param distance distance of each sample from the start, in detector pixels
 * @param value    the interpolated value, or NaN
 * @param length   the line's length in detector pixels
 */
public record LineProfile(double[] distance, double[] value, double length) {

    public int samples() {
        return value.length;
    }

    /**
     * The profile from (col0, row0) to (col1, row1), in full-resolution detector coordinates, of a
     * frame whose pixels cover {@code binning x binning} detector pixels (sampled on the frame's grid).
     */
    public static LineProfile bilinear(ImageFrame frame, ImageMask mask, double col0, double row0,
                                       double col1, double row1, int binning) {
        int b = Math.max(1, binning);
        double length = Math.hypot(col1 - col0, row1 - row0);
        int n = (int) Math.ceil(length / b) + 1;
        double[] d = new double[n];
        double[] v = new double[n];
        boolean useMask = mask != null && mask.fits(frame);
        for (int i = 0; i < n; i++) {
            double t = n == 1 ? 0 : (double) i / (n - 1);
            d[i] = t * length;
            v[i] = at(frame, useMask ? mask : null, (col0 + t * (col1 - col0)) / b, (row0 + t * (row1 - row0)) / b);
        }
        return new LineProfile(d, v, length);
    }

    /**
     * Bilinear value at the continuous frame point (x = col, y = row), or NaN outside the frame; in
     * the outer half pixel, where there is no centre beyond, the edge pixels' values are held.
     */
    static double at(ImageFrame f, ImageMask mask, double x, double y) {
        if (!(x >= 0 && y >= 0 && x <= f.cols() && y <= f.rows())) {
            return Double.NaN;
        }
        double u = Math.max(0, Math.min(f.cols() - 1, x - 0.5));
        double w = Math.max(0, Math.min(f.rows() - 1, y - 0.5));
        int c = Math.min((int) u, Math.max(0, f.cols() - 2));
        int r = Math.min((int) w, Math.max(0, f.rows() - 2));
        double fc = u - c;
        double fr = w - r;
        int c1 = Math.min(c + 1, f.cols() - 1);
        int r1 = Math.min(r + 1, f.rows() - 1);
        double v00 = valid(f, mask, r, c);
        double v01 = fc > 0 ? valid(f, mask, r, c1) : 0;
        double v10 = fr > 0 ? valid(f, mask, r1, c) : 0;
        double v11 = fc > 0 && fr > 0 ? valid(f, mask, r1, c1) : 0;
        return (v00 * (1 - fc) + v01 * fc) * (1 - fr) + (v10 * (1 - fc) + v11 * fc) * fr;
    }

    private static double valid(ImageFrame f, ImageMask mask, int r, int c) {
        return f.isInvalid(r, c) || (mask != null && mask.isMasked(r, c)) ? Double.NaN : f.value(r, c);
    }
}
