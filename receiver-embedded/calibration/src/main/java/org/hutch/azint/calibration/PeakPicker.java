package org.hutch.azint.calibration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hutch.azint.Geometry;
import org.hutch.azint.Poni;

/**
 * Automatic peak picking along calibrant rings: for each expected ring, the pixels of the image
 * within a 2θ band around it are split into azimuthal sectors a few pixels long; the brightest
 * pixel of a sector that is a local maximum and stands clear of its background becomes a control
 * point at the intensity centroid of its neighbourhood (sub-pixel). Windows that touch an excluded
 * pixel (mask, gap, invalid) or the image edge are skipped, so a ring cut by a gap is never pulled
 * towards it. Stateless.
 */
public final class PeakPicker {
    /** Half size of the centroid window (5 x 5). */
    private static final int HALF = 2;
    /** Half size of the background window (9 x 9): the ring's neighbourhood minimum. */
    private static final int BG_HALF = 4;
    /** A peak must exceed its background by this many Poisson standard deviations. */
    private static final double SIGNIFICANCE = 5;

    private PeakPicker() {
    }

    /**
     * Control points on the given rings.
     *
     * @param ringTth   2θ (radians) of every ring of the calibrant, smallest first
     * @param rings     how many rings to search, from the first
     * @param bandPixels half width of the search band in pixels (limited to a third of the gap to the neighbour rings)
     * @param spacing   the distance in pixels between sector starts along a ring
     */
    public static List<ControlPoint> pick(CalibrationImage image, Poni poni, double[] ringTth, int rings,
                                          double bandPixels, double spacing) {
        Geometry g = new Geometry(poni, image.rows(), image.cols());
        int rowsN = image.rows(), colsN = image.cols();
        int n = Math.min(rings, ringTth.length);
        if (n == 0) {
            return List.of();
        }
        // angular size of a pixel at each ring, from the sample-detector distance (near enough for bands and sectors)
        double pix = Math.sqrt(poni.pixel1() * poni.pixel2());
        double[] lo = new double[n], hi = new double[n];
        int[] sectors = new int[n];
        for (int k = 0; k < n; k++) {
            double t = ringTth[k];
            double perPixel = pix * Math.cos(t) * Math.cos(t) / poni.dist(); // d(2θ) per pixel radially, normal incidence
            double band = bandPixels * perPixel;
            double below = k > 0 ? (t - ringTth[k - 1]) / 3 : band;
            double above = k + 1 < ringTth.length ? (ringTth[k + 1] - t) / 3 : band;
            lo[k] = t - Math.min(band, below);
            hi[k] = t + Math.min(band, above);
            double circumference = 2 * Math.PI * poni.dist() * Math.tan(t) / pix;
            sectors[k] = Math.max(8, (int) (circumference / spacing));
        }
        double tthMax = hi[n - 1];
        // brightest pixel per (ring, sector)
        int[][] best = new int[n][];
        for (int k = 0; k < n; k++) {
            best[k] = new int[sectors[k]];
            Arrays.fill(best[k], -1);
        }
        double[] lab = new double[3];
        for (int r = BG_HALF; r < rowsN - BG_HALF; r++) {
            for (int c = BG_HALF; c < colsN - BG_HALF; c++) {
                double v = image.at(r, c);
                if (Double.isNaN(v)) {
                    continue;
                }
                g.lab(r + 0.5, c + 0.5, lab);
                double tth = Math.atan2(Math.sqrt(lab[0] * lab[0] + lab[1] * lab[1]), lab[2]);
                if (tth > tthMax || tth < lo[0]) {
                    continue;
                }
                int k = ring(ringTth, n, tth);
                if (k < 0 || tth < lo[k] || tth > hi[k]) {
                    continue;
                }
                double chi = Math.atan2(lab[0], lab[1]);
                int s = Math.min(sectors[k] - 1, (int) ((chi + Math.PI) / (2 * Math.PI) * sectors[k]));
                int i = r * colsN + c;
                if (best[k][s] < 0 || image.at(best[k][s]) < v) {
                    best[k][s] = i;
                }
            }
        }
        List<ControlPoint> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            for (int i : best[k]) {
                if (i >= 0) {
                    ControlPoint p = centroid(image, i / colsN, i % colsN, k);
                    if (p != null) {
                        out.add(p);
                    }
                }
            }
        }
        return out;
    }

    /** The ring nearest to 2θ among the first n. */
    private static int ring(double[] ringTth, int n, double tth) {
        int at = Arrays.binarySearch(ringTth, 0, n, tth);
        if (at >= 0) {
            return at;
        }
        int ins = -at - 1;
        if (ins == 0) {
            return 0;
        }
        if (ins >= n) {
            return n - 1;
        }
        return tth - ringTth[ins - 1] < ringTth[ins] - tth ? ins - 1 : ins;
    }

    /** The control point at the background-subtracted centroid around a local maximum, or null. */
    static ControlPoint centroid(CalibrationImage image, int r0, int c0, int ring) {
        double peak = image.at(r0, c0);
        double bg = Double.POSITIVE_INFINITY;
        for (int r = r0 - BG_HALF; r <= r0 + BG_HALF; r++) {
            for (int c = c0 - BG_HALF; c <= c0 + BG_HALF; c++) {
                if (!image.valid(r, c)) {
                    return null;
                }
                double v = image.at(r, c);
                if (Math.abs(r - r0) <= 1 && Math.abs(c - c0) <= 1 && v > peak) {
                    return null; // not a local maximum: the band's edge on a neighbour's slope
                }
                bg = Math.min(bg, v);
            }
        }
        if (peak - bg < SIGNIFICANCE * Math.sqrt(Math.max(bg, 1))) {
            return null;
        }
        double sw = 0, s1 = 0, s2 = 0;
        for (int r = r0 - HALF; r <= r0 + HALF; r++) {
            for (int c = c0 - HALF; c <= c0 + HALF; c++) {
                double w = image.at(r, c) - bg;
                sw += w;
                s1 += w * (r + 0.5);
                s2 += w * (c + 0.5);
            }
        }
        return sw > 0 ? new ControlPoint(s1 / sw, s2 / sw, ring) : null;
    }
}
