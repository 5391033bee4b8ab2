package org.hutch.azint.calibration;

/**
 * 2θ of fractional pixel positions for a parameter vector, in the PONI convention of
 * {@link org.hutch.azint.Geometry} (kept here in a flat form the refinement evaluates many times).
 */
final class TwoTheta {
    private TwoTheta() {
    }

    /**
     * out[i] = 2θ(d1[i], d2[i]) − 2·asin(λ / 2·d[i]).
     *
     * @param v dist, poni1, poni2, rot1, rot2, rot3 (m, rad), wavelength (Å)
     * @param d d-spacing of each point's ring (Å)
     */
    static void residuals(double pixel1, double pixel2, double[] v, double[] d1, double[] d2, double[] d, double[] out) {
        double dist = v[0], poni1 = v[1], poni2 = v[2];
        double c1 = Math.cos(v[3]), s1 = Math.sin(v[3]);
        double c2 = Math.cos(v[4]), s2 = Math.sin(v[4]);
        double c3 = Math.cos(v[5]), s3 = Math.sin(v[5]);
        // M = R3·R2·R1 with R1 = [[1,0,0],[0,c1,s1],[0,-s1,c1]], R2 = [[c2,0,-s2],[0,1,0],[s2,0,c2]], R3 = [[c3,-s3,0],[s3,c3,0],[0,0,1]]
        double a00 = c2, a01 = s2 * s1, a02 = -s2 * c1; // R2·R1 rows
        double a10 = 0, a11 = c1, a12 = s1;
        double a20 = s2, a21 = -c2 * s1, a22 = c2 * c1;
        double m00 = c3 * a00 - s3 * a10, m01 = c3 * a01 - s3 * a11, m02 = c3 * a02 - s3 * a12;
        double m10 = s3 * a00 + c3 * a10, m11 = s3 * a01 + c3 * a11, m12 = s3 * a02 + c3 * a12;
        double lambda = v[6];
        for (int i = 0; i < out.length; i++) {
            double p1 = d1[i] * pixel1 - poni1;
            double p2 = d2[i] * pixel2 - poni2;
            double t1 = m00 * p1 + m01 * p2 + m02 * dist;
            double t2 = m10 * p1 + m11 * p2 + m12 * dist;
            double t3 = a20 * p1 + a21 * p2 + a22 * dist;
            out[i] = Math.atan2(Math.sqrt(t1 * t1 + t2 * t2), t3) - 2 * Math.asin(lambda / (2 * d[i]));
        }
    }
}
