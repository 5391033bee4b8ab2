package org.hutch.azint;

import org.hutch.model.curve.RadialUnit;

/**
 * Per-pixel diffraction geometry of a detector from a PONI, in pyFAI's convention (identical to
 * azint's): a point at fractional pixel coordinates (d1 along rows, d2 along columns; pixel (i, j)
 * has its centre at d1 = i + 0.5, d2 = j + 0.5) sits at p1 = d1·pixel1 − poni1, p2 = d2·pixel2 −
 * poni2, p3 = dist; (t1, t2, t3) = R3·R2·R1·(p1, p2, p3); 2θ = atan2(√(t1² + t2²), t3),
 * χ = atan2(t1, t2), q = 4π/λ·sin(θ). Immutable and thread-safe.
 */
public final class Geometry {
    private final Poni poni;
    private final int rows;
    private final int cols;
    /** Rotation R3·R2·R1, row-major. */
    private final double m00, m01, m02, m10, m11, m12, m20, m21, m22;

    /** Geometry on the detector shape stated by the PONI. */
    public Geometry(Poni poni) {
        this(poni, poni.rows(), poni.cols());
    }

    /** Geometry for images of a given shape; it must equal the PONI's detector shape when that is known. */
    public Geometry(Poni poni, int rows, int cols) {
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("the detector shape is unknown: the PONI has no max_shape or known Detector, so give the image shape");
        }
        if (poni.hasShape() && (poni.rows() != rows || poni.cols() != cols)) {
            throw new IllegalArgumentException("image shape " + rows + "x" + cols + " differs from the PONI detector "
                    + poni.detector() + " shape " + poni.rows() + "x" + poni.cols());
        }
        this.poni = poni;
        this.rows = rows;
        this.cols = cols;
        double c1 = Math.cos(poni.rot1()), s1 = Math.sin(poni.rot1());
        double c2 = Math.cos(poni.rot2()), s2 = Math.sin(poni.rot2());
        double c3 = Math.cos(poni.rot3()), s3 = Math.sin(poni.rot3());
        // R1 = [[1,0,0],[0,c1,s1],[0,-s1,c1]], R2 = [[c2,0,-s2],[0,1,0],[s2,0,c2]], R3 = [[c3,-s3,0],[s3,c3,0],[0,0,1]]
        double[][] r1 = {{1, 0, 0}, {0, c1, s1}, {0, -s1, c1}};
        double[][] r2 = {{c2, 0, -s2}, {0, 1, 0}, {s2, 0, c2}};
        double[][] r3 = {{c3, -s3, 0}, {s3, c3, 0}, {0, 0, 1}};
        double[][] m = mul(r3, mul(r2, r1));
        m00 = m[0][0]; m01 = m[0][1]; m02 = m[0][2];
        m10 = m[1][0]; m11 = m[1][1]; m12 = m[1][2];
        m20 = m[2][0]; m21 = m[2][1]; m22 = m[2][2];
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

    public Poni poni() {
        return poni;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public int pixels() {
        return rows * cols;
    }

    /** Laboratory coordinates (t1, t2, t3) in metres of the fractional pixel position (d1, d2), into out[0..2]. */
    public void lab(double d1, double d2, double[] out) {
        double p1 = d1 * poni.pixel1() - poni.poni1();
        double p2 = d2 * poni.pixel2() - poni.poni2();
        double p3 = poni.dist();
        out[0] = m00 * p1 + m01 * p2 + m02 * p3;
        out[1] = m10 * p1 + m11 * p2 + m12 * p3;
        out[2] = m20 * p1 + m21 * p2 + m22 * p3;
    }

    /** 2θ in radians at fractional pixel position (d1 rows, d2 columns). */
    public double tth(double d1, double d2) {
        double p1 = d1 * poni.pixel1() - poni.poni1();
        double p2 = d2 * poni.pixel2() - poni.poni2();
        double p3 = poni.dist();
        double t1 = m00 * p1 + m01 * p2 + m02 * p3;
        double t2 = m10 * p1 + m11 * p2 + m12 * p3;
        double t3 = m20 * p1 + m21 * p2 + m22 * p3;
        return Math.atan2(Math.sqrt(t1 * t1 + t2 * t2), t3);
    }

    /** Azimuth χ in radians (−π..π) at fractional pixel position. */
    public double chi(double d1, double d2) {
        double p1 = d1 * poni.pixel1() - poni.poni1();
        double p2 = d2 * poni.pixel2() - poni.poni2();
        double p3 = poni.dist();
        double t1 = m00 * p1 + m01 * p2 + m02 * p3;
        double t2 = m10 * p1 + m11 * p2 + m12 * p3;
        return Math.atan2(t1, t2);
    }

    /** Radial value in a unit at fractional pixel position. */
    public double radial(RadialUnit unit, double d1, double d2) {
        return unit.fromTth(tth(d1, d2), unit.needsWavelength() ? poni.wavelengthNm() : Double.NaN);
    }

    /** 2θ (radians) at the centre of pixel (row, col). */
    public double tthAt(int row, int col) {
        return tth(row + 0.5, col + 0.5);
    }

    /** χ (radians) at the centre of pixel (row, col). */
    public double chiAt(int row, int col) {
        return chi(row + 0.5, col + 0.5);
    }

    /** q in nm⁻¹ at the centre of pixel (row, col). */
    public double qNmAt(int row, int col) {
        return RadialUnit.Q_NM.fromTth(tthAt(row, col), poni.wavelengthNm());
    }

    /** q in Å⁻¹ at the centre of pixel (row, col). */
    public double qAAt(int row, int col) {
        return qNmAt(row, col) / 10;
    }

    /** Radial value in a unit at the centre of pixel (row, col). */
    public double radialAt(RadialUnit unit, int row, int col) {
        return radial(unit, row + 0.5, col + 0.5);
    }

    /** pyFAI's solid-angle factor cos³(incidence) = (dist/√(dist² + p1² + p2²))³ at the centre of (row, col); 1 at the PONI. */
    public double solidAngleAt(int row, int col) {
        double p1 = (row + 0.5) * poni.pixel1() - poni.poni1();
        double p2 = (col + 0.5) * poni.pixel2() - poni.poni2();
        double d = poni.dist();
        double c = d / Math.sqrt(d * d + p1 * p1 + p2 * p2);
        return c * c * c;
    }

    /**
     * pyFAI's polarisation factor P = ½·(1 + cos²2θ − f·cos(2χ)·sin²2θ) at the centre of (row, col);
     * f = 0 for an unpolarised beam, f close to 1 for a horizontally polarised synchrotron beam.
     */
    public double polarizationAt(int row, int col, double factor) {
        double tth = tthAt(row, col);
        double cos2 = Math.cos(tth);
        cos2 *= cos2;
        return 0.5 * (1 + cos2 - factor * Math.cos(2 * chiAt(row, col)) * (1 - cos2));
    }

    /** Radial values of all pixel centres, row-major, computed in parallel. */
    public double[] radialArray(RadialUnit unit) {
        double wl = unit.needsWavelength() ? poni.wavelengthNm() : Double.NaN;
        double[] out = new double[pixels()];
        Parallel.run(Parallel.bounds(rows, 4 * Parallel.threads()), (b, r0, r1) -> {
            double[] t = new double[3];
            for (int r = r0; r < r1; r++) {
                for (int c = 0, i = r * cols; c < cols; c++, i++) {
                    lab(r + 0.5, c + 0.5, t);
                    out[i] = unit.fromLab(t[0], t[1], t[2], wl);
                }
            }
        });
        return out;
    }

    /** χ (radians) of all pixel centres, row-major. */
    public double[] chiArray() {
        double[] out = new double[pixels()];
        Parallel.run(Parallel.bounds(rows, 4 * Parallel.threads()), (b, r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                for (int c = 0, i = r * cols; c < cols; c++, i++) {
                    out[i] = chi(r + 0.5, c + 0.5);
                }
            }
        });
        return out;
    }

    /**
     * The per-pixel normalisation: solid angle (if asked) times polarisation (if the factor is not
     * NaN), row-major; null if neither applies.
     */
    public float[] normalizationArray(boolean solidAngle, double polarizationFactor) {
        boolean pol = !Double.isNaN(polarizationFactor);
        if (!solidAngle && !pol) {
            return null;
        }
        float[] out = new float[pixels()];
        Parallel.run(Parallel.bounds(rows, 4 * Parallel.threads()), (b, r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                for (int c = 0, i = r * cols; c < cols; c++, i++) {
                    double n = solidAngle ? solidAngleAt(r, c) : 1.0;
                    if (pol) {
                        n *= polarizationAt(r, c, polarizationFactor);
                    }
                    out[i] = (float) n;
                }
            }
        });
        return out;
    }

    /** Beam centre on the detector (where t1 = t2 = 0) in fractional pixels {d1, d2}, or null if the beam misses the plane. */
    public double[] beamCentre() {
        // direct beam along t3: solve M·p = (0, 0, z) for p = (p1, p2, dist); M orthogonal so p = z·M^T·e3
        double z = poni.dist() / m22;
        if (!(z > 0) || !Double.isFinite(z)) {
            return null;
        }
        double p1 = z * m20, p2 = z * m21;
        return new double[] {(p1 + poni.poni1()) / poni.pixel1(), (p2 + poni.poni2()) / poni.pixel2()};
    }
}
