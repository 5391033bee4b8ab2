package org.hutch.model.pixels;

import java.util.Locale;

/** How a block of pixels becomes one when an image is reduced. */
public enum BlockReduction {
    /** The block's largest pixel: single hot pixels and Bragg peaks stay visible; the default for live view. */
    MAX,
    /** The block's mean. */
    MEAN,
    /** The block's sum. */
    SUM;

    /** The name in URLs and settings: max, mean, sum. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a wire name, case-insensitively; {@code null} or blank is {@link #MAX}.
     *
     * @throws IllegalArgumentException naming the allowed values
     */
    public static BlockReduction fromName(String s) {
        if (s == null || s.isBlank()) {
            return MAX;
        }
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("reduce must be max, mean or sum, not '" + s + "'");
        }
    }

    /** The wire name, as a choice box shows it. */
    @Override
    public String toString() {
        return wireName();
    }
}
