package org.hutch.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Lz4CodecTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 17, 4096, 100_003, Lz4Codec.FRAMED_BLOCK_BYTES, Lz4Codec.FRAMED_BLOCK_BYTES * 2 + 5})
    void bothFramingsRoundTripAndAreTellApart(int size) throws CodecException {
        byte[] raw = Bslz4CodecTest.structuredData(size / 2, 2, size);
        byte[] noisy = Bslz4CodecTest.randomData(size, size);
        for (byte[] data : new byte[][]{raw, noisy}) {
            ByteBuffer block = Lz4Codec.compressBlock(ByteBuffer.wrap(data));
            ByteBuffer framed = Lz4Codec.compressFramed(ByteBuffer.wrap(data));
            assertTrue(Lz4Codec.isFramed(framed, data.length));
            if (data.length > 0) {
                assertFalse(Lz4Codec.isFramed(block, data.length));
            }
            for (ByteBuffer c : new ByteBuffer[]{block, framed}) {
                ByteBuffer out = ByteBuffer.allocate(data.length);
                Lz4Codec.decompress(c, out);
                assertArrayEquals(data, out.array());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {4096, 100_003})
    void wrongSizesAndTruncationAreRejected(int size) {
        byte[] data = Bslz4CodecTest.structuredData(size / 2, 2, size);
        ByteBuffer block = Lz4Codec.compressBlock(ByteBuffer.wrap(data));
        ByteBuffer framed = Lz4Codec.compressFramed(ByteBuffer.wrap(data));
        CodecException small = assertThrows(CodecException.class,
                () -> Lz4Codec.decompressBlock(block, ByteBuffer.allocate(data.length - 1)));
        assertTrue(small.getMessage().contains("more than the frame"), small.getMessage());
        CodecException big = assertThrows(CodecException.class,
                () -> Lz4Codec.decompressBlock(block, ByteBuffer.allocate(data.length + 10)));
        assertTrue(big.getMessage().contains("decompressed to " + data.length), big.getMessage());
        CodecException declared = assertThrows(CodecException.class,
                () -> Lz4Codec.decompressFramed(framed, ByteBuffer.allocate(data.length + 10)));
        assertTrue(declared.getMessage().contains("declares " + data.length), declared.getMessage());
        ByteBuffer cut = framed.duplicate().limit(framed.limit() - 7);
        CodecException truncated = assertThrows(CodecException.class,
                () -> Lz4Codec.decompressFramed(cut, ByteBuffer.allocate(data.length)));
        assertTrue(truncated.getMessage().contains("truncated"), truncated.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 17, 4096, 100_003, Lz4Codec.FRAMED_BLOCK_BYTES * 2 + 5})
    void readerGivesTheWholeDecodePieceByPieceWithTheWindowOnly(int size) throws CodecException {
        // runs of zeros (long matches), structured pixels (short matches far back), noise (literals)
        Random rnd = new Random(size);
        byte[] mixed = new byte[size];
        for (int i = 0; i < size; i++) {
            int r = (i / 70_000) % 3;
            mixed[i] = r == 0 ? 0 : r == 1 ? (byte) (i % 251 + (i / 1000)) : (byte) rnd.nextInt();
        }
        for (byte[] data : new byte[][]{mixed, Bslz4CodecTest.randomData(size, size)}) {
            ByteBuffer block = Lz4Codec.compressBlock(ByteBuffer.wrap(data));
            ByteBuffer framed = Lz4Codec.compressFramed(ByteBuffer.wrap(data));
            for (ByteBuffer c : new ByteBuffer[]{block, framed, direct(block), direct(framed)}) {
                Lz4Codec.Reader reader = new Lz4Codec.Reader(c, data.length);
                ByteBuffer out = ByteBuffer.allocate(data.length);
                for (int piece = 1; out.position() < data.length; piece = piece * 5 + 3) {
                    out.limit(Math.min(data.length, out.position() + piece));
                    reader.read(out);
                }
                assertArrayEquals(data, out.array());
                assertEquals(1 << 16, reader.scratchBytes());
                assertThrows(CodecException.class, () -> reader.read(ByteBuffer.allocate(1)));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {4096, 100_003})
    void readerRefusesWhatTheDecompressorRefuses(int size) throws CodecException {
        byte[] data = Bslz4CodecTest.structuredData(size / 2, 2, size);
        ByteBuffer block = Lz4Codec.compressBlock(ByteBuffer.wrap(data));
        ByteBuffer framed = Lz4Codec.compressFramed(ByteBuffer.wrap(data));
        for (ByteBuffer c : new ByteBuffer[]{block, framed}) {
            // truncated, a size that is not the frame's, trailing bytes
            ByteBuffer cut = c.duplicate().limit(c.limit() - 3);
            assertThrows(CodecException.class, () -> new Lz4Codec.Reader(cut, data.length).read(ByteBuffer.allocate(data.length)));
            assertThrows(CodecException.class,
                    () -> new Lz4Codec.Reader(c.duplicate(), data.length + 8).read(ByteBuffer.allocate(data.length + 8)));
            ByteBuffer longer = ByteBuffer.allocate(c.remaining() + 2).put(c.duplicate()).put(new byte[2]).flip();
            assertThrows(CodecException.class, () -> new Lz4Codec.Reader(longer, data.length).read(ByteBuffer.allocate(data.length)));
        }
        // random bytes never decode past the frame nor throw anything but CodecException
        Random rnd = new Random(size);
        for (int t = 0; t < 200; t++) {
            byte[] junk = new byte[1 + rnd.nextInt(200)];
            rnd.nextBytes(junk);
            try {
                new Lz4Codec.Reader(ByteBuffer.wrap(junk), 1000).read(ByteBuffer.allocate(1000));
            } catch (CodecException expected) {
                // refused: fine
            }
        }
    }

    private static ByteBuffer direct(ByteBuffer b) {
        ByteBuffer d = ByteBuffer.allocateDirect(b.remaining());
        d.put(b.duplicate()).flip();
        return d;
    }
}
