package org.hutch.receiver;

/**
 * Counts events and bytes in one-second buckets and reports the rate over the last few full seconds. While the
 * current series is younger than that window, the rate is its count so far over its own elapsed time, so the
 * first seconds of a series are not divided by the whole window.
 */
final class RateMeter {
    private static final long NO_SERIES = Long.MIN_VALUE;

    private final int seconds;
    private final long[] counts;
    private final long[] bytes;
    private final long[] stamp;
    /** when the current series started, or {@link #NO_SERIES} */
    private long seriesStart = NO_SERIES;

    /** @param seconds the number of complete seconds the rate is averaged over */
    RateMeter(int seconds) {
        this.seconds = seconds;
        counts = new long[seconds + 1];
        bytes = new long[seconds + 1];
        stamp = new long[seconds + 1];
    }

    /** A series starts now: the counts of the one before are forgotten. */
    synchronized void seriesStarted(long nowNanos) {
        seriesStart = nowNanos;
        java.util.Arrays.fill(stamp, Long.MIN_VALUE);
    }

    synchronized void add(long nowNanos, long nbytes) {
        long sec = nowNanos / 1_000_000_000L;
        int i = (int) Math.floorMod(sec, (long) counts.length);
        if (stamp[i] != sec) {
            stamp[i] = sec;
            counts[i] = 0;
            bytes[i] = 0;
        }
        counts[i]++;
        bytes[i] += nbytes;
    }

    /** {frames per second, bytes per second} over the window, or over the series' elapsed time while shorter. */
    synchronized double[] rates(long nowNanos) {
        long sec = nowNanos / 1_000_000_000L;
        long elapsed = nowNanos - seriesStart;
        if (seriesStart != NO_SERIES && elapsed > 0 && elapsed < seconds * 1_000_000_000L) {
            long c = 0;
            long b = 0;
            for (int i = 0; i < counts.length; i++) {
                if (stamp[i] != Long.MIN_VALUE && stamp[i] <= sec) {
                    c += counts[i];
                    b += bytes[i];
                }
            }
            double s = elapsed / 1e9;
            return new double[] {c / s, b / s};
        }
        long c = 0;
        long b = 0;
        for (int k = 1; k <= seconds; k++) {
            int i = (int) Math.floorMod(sec - k, (long) counts.length);
            if (stamp[i] == sec - k) {
                c += counts[i];
                b += bytes[i];
            }
        }
        return new double[] {c / (double) seconds, b / (double) seconds};
    }
}
