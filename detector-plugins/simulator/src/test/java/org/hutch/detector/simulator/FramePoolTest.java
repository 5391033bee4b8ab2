package org.hutch.detector.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import org.hutch.codec.Bslz4Codec;
import org.hutch.model.pixels.PixelType;
import org.hutch.stream.Compression;
import org.junit.jupiter.api.Test;

class FramePoolTest {

    @Test
    void poissonDrawsHaveTheRightMeanAndVariance() {
        for (double mean : new double[] {0.3, 4, 25, 40, 1000}) {
            SplittableRandom r = new SplittableRandom(7);
            int n = 200_000;
            double sum = 0;
            double sum2 = 0;
            for (int i = 0; i < n; i++) {
                long k = FramePool.poisson(mean, r);
                sum += k;
                sum2 += (double) k * k;
            }
            double m = sum / n;
            double var = sum2 / n - m * m;
            // 6 standard errors of the mean; the variance within 3 %
            assertEquals(mean, m, 6 * Math.sqrt(mean / n), "mean of Poisson(" + mean + ")");
            assertEquals(mean, var, 0.03 * mean + 0.01, "variance of Poisson(" + mean + ")");
        }
        assertEquals(0, FramePool.poisson(0, new SplittableRandom(1)));
    }

    @Test
    void calibrantRingsSitAtPublishedSpacings() {
        // NIST d-spacings: LaB6 (100) 4.1569 A, CeO2 (111) 3.1244 A, Si (111) 3.1356 A and (220) 1.9202 A
        assertEquals(2 * Math.PI / 0.41569, Calibrant.LAB6.peaksQNm(1)[0], 1e-3);
        assertEquals(2 * Math.PI / 0.31244, Calibrant.CEO2.peaksQNm(1)[0], 1e-3);
        double[] si = Calibrant.SI.peaksQNm(2);
        assertEquals(2 * Math.PI / 0.31356, si[0], 1e-3);
        assertEquals(2 * Math.PI / 0.19202, si[1], 2e-3, "Si has no (200) reflection");
    }

    @Test
    void framesHoldRingCountsScaledByExposureAndHotPixels() {
        PowderPattern pattern = new PowderPattern(1, 4, new double[] {15.115, 20, 30, 50}, null, Calibrant.LAB6, 10000, 0.08);
        FramePool shortPool = FramePool.build(pattern, 0.1, PixelType.UINT32, Compression.NONE, 2, 0, 3);
        FramePool longPool = FramePool.build(pattern, 1.0, PixelType.UINT32, Compression.NONE, 2, 0, 3);
        long onRing = pixel(shortPool, 0, 0);
        long offRing = pixel(shortPool, 0, 1);
        assertTrue(onRing > 5 * offRing, "ring pixel " + onRing + " vs background " + offRing);
        assertTrue(pixel(longPool, 0, 0) > 5 * onRing, "ten times the exposure gives about ten times the counts");
        assertNotEquals(ByteBuffer.wrap(shortPool.blob(0)), ByteBuffer.wrap(shortPool.blob(1)), "noise differs per frame");

        FramePool hot = FramePool.build(pattern, 0.1, PixelType.UINT16, Compression.NONE, 1, 4, 3);
        long max = 0;
        for (int i = 0; i < 4; i++) {
            max = Math.max(max, pixel(hot, 0, i));
        }
        assertTrue(max >= 50_000, "hot pixels are far above the rings: " + max);
    }

    @Test
    void bslz4PoolHoldsChunksOfTheSamePixels() throws Exception {
        PowderPattern pattern = new PowderPattern(8, 16, ramp(128), null, Calibrant.SI, 5000, 0.5);
        FramePool raw = FramePool.build(pattern, 0.1, PixelType.UINT16, Compression.NONE, 3, 2, 9);
        FramePool packed = FramePool.build(pattern, 0.1, PixelType.UINT16, Compression.BSLZ4, 3, 2, 9);
        for (int k = 0; k < 3; k++) {
            ByteBuffer decoded = Bslz4Codec.decompress(ByteBuffer.wrap(packed.blob(k)), 2, 8 * 16 * 2);
            assertEquals(ByteBuffer.wrap(raw.blob(k)), decoded, "frame " + k);
            assertEquals(ByteBuffer.wrap(packed.blob(k)), packed.directBlob(k), "direct copy of frame " + k);
        }
        assertEquals(raw.blob(0), raw.blob(3), "frames cycle through the pool");
    }

    private static double[] ramp(int n) {
        double[] q = new double[n];
        for (int i = 0; i < n; i++) {
            q[i] = 15 + i * 0.2;
        }
        return q;
    }

    private static long pixel(FramePool pool, int frame, int index) {
        ByteBuffer b = ByteBuffer.wrap(pool.blob(frame)).order(ByteOrder.LITTLE_ENDIAN);
        return pool.dtype() == PixelType.UINT16 ? Short.toUnsignedLong(b.getShort(index * 2))
                : Integer.toUnsignedLong(b.getInt(index * 4));
    }
}
