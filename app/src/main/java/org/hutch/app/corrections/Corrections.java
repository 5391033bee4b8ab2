package org.hutch.app.corrections;

import org.hutch.app.client.AzintCurve;
import org.hutch.app.client.LiveFrame;
import org.hutch.azint.FrameView;
import org.hutch.model.curve.RadialUnit;

/**
 * The corrections on now, immutable: a dark image and a flat field applied to each frame before it is
 * integrated, and a 1D background subtracted from each curve after:
 * <pre>
 *   corrected = (raw - darkScale * dark) / flat        (flat normalised to mean 1)
 *   curve     = I(corrected) - backgroundScale * background(radial)
 * </pre>
 * Arithmetic is in double, so integer frames cannot overflow. A pixel is invalid (NaN, left out of the
 * integration as a masked one) when the raw pixel is (negative signed, the largest unsigned value,
 * NaN: the detector's flags, as {@link FrameView} reads them), when the dark is NaN there, or when the
 * flat is &le; 0 or NaN there. A corrected pixel may be negative (noise minus dark) and stays valid.
 *
 * @param dark            rows x cols, or {@code null}
 * @param flat            rows x cols normalised to mean 1, NaN where unusable, or {@code null}
 * @param background      {radial, intensity} in {@code backgroundUnit}, radial increasing, or {@code null}
 */
public record Corrections(int rows, int cols, double[] dark, double darkScale, double[] flat,
                          double[][] background, RadialUnit backgroundUnit, double backgroundScale) {

    public static final Corrections NONE = new Corrections(0, 0, null, 1, null, null, null, 1);

    public boolean hasDark() {
        return dark != null;
    }

    public boolean hasFlat() {
        return flat != null;
    }

    public boolean hasBackground() {
        return background != null;
    }

    /** Whether the frame itself is corrected (dark or flat), not only the curve. */
    public boolean correctsImage() {
        return dark != null || flat != null;
    }

    public boolean any() {
        return correctsImage() || hasBackground();
    }

    /** The badge shown while corrections are on, e.g. "dark − · flat ÷ · bg −"; "" when none. */
    public String badge() {
        StringBuilder b = new StringBuilder();
        if (dark != null) {
            b.append("dark \u2212");
            if (darkScale != 1) {
                b.append(' ').append(fmt(darkScale)).append('\u00d7');
            }
        }
        if (flat != null) {
            b.append(b.length() > 0 ? " \u00b7 " : "").append("flat \u00f7");
        }
        if (background != null) {
            b.append(b.length() > 0 ? " \u00b7 " : "").append("bg \u2212");
            if (backgroundScale != 1) {
                b.append(' ').append(fmt(backgroundScale)).append('\u00d7');
            }
        }
        return b.toString();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    public Corrections withDark(double[] d, int r, int c) {
        return new Corrections(r, c, d, darkScale, shaped(flat, r, c), background, backgroundUnit, backgroundScale);
    }

    public Corrections withDarkScale(double s) {
        return new Corrections(rows, cols, dark, s, flat, background, backgroundUnit, backgroundScale);
    }

    /** With the flat field {@code raw} (normalised here to mean 1 over its pixels &gt; 0). */
    public Corrections withFlat(double[] raw, int r, int c) {
        return new Corrections(r, c, shaped(dark, r, c), darkScale, raw == null ? null : normalisedFlat(raw),
                background, backgroundUnit, backgroundScale);
    }

    public Corrections withBackground(double[][] curve, RadialUnit unit) {
        return new Corrections(rows, cols, dark, darkScale, flat, curve, unit, backgroundScale);
    }

    public Corrections withBackgroundScale(double s) {
        return new Corrections(rows, cols, dark, darkScale, flat, background, backgroundUnit, s);
    }

    /** A dark or flat of another shape than the new one is dropped: it belongs to another detector. */
    private double[] shaped(double[] a, int r, int c) {
        return a != null && r == rows && c == cols ? a : null;
    }

    /** Flat / mean(flat over pixels &gt; 0); pixels &le; 0 or NaN become NaN (invalid). */
    static double[] normalisedFlat(double[] raw) {
        double sum = 0;
        long n = 0;
        for (double v : raw) {
            if (v > 0 && v != Double.POSITIVE_INFINITY) {
                sum += v;
                n++;
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("the flat field has no pixel above 0");
        }
        double mean = sum / n;
        double[] out = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            double v = raw[i];
            out[i] = v > 0 && v != Double.POSITIVE_INFINITY ? v / mean : Double.NaN;
        }
        return out;
    }

    /** The frame's pixels, corrected, invalid ones NaN. */
    public double[] correct(LiveFrame frame) {
        if (frame.rows() != rows || frame.cols() != cols) {
            throw new IllegalArgumentException("the dark/flat image is " + rows + "x" + cols + " but the frame "
                    + frame.rows() + "x" + frame.cols() + (frame.downsample() > 1
                    ? " (reduced " + frame.downsample() + "x by the receiver: corrections need full-resolution frames)" : ""));
        }
        double[] out = new double[frame.pixelCount()];
        FrameView.of(frame.pixels(), frame.dtype()).read(0, out.length, out);
        double[] d = dark;
        double[] f = flat;
        double s = darkScale;
        for (int i = 0; i < out.length; i++) {
            double v = out[i];
            if (d != null) {
                v -= s * d[i];
            }
            if (f != null) {
                v /= f[i]; // NaN where the flat is unusable
            }
            out[i] = v;
        }
        return out;
    }

    /**
     * The curve minus the scaled background, linearly interpolated at the curve's radial points; points
     * outside the background's range are dropped (nothing known to subtract there).
     */
    public AzintCurve subtractBackground(AzintCurve c) {
        if (background == null) {
            return c;
        }
        if (backgroundUnit != null && backgroundUnit != c.unit()) {
            throw new IllegalArgumentException("the background curve is in " + backgroundUnit.label()
                    + " but the curve in " + c.unit().label() + ": load a background in " + c.unit().label());
        }
        double[] bx = background[0];
        double[] by = background[1];
        double[] x = c.radial();
        int n = 0;
        double[] ox = new double[x.length];
        double[] oy = new double[x.length];
        double[] os = c.sigma() != null ? new double[x.length] : null;
        int k = 0;
        for (int i = 0; i < x.length; i++) {
            double xi = x[i];
            if (!(xi >= bx[0] && xi <= bx[bx.length - 1])) {
                continue;
            }
            while (k < bx.length - 2 && bx[k + 1] < xi) {
                k++;
            }
            double t = bx[k + 1] == bx[k] ? 0 : (xi - bx[k]) / (bx[k + 1] - bx[k]);
            double b = by[k] + t * (by[k + 1] - by[k]);
            ox[n] = xi;
            oy[n] = c.intensity()[i] - backgroundScale * b;
            if (os != null) {
                os[n] = c.sigma()[i];
            }
            n++;
        }
        if (n == 0) {
            throw new IllegalArgumentException("the background curve (" + bx[0] + " to " + bx[bx.length - 1] + " "
                    + c.unit().label() + ") does not overlap the curve");
        }
        return new AzintCurve(c.frame(), c.unit(), java.util.Arrays.copyOf(ox, n), java.util.Arrays.copyOf(oy, n),
                os == null ? null : java.util.Arrays.copyOf(os, n));
    }
}
