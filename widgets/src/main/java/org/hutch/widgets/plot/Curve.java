package org.hutch.widgets.plot;

import java.util.Objects;
import org.hutch.model.curve.RadialUnit;

/**
 * One azimuthal-integration result: intensity versus a radial coordinate, with optional standard
 * errors. Arrays are kept by reference and must not be modified after the curve is handed to a widget.
 *
 * @param x          radial positions (bin centres), in {@code unit}
 * @param y          intensities
 * @param sigma      standard errors of {@code y}, or {@code null}
 * @param unit       unit of {@code x}
 * @param wavelength X-ray wavelength in &Aring;, or NaN when unknown (needed only to convert between q and 2&theta;)
 * @param frame      frame number the curve was integrated from
 */
public record Curve(double[] x, double[] y, double[] sigma, RadialUnit unit, double wavelength, long frame) {

    public Curve {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        Objects.requireNonNull(unit, "unit");
        if (x.length != y.length) {
            throw new IllegalArgumentException("x has " + x.length + " points but y has " + y.length);
        }
        if (sigma != null && sigma.length != y.length) {
            throw new IllegalArgumentException("sigma has " + sigma.length + " points but y has " + y.length);
        }
    }

    /** A curve without wavelength. */
    public Curve(double[] x, double[] y, double[] sigma, RadialUnit unit, long frame) {
        this(x, y, sigma, unit, Double.NaN, frame);
    }

    public int size() {
        return x.length;
    }

    public boolean hasSigma() {
        return sigma != null;
    }

    /** True when this curve's x values can be expressed in {@code target}. */
    public boolean convertibleTo(RadialUnit target) {
        return unit == target || (unit.isQ() && target.isQ()) || !Double.isNaN(wavelength);
    }

    /** The x values in {@code target} units (a new array unless the unit is the same). */
    public double[] xIn(RadialUnit target) {
        if (target == unit) {
            return x;
        }
        if (!convertibleTo(target)) {
            throw new IllegalArgumentException("cannot convert " + unit + " to " + target + " without a wavelength");
        }
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = convert(x[i], unit, target, wavelength);
        }
        return out;
    }

    /** Converts one radial value; {@code wavelengthA} (&Aring;) is used only between q and 2&theta;. */
    public static double convert(double v, RadialUnit from, RadialUnit to, double wavelengthA) {
        if (from == to) {
            return v;
        }
        double qA; // q in inverse angstrom
        switch (from) {
            case Q_NM: qA = v / 10.0; break;
            case Q_A: qA = v; break;
            default: qA = 4 * Math.PI * Math.sin(Math.toRadians(v) / 2) / wavelengthA;
        }
        switch (to) {
            case Q_NM: return qA * 10.0;
            case Q_A: return qA;
            default: return Math.toDegrees(2 * Math.asin(qA * wavelengthA / (4 * Math.PI)));
        }
    }
}
