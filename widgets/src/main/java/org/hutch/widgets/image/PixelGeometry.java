package org.hutch.widgets.image;

/**
 * Diffraction geometry of the detector, implemented by the application (for example from a PONI
 * file through its azimuthal-integration module); the widgets only ask it about pixels.
 * <p>
 * Coordinates are continuous pixel coordinates: pixel (i, j) covers rows [i, i+1) and columns
 * [j, j+1), so its centre is (i + 0.5, j + 0.5), as in pyFAI. Implementations must be thread-safe
 * (ring contours are computed off the FX thread).
 */
public interface PixelGeometry {

    /** Scattering angle 2&theta; in degrees. */
    double twoTheta(double row, double col);

    /** Momentum transfer q = 4&pi; sin(&theta;) / &lambda; in nm<sup>-1</sup>. */
    double q(double row, double col);

    /** Azimuthal angle &chi; in degrees. */
    double chi(double row, double col);
}
