package org.hutch.azint.calibration;

import java.util.ArrayList;
import java.util.List;

/** Crystal cells that generate the d-spacings of the built-in calibrants from their reflection conditions. */
final class Lattice {
    enum Centring { P, F, DIAMOND }

    private interface Allowed {
        /** d (Å) of (h, k, l), or NaN when the reflection is systematically absent. */
        double d(int h, int k, int l);
    }

    private final Allowed allowed;
    private final double[] cell; // the largest d along each index, which bounds the indices

    private Lattice(Allowed allowed, double... cell) {
        this.allowed = allowed;
        this.cell = cell;
    }

    /** Cubic cell of edge a (Å): P all reflections, F h, k, l all odd or all even, diamond (Fd-3m) F and not h+k+l = 4n+2. */
    static Lattice cubic(Centring centring, double a) {
        return new Lattice((h, k, l) -> {
            boolean even = h % 2 == 0 && k % 2 == 0 && l % 2 == 0;
            boolean odd = h % 2 != 0 && k % 2 != 0 && l % 2 != 0;
            if (centring != Centring.P && !even && !odd) {
                return Double.NaN;
            }
            if (centring == Centring.DIAMOND && even && Math.floorMod(h + k + l, 4) == 2) {
                return Double.NaN;
            }
            return a / Math.sqrt(h * h + k * k + l * l);
        }, a, a, a);
    }

    /**
     * R-3c in hexagonal axes (obverse): −h+k+l = 3n; on the zones h−h0l, h0−hl, 0kl (the c-glide) also l even.
     */
    static Lattice corundum(double a, double c) {
        return new Lattice((h, k, l) -> {
            if (Math.floorMod(-h + k + l, 3) != 0) {
                return Double.NaN;
            }
            if ((h == 0 || k == 0 || h + k == 0) && l % 2 != 0) {
                return Double.NaN;
            }
            double inv = 4.0 / 3.0 * (h * h + h * k + k * k) / (a * a) + (double) l * l / (c * c);
            return 1 / Math.sqrt(inv);
        }, a, a, c);
    }

    /** A lamellar stack of period d001 (silver behenate): d = d001 / n. */
    static Lattice lamellar(double d001) {
        return new Lattice((h, k, l) -> h == 0 && k == 0 ? d001 / l : Double.NaN, 0, 0, d001);
    }

    /** All distinct d-spacings above dMin (Å), unsorted with repeats (the Calibrant sorts and merges). */
    double[] dSpacings(double dMin) {
        int[] max = new int[3];
        for (int i = 0; i < 3; i++) {
            // a hexagonal a* is 2/(√3 a), so a/dMin·2/√3 bounds h and k there; cubic needs a/dMin
            max[i] = (int) Math.ceil(cell[i] / dMin * 1.2);
        }
        List<Double> out = new ArrayList<>();
        for (int h = -max[0]; h <= max[0]; h++) {
            for (int k = -max[1]; k <= max[1]; k++) {
                for (int l = 0; l <= max[2]; l++) {
                    if (h == 0 && k == 0 && l == 0) {
                        continue;
                    }
                    double d = allowed.d(h, k, l);
                    if (d >= dMin) {
                        out.add(d);
                    }
                }
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
