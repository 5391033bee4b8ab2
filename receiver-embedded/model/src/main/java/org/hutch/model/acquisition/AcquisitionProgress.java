package org.hutch.model.acquisition;

/**
 * How far the current series is, as the receiver sees it: what the acquisition controller
 * reports and the control panel shows.
 *
 * @param expected      frames in the series (0 or less when unknown)
 * @param received      frames the receiver got
 * @param written       frames on disk, or -1 if the receiver does not say (MAX IV)
 * @param fps           receive rate, or -1 (or NaN) when unknown
 * @param receiverState the receiver's state (idle, running, error), or {@code null}
 * @param file          file being written, or {@code null}
 * @param elapsedMs     since arm
 */
public record AcquisitionProgress(long expected, long received, long written, double fps, String receiverState,
                                  String file, long elapsedMs) {

    /** Fraction received in [0, 1], or -1 (indeterminate) when the expected count is unknown. */
    public double fraction() {
        return expected > 0 ? Math.min(1.0, received / (double) expected) : -1;
    }

    /** Seconds left at the current rate, or NaN when it cannot be told. */
    public double secondsLeft() {
        if (expected <= 0 || !(fps > 0)) {
            return Double.NaN;
        }
        return Math.max(0, expected - received) / fps;
    }
}
