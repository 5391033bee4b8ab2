package org.hutch.azint;

import java.util.Arrays;

/** Relative differences |a − ref|/|ref| over the non-empty reference bins in [from, to). */
record Agreement(double median, double p99, double max, int bins) {

    static Agreement of(double[] actual, double[] ref, double[] refCount, int from, int to) {
        double[] rel = new double[to - from];
        int n = 0;
        for (int k = from; k < to; k++) {
            if (refCount[k] <= 0) continue;
            double d = Math.abs(actual[k] - ref[k]);
            rel[n++] = d == 0 ? 0 : ref[k] == 0 ? Double.POSITIVE_INFINITY : d / Math.abs(ref[k]);
        }
        double[] r = Arrays.copyOf(rel, n);
        Arrays.sort(r);
        if (n == 0) {
            return new Agreement(0, 0, 0, 0);
        }
        return new Agreement(r[n / 2], r[Math.min(n - 1, (int) Math.floor(0.99 * n))], r[n - 1], n);
    }

    @Override
    public String toString() {
        return String.format("median %.2e p99 %.2e max %.2e (%d bins)", median, p99, max, bins);
    }
}
