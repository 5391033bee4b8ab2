package org.hutch.receiver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The receive rate over a window, and over a young series' own elapsed time (times given, not measured). */
class RateMeterTest {
    private static final long S = 1_000_000_000L;
    private static final long T0 = 1_000 * S + S / 3; // not on a second boundary

    /** A series at {@code fps} from {@code T0}, frames of 100 bytes, until {@code untilNanos}. */
    private static RateMeter series(double fps, long untilNanos) {
        RateMeter m = new RateMeter(5);
        m.seriesStarted(T0);
        long step = Math.round(S / fps);
        for (long t = T0 + step; t <= untilNanos; t += step) {
            m.add(t, 100);
        }
        return m;
    }

    @Test
    void aOneSecondSeriesAtTenFramesPerSecondShowsTen() {
        RateMeter m = series(10, T0 + S);
        double[] r = m.rates(T0 + S);
        assertEquals(10.0, r[0], 1e-9);
        assertEquals(1000.0, r[1], 1e-6);
    }

    @Test
    void halfASecondIntoAFiftyFpsSeriesShowsFifty() {
        RateMeter m = series(50, T0 + S / 2);
        assertEquals(50.0, m.rates(T0 + S / 2)[0], 1e-6);
    }

    @Test
    void afterTheWindowTheRateIsTheWindowsAverage() {
        RateMeter m = series(10, T0 + 8 * S);
        assertEquals(10.0, m.rates(T0 + 8 * S)[0], 0.21);
    }

    @Test
    void aNewSeriesForgetsTheFramesOfTheOneBefore() {
        RateMeter m = series(100, T0 + 2 * S);
        m.seriesStarted(T0 + 3 * S);
        m.add(T0 + 3 * S + S / 10, 100);
        assertEquals(5.0, m.rates(T0 + 3 * S + S / 5)[0], 1e-9);
    }

    @Test
    void withoutASeriesTheWindowIsUsed() {
        RateMeter m = new RateMeter(5);
        for (int i = 0; i < 50; i++) {
            m.add(T0 + i * S / 10, 1);
        }
        // 47 of the 50 frames fall into the five complete seconds before T0 + 5 s
        assertEquals(47 / 5.0, m.rates(T0 + 5 * S)[0], 1e-9);
    }
}
