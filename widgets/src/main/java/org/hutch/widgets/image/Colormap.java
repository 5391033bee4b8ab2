package org.hutch.widgets.image;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Colour maps as 256-entry opaque ARGB look-up tables, equal to matplotlib's: viridis, inferno and
 * magma are matplotlib's published 256-entry listed colormaps and jet its 256-entry table, each
 * carried over as data (the {@code *.lut} resources beside this class, one {@code rrggbb} line per
 * entry, matplotlib's float values rounded to 8 bits); gray is the linear ramp.
 */
public enum Colormap {
    GRAY,
    VIRIDIS,
    INFERNO,
    MAGMA,
    JET;

    public static final int SIZE = 256;

    private final int[] lut;
    private final int[] reversedLut;

    Colormap() {
        lut = ordinal() == 0 ? grayRamp() : readTable(name().toLowerCase(Locale.ROOT) + ".lut");
        reversedLut = new int[SIZE];
        for (int i = 0; i < SIZE; i++) {
            reversedLut[i] = lut[SIZE - 1 - i];
        }
    }

    private static int[] grayRamp() {
        int[] table = new int[SIZE];
        for (int i = 0; i < SIZE; i++) {
            table[i] = argb(i, i, i);
        }
        return table;
    }

    private static int[] readTable(String resource) {
        InputStream in = Colormap.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("colour table " + resource + " missing from the class path");
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            int[] table = r.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .mapToInt(l -> 0xFF000000 | Integer.parseInt(l, 16)).toArray();
            if (table.length != SIZE) {
                throw new IllegalStateException(resource + " has " + table.length + " entries, not " + SIZE);
            }
            return table;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read colour table " + resource, e);
        }
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
        return name().toLowerCase(Locale.ROOT);
    }
}
