package org.hutch.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;

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
}
