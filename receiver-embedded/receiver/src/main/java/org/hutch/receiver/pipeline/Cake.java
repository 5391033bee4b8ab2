package org.hutch.receiver.pipeline;

/**
 * One frame's cake: intensity over azimuth × radial bins, {@code intensity[a * radial.length + r]}, as
 * float32 (a 360 × 1000 cake is 1.4 MB a frame; its double-precision sums stay in the worker).
 *
 * @param radial  bin centres in the series' radial unit
 * @param azimuth χ bin centres in degrees, −180..180
 */
public record Cake(double[] radial, double[] azimuth, float[] intensity) {
    public Cake {
        if (intensity.length != (long) radial.length * azimuth.length) {
            throw new IllegalArgumentException("a cake of " + azimuth.length + "x" + radial.length + " bins has "
                    + intensity.length + " values");
        }
    }

    /** The intensity of a 2D result (its sums are left behind). */
    static Cake of(org.hutch.azint.AzintResult r) {
        double[] in = r.intensity();
        float[] f = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            f[i] = (float) in[i];
        }
        return new Cake(r.radial(), r.azimuth(), f);
    }
}
