package org.hutch.receiver.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.SplittableRandom;
import org.hutch.codec.Bslz4Codec;
import org.hutch.codec.Lz4Codec;
import org.hutch.model.pixels.BlockReducer;
import org.hutch.model.pixels.BlockReduction;
import org.hutch.model.pixels.PixelType;
import org.hutch.stream.Compression;
import org.hutch.stream.Frame;
import org.hutch.stream.FramePixels;
import org.hutch.stream.StreamFormatException;
import org.junit.jupiter.api.Test;

class TiledReducerTest {
    private static final Compression[] COMPRESSIONS = {Compression.NONE, Compression.BSLZ4, Compression.LZ4};

    /** Mostly small counts, some anywhere in the type's range (the sign bit set too: unsigned max and sum). */
    static Frame frame(int rows, int cols, PixelType dtype, Compression c, long seed) {
        ByteBuffer raw = ByteBuffer.allocate(rows * cols * dtype.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < rows * cols; i++) {
            int v = rnd.nextInt(100) < 85 ? rnd.nextInt(4) : rnd.nextInt();
            if (dtype == PixelType.UINT16) {
                raw.putShort((short) v);
            } else {
                raw.putInt(v);
            }
        }
        raw.flip();
        ByteBuffer blob = c == Compression.BSLZ4 ? Bslz4Codec.compress(raw, dtype.bytes())
                : c == Compression.LZ4 ? Lz4Codec.compressBlock(raw) : raw;
        return new Frame(0, 1, 7, rows, cols, dtype, c, blob, Map.of());
    }

    /** The same frame with its pixels in the HDF5 LZ4 filter's framing (Stream V2 {@code ["lz4", 0, bytes]}). */
    static Frame lz4Framed(Frame f) throws Exception {
        ByteBuffer blob = Lz4Codec.compressFramed(FramePixels.decode(f));
        return new Frame(0, 1, 7, f.rows(), f.cols(), f.dtype(), Compression.LZ4, blob, Map.of());
    }

    @Test
    void bandsGiveTheWholeFrameReductionBitForBit() throws Exception {
        int[][] shapes = {{37, 53}, {100, 130}, {257, 515}, {1, 9}, {64, 64}};
        int[] factors = {2, 3, 4, 7, 16};
        // bounds small enough that the frames are cut into many bands, one block row each at the least
        int[] bounds = {1, 5_000, 40_000, TiledReducer.SCRATCH_BYTES};
        long seed = 1;
        for (PixelType dtype : new PixelType[] {PixelType.UINT16, PixelType.UINT32}) {
            for (int c = 0; c < 4; c++) {
                for (int[] shape : shapes) {
                    Frame frame = c < 3 ? frame(shape[0], shape[1], dtype, COMPRESSIONS[c], seed++)
                            : lz4Framed(frame(shape[0], shape[1], dtype, Compression.LZ4, seed++));
                    ByteBuffer whole = FramePixels.decode(frame);
                    for (int f : factors) {
                        for (BlockReduction r : BlockReduction.values()) {
                            BlockReducer.Image expected = BlockReducer.reduce(whole, shape[0], shape[1], dtype, f, r);
                            for (int bound : bounds) {
                                BlockReducer.Image got = TiledReducer.reduce(frame, f, r, bound).image();
                                String what = dtype + " " + c + " " + shape[0] + "x" + shape[1] + " f=" + f + " " + r
                                        + " bound=" + bound;
                                assertEquals(expected.rows(), got.rows(), what);
                                assertEquals(expected.cols(), got.cols(), what);
                                assertEquals(expected.dtype(), got.dtype(), what);
                                assertEquals(expected.pixels(), got.pixels(), what);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void scratchStaysUnderTheBoundForAFrameMuchLargerThanIt() throws Exception {
        // 4096 x 4096 uint32: 64 MiB decoded, 16 times the bound
        Frame big = frame(4096, 4096, PixelType.UINT32, Compression.BSLZ4, 42);
        for (BlockReduction r : BlockReduction.values()) {
            TiledReducer.Result res = TiledReducer.reduce(big, 4, r);
            assertTrue(res.scratchBytes() <= TiledReducer.SCRATCH_BYTES + 64 * 1024,
                    r + " held " + res.scratchBytes() + " bytes of scratch");
            assertEquals(1024, res.image().rows());
            assertEquals(1024, res.image().cols());
        }
        // a pooled (direct) blob is read in place, not copied whole first
        ByteBuffer direct = ByteBuffer.allocateDirect(big.blob().remaining());
        direct.put(big.blob().duplicate()).flip();
        Frame pooled = new Frame(0, 1, 7, 4096, 4096, PixelType.UINT32, Compression.BSLZ4, direct, Map.of());
        TiledReducer.Result fromDirect = TiledReducer.reduce(pooled, 4, BlockReduction.MAX);
        assertEquals(TiledReducer.reduce(big, 4, BlockReduction.MAX).image().pixels(), fromDirect.image().pixels());
        assertTrue(fromDirect.scratchBytes() <= TiledReducer.SCRATCH_BYTES + 64 * 1024);
        // plain LZ4, one block of the whole frame or the HDF5 filter's framing: the 64 KiB window and a band
        Frame lz4 = frame(4096, 4096, PixelType.UINT32, Compression.LZ4, 44);
        for (Frame f : new Frame[] {lz4, lz4Framed(lz4)}) {
            TiledReducer.Result res = TiledReducer.reduce(f, 4, BlockReduction.SUM);
            assertTrue(res.scratchBytes() <= TiledReducer.SCRATCH_BYTES + 64 * 1024,
                    "lz4 held " + res.scratchBytes() + " bytes of scratch");
            assertEquals(1024, res.image().rows());
        }
        Frame raw = frame(4096, 4096, PixelType.UINT32, Compression.NONE, 43);
        assertEquals(0, TiledReducer.reduce(raw, 8, BlockReduction.MAX).scratchBytes());
    }

    @Test
    void aTruncatedOrShortBlobIsAFormatError() {
        Frame good = frame(100, 130, PixelType.UINT16, Compression.BSLZ4, 5);
        ByteBuffer cut = good.blob().duplicate();
        cut.limit(cut.limit() - 100);
        Frame truncated = new Frame(0, 1, 7, 100, 130, PixelType.UINT16, Compression.BSLZ4, cut.slice(), Map.of());
        assertThrows(StreamFormatException.class, () -> TiledReducer.reduce(truncated, 4, BlockReduction.SUM));
        ByteBuffer longer = ByteBuffer.allocate(good.blob().remaining() + 3);
        longer.put(good.blob().duplicate()).clear(); // three stray bytes after the chunk
        Frame tooLong = new Frame(0, 1, 7, 100, 130, PixelType.UINT16, Compression.BSLZ4, longer, Map.of());
        assertThrows(StreamFormatException.class, () -> TiledReducer.reduce(tooLong, 4, BlockReduction.SUM));
        Frame rawShort = new Frame(0, 1, 7, 100, 130, PixelType.UINT16, Compression.NONE, ByteBuffer.allocate(10),
                Map.of());
        assertThrows(StreamFormatException.class, () -> TiledReducer.reduce(rawShort, 4, BlockReduction.MAX));
    }
}
