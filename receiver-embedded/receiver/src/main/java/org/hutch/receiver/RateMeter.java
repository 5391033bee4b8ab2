package org.hutch.receiver;

/** Counts events and bytes in one-second buckets and reports the rate over the last few full seconds. */
final class RateMeter {
    private final int seconds;
    private final long[] counts;
    private final long[] bytes;
    private final long[] stamp;

    /** @param seconds the number of complete seconds the rate is averaged over */
    RateMeter(int seconds) {
        this.seconds = seconds;
        counts = new long[seconds + 1];
        bytes = new long[seconds + 1];
        stamp = new long[seconds + 1];
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

    /** {frames per second, bytes per second} over the last configured number of complete seconds. */
    synchronized double[] rates(long nowNanos) {
        long sec = nowNanos / 1_000_000_000L;
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
