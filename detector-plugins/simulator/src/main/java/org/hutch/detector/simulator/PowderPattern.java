package org.hutch.detector.simulator;

import java.util.Objects;
import org.hutch.azint.Geometry;
import org.hutch.azint.Poni;
import org.hutch.model.curve.RadialUnit;

/**
 * The expected count rate of every pixel of a powder measurement: Gaussian rings at a calibrant's q
 * positions on a smooth background, times the solid angle and polarisation of each pixel. Built once per
 * geometry and shape; frames are Poisson draws of {@code rate x exposure}.
 */
public final class PowderPattern {
    /** rings in the pattern; more than any detector of this geometry sees */
    private static final int RINGS = 40;
    /** polarisation factor of a horizontally polarised synchrotron beam */
    private static final double POLARIZATION = 0.99;

    private final int rows;
    private final int cols;
    private final double[] ringsQNm;
    private final float[] rate;

    /**
     * @param q              q in nm^-1 of every pixel centre, row-major
     * @param normalization  solid angle x polarisation of every pixel (or null for none)
     * @param flux           counts per second at the top of the first ring (before solid angle)
     * @param ringWidthQNm   Gaussian sigma of a ring in q, nm^-1
     */
    PowderPattern(int rows, int cols, double[] q, float[] normalization, Calibrant calibrant, double flux,
                  double ringWidthQNm) {
        this.rows = rows;
        this.cols = cols;
        this.ringsQNm = calibrant.peaksQNm(RINGS);
        this.rate = new float[rows * cols];
        double inv2s2 = 1 / (2 * ringWidthQNm * ringWidthQNm);
        double reach = 5 * ringWidthQNm;
        for (int i = 0; i < rate.length; i++) {
            double qi = q[i];
            // air and sample background: a constant plus a hump at low q
            double r = flux * (0.01 + 0.05 * Math.exp(-qi / 8.0));
            for (int k = 0; k < ringsQNm.length; k++) {
                double d = qi - ringsQNm[k];
                if (d > -reach && d < reach) {
                    r += flux / (1 + 0.15 * k) * Math.exp(-d * d * inv2s2);
                }
            }
            rate[i] = (float) (normalization == null ? r : r * normalization[i]);
        }
    }

    /** The pattern of a PONI geometry on a detector of the given shape (the PONI's own shape is replaced). */
    public static PowderPattern of(Poni poni, int rows, int cols, Calibrant calibrant, double flux, double ringWidthQNm) {
        Objects.requireNonNull(poni, "poni");
        Geometry geometry = new Geometry(poni.withShape(rows, cols));
        return new PowderPattern(rows, cols, geometry.radialArray(RadialUnit.Q_NM),
                geometry.normalizationArray(true, POLARIZATION), calibrant, flux, ringWidthQNm);
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** q (nm^-1) of the calibrant rings in the pattern, ascending. */
    public double[] ringsQNm() {
        return ringsQNm.clone();
    }

    /** Expected counts per second of each pixel, row-major. Shared: do not modify. */
    float[] rate() {
        return rate;
    }
}
