package org.hutch.azint;

/** How the per-pixel normalisation c (solid angle × polarisation) enters a bin. */
public enum Normalization {
    /** pyFAI: I = Σw·x / Σw·c, σ = √(Σw²·x) / Σw·c (ratio of sums). */
    RATIO,
    /** MAX IV azint: I = Σw·(x/c) / Σw, σ = √(Σw²·x/c²) / Σw (mean of corrected pixels). */
    MEAN;

    public static Normalization parse(String text) {
        return switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "ratio" -> RATIO;
            case "mean" -> MEAN;
            default -> throw new IllegalArgumentException("unknown normalisation '" + text + "' (ratio or mean)");
        };
    }
}
