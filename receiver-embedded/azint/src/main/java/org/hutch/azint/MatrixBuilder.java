package org.hutch.azint;

import java.util.Arrays;

/**
 * Builds the {@link PixelBinMatrix} of one geometry, mask and settings, in parallel blocks of rows.
 *
 * <p>Bins follow pyFAI: {@code npt} equal bins from lo to hi·(1 + 2⁻²³), a pixel centre at r goes
 * to bin ⌊(r − lo)/Δ⌋. Exact ("full") splitting follows pyFAI's splitPixelFullCSR: the pixel's four
 * corners span a quadrilateral in (radial, χ) space; its weight in a bin is the part of its area
 * inside the bin over its area inside the whole range. A quadrilateral that straddles the χ = ±π
 * discontinuity is first moved to one side (χ + 2π for its negative corners).
 */
final class MatrixBuilder {
    /** pyFAI's EPS32: the upper edge of the range is stretched by this factor. */
    static final double EPS32 = 1.0 + Math.ulp(1.0f);

    private final Geometry g;
    private final byte[] mask;
    private final IntegrationSettings s;
    private final int rows;
    private final int cols;
    private final int nR;
    private final int nA;
    private final double wl;
    double lo;
    double hi;
    double delta;

    MatrixBuilder(Geometry g, byte[] mask, IntegrationSettings s) {
        this.g = g;
        this.mask = mask;
        this.s = s;
        this.rows = g.rows();
        this.cols = g.cols();
        this.nR = s.radialBins();
        this.nA = s.azimuthBins();
        this.wl = s.unit().needsWavelength() ? g.poni().wavelengthNm() : Double.NaN;
        if (mask != null && mask.length != g.pixels()) {
            throw new IllegalArgumentException("mask has " + mask.length + " pixels, the detector " + g.pixels());
        }
        if ((long) nR * Math.max(1, nA) > Integer.MAX_VALUE / 8) {
            throw new IllegalArgumentException("too many bins: " + nR + " x " + nA);
        }
    }

    private boolean masked(int p) {
        return mask != null && mask[p] != 0;
    }

    Raw build() {
        double rmin = s.radialMin(), rmax = s.radialMax();
        if (s.autoRange()) {
            double[] r = g.radialArray(s.unit());
            rmin = Double.POSITIVE_INFINITY;
            rmax = Double.NEGATIVE_INFINITY;
            for (int p = 0; p < r.length; p++) {
                if (!masked(p)) {
                    rmin = Math.min(rmin, r[p]);
                    rmax = Math.max(rmax, r[p]);
                }
            }
            if (rmin > rmax) {
                throw new IllegalArgumentException("every pixel is masked");
            }
            rmin = Math.max(0, rmin);
        }
        lo = rmin;
        hi = rmax > 0 ? rmax * EPS32 : rmax / EPS32;
        delta = (hi - lo) / nR;
        Splitting sp = s.splitting();
        if (sp.isNone()) {
            return centres();
        }
        return sp.isFull() ? full() : subPixels(sp.n());
    }

    private int azimuthBin(double chi) {
        int a = (int) Math.floor((chi + Math.PI) * nA / (2 * Math.PI));
        return Math.min(nA - 1, Math.max(0, a));
    }

    private Raw centres() {
        int[] out = new int[g.pixels()];
        Parallel.run(Parallel.bounds(rows, 4 * Parallel.threads()), (blk, r0, r1) -> {
            double[] t = new double[3];
            for (int i = r0; i < r1; i++) {
                for (int j = 0, p = i * cols; j < cols; j++, p++) {
                    out[p] = -1;
                    if (masked(p)) continue;
                    g.lab(i + 0.5, j + 0.5, t);
                    double x = (radial(t) - lo) / delta;
                    if (x < 0 || x >= nR) continue;
                    int b = (int) x;
                    out[p] = nA > 0 ? azimuthBin(Math.atan2(t[0], t[1])) * nR + b : b;
                }
            }
        });
        return new Raw(out, null, null);
    }

    private double radial(double[] t) {
        return s.unit().fromLab(t[0], t[1], t[2], wl);
    }

    /** Geometric weights: centre bins (ptr == null, weight 1) or general pixel-major entries. */
    record Raw(int[] bin, int[] ptr, float[] weight) {
    }

    /** Entries of one block of rows, later concatenated in block order. */
    private static final class Entries {
        final int[] ptr;
        int[] bin = new int[1 << 16];
        float[] weight = new float[1 << 16];
        int size;

        Entries(int pixels) {
            ptr = new int[pixels + 1];
        }

        void add(int b, double w) {
            if (size == bin.length) {
                bin = Arrays.copyOf(bin, size * 2);
                weight = Arrays.copyOf(weight, size * 2);
            }
            bin[size] = b;
            weight[size++] = (float) w;
        }
    }

    private interface PixelRule {
        /** Adds the entries of pixel (i, j) to e. */
        void add(int i, int j, Entries e, Scratch sc);
    }

    /** Per-block scratch space. */
    private final class Scratch {
        final double[] t = new double[3];
        final double[] buf = new double[nR * Math.max(1, nA)];
        final int[] touched = new int[64 * 64]; // distinct bins of one pixel: up to N² sub-pixels (N ≤ 64)
        final double[] px = new double[16], py = new double[16], qx = new double[16], qy = new double[16];
        final double[] ux = new double[16], uy = new double[16], tx = new double[16], ty = new double[16];
    }

    private Raw assemble(PixelRule rule) {
        int[] bounds = Parallel.bounds(rows, 8 * Parallel.threads());
        Entries[] parts = new Entries[bounds.length - 1];
        Parallel.run(bounds, (blk, r0, r1) -> {
            Entries e = new Entries((r1 - r0) * cols);
            Scratch sc = new Scratch();
            int base = r0 * cols;
            for (int i = r0; i < r1; i++) {
                for (int j = 0, p = i * cols; j < cols; j++, p++) {
                    e.ptr[p - base] = e.size;
                    if (!masked(p)) {
                        rule.add(i, j, e, sc);
                    }
                }
            }
            e.ptr[(r1 - r0) * cols] = e.size;
            parts[blk] = e;
        });
        long total = 0;
        for (Entries e : parts) total += e.size;
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the sparse matrix would hold " + total + " entries: use fewer bins or less splitting");
        }
        int[] ptr = new int[g.pixels() + 1];
        int[] bin = new int[(int) total];
        float[] weight = new float[(int) total];
        int off = 0;
        for (int k = 0; k < parts.length; k++) {
            Entries e = parts[k];
            int base = bounds[k] * cols;
            int n = (bounds[k + 1] - bounds[k]) * cols;
            for (int q = 0; q < n; q++) {
                ptr[base + q] = off + e.ptr[q];
            }
            System.arraycopy(e.bin, 0, bin, off, e.size);
            System.arraycopy(e.weight, 0, weight, off, e.size);
            off += e.size;
            parts[k] = null; // let the block's buffers go as we copy
        }
        ptr[g.pixels()] = off;
        return new Raw(bin, ptr, weight);
    }

    /** N x N sub-pixel centres, each of weight 1/N² (azint's n_splitting). */
    private Raw subPixels(int n) {
        double w = 1.0 / (n * n);
        return assemble((i, j, e, sc) -> {
            int nt = 0;
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    g.lab(i + (a + 0.5) / n, j + (b + 0.5) / n, sc.t);
                    double x = (radial(sc.t) - lo) / delta;
                    if (x < 0 || x >= nR) continue;
                    int bin = nA > 0 ? azimuthBin(Math.atan2(sc.t[0], sc.t[1])) * nR + (int) x : (int) x;
                    if (sc.buf[bin] == 0) sc.touched[nt++] = bin;
                    sc.buf[bin] += w;
                }
            }
            Arrays.sort(sc.touched, 0, nt);
            for (int k = 0; k < nt; k++) {
                e.add(sc.touched[k], sc.buf[sc.touched[k]]);
                sc.buf[sc.touched[k]] = 0;
            }
        });
    }

    /** Exact area splitting (pyFAI "full"). */
    private Raw full() {
        int cr = rows + 1, cc = cols + 1;
        double[] cx = new double[cr * cc]; // radial, in bins
        double[] cy = new double[cr * cc]; // chi, radians
        Parallel.run(Parallel.bounds(cr, 4 * Parallel.threads()), (blk, r0, r1) -> {
            double[] t = new double[3];
            for (int i = r0; i < r1; i++) {
                for (int j = 0, p = i * cc; j < cc; j++, p++) {
                    g.lab(i, j, t);
                    cx[p] = (radial(t) - lo) / delta;
                    cy[p] = Math.atan2(t[0], t[1]);
                }
            }
        });
        double chiScale = nA > 0 ? nA / (2 * Math.PI) : 1.0;
        return assemble((i, j, e, sc) -> {
            int a = i * cc + j, b = (i + 1) * cc + j, c = b + 1, d = a + 1;
            double x0 = cx[a], x1 = cx[b], x2 = cx[c], x3 = cx[d];
            double min = Math.min(Math.min(x0, x1), Math.min(x2, x3));
            double max = Math.max(Math.max(x0, x1), Math.max(x2, x3));
            if (max < 0 || min >= nR) return;
            double y0 = cy[a], y1 = cy[b], y2 = cy[c], y3 = cy[d];
            double ymin = Math.min(Math.min(y0, y1), Math.min(y2, y3));
            double ymax = Math.max(Math.max(y0, y1), Math.max(y2, y3));
            if (ymax - ymin > Math.PI) { // straddles χ = ±π: move the negative corners up by 2π
                if (y0 < 0) y0 += 2 * Math.PI;
                if (y1 < 0) y1 += 2 * Math.PI;
                if (y2 < 0) y2 += 2 * Math.PI;
                if (y3 < 0) y3 += 2 * Math.PI;
            }
            if (nA == 0) {
                split1d(x0, y0, x1, y1, x2, y2, x3, y3, min, max, e, sc);
            } else {
                split2d(new double[] {x0, x1, x2, x3},
                        new double[] {(y0 + Math.PI) * chiScale, (y1 + Math.PI) * chiScale, (y2 + Math.PI) * chiScale, (y3 + Math.PI) * chiScale},
                        min, max, e, sc);
            }
        });
    }

    private void split1d(double x0, double y0, double x1, double y1, double x2, double y2, double x3, double y3,
                         double min, double max, Entries e, Scratch sc) {
        int b0 = (int) Math.floor(min), b1 = (int) Math.floor(max);
        if (b0 == b1) {
            e.add(b0, 1.0);
            return;
        }
        int from = Math.max(0, b0), to = Math.min(nR - 1, b1);
        double[] buf = sc.buf;
        // χ relative to its mean: the closed polygon's area does not change, the rounding shrinks
        double ym = 0.25 * (y0 + y1 + y2 + y3);
        y0 -= ym; y1 -= ym; y2 -= ym; y3 -= ym;
        if (b1 == b0 + 1 && from == b0 && to == b1) {
            // two bins, the common case: the first bin's share, the rest from the whole area (∮y dx)
            edge(x0, y0, x1, y1, b0, b0, buf);
            edge(x1, y1, x2, y2, b0, b0, buf);
            edge(x2, y2, x3, y3, b0, b0, buf);
            edge(x3, y3, x0, y0, b0, b0, buf);
            double first = buf[b0];
            buf[b0] = 0;
            double sum = 0.5 * ((x1 - x0) * (y0 + y1) + (x2 - x1) * (y1 + y2) + (x3 - x2) * (y2 + y3) + (x0 - x3) * (y3 + y0));
            if (sum != 0) {
                double w0 = first / sum, w1 = (sum - first) / sum;
                if (w0 != 0) e.add(b0, w0);
                if (w1 != 0) e.add(b1, w1);
            }
            return;
        }
        edge(x0, y0, x1, y1, from, to, buf);
        edge(x1, y1, x2, y2, from, to, buf);
        edge(x2, y2, x3, y3, from, to, buf);
        edge(x3, y3, x0, y0, from, to, buf);
        double sum = 0;
        for (int k = from; k <= to; k++) sum += buf[k];
        if (sum != 0) {
            double inv = 1.0 / sum;
            for (int k = from; k <= to; k++) {
                double w = buf[k] * inv;
                if (w != 0) e.add(k, w);
            }
        }
        Arrays.fill(buf, from, to + 1, 0.0);
    }

    /** Adds ∫y dx of the segment (xs, ys)→(xe, ye), bin by bin, into buf[from..to]. */
    private static void edge(double xs, double ys, double xe, double ye, int from, int to, double[] buf) {
        if (xs == xe) return;
        double slope = (ye - ys) / (xe - xs);
        double a = Math.min(xs, xe), b = Math.max(xs, xe);
        double sign = xe > xs ? 1 : -1;
        int k0 = Math.max(from, (int) Math.floor(a)), k1 = Math.min(to, (int) Math.floor(b));
        for (int k = k0; k <= k1; k++) {
            double u = Math.max(a, k), v = Math.min(b, k + 1);
            if (v <= u) continue;
            double yu = ys + slope * (u - xs), yv = ys + slope * (v - xs);
            buf[k] += sign * (v - u) * 0.5 * (yu + yv);
        }
    }

    /** 2D: clip the quadrilateral (x in radial bins, y in χ bins) to every cell it touches. */
    private void split2d(double[] xs, double[] ys, double min, double max, Entries e, Scratch sc) {
        int from = Math.max(0, (int) Math.floor(min)), to = Math.min(nR - 1, (int) Math.floor(max));
        double[] buf = sc.buf;
        int nt = 0;
        double total = 0;
        System.arraycopy(xs, 0, sc.px, 0, 4);
        System.arraycopy(ys, 0, sc.py, 0, 4);
        for (int k = from; k <= to; k++) {
            int n1 = clip(sc.px, sc.py, 4, sc.qx, sc.qy, true, k, k + 1, sc);
            if (n1 < 3) continue;
            double ymin = Double.POSITIVE_INFINITY, ymax = Double.NEGATIVE_INFINITY;
            for (int v = 0; v < n1; v++) {
                ymin = Math.min(ymin, sc.qy[v]);
                ymax = Math.max(ymax, sc.qy[v]);
            }
            for (int c = (int) Math.floor(ymin); c <= (int) Math.floor(ymax); c++) {
                int n2 = clip(sc.qx, sc.qy, n1, sc.ux, sc.uy, false, c, c + 1, sc);
                if (n2 < 3) continue;
                double area = Math.abs(shoelace(sc.ux, sc.uy, n2));
                if (area == 0) continue;
                int cell = Math.floorMod(c, nA) * nR + k;
                if (buf[cell] == 0) {
                    if (nt == sc.touched.length) continue; // a pathological pixel (at the beam centre) spanning > 4096 cells
                    sc.touched[nt++] = cell;
                }
                buf[cell] += area;
                total += area;
            }
        }
        Arrays.sort(sc.touched, 0, nt);
        for (int t = 0; t < nt; t++) {
            int cell = sc.touched[t];
            if (total > 0) e.add(cell, buf[cell] / total);
            buf[cell] = 0;
        }
    }

    private static double shoelace(double[] x, double[] y, int n) {
        double a = 0;
        for (int i = 0, j = n - 1; i < n; j = i++) {
            a += (x[j] + x[i]) * (y[i] - y[j]);
        }
        return 0.5 * a;
    }

    /** Sutherland-Hodgman clip of polygon (x, y, n) to lo ≤ (x or y) ≤ hi; returns the new vertex count in (ox, oy). */
    private int clip(double[] x, double[] y, int n, double[] ox, double[] oy, boolean alongX, double lo, double hi, Scratch sc) {
        int m = clipHalf(x, y, n, sc.tx, sc.ty, alongX, lo, true);
        return clipHalf(sc.tx, sc.ty, m, ox, oy, alongX, hi, false);
    }

    private static int clipHalf(double[] x, double[] y, int n, double[] ox, double[] oy, boolean alongX, double bound, boolean keepAbove) {
        int m = 0;
        for (int i = 0; i < n; i++) {
            int j = (i + 1) % n;
            double ci = alongX ? x[i] : y[i], cj = alongX ? x[j] : y[j];
            boolean inI = keepAbove ? ci >= bound : ci <= bound;
            boolean inJ = keepAbove ? cj >= bound : cj <= bound;
            if (inI) {
                ox[m] = x[i];
                oy[m++] = y[i];
            }
            if (inI != inJ) {
                double t = (bound - ci) / (cj - ci);
                ox[m] = x[i] + t * (x[j] - x[i]);
                oy[m++] = y[i] + t * (y[j] - y[i]);
            }
        }
        return m;
    }
}
