package org.hutch.receiver;

/** Counts events and bytes in one-second buckets and reports the rate over the last few full seconds. */
final class RateMeter {
    private static final int SECONDS = 5;
    private final long[] counts = new long[SECONDS + 1];
    private final long[] bytes = new long[SECONDS + 1];
    private final long[] stamp = new long[SECONDS + 1];

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

    /** {frames per second, bytes per second} over the last {@value #SECONDS} complete seconds. */
    synchronized double[] rates(long nowNanos) {
        long sec = nowNanos / 1_000_000_000L;
        long c = 0;
        long b = 0;
        for (int k = 1; k <= SECONDS; k++) {
            int i = (int) Math.floorMod(sec - k, (long) counts.length);
            if (stamp[i] == sec - k) {
                c += counts[i];
                b += bytes[i];
            }
        }
        return new double[] {c / (double) SECONDS, b / (double) SECONDS};
    }
}
