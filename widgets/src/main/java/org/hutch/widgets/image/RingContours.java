package org.hutch.widgets.image;

import java.util.Arrays;

/**
 * Lines of constant q on the detector, found by marching squares on a grid of q values sampled
 * from a {@link PixelGeometry}; only the interface is needed, so any geometry works (tilted
 * detectors, beam centre off the detector).
 */
public final class RingContours {

    private RingContours() {
    }

    /**
     * Line segments, in image coordinates (x = column, y = row), where q equals each of {@code qs}.
     *
     * @param step grid spacing in pixels (smaller is smoother and slower)
     * @return segments as a flat array x1, y1, x2, y2, x1, y1, ...
     */
    public static double[] segments(PixelGeometry geometry, int rows, int cols, double[] qs, int step) {
        int nx = cols / step + 2;
        int ny = rows / step + 2;
        double[] grid = new double[nx * ny];
        for (int j = 0; j < ny; j++) {
            double y = Math.min(rows, j * step);
            for (int i = 0; i < nx; i++) {
                double x = Math.min(cols, i * step);
                grid[j * nx + i] = geometry.q(y, x);
            }
        }
        double[] out = new double[256];
        int n = 0;
        double[] seg = new double[8];
        for (double q : qs) {
            for (int j = 0; j + 1 < ny; j++) {
                for (int i = 0; i + 1 < nx; i++) {
                    double x0 = Math.min(cols, i * step);
                    double x1 = Math.min(cols, (i + 1) * step);
                    double y0 = Math.min(rows, j * step);
                    double y1 = Math.min(rows, (j + 1) * step);
                    double a = grid[j * nx + i];
                    double b = grid[j * nx + i + 1];
                    double c = grid[(j + 1) * nx + i + 1];
                    double d = grid[(j + 1) * nx + i];
                    int k = 0;
                    // edges: top a-b, right b-c, bottom d-c, left a-d; record where q is crossed
                    k = cross(a, b, q, x0, y0, x1, y0, seg, k);
                    k = cross(b, c, q, x1, y0, x1, y1, seg, k);
                    k = cross(d, c, q, x0, y1, x1, y1, seg, k);
                    k = cross(a, d, q, x0, y0, x0, y1, seg, k);
                    for (int p = 0; p + 3 < k; p += 4) {
                        if (n + 4 > out.length) {
                            out = Arrays.copyOf(out, out.length * 2);
                        }
                        System.arraycopy(seg, p, out, n, 4);
                        n += 4;
                    }
                }
            }
        }
        return Arrays.copyOf(out, n);
    }

    private static int cross(double va, double vb, double q, double xa, double ya, double xb, double yb, double[] seg, int k) {
        if (k >= 8 || Double.isNaN(va) || Double.isNaN(vb) || (va < q) == (vb < q)) {
            return k;
        }
        double t = (q - va) / (vb - va);
        seg[k] = xa + t * (xb - xa);
        seg[k + 1] = ya + t * (yb - ya);
        return k + 2;
    }
}
