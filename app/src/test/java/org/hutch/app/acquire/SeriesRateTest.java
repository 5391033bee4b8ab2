package org.hutch.app.acquire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The progress rate of a series (times given, not measured). */
class SeriesRateTest {
    private static final long S = 1_000_000_000L;

    @Test
    void aReceiversOwnRateIsBelieved() {
        SeriesRate r = new SeriesRate(0);
        assertEquals(42.0, r.fps(42.0, 3, S), 1e-12);
    }

    @Test
    void withoutOneTheFirstSecondsUseTheSeriesElapsedTime() {
        SeriesRate r = new SeriesRate(0);
        assertEquals(10.0, r.fps(Double.NaN, 5, S / 2), 1e-9);
        assertEquals(10.0, r.fps(-1, 10, S), 1e-9);
    }

    @Test
    void laterTheLastFiveSecondsCount() {
        SeriesRate r = new SeriesRate(0);
        for (int t = 1; t <= 10; t++) {
            r.fps(Double.NaN, t <= 5 ? 100L * t : 500 + 20L * (t - 5), t * S); // 100 fps, then 20 fps
        }
        assertEquals(20.0, r.fps(Double.NaN, 620, 11 * S), 1e-9);
    }
}
