package org.hutch.app.acquire;

/**
 * How far the current series is, as the receiver sees it.
 *
 * @param expected      frames in the series
 * @param received      frames the receiver got
 * @param written       frames on disk, or -1 if the receiver does not say (MAX IV)
 * @param fps           receive rate, or -1 if unknown
 * @param receiverState idle, running or error
 * @param file          file being written, or {@code null}
 * @param elapsedMs     since arm
 */
public record AcquisitionProgress(long expected, long received, long written, double fps, String receiverState,
                                  String file, long elapsedMs) {

    /** 0..1, by frames on disk when known, else by frames received. */
    public double fraction() {
        long done = written >= 0 ? written : received;
        return expected <= 0 ? 0 : Math.min(1.0, (double) done / expected);
    }

    /** Estimated seconds left, or -1 when the rate is unknown. */
    public double secondsLeft() {
        return fps > 0 ? Math.max(0, expected - received) / fps : -1;
    }
}
