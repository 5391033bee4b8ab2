package org.hutch.azint.calibration.phase;

/**
 * One powder line of a phase: Miller indices (all 0 when the source gives only d), its d-spacing at
 * the reference state (Å) and relative intensity (the file's, or the multiplicity when generated).
 */
public record Reflection(int h, int k, int l, double d0, double intensity) {
    public Reflection {
        if (!(d0 > 0)) {
            throw new IllegalArgumentException("a reflection needs a positive d-spacing, got " + d0);
        }
    }

    public boolean indexed() {
        return h != 0 || k != 0 || l != 0;
    }

    /** "(1 1 1)" or "" for a line without indices. */
    public String hkl() {
        return indexed() ? "(" + h + " " + k + " " + l + ")" : "";
    }
}
