package org.hutch.widgets.control;

/**
 * Progress of the running series as the control panel shows it.
 *
 * @param received frames received so far
 * @param expected frames expected in the series (0 when unknown)
 * @param rate     frames per second recently (NaN when unknown)
 */
public record AcquisitionProgress(long received, long expected, double rate) {

    /** Seconds left at the current rate, or NaN when it cannot be told. */
    public double secondsLeft() {
        if (expected <= 0 || !(rate > 0)) {
            return Double.NaN;
        }
        return Math.max(0, expected - received) / rate;
    }

    /** Fraction done in [0, 1], or -1 (indeterminate) when the expected count is unknown. */
    public double fraction() {
        return expected > 0 ? Math.min(1.0, received / (double) expected) : -1;
    }
}
