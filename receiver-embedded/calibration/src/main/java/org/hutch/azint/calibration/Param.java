package org.hutch.azint.calibration;

import java.util.Locale;

/** The refinable parameters of a PONI geometry, with the units they are reported in. */
public enum Param {
    DIST("dist", "m"), PONI1("poni1", "m"), PONI2("poni2", "m"), ROT1("rot1", "rad"), ROT2("rot2", "rad"), ROT3("rot3", "rad"),
    WAVELENGTH("wavelength", "m");

    private final String key;
    private final String unit;

    Param(String key, String unit) {
        this.key = key;
        this.unit = unit;
    }

    /** The name as in pyFAI's refinement and on the command line. */
    public String key() {
        return key;
    }

    public String unit() {
        return unit;
    }

    /** The parameter of a name (dist, poni1, poni2, rot1, rot2, rot3, wavelength; also wl, energy). */
    public static Param parse(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        for (Param p : values()) {
            if (p.key.equals(n)) {
                return p;
            }
        }
        if (n.equals("wl") || n.equals("energy")) {
            return WAVELENGTH;
        }
        throw new IllegalArgumentException("unknown parameter '" + name + "': dist, poni1, poni2, rot1, rot2, rot3 or wavelength");
    }
}
