package org.hutch.widgets.image;

/** How the contrast limits are chosen for each frame. */
public enum ContrastMode {
    /** Limits at the low and high percentiles of the valid pixels (default 0.1 % and 99.9 %). */
    PERCENTILE("auto (percentiles)"),
    /** Limits at the minimum and maximum valid pixel. */
    MIN_MAX("min / max"),
    /** Limits set by the user; they stay until changed. */
    MANUAL("manual");

    private final String label;

    ContrastMode(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
