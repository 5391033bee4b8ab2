package org.hutch.app.client;

import java.util.Objects;
import org.hutch.model.curve.RadialUnit;

/**
 * One 1D azimuthal-integration curve.
 *
 * @param frame     the frame it was integrated from (-1 if unknown)
 * @param unit      radial unit of the bin centres
 * @param radial    bin centres
 * @param intensity integrated intensity per bin
 * @param sigma     error per bin, or {@code null}
 */
public record AzintCurve(long frame, RadialUnit unit, double[] radial, double[] intensity, double[] sigma) {
    public AzintCurve {
        Objects.requireNonNull(unit, "unit");
        if (radial.length != intensity.length || (sigma != null && sigma.length != radial.length)) {
            throw new IllegalArgumentException("curve arrays differ in length: radial " + radial.length
                    + ", intensity " + intensity.length + (sigma != null ? ", sigma " + sigma.length : ""));
        }
    }
}
