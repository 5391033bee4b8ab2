package org.hutch.azint;

/**
 * How a pixel is shared between bins: {@link #NONE} (all to the bin of its centre, pyFAI "no"),
 * N x N sub-pixel centres of weight 1/N² each (azint's {@code n_splitting}), or {@link #FULL} exact
 * area splitting (pyFAI "full", splitPixelFullCSR).
 *
 * @param n sub-pixels per side for sub-pixel splitting; 1 for NONE, 0 for FULL
 */
public record Splitting(int n) {
    public static final Splitting NONE = new Splitting(1);
    public static final Splitting FULL = new Splitting(0);

    public Splitting {
        if (n < 0 || n > 64) {
            throw new IllegalArgumentException("sub-pixel splitting must be 1..64 per side, got " + n);
        }
    }

    public static Splitting subPixels(int n) {
        return new Splitting(n);
    }

    public boolean isFull() {
        return n == 0;
    }

    public boolean isNone() {
        return n == 1;
    }

    /** "full", "none" (or "no"), or a number N for N x N sub-pixels. */
    public static Splitting parse(String text) {
        String t = text.strip().toLowerCase(java.util.Locale.ROOT);
        switch (t) {
            case "full": return FULL;
            case "none": case "no": return NONE;
            default:
                try {
                    int n = Integer.parseInt(t);
                    if (n < 1) {
                        throw new IllegalArgumentException("sub-pixel splitting must be at least 1, got " + t);
                    }
                    return new Splitting(n);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("unknown splitting '" + text + "' (full, none or a number N for N x N sub-pixels)");
                }
        }
    }

    @Override
    public String toString() {
        return isFull() ? "full" : isNone() ? "none" : Integer.toString(n);
    }
}
