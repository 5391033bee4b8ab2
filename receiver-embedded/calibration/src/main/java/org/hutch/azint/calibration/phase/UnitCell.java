package org.hutch.azint.calibration.phase;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A unit cell (edges in Å, angles in degrees) with its lattice centring: d-spacings of (h k l)
 * through the reciprocal metric tensor, and the reflections the centring allows (the general
 * conditions only: glides and screws would need the full space group, so a few lines the
 * structure forbids may be drawn).
 *
 * @param centring P, I, F, C, A, B, or R (obverse, hexagonal axes)
 */
public record UnitCell(double a, double b, double c, double alpha, double beta, double gamma, char centring) {
    public UnitCell {
        if (!(a > 0 && b > 0 && c > 0) || !(alpha > 0 && beta > 0 && gamma > 0 && alpha < 180 && beta < 180 && gamma < 180)) {
            throw new IllegalArgumentException("not a unit cell: " + a + ", " + b + ", " + c + " Å, " + alpha + ", " + beta + ", "
                    + gamma + "°");
        }
        centring = Character.toUpperCase(centring);
        if ("PIFCABR".indexOf(centring) < 0) {
            throw new IllegalArgumentException("unknown lattice centring '" + centring + "' (P, I, F, C, A, B or R)");
        }
    }

    public static UnitCell cubic(double a, char centring) {
        return new UnitCell(a, a, a, 90, 90, 90, centring);
    }

    /** Cell volume (Å³). */
    public double volume() {
        double ca = cos(alpha), cb = cos(beta), cg = cos(gamma);
        return a * b * c * Math.sqrt(1 - ca * ca - cb * cb - cg * cg + 2 * ca * cb * cg);
    }

    /** d-spacing (Å) of (h k l). */
    public double d(int h, int k, int l) {
        double[][] g = {{a * a, a * b * cos(gamma), a * c * cos(beta)}, {a * b * cos(gamma), b * b, b * c * cos(alpha)},
            {a * c * cos(beta), b * c * cos(alpha), c * c}};
        double[][] r = inverse(g);
        int[] v = {h, k, l};
        double s = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                s += v[i] * r[i][j] * v[j];
            }
        }
        return 1 / Math.sqrt(s);
    }

    /** True when the centring lets (h k l) reflect. */
    public boolean allowed(int h, int k, int l) {
        return switch (centring) {
            case 'I' -> Math.floorMod(h + k + l, 2) == 0;
            case 'F' -> Math.floorMod(h + k, 2) == 0 && Math.floorMod(k + l, 2) == 0;
            case 'C' -> Math.floorMod(h + k, 2) == 0;
            case 'A' -> Math.floorMod(k + l, 2) == 0;
            case 'B' -> Math.floorMod(h + l, 2) == 0;
            case 'R' -> Math.floorMod(-h + k + l, 3) == 0;
            default -> true;
        };
    }

    /**
     * The distinct lines with d ≥ dMin, largest d first: reflections of equal d merge into one
     * line whose intensity is their multiplicity, named by its indices with the most non-negative.
     */
    public List<Reflection> reflections(double dMin) {
        return reflections(dMin, HklFilter.ALL);
    }

    /** As {@link #reflections(double)}, leaving out too what {@code conditions} does not allow (glides, screws, sites). */
    public List<Reflection> reflections(double dMin, HklFilter conditions) {
        int hMax = (int) Math.ceil(2 * a / dMin), kMax = (int) Math.ceil(2 * b / dMin), lMax = (int) Math.ceil(2 * c / dMin);
        List<Reflection> all = new ArrayList<>();
        for (int h = -hMax; h <= hMax; h++) {
            for (int k = -kMax; k <= kMax; k++) {
                for (int l = -lMax; l <= lMax; l++) {
                    if ((h == 0 && k == 0 && l == 0) || !allowed(h, k, l) || !conditions.allows(h, k, l)) {
                        continue;
                    }
                    double d = d(h, k, l);
                    if (d >= dMin) {
                        all.add(new Reflection(h, k, l, d, 1));
                    }
                }
            }
        }
        all.sort(Comparator.comparingDouble(Reflection::d0).reversed().thenComparing(r -> -score(r)));
        List<Reflection> lines = new ArrayList<>();
        for (Reflection r : all) {
            Reflection last = lines.isEmpty() ? null : lines.get(lines.size() - 1);
            if (last != null && Math.abs(last.d0() - r.d0()) <= 1e-6 * r.d0()) {
                lines.set(lines.size() - 1, new Reflection(last.h(), last.k(), last.l(), last.d0(), last.intensity() + 1));
            } else {
                lines.add(r);
            }
        }
        return lines;
    }

    /** Prefers (1 1 1) to (-1 1 1) and (2 0 0) to (0 0 2) as a line's name. */
    private static double score(Reflection r) {
        return (r.h() >= 0 ? 4 : 0) + (r.k() >= 0 ? 2 : 0) + (r.l() >= 0 ? 1 : 0) + 0.01 * (r.h() - r.l());
    }

    private static double cos(double deg) {
        return Math.abs(deg - 90) < 1e-12 ? 0 : Math.cos(Math.toRadians(deg));
    }

    private static double[][] inverse(double[][] m) {
        double det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
        double[][] r = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                int i1 = (j + 1) % 3, i2 = (j + 2) % 3, j1 = (i + 1) % 3, j2 = (i + 2) % 3;
                r[i][j] = (m[i1][j1] * m[i2][j2] - m[i1][j2] * m[i2][j1]) / det;
            }
        }
        return r;
    }
}
