package org.hutch.azint;

import org.hutch.model.curve.RadialUnit;

/**
 * What an {@link Integrator} computes. Immutable; the {@code with...} methods give changed copies.
 *
 * @param unit               radial unit of the bins
 * @param radialBins         number of radial bins
 * @param azimuthBins        0 for a 1D curve, otherwise the number of χ bins of a 2D cake over −180..180°
 * @param splitting          how pixels are shared between bins
 * @param radialMin          lower edge of the radial range in {@code unit}, NaN for automatic
 * @param radialMax          upper edge (pyFAI stretches it by 1 + 2⁻²³), NaN for automatic
 *                           (automatic = min..max of the unmasked pixel centres)
 * @param solidAngle         correct for the solid angle
 * @param normalization      pyFAI's ratio of sums or azint's mean of corrected pixels
 * @param polarizationFactor pyFAI's polarisation factor (−1..1), NaN for no polarisation correction
 * @param errors             propagate Poisson errors (variance = max(x, 0))
 */
public record IntegrationSettings(RadialUnit unit, int radialBins, int azimuthBins, Splitting splitting,
                                  double radialMin, double radialMax, boolean solidAngle,
                                  Normalization normalization, double polarizationFactor, boolean errors) {

    public IntegrationSettings {
        if (unit == null || splitting == null || normalization == null) {
            throw new IllegalArgumentException("unit, splitting and normalization are required");
        }
        if (radialBins < 1) {
            throw new IllegalArgumentException("need at least 1 radial bin, got " + radialBins);
        }
        if (azimuthBins < 0) {
            throw new IllegalArgumentException("azimuth bins must be 0 (1D) or more, got " + azimuthBins);
        }
        if (Double.isNaN(radialMin) != Double.isNaN(radialMax)) {
            throw new IllegalArgumentException("give both ends of the radial range or neither");
        }
        if (!Double.isNaN(radialMin) && !(radialMax > radialMin)) {
            throw new IllegalArgumentException("radial range must have max > min, got " + radialMin + ".." + radialMax);
        }
        if (!Double.isNaN(polarizationFactor) && Math.abs(polarizationFactor) > 1) {
            throw new IllegalArgumentException("polarisation factor must be within -1..1, got " + polarizationFactor);
        }
    }

    /** 1D, q in nm⁻¹, full splitting, automatic range, solid angle, ratio, no polarisation, errors on. */
    public static IntegrationSettings defaults(int radialBins) {
        return new IntegrationSettings(RadialUnit.Q_NM, radialBins, 0, Splitting.FULL, Double.NaN, Double.NaN,
                true, Normalization.RATIO, Double.NaN, true);
    }

    public boolean autoRange() {
        return Double.isNaN(radialMin);
    }

    public boolean is2d() {
        return azimuthBins > 0;
    }

    public IntegrationSettings withUnit(RadialUnit u) {
        return new IntegrationSettings(u, radialBins, azimuthBins, splitting, radialMin, radialMax, solidAngle, normalization, polarizationFactor, errors);
    }

    public IntegrationSettings withBins(int radial, int azimuth) {
        return new IntegrationSettings(unit, radial, azimuth, splitting, radialMin, radialMax, solidAngle, normalization, polarizationFactor, errors);
    }

    public IntegrationSettings withSplitting(Splitting s) {
        return new IntegrationSettings(unit, radialBins, azimuthBins, s, radialMin, radialMax, solidAngle, normalization, polarizationFactor, errors);
    }

    /** Fixed radial range in the unit; NaN, NaN for automatic. */
    public IntegrationSettings withRange(double min, double max) {
        return new IntegrationSettings(unit, radialBins, azimuthBins, splitting, min, max, solidAngle, normalization, polarizationFactor, errors);
    }

    public IntegrationSettings withSolidAngle(boolean on) {
        return new IntegrationSettings(unit, radialBins, azimuthBins, splitting, radialMin, radialMax, on, normalization, polarizationFactor, errors);
    }

    public IntegrationSettings withNormalization(Normalization n) {
        return new IntegrationSettings(unit, radialBins, azimuthBins, splitting, radialMin, radialMax, solidAngle, n, polarizationFactor, errors);
    }

    public IntegrationSettings withPolarization(double factor) {
        return new IntegrationSettings(unit, radialBins, azimuthBins, splitting, radialMin, radialMax, solidAngle, normalization, factor, errors);
    }

    public IntegrationSettings withErrors(boolean on) {
        return new IntegrationSettings(unit, radialBins, azimuthBins, splitting, radialMin, radialMax, solidAngle, normalization, polarizationFactor, on);
    }
}
