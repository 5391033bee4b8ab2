package org.hutch.azint.calibration;

import org.hutch.azint.Poni;

/** Where a cone of constant 2θ meets the detector: the ring overlay of a geometry. */
public final class RingContour {
    private RingContour() {
    }

    /**
     * Fractional pixel positions {d1[], d2[]} of the ring at 2θ (radians), at {@code steps} azimuths
     * evenly around; NaN where that part of the cone misses the detector plane.
     */
    public static double[][] points(Poni p, double tth, int steps) {
        double c1 = Math.cos(p.rot1()), s1 = Math.sin(p.rot1());
        double c2 = Math.cos(p.rot2()), s2 = Math.sin(p.rot2());
        double c3 = Math.cos(p.rot3()), s3 = Math.sin(p.rot3());
        double[][] r1 = {{1, 0, 0}, {0, c1, s1}, {0, -s1, c1}};
        double[][] r2 = {{c2, 0, -s2}, {0, 1, 0}, {s2, 0, c2}};
        double[][] r3 = {{c3, -s3, 0}, {s3, c3, 0}, {0, 0, 1}};
        double[][] m = mul(r3, mul(r2, r1));
        double[] d1 = new double[steps], d2 = new double[steps];
        for (int i = 0; i < steps; i++) {
            double chi = 2 * Math.PI * i / steps - Math.PI;
            double[] t = {Math.sin(tth) * Math.sin(chi), Math.sin(tth) * Math.cos(chi), Math.cos(tth)};
            // p = s·Mᵀ·t with p3 = dist (M is a rotation, so its inverse is its transpose)
            double q1 = m[0][0] * t[0] + m[1][0] * t[1] + m[2][0] * t[2];
            double q2 = m[0][1] * t[0] + m[1][1] * t[1] + m[2][1] * t[2];
            double q3 = m[0][2] * t[0] + m[1][2] * t[1] + m[2][2] * t[2];
            if (!(q3 > 1e-12)) {
                d1[i] = d2[i] = Double.NaN;
                continue;
            }
            double s = p.dist() / q3;
            d1[i] = (s * q1 + p.poni1()) / p.pixel1();
            d2[i] = (s * q2 + p.poni2()) / p.pixel2();
        }
        return new double[][] {d1, d2};
    }

    private static double[][] mul(double[][] a, double[][] b) {
        double[][] c = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    c[i][j] += a[i][k] * b[k][j];
                }
            }
        }
        return c;
    }
}
