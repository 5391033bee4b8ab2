package org.hutch.azint.calibration;

import java.util.Arrays;
import org.hutch.azint.Geometry;
import org.hutch.azint.Poni;

/**
 * Brings a rough guess (beam centre and distance off by tens of pixels and millimetres) close
 * enough for ring-by-ring peak picking, where a shift comparable to the ring spacing would assign
 * points to the wrong ring. The brightest pixels of the image form a set of rings; the beam centre
 * is where their radii histogram is sharpest (coarse to fine), and the distance is the one at which
 * the calibrant's rings fall on bright radii. Tilts are left to the refinement. Stateless.
 */
public final class CoarseSearch {
    /** Fraction of the valid pixels taken as "bright". */
    private static final double BRIGHT = 0.05;

    private CoarseSearch() {
    }

    /**
     * The guess moved to the found beam centre and distance (rotations kept).
     *
     * @param radiusPixels how far (pixels) the beam centre may be from the guess's
     * @param distRange    relative range of the distance search (0.3 = ±30 %)
     */
    public static Poni search(CalibrationImage image, Poni guess, double[] ringTth, double radiusPixels, double distRange) {
        double[] bc = new Geometry(guess, image.rows(), image.cols()).beamCentre();
        if (bc == null) {
            throw new IllegalArgumentException("the guessed geometry puts the beam off the detector plane");
        }
        int[] bright = bright(image);
        double p1 = guess.pixel1(), p2 = guess.pixel2();
        int cols = image.cols();
        double[] rr = new double[bright.length], cc = new double[bright.length];
        for (int i = 0; i < bright.length; i++) {
            rr[i] = bright[i] / cols + 0.5;
            cc[i] = bright[i] % cols + 0.5;
        }
        double best1 = bc[0], best2 = bc[1];
        double step = Math.max(1, radiusPixels / 5), span = radiusPixels;
        while (step >= 0.25) {
            double score = -1, n1 = best1, n2 = best2;
            for (double a = -span; a <= span + 1e-9; a += step) {
                for (double b = -span; b <= span + 1e-9; b += step) {
                    double s = sharpness(rr, cc, best1 + a, best2 + b, p1 / p2);
                    if (s > score) {
                        score = s;
                        n1 = best1 + a;
                        n2 = best2 + b;
                    }
                }
            }
            best1 = n1;
            best2 = n2;
            span = 2 * step;
            step /= 4;
        }
        Poni centred = moveBeamCentre(guess, image, best1, best2);
        return fitDistance(image, centred, bright, best1, best2, ringTth, distRange);
    }

    /** Row-major indices of the brightest valid pixels. */
    private static int[] bright(CalibrationImage image) {
        int n = image.rows() * image.cols();
        double[] v = new double[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (!Double.isNaN(image.at(i))) {
                v[m++] = image.at(i);
            }
        }
        if (m == 0) {
            throw new IllegalArgumentException("the image has no valid pixel");
        }
        double[] sorted = Arrays.copyOf(v, m);
        Arrays.sort(sorted);
        double threshold = sorted[Math.min(m - 1, (int) ((1 - BRIGHT) * m))];
        int[] idx = new int[m];
        int k = 0;
        for (int i = 0; i < n; i++) {
            double x = image.at(i);
            if (!Double.isNaN(x) && x > threshold) {
                idx[k++] = i;
            }
        }
        return Arrays.copyOf(idx, k);
    }

    /** Σ h² of the histogram of radii (1-pixel bins) around a centre: large when the bright pixels form circles there. */
    private static double sharpness(double[] rr, double[] cc, double r0, double c0, double aspect) {
        int bins = 8192;
        int[] h = new int[bins];
        for (int i = 0; i < rr.length; i++) {
            double dr = (rr[i] - r0) * aspect, dc = cc[i] - c0;
            int b = (int) Math.sqrt(dr * dr + dc * dc);
            if (b < bins) {
                h[b]++;
            }
        }
        double s = 0;
        for (int x : h) {
            s += (double) x * x;
        }
        return s;
    }

    /** The same geometry with its beam centre at (b1, b2) fractional pixels: the PONI moves with it. */
    static Poni moveBeamCentre(Poni p, CalibrationImage image, double b1, double b2) {
        double[] bc = new Geometry(p, image.rows(), image.cols()).beamCentre();
        return new Poni(p.detector(), p.pixel1(), p.pixel2(), p.rows(), p.cols(), p.dist(),
                p.poni1() + (b1 - bc[0]) * p.pixel1(), p.poni2() + (b2 - bc[1]) * p.pixel2(), p.rot1(), p.rot2(), p.rot3(),
                p.wavelength());
    }

    /** The distance (beam centre fixed) where the calibrant's rings land on the most bright pixels per ring. */
    private static Poni fitDistance(CalibrationImage image, Poni p, int[] bright, double b1, double b2, double[] ringTth,
                                    double range) {
        int cols = image.cols();
        double pix = Math.sqrt(p.pixel1() * p.pixel2());
        // fraction of bright pixels at each radius (0.5-pixel bins) among valid pixels
        int bins = 16384;
        double[] all = new double[bins], hot = new double[bins];
        int n = image.rows() * cols;
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(image.at(i))) {
                continue;
            }
            int b = bin(i / cols + 0.5 - b1, i % cols + 0.5 - b2, p);
            if (b < bins) {
                all[b]++;
            }
        }
        for (int i : bright) {
            int b = bin(i / cols + 0.5 - b1, i % cols + 0.5 - b2, p);
            if (b < bins) {
                hot[b]++;
            }
        }
        double[] frac = new double[bins];
        for (int b = 0; b < bins; b++) {
            frac[b] = all[b] >= 5 ? hot[b] / all[b] : Double.NaN;
        }
        double bestD = p.dist(), bestScore = -1;
        double d0 = p.dist() * (1 - range), d1 = p.dist() * (1 + range);
        double rMax = 0;
        for (double t : ringTth) {
            rMax = Math.max(rMax, Math.min(4 * bins, p.dist() * Math.tan(t) / pix));
        }
        double step = p.dist() * 0.1 / Math.max(rMax, 1); // the outer rings move by about a tenth of a pixel
        for (double d = d0; d <= d1; d += step) {
            double s = 0;
            int rings = 0;
            for (double t : ringTth) {
                double r = d * Math.tan(t) / pix * 2;
                int b = (int) Math.round(r);
                if (b >= bins) {
                    break;
                }
                if (!Double.isNaN(frac[b])) {
                    s += frac[b];
                    rings++;
                }
            }
            if (rings >= 2) {
                s /= rings;
                if (s > bestScore) {
                    bestScore = s;
                    bestD = d;
                }
            }
        }
        Poni moved = new Poni(p.detector(), p.pixel1(), p.pixel2(), p.rows(), p.cols(), bestD, p.poni1(), p.poni2(),
                p.rot1(), p.rot2(), p.rot3(), p.wavelength());
        return moveBeamCentre(moved, image, b1, b2);
    }

    private static int bin(double dr, double dc, Poni p) {
        double pix = Math.sqrt(p.pixel1() * p.pixel2());
        double y = dr * p.pixel1() / pix, x = dc * p.pixel2() / pix;
        return (int) Math.round(Math.sqrt(x * x + y * y) * 2);
    }
}
