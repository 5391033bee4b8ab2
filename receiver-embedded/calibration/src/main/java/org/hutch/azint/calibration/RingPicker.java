package org.hutch.azint.calibration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Manual seeding as pyFAI-calib2 does it: a click near a ring takes the brightest pixel nearby, grows
 * the region of the ring (the "massif": pixels standing above their neighbourhood mean, so diffuse
 * scattering stays out; across breaks of a few pixels, so a spotty ring holds together; within an
 * arc around the click), and picks peaks along it a few pixels apart, each at its sub-pixel centroid as the automatic
 * picker places them, all assigned to the ring number the user chose. A ring cut by a gap or a mask
 * gives the part that was clicked. Stateless.
 */
public final class RingPicker {
    /** How far (pixels) from the click the ring's brightest pixel is looked for. */
    private static final int REACH = 6;
    /** Half size of the window whose median is the background. */
    private static final int BG_HALF = 15;
    /** The region stays within this many pixels of the click (an arc of the ring, not the diffuse scattering at the centre). */
    private static final int REGION_RADIUS = 150;
    /** The region grows across breaks this many pixels wide: a ring of a few grains is spotty. */
    private static final int JUMP = 3;
    /** Half size of the neighbourhood whose mean the ring must stand above. */
    private static final int LOCAL_HALF = 8;
    /** The region grows to at most this many pixels. */
    private static final int MAX_REGION = 400_000;
    /** A pixel joins the region when it stands above its neighbourhood mean by this fraction of the ring's height over the background. */
    private static final double FRACTION = 0.15;

    private RingPicker() {
    }

    /**
     * Control points on the ring under (d1, d2) (fractional pixels), assigned to {@code ring}
     * (index into the calibrant's d-spacings); empty when nothing stands out there.
     */
    public static List<ControlPoint> pick(CalibrationImage image, double d1, double d2, int ring, double spacing) {
        int rows = image.rows(), cols = image.cols();
        int r0 = -1, c0 = -1;
        double peak = Double.NEGATIVE_INFINITY;
        for (int r = (int) d1 - REACH; r <= (int) d1 + REACH; r++) {
            for (int c = (int) d2 - REACH; c <= (int) d2 + REACH; c++) {
                if (image.valid(r, c) && image.at(r, c) > peak) {
                    peak = image.at(r, c);
                    r0 = r;
                    c0 = c;
                }
            }
        }
        if (r0 < 0) {
            return List.of();
        }
        double[] level = levels(image, r0, c0);
        double bg = level[0], ring0 = level[1];
        if (!(ring0 > bg)) {
            return List.of();
        }
        // the ring stands above its own neighbourhood mean by half its typical height (not the
        // clicked pixel's, which may be a grain far brighter than the rest); diffuse scattering,
        // however bright, does not, so the region stays on the ring
        double threshold = FRACTION * (ring0 - bg);
        double[] local = BoxMean.of(image, LOCAL_HALF);
        // the massif: pixels above the threshold, connected across breaks of up to JUMP pixels
        boolean[] in = new boolean[rows * cols];
        int[] stack = new int[MAX_REGION];
        int[] region = new int[MAX_REGION];
        int top = 0, n = 0;
        stack[top++] = r0 * cols + c0;
        in[r0 * cols + c0] = true;
        while (top > 0 && n < MAX_REGION) {
            int i = stack[--top];
            region[n++] = i;
            int r = i / cols, c = i % cols;
            for (int dr = -JUMP; dr <= JUMP; dr++) {
                for (int dc = -JUMP; dc <= JUMP; dc++) {
                    int rr = r + dr, cc = c + dc;
                    if (image.valid(rr, cc) && !in[rr * cols + cc] && (rr - r0) * (rr - r0) + (cc - c0) * (cc - c0) <= REGION_RADIUS * REGION_RADIUS
                            && smooth(image, rr, cc) - local[rr * cols + cc] >= threshold && top < MAX_REGION) {
                        in[rr * cols + cc] = true;
                        stack[top++] = rr * cols + cc;
                    }
                }
            }
        }
        // peaks along it, brightest first, at least `spacing` apart
        Integer[] order = new Integer[n];
        for (int k = 0; k < n; k++) {
            order[k] = region[k];
        }
        Arrays.sort(order, (a, b) -> Double.compare(image.at(b), image.at(a)));
        List<ControlPoint> out = new ArrayList<>();
        List<int[]> taken = new ArrayList<>();
        for (int i : order) {
            // up the ridge to the pixel's local maximum, which is where the centroid is taken
            int[] at = climb(image, i / cols, i % cols);
            if (nearAny(taken, at[0], at[1], spacing) || nearAny(taken, i / cols, i % cols, spacing)) {
                continue;
            }
            ControlPoint p = PeakPicker.centroid(image, at[0], at[1], ring);
            if (p != null) {
                taken.add(at);
                out.add(p);
            }
        }
        return onOneCircle(out);
    }

    /**
     * The points that lie on one circle: a region that leaked into a neighbour ring or diffuse
     * scattering is trimmed by fitting a circle (Kåsa) and dropping points more than 3 pixels (or
     * 3 median deviations) off it, three times.
     */
    static List<ControlPoint> onOneCircle(List<ControlPoint> points) {
        List<ControlPoint> kept = points;
        for (int round = 0; round < 3 && kept.size() >= 5; round++) {
            // x² + y² + D x + E y + F = 0 by least squares
            double[][] a = new double[3][3];
            double[] b = new double[3];
            for (ControlPoint p : kept) {
                double[] row = {p.d2(), p.d1(), 1};
                double rhs = -(p.d1() * p.d1() + p.d2() * p.d2());
                for (int i = 0; i < 3; i++) {
                    b[i] += row[i] * rhs;
                    for (int j = 0; j < 3; j++) {
                        a[i][j] += row[i] * row[j];
                    }
                }
            }
            double[] x = solve(a, b);
            double cx = -x[0] / 2, cy = -x[1] / 2, radius = Math.sqrt(cx * cx + cy * cy - x[2]);
            double[] dev = new double[kept.size()];
            for (int i = 0; i < dev.length; i++) {
                dev[i] = Math.abs(Math.hypot(kept.get(i).d2() - cx, kept.get(i).d1() - cy) - radius);
            }
            double[] sorted = dev.clone();
            Arrays.sort(sorted);
            double limit = Math.max(3, 3 * sorted[sorted.length / 2]);
            List<ControlPoint> next = new ArrayList<>();
            for (int i = 0; i < dev.length; i++) {
                if (dev[i] <= limit) {
                    next.add(kept.get(i));
                }
            }
            kept = next;
        }
        return kept;
    }

    /** 3 x 3 linear system by Cramer's rule. */
    private static double[] solve(double[][] a, double[] b) {
        double det = det(a[0], a[1], a[2]);
        double[] x = new double[3];
        for (int k = 0; k < 3; k++) {
            double[][] m = {a[0].clone(), a[1].clone(), a[2].clone()};
            for (int i = 0; i < 3; i++) {
                m[i][k] = b[i];
            }
            x[k] = det(m[0], m[1], m[2]) / det;
        }
        return x;
    }

    private static double det(double[] r0, double[] r1, double[] r2) {
        return r0[0] * (r1[1] * r2[2] - r1[2] * r2[1]) - r0[1] * (r1[0] * r2[2] - r1[2] * r2[0]) + r0[2] * (r1[0] * r2[1] - r1[1] * r2[0]);
    }

    private static boolean nearAny(List<int[]> taken, int r, int c, double spacing) {
        for (int[] t : taken) {
            if ((t[0] - r) * (t[0] - r) + (t[1] - c) * (t[1] - c) < spacing * spacing) {
                return true;
            }
        }
        return false;
    }

    /** Steepest ascent over valid pixels to a 3 x 3 local maximum (a few steps at most). */
    private static int[] climb(CalibrationImage image, int r, int c) {
        for (int step = 0; step < 10; step++) {
            int br = r, bc = c;
            for (int dr = -1; dr <= 1; dr++) {
                for (int dc = -1; dc <= 1; dc++) {
                    if (image.valid(r + dr, c + dc) && image.at(r + dr, c + dc) > image.at(br, bc)) {
                        br = r + dr;
                        bc = c + dc;
                    }
                }
            }
            if (br == r && bc == c) {
                break;
            }
            r = br;
            c = bc;
        }
        return new int[] {r, c};
    }

    /** Box means of the valid pixels over (2h+1)² windows, from summed-area tables. */
    private static final class BoxMean {
        static double[] of(CalibrationImage image, int h) {
            int rows = image.rows(), cols = image.cols();
            double[] sum = new double[(rows + 1) * (cols + 1)];
            int[] count = new int[(rows + 1) * (cols + 1)];
            int w = cols + 1;
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    double v = image.at(r, c);
                    boolean ok = !Double.isNaN(v);
                    int i = (r + 1) * w + c + 1;
                    sum[i] = sum[i - 1] + sum[i - w] - sum[i - w - 1] + (ok ? v : 0);
                    count[i] = count[i - 1] + count[i - w] - count[i - w - 1] + (ok ? 1 : 0);
                }
            }
            double[] out = new double[rows * cols];
            for (int r = 0; r < rows; r++) {
                int r1 = Math.max(0, r - h), r2 = Math.min(rows, r + h + 1);
                for (int c = 0; c < cols; c++) {
                    int c1 = Math.max(0, c - h), c2 = Math.min(cols, c + h + 1);
                    double s = sum[r2 * w + c2] - sum[r1 * w + c2] - sum[r2 * w + c1] + sum[r1 * w + c1];
                    int n = count[r2 * w + c2] - count[r1 * w + c2] - count[r2 * w + c1] + count[r1 * w + c1];
                    out[r * cols + c] = n > 0 ? s / n : Double.NaN;
                }
            }
            return out;
        }
    }

    /** The mean of the valid pixels of the 3 x 3 block around (r, c). */
    private static double smooth(CalibrationImage image, int r, int c) {
        double s = 0;
        int n = 0;
        for (int rr = r - 1; rr <= r + 1; rr++) {
            for (int cc = c - 1; cc <= c + 1; cc++) {
                if (image.valid(rr, cc)) {
                    s += image.at(rr, cc);
                    n++;
                }
            }
        }
        return s / n;
    }

    /**
     * The background (median) and the ring's typical height (90th percentile: the ring covers a
     * sixth or so of the window) of the valid pixels around (r0, c0).
     */
    private static double[] levels(CalibrationImage image, int r0, int c0) {
        double[] v = new double[(2 * BG_HALF + 1) * (2 * BG_HALF + 1)];
        int m = 0;
        for (int r = r0 - BG_HALF; r <= r0 + BG_HALF; r++) {
            for (int c = c0 - BG_HALF; c <= c0 + BG_HALF; c++) {
                if (image.valid(r, c)) {
                    v[m++] = image.at(r, c);
                }
            }
        }
        Arrays.sort(v, 0, m);
        return m == 0 ? new double[] {0, 0} : new double[] {v[m / 2], v[(int) (0.9 * (m - 1))]};
    }
}
