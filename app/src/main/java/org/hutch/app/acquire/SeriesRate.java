package org.hutch.app.acquire;

import java.util.ArrayList;
import java.util.List;

/**
 * The frame rate of one series, for the progress line and the time left. A receiver that reports its rate (Hutch's)
 * is believed; for one that does not (MAX IV's), the rate comes from the received counts: over the last
 * {@link #WINDOW_NANOS}, or over the series' own elapsed time while it is younger than that, so the first seconds
 * of a series are not divided by the whole window. Used by one thread (the acquisition monitor).
 */
final class SeriesRate {
    static final long WINDOW_NANOS = 5_000_000_000L;

    private record Sample(long nanos, long received) {
    }

    private final List<Sample> samples = new ArrayList<>();

    /** @param armedAtNanos when the series was armed: its frames are counted from there (0 received) */
    SeriesRate(long armedAtNanos) {
        samples.add(new Sample(armedAtNanos, 0));
    }

    /**
     * @param receiverFps the receiver's own rate, or NaN / negative when it reports none
     * @param received    frames received so far in the series
     * @param nowNanos    now
     * @return frames per second, or NaN when no time has passed yet
     */
    double fps(double receiverFps, long received, long nowNanos) {
        Sample newest = new Sample(nowNanos, received);
        samples.add(newest);
        while (samples.size() > 2 && nowNanos - samples.get(1).nanos() >= WINDOW_NANOS) {
            samples.remove(0); // the second oldest still spans the window: the oldest is not needed
        }
        if (receiverFps >= 0) {
            return receiverFps;
        }
        Sample oldest = samples.get(0);
        long span = nowNanos - oldest.nanos();
        return span > 0 ? (received - oldest.received()) / (span / 1e9) : Double.NaN;
    }
}
