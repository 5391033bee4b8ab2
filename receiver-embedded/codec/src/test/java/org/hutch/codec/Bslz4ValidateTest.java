package org.hutch.codec;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Bslz4Codec#validate}: what passes decodes; truncation, lying headers and broken blocks do not pass. */
class Bslz4ValidateTest {
    private static final int N = 100 * 123; // not a multiple of 8: a raw tail follows the blocks

    private static byte[] chunk() {
        ByteBuffer raw = ByteBuffer.allocate(N * 4);
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < N; i++) {
            raw.putInt(r.nextInt(50));
        }
        ByteBuffer c = Bslz4Codec.compress(raw.flip(), 4);
        byte[] b = new byte[c.remaining()];
        c.get(b);
        return b;
    }

    @Test
    void aGoodChunkPassesWithOrWithoutItsHeader() {
        byte[] c = chunk();
        assertDoesNotThrow(() -> Bslz4Codec.validate(ByteBuffer.wrap(c), 4, N * 4L));
        byte[] bare = Arrays.copyOfRange(c, Bslz4Codec.HEADER_BYTES, c.length);
        assertDoesNotThrow(() -> Bslz4Codec.validate(ByteBuffer.wrap(bare), 4, N * 4L));
    }

    @Test
    void truncatedChunkIsRefused() {
        byte[] c = chunk();
        for (int cut : new int[] {1, 9, c.length / 2, c.length - Bslz4Codec.HEADER_BYTES}) {
            CodecException e = assertThrows(CodecException.class,
                    () -> Bslz4Codec.validate(ByteBuffer.wrap(c, 0, c.length - cut).slice(), 4, N * 4L));
            assertTrue(e.getMessage().contains("bslz4"), e.getMessage());
        }
    }

    @Test
    void headerClaimingAnotherSizeIsRefused() {
        byte[] c = chunk();
        ByteBuffer.wrap(c).putLong(0, 1L << 40); // 1 TiB: its first four bytes are no longer zero
        assertThrows(CodecException.class, () -> Bslz4Codec.validate(ByteBuffer.wrap(c), 4, N * 4L));
        byte[] d = chunk();
        ByteBuffer.wrap(d).putLong(0, N * 4L + 4);
        CodecException e = assertThrows(CodecException.class, () -> Bslz4Codec.validate(ByteBuffer.wrap(d), 4, N * 4L));
        assertTrue(e.getMessage().contains("declares"), e.getMessage());
    }

    @Test
    void brokenBlockIsRefused() {
        byte[] c = chunk();
        ByteBuffer.wrap(c).putInt(Bslz4Codec.HEADER_BYTES, 0x7FFFFFF0); // first block claims 2 GB
        assertThrows(CodecException.class, () -> Bslz4Codec.validate(ByteBuffer.wrap(c), 4, N * 4L));
        byte[] z = chunk();
        ByteBuffer.wrap(z).putInt(Bslz4Codec.HEADER_BYTES, 0); // an empty block cannot hold its elements
        assertThrows(CodecException.class, () -> Bslz4Codec.validate(ByteBuffer.wrap(z), 4, N * 4L));
    }

    @Test
    void trailingBytesAreRefused() {
        byte[] c = Arrays.copyOf(chunk(), chunk().length + 3);
        CodecException e = assertThrows(CodecException.class, () -> Bslz4Codec.validate(ByteBuffer.wrap(c), 4, N * 4L));
        assertTrue(e.getMessage().contains("too long"), e.getMessage());
    }
}
