package org.hutch.app.live;

import org.hutch.azint.Geometry;
import org.hutch.widgets.image.PixelGeometry;

/** The image view's readout geometry (2θ, q, χ under the cursor) from a PONI. */
public final class PoniPixelGeometry implements PixelGeometry {
    private final Geometry geometry;

    public PoniPixelGeometry(Geometry geometry) {
        this.geometry = geometry;
    }

    @Override
    public double twoTheta(double row, double col) {
        return Math.toDegrees(geometry.tth(row, col));
    }

    @Override
    public double q(double row, double col) {
        double theta = geometry.tth(row, col) / 2;
        return 4 * Math.PI * Math.sin(theta) / geometry.poni().wavelengthNm();
    }

    @Override
    public double chi(double row, double col) {
        return Math.toDegrees(geometry.chi(row, col));
    }
}
