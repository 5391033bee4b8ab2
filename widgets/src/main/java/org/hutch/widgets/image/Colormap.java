package org.hutch.widgets.image;

/**
 * Colour maps as 256-entry opaque ARGB look-up tables. Viridis, inferno and magma are interpolated
 * linearly in RGB between their published colour stops (the hex values in the colormaps' own
 * documentation); gray and jet are defined by formula.
 */
public enum Colormap {
    GRAY(null),
    VIRIDIS(new String[] {"440154", "472c7a", "3b518b", "2c718e", "21908d", "27ad81", "5cc863", "aadc32", "fde725"}),
    INFERNO(new String[] {"000004", "1b0c41", "4a0c6b", "781c6d", "a52c60", "cf4446", "ed6925", "fb9b06", "f7d13d", "fcffa4"}),
    MAGMA(new String[] {"000004", "180f3d", "440f76", "721f81", "9e2f7f", "cd4071", "f1605d", "fd9668", "feca8d", "fcfdbf"}),
    JET(null);

    public static final int SIZE = 256;

    private final int[] lut;
    private final int[] reversedLut;

    Colormap(String[] stops) {
        lut = new int[SIZE];
        for (int i = 0; i < SIZE; i++) {
            double t = i / (double) (SIZE - 1);
            lut[i] = stops != null ? interpolate(stops, t) : formula(t);
        }
        reversedLut = new int[SIZE];
        for (int i = 0; i < SIZE; i++) {
            reversedLut[i] = lut[SIZE - 1 - i];
        }
    }

    private int formula(double t) {
        if (ordinal() == 0) { // GRAY
            int g = (int) Math.round(t * 255);
            return argb(g, g, g);
        }
        // JET: the classic piecewise-linear blue-cyan-yellow-red ramp
        return argb(unit(1.5 - Math.abs(4 * t - 3)), unit(1.5 - Math.abs(4 * t - 2)), unit(1.5 - Math.abs(4 * t - 1)));
    }

    private static int unit(double v) {
        return (int) Math.round(Math.max(0, Math.min(1, v)) * 255);
    }

    private static int interpolate(String[] stops, double t) {
        double pos = t * (stops.length - 1);
        int k = Math.min((int) pos, stops.length - 2);
        double f = pos - k;
        int a = Integer.parseInt(stops[k], 16);
        int b = Integer.parseInt(stops[k + 1], 16);
        return argb(mix(a >> 16, b >> 16, f), mix(a >> 8, b >> 8, f), mix(a, b, f));
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round((a & 0xFF) * (1 - f) + (b & 0xFF) * f);
    }

    private static int argb(int r, int g, int b) {
        return 0xFF000000 | (r << 16) | (g << 8) | b;
    }

    /** The 256-entry ARGB table (shared, do not modify); entry 0 is the colour at or below the low limit. */
    public int[] lut(boolean reversed) {
        return reversed ? reversedLut : lut;
    }

    /** ARGB colour at position {@code t} in [0, 1]. */
    public int colorAt(double t, boolean reversed) {
        int i = (int) (Math.max(0, Math.min(1, t)) * (SIZE - 1) + 0.5);
        return lut(reversed)[i];
    }

    @Override
    public String toString() {
        return name().toLowerCase();
    }
}
