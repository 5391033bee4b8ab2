package org.hutch.app.client;

/**
 * One 1D azimuthal-integration curve.
 *
 * @param frame     the frame it was integrated from (-1 if unknown)
 * @param unit      radial unit, for example {@code q_nm^-1}
 * @param radial    bin centres
 * @param intensity integrated intensity per bin
 * @param sigma     error per bin, or {@code null}
 */
public record AzintCurve(long frame, String unit, double[] radial, double[] intensity, double[] sigma) {
    public AzintCurve {
        if (radial.length != intensity.length || (sigma != null && sigma.length != radial.length)) {
            throw new IllegalArgumentException("curve arrays differ in length: radial " + radial.length
                    + ", intensity " + intensity.length + (sigma != null ? ", sigma " + sigma.length : ""));
        }
    }
}
