package org.hutch.receiver.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the pipeline has done, for {@code /api/v1/pipeline/status} and the log: frames in, integrated,
 * skipped (queue full), failed (undecodable, wrong shape), the integration rate and the current series.
 */
public final class PipelineCounters {
    private static final long RATE_WINDOW_NANOS = 2_000_000_000L;

    private final AtomicLong in = new AtomicLong();
    private final AtomicLong integrated = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile String series;
    private volatile String file;
    private volatile String lastError;
    private volatile long seriesSkipped0;
    /** (time, integrated) at the start of the current rate window and the rate of the last one */
    private long windowStart = System.nanoTime();
    private long windowCount;
    private double fps;

    void frameIn() {
        in.incrementAndGet();
    }

    void skipped(long n) {
        skipped.addAndGet(n);
    }

    void failed(String why) {
        failed.incrementAndGet();
        lastError = why;
    }

    void error(String why) {
        lastError = why;
    }

    synchronized void integrated(long now) {
        long n = integrated.incrementAndGet();
        if (now - windowStart >= RATE_WINDOW_NANOS) {
            fps = (n - windowCount) * 1e9 / (now - windowStart);
            windowStart = now;
            windowCount = n;
        }
    }

    void seriesStarted(String name) {
        series = name;
        seriesSkipped0 = skipped.get();
    }

    void file(String path) {
        file = path;
    }

    public long framesIn() {
        return in.get();
    }

    public long integrated() {
        return integrated.get();
    }

    public long skipped() {
        return skipped.get();
    }

    public long failed() {
        return failed.get();
    }

    /** Frames integrated per second over the last full window of two seconds (0 when idle). */
    public synchronized double fps() {
        long now = System.nanoTime();
        return now - windowStart > 2 * RATE_WINDOW_NANOS ? 0.0 : fps;
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("frames_in", framesIn());
        m.put("integrated", integrated());
        m.put("skipped", skipped());
        m.put("skipped_in_series", skipped() - seriesSkipped0);
        m.put("failed", failed());
        m.put("fps", fps());
        m.put("series", series);
        m.put("file", file);
        m.put("error", lastError);
        return m;
    }
}
