package org.hutch.azint.calibration;

/**
 * A point on a calibrant ring: fractional pixel position in pyFAI's convention (d1 along rows,
 * d2 along columns, the centre of pixel (i, j) at (i + 0.5, j + 0.5)) and the index of its ring
 * (0 = the largest d-spacing).
 */
public record ControlPoint(double d1, double d2, int ring) {
}
