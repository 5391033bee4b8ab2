package org.hutch.widgets.plot;

import java.util.Objects;

import org.hutch.model.curve.RadialUnit;

/**
 * One frame integrated into azimuth x radial cells (a "cake"). Arrays are kept by reference and must
 * not be modified after the cake is handed to a widget.
 *
 * @param radial    radial bin centres, in {@code unit}
 * @param azimuth   &chi; bin centres in degrees
 * @param intensity {@code azimuth.length * radial.length} cells, index {@code a * radial.length + r}
 * @param unit      unit of {@code radial}
 * @param frame     the frame it was integrated from
 */
public record Cake(double[] radial, double[] azimuth, double[] intensity, RadialUnit unit, long frame) {

    public Cake {
        Objects.requireNonNull(radial, "radial");
        Objects.requireNonNull(azimuth, "azimuth");
        Objects.requireNonNull(intensity, "intensity");
        Objects.requireNonNull(unit, "unit");
        if (intensity.length != radial.length * azimuth.length) {
            throw new IllegalArgumentException("a cake of " + azimuth.length + " x " + radial.length + " bins has "
                    + intensity.length + " cells");
        }
    }

    public int radialBins() {
        return radial.length;
    }

    public int azimuthBins() {
        return azimuth.length;
    }

    /** The intensity of azimuth bin a, radial bin r. */
    public double at(int a, int r) {
        return intensity[a * radial.length + r];
    }
}
