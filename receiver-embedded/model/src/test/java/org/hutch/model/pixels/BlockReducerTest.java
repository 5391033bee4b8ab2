package org.hutch.model.pixels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Block reduction against a straightforward per-pixel reference, for every dtype and reduce, with
 * edge blocks kept (the receiver) and with whole blocks only (the app's client, as MAX IV's viewer).
 */
class BlockReducerTest {

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
        for (BlockReduction red : BlockReduction.values()) {
            BlockReducer.Image img = BlockReducer.reduce(in, rows, cols, t, f, red);
            assertEquals(4, img.rows());
            assertEquals(3, img.cols());
            assertEquals(BlockReducer.outputType(t, red), img.dtype());
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
                    double expected = red == BlockReduction.MAX ? max : red == BlockReduction.SUM ? sum
                            : t.floating() ? sum / n : (long) (sum / n);
                    double got = value(out, img.dtype(), orow * 3 + oc);
                    if (t == PixelType.FLOAT32 && red != BlockReduction.SUM) {
                        expected = (float) expected;
                    }
                    if (!t.floating() && red == BlockReduction.MEAN) {
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
        BlockReducer.Image img = BlockReducer.reduce(in, 4, 4, PixelType.UINT32, 2, BlockReduction.MAX);
        int[] got = new int[4];
        img.pixels().order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(got);
        assertArrayEquals(new int[] {0xFFFFFFFF, 7, 13, 15}, got);
    }

    @Test
    void factorOneIsTheInputAndBadInputIsRefused() {
        ByteBuffer in = random(PixelType.UINT16, 6, 1);
        BlockReducer.Image img = BlockReducer.reduce(in, 2, 3, PixelType.UINT16, 1, BlockReduction.SUM);
        assertEquals(PixelType.UINT16, img.dtype());
        assertEquals(in, img.pixels());
        assertThrows(IllegalArgumentException.class, () -> BlockReducer.reduce(in, 3, 3, PixelType.UINT16, 2, BlockReduction.MAX));
        assertThrows(IllegalArgumentException.class, () -> BlockReducer.reduce(in, 2, 3, PixelType.UINT16, 0, BlockReduction.MAX));
        assertThrows(IllegalArgumentException.class, () -> BlockReduction.fromName("median"));
    }

    @ParameterizedTest
    @EnumSource(PixelType.class)
    void wholeBlocksOnlyMatchTheReference(PixelType t) {
        int rows = 13;
        int cols = 10;
        int f = 4;
        ByteBuffer in = random(t, rows * cols, 100 + t.ordinal());
        for (BlockReduction red : BlockReduction.values()) {
            BlockReducer.Image img = BlockReducer.reduceFullBlocks(in, rows, cols, t, f, red);
            assertEquals(3, img.rows());
            assertEquals(2, img.cols());
            assertEquals(red == BlockReduction.MAX ? t : PixelType.FLOAT64, img.dtype());
            assertEquals(BlockReducer.fullBlocksOutputType(t, red), img.dtype());
            ByteBuffer out = img.pixels().order(ByteOrder.LITTLE_ENDIAN);
            for (int orow = 0; orow < 3; orow++) {
                for (int oc = 0; oc < 2; oc++) {
                    double max = Double.NEGATIVE_INFINITY;
                    double sum = 0;
                    for (int y = orow * f; y < orow * f + f; y++) {
                        for (int x = oc * f; x < oc * f + f; x++) {
                            double v = value(in, t, y * cols + x);
                            max = Math.max(max, v);
                            sum += v;
                        }
                    }
                    double expected = red == BlockReduction.MAX ? max : red == BlockReduction.SUM ? sum : sum / (f * f);
                    double got = value(out, img.dtype(), orow * 2 + oc);
                    assertEquals(expected, got, Math.abs(expected) * 1e-12, t + " " + red + " at " + orow + "," + oc);
                }
            }
        }
    }

    private static ByteBuffer uint32(int... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putInt(v);
        }
        return b.flip();
    }

    @Test
    void wholeBlocksMaxKeepsTheBrightestPixelAndTheDtype() {
        // 2x4 -> 1x2 with f=2; 0xFFFFFFFF must stay an unsigned maximum, not become -1
        BlockReducer.Image out = BlockReducer.reduceFullBlocks(uint32(1, 2, 3, 0xFFFFFFFF, 5, 6, 7, 8), 2, 4,
                PixelType.UINT32, 2, BlockReduction.MAX);
        assertEquals(1, out.rows());
        assertEquals(2, out.cols());
        assertEquals(PixelType.UINT32, out.dtype());
        assertEquals(6, out.pixels().getInt(0));
        assertEquals(0xFFFFFFFF, out.pixels().getInt(4));
    }

    @Test
    void wholeBlocksMeanAndSumGiveFloat64AndDropIncompleteEdgeBlocks() {
        ByteBuffer in = uint32(1, 2, 100, 3, 4, 100, 100, 100, 100);
        BlockReducer.Image mean = BlockReducer.reduceFullBlocks(in, 3, 3, PixelType.UINT32, 2, BlockReduction.MEAN);
        assertEquals(1, mean.rows());
        assertEquals(1, mean.cols());
        assertEquals(PixelType.FLOAT64, mean.dtype());
        assertEquals(2.5, mean.pixels().getDouble(0));
        assertEquals(10, BlockReducer.reduceFullBlocks(in, 3, 3, PixelType.UINT32, 2, BlockReduction.SUM).pixels().getDouble(0));
        // a side shorter than the factor is one block
        BlockReducer.Image narrow = BlockReducer.reduceFullBlocks(uint32(1, 2, 3, 4, 5, 6, 7, 8), 1, 8, PixelType.UINT32, 4,
                BlockReduction.SUM);
        assertEquals(1, narrow.rows());
        assertEquals(2, narrow.cols());
        assertEquals(10, narrow.pixels().getDouble(0));
        assertEquals(26, narrow.pixels().getDouble(8));
    }

    @Test
    void wholeBlocksFactorOneIsTheInputAndZeroIsRefused() {
        ByteBuffer in = uint32(1, 2);
        assertEquals(in, BlockReducer.reduceFullBlocks(in, 1, 2, PixelType.UINT32, 1, BlockReduction.MAX).pixels());
        assertThrows(IllegalArgumentException.class,
                () -> BlockReducer.reduceFullBlocks(in, 1, 2, PixelType.UINT32, 0, BlockReduction.MAX));
    }

    @Test
    void reductionNames() {
        assertEquals(BlockReduction.MAX, BlockReduction.fromName(null));
        assertEquals(BlockReduction.MEAN, BlockReduction.fromName(" Mean "));
        assertEquals("sum", BlockReduction.SUM.wireName());
        assertEquals("max", BlockReduction.MAX.toString());
    }
}
