package org.hutch.azint.calibration.phase;

import java.util.ArrayList;
import java.util.List;
import org.hutch.azint.calibration.Calibrant;

/**
 * A crystalline phase whose powder lines are drawn as markers: its lines at the reference state,
 * the cell they come from (null for a bare list of d-spacings), and the bulk modulus K0 (GPa) and
 * its pressure derivative K0' when the source gives them (NaN otherwise). Immutable.
 */
public record Phase(String name, UnitCell cell, List<Reflection> reflections, double k0, double k0p) {
    public Phase {
        reflections = List.copyOf(reflections);
        if (reflections.isEmpty()) {
            throw new IllegalArgumentException("phase " + name + " has no reflection");
        }
    }

    /** The lines of a calibrant (d-spacings without indices). */
    public static Phase of(Calibrant c) {
        List<Reflection> r = new ArrayList<>();
        for (double d : c.dSpacings()) {
            r.add(new Reflection(0, 0, 0, d, 1));
        }
        return new Phase(c.name(), null, r, Double.NaN, Double.NaN);
    }

    /** True when K0 and K0' are known, so a pressure can set the lattice scale. */
    public boolean hasEquationOfState() {
        return k0 > 0 && Double.isFinite(k0p);
    }

    /** The d-spacings (Å) with every length of the cell multiplied by {@code scale}. */
    public double[] dSpacings(double scale) {
        if (!(scale > 0)) {
            throw new IllegalArgumentException("the lattice scale must be positive, got " + scale);
        }
        double[] d = new double[reflections.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = reflections.get(i).d0() * scale;
        }
        return d;
    }

    /**
     * The linear lattice scale (V/V0)^(1/3) at pressure P (GPa) from the third-order Birch-Murnaghan
     * equation P = 3K0/2 (x⁻⁷ − x⁻⁵) [1 + 3/4 (K0' − 4)(x⁻² − 1)], x = (V/V0)^(1/3) (isotropic
     * compression, as Dioptas applies it).
     */
    public double scaleAtPressure(double pressure) {
        if (!hasEquationOfState()) {
            throw new IllegalStateException(name + " has no K0 and K0': give a lattice scale instead of a pressure");
        }
        if (pressure == 0) {
            return 1;
        }
        // P(x) decreases monotonically from +∞ (x → 0) through 0 (x = 1) over the physical range; bisect
        double lo = 0.3, hi = 1.1;
        if (birchMurnaghan(lo) < pressure || birchMurnaghan(hi) > pressure) {
            throw new IllegalArgumentException("pressure " + pressure + " GPa is outside the range of " + name + "'s equation of state");
        }
        for (int i = 0; i < 100; i++) {
            double mid = 0.5 * (lo + hi);
            if (birchMurnaghan(mid) > pressure) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /** Pressure (GPa) at linear scale x. */
    public double birchMurnaghan(double x) {
        double f2 = Math.pow(x, -2);
        return 1.5 * k0 * (Math.pow(x, -7) - Math.pow(x, -5)) * (1 + 0.75 * (k0p - 4) * (f2 - 1));
    }

    @Override
    public String toString() {
        return name;
    }
}
