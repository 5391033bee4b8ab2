package org.hutch.receiver.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import org.hutch.model.pixels.PixelType;
import org.hutch.receiver.live.Downsampler.Reduce;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Block reduction against a straightforward per-pixel reference, for every dtype and reduce. */
class DownsamplerTest {

    private static double value(ByteBuffer b, PixelType t, int i) {
        switch (t) {
            case UINT8: return b.get(i) & 0xFF;
            case INT8: return b.get(i);
            case UINT16: return b.getShort(2 * i) & 0xFFFF;
            case INT16: return b.getShort(2 * i);
            case UINT32: return b.getInt(4 * i) & 0xFFFFFFFFL;
            case INT32: return b.getInt(4 * i);
            case UINT64: case INT64: return b.getLong(8 * i);
            case FLOAT32: return b.getFloat(4 * i);
            default: return b.getDouble(8 * i);
        }
    }

    private static ByteBuffer random(PixelType t, int n, long seed) {
        ByteBuffer b = ByteBuffer.allocate(n * t.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            long v = r.nextLong();
            switch (t) {
                case FLOAT32: b.putFloat((float) r.nextDouble(-1000, 1000)); break;
                case FLOAT64: b.putDouble(r.nextDouble(-1000, 1000)); break;
                case UINT64: case INT64: b.putLong(r.nextInt(1 << 30)); break;
                default:
                    for (int k = 0; k < t.bytes(); k++) {
                        b.put((byte) (v >>> (8 * k)));
                    }
            }
        }
        return b.flip();
    }

    @ParameterizedTest
    @EnumSource(PixelType.class)
    void everyDtypeAndReduceMatchesTheReference(PixelType t) {
        int rows = 13;
        int cols = 10;
        int f = 4;
        ByteBuffer in = random(t, rows * cols, t.ordinal());
        for (Reduce red : Reduce.values()) {
            Downsampler.Image img = Downsampler.reduce(in, rows, cols, t, f, red);
            assertEquals(4, img.rows());
            assertEquals(3, img.cols());
            assertEquals(Downsampler.outputType(t, red), img.dtype());
            ByteBuffer out = img.pixels().order(ByteOrder.LITTLE_ENDIAN);
            for (int orow = 0; orow < 4; orow++) {
                for (int oc = 0; oc < 3; oc++) {
                    double max = Double.NEGATIVE_INFINITY;
                    double sum = 0;
                    int n = 0;
                    for (int y = orow * f; y < Math.min(rows, orow * f + f); y++) {
                        for (int x = oc * f; x < Math.min(cols, oc * f + f); x++) {
                            double v = value(in, t, y * cols + x);
                            max = Math.max(max, v);
                            sum += v;
                            n++;
                        }
                    }
                    double expected = red == Reduce.MAX ? max : red == Reduce.SUM ? sum
                            : t.floating() ? sum / n : (long) (sum / n);
                    double got = value(out, img.dtype(), orow * 3 + oc);
                    if (t == PixelType.FLOAT32 && red != Reduce.SUM) {
                        expected = (float) expected;
                    }
                    if (!t.floating() && red == Reduce.MEAN) {
                        // integer mean truncates toward zero; the double reference may round the last digit
                        assertEquals(expected, got, 1.0, t + " " + red + " at " + orow + "," + oc);
                    } else {
                        assertEquals(expected, got, Math.abs(expected) * 1e-6, t + " " + red + " at " + orow + "," + oc);
                    }
                }
            }
        }
    }

    @Test
    void uint32GapsStayVisibleWithMax() {
        ByteBuffer in = ByteBuffer.allocate(4 * 4 * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 16; i++) {
            in.putInt(i == 5 ? 0xFFFFFFFF : i);
        }
        in.flip();
        Downsampler.Image img = Downsampler.reduce(in, 4, 4, PixelType.UINT32, 2, Reduce.MAX);
        int[] got = new int[4];
        img.pixels().order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(got);
        assertArrayEquals(new int[] {0xFFFFFFFF, 7, 13, 15}, got);
    }

    @Test
    void factorOneIsTheInputAndBadInputIsRefused() {
        ByteBuffer in = random(PixelType.UINT16, 6, 1);
        Downsampler.Image img = Downsampler.reduce(in, 2, 3, PixelType.UINT16, 1, Reduce.SUM);
        assertEquals(PixelType.UINT16, img.dtype());
        assertEquals(in, img.pixels());
        assertThrows(IllegalArgumentException.class, () -> Downsampler.reduce(in, 3, 3, PixelType.UINT16, 2, Reduce.MAX));
        assertThrows(IllegalArgumentException.class, () -> Downsampler.reduce(in, 2, 3, PixelType.UINT16, 0, Reduce.MAX));
        assertThrows(IllegalArgumentException.class, () -> Reduce.parse("median"));
    }
}
