package org.hutch.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

/**
 * A synthetic frame that compresses like real EIGER data: sparse Poisson counts, a few powder rings,
 * hot pixels, and 0xFF.. module gaps (rows and columns between 514 x 1030 modules).
 */
public final class EigerLikeFrame {
    private EigerLikeFrame() {
    }

    /** Little-endian pixels of {@code elemSize} bytes (1, 2 or 4); gaps are all ones. */
    public static ByteBuffer generate(int rows, int cols, int elemSize, long seed) {
        Random r = new Random(seed);
        ByteBuffer b = ByteBuffer.allocate(rows * cols * elemSize).order(ByteOrder.LITTLE_ENDIAN);
        double cy = rows * 0.52, cx = cols * 0.47;
        double[] rings = {0.12, 0.21, 0.29, 0.36, 0.44};
        long max = elemSize == 4 ? 0xFFFFFFFFL : (1L << (8 * elemSize)) - 1;
        for (int y = 0; y < rows; y++) {
            boolean gapRow = (y % 551) >= 514;
            for (int x = 0; x < cols; x++) {
                long v;
                if (gapRow || (x % 1040) >= 1030) {
                    v = max;
                } else {
                    double d = Math.hypot(y - cy, x - cx) / Math.max(rows, cols);
                    double mean = 0.6;
                    for (double ring : rings) {
                        double t = (d - ring) / 0.002;
                        mean += 6.0 * Math.exp(-t * t);
                    }
                    v = poisson(r, mean);
                    if (r.nextInt(200_000) == 0) {
                        v = 50_000 + r.nextInt(10_000); // hot pixel
                    }
                    v = Math.min(v, max - 1);
                }
                switch (elemSize) {
                    case 1: b.put((byte) v); break;
                    case 2: b.putShort((short) v); break;
                    default: b.putInt((int) v);
                }
            }
        }
        return b.flip();
    }

    private static long poisson(Random r, double mean) {
        double l = Math.exp(-mean), p = 1.0;
        long k = 0;
        do {
            k++;
            p *= r.nextDouble();
        } while (p > l);
        return k - 1;
    }
}
