package org.hutch.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class Bslz4CodecTest {

    /** Bit-by-bit bitshuffle straight from the definition: row 8j+k, byte m, bit i = bit k of byte j of element 8m+i. */
    static byte[] referenceShuffle(byte[] raw, int off, int n, int es) {
        byte[] out = new byte[n * es];
        int nb = n / 8;
        for (int e = 0; e < n; e++) {
            for (int j = 0; j < es; j++) {
                int b = raw[off + e * es + j] & 0xFF;
                for (int k = 0; k < 8; k++) {
                    if ((b >>> k & 1) != 0) {
                        int row = 8 * j + k;
                        out[row * nb + e / 8] |= (byte) (1 << (e % 8));
                    }
                }
            }
        }
        return out;
    }

    /** Reference chunk built from the definition: header, shuffled LZ4 blocks, raw tail. */
    static byte[] referenceChunk(byte[] raw, int es) {
        int n = raw.length / es;
        int blockElems = Bslz4Codec.defaultBlockElems(es);
        var lz4 = net.jpountz.lz4.LZ4Factory.fastestInstance().fastCompressor();
        ByteBuffer o = ByteBuffer.allocate(Bslz4Codec.maxCompressedLength(raw.length, es));
        o.putLong(raw.length).putInt(blockElems * es);
        int e = 0;
        while (n - e >= 8) {
            int elems = Math.min(blockElems, (n - e) & ~7);
            byte[] shuffled = referenceShuffle(raw, e * es, elems, es);
            byte[] c = lz4.compress(shuffled);
            o.putInt(c.length).put(c);
            e += elems;
        }
        o.put(raw, e * es, (n - e) * es);
        return Arrays.copyOf(o.array(), o.position());
    }

    static byte[] randomData(int bytes, long seed) {
        byte[] b = new byte[bytes];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Detector-like: small Poisson-ish counts, rings, 0xFF.. gaps; for any element size. */
    static byte[] structuredData(int n, int es, long seed) {
        Random r = new Random(seed);
        ByteBuffer b = ByteBuffer.allocate(n * es).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            long v = (i % 517 < 7) ? -1L : (i % 97 < 3 ? 200 + r.nextInt(3000) : r.nextInt(4) == 0 ? r.nextInt(3) : 0);
            for (int j = 0; j < es; j++) {
                b.put((byte) (v >>> (8 * j)));
            }
        }
        return b.array();
    }

    /** Mostly counts below 256, single all-ones pixels and runs of 130 (gaps): every fast path is taken. */
    static byte[] sparseCounts(int n, int es, long seed) {
        Random r = new Random(seed);
        ByteBuffer b = ByteBuffer.allocate(n * es).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            long v = i % 1000 >= 870 || i % 333 == 5 ? -1L : r.nextInt(3) == 0 ? r.nextInt(256) : 0;
            for (int j = 0; j < es; j++) {
                b.put((byte) (v >>> (8 * j)));
            }
        }
        return b.array();
    }

    /** A low-flux frame: a count every few hundred pixels, so most 64-pixel groups are all zero. */
    static byte[] lowFlux(int n, int es, long seed) {
        Random r = new Random(seed);
        byte[] b = new byte[n * es];
        for (int i = r.nextInt(300); i < n; i += 1 + r.nextInt(600)) {
            b[i * es] = (byte) (1 + r.nextInt(200));
        }
        return b;
    }

    static Stream<Arguments> sizes() {
        Stream.Builder<Arguments> s = Stream.builder();
        for (int es : new int[]{1, 2, 4, 8, 3}) {
            int block = Bslz4Codec.defaultBlockElems(es);
            for (int n : new int[]{0, 1, 7, 8, 9, 63, 64, 65, 100, block - 1, block, block + 8, block + 13,
                    3 * block + 229, 300 * 257}) {
                s.add(Arguments.of(es, n));
            }
        }
        return s.build();
    }

    @ParameterizedTest(name = "elem {0} bytes, {1} elements")
    @MethodSource("sizes")
    void shuffleMatchesTheDefinition(int es, int n) {
        int m = n & ~7;
        for (byte[] raw : new byte[][]{randomData(m * es, 31L * n + es), sparseCounts(m, es, n),
                lowFlux(m, es, n)}) {
            byte[] fast = new byte[m * es];
            new BitShuffle(es).shuffle(raw, 0, fast, 0, m);
            assertArrayEquals(referenceShuffle(raw, 0, m, es), fast);
            byte[] back = new byte[m * es];
            new BitShuffle(es).unshuffle(fast, 0, back, 0, m);
            assertArrayEquals(raw, back);
        }
    }

    /**
     * Random lengths (rarely whole 64-pixel groups or blocks) at random offsets, each 64-pixel group of one
     * kind: zero, below 256, all ones or anything, with a stray large pixel now and then, so every fast path
     * meets its neighbours; unshuffle and shuffle must match the definition, the codec the reference chunk.
     */
    @ParameterizedTest(name = "elem {0} bytes")
    @ValueSource(ints = {1, 2, 4})
    void mixedGroupsAtRandomLengthsMatchTheDefinition(int es) throws CodecException {
        Random r = new Random(1009L * es);
        for (int round = 0; round < 150; round++) {
            int n = r.nextInt(3 * Bslz4Codec.defaultBlockElems(es) / 2);
            byte[] raw = new byte[n * es];
            for (int g = 0; g < n; g += 64) {
                int kind = r.nextInt(4);
                for (int e = g; e < Math.min(n, g + 64); e++) {
                    long v = kind == 0 ? 0 : kind == 1 ? r.nextInt(256) : kind == 2 ? -1L : r.nextLong();
                    if (r.nextInt(200) == 0) {
                        v = r.nextLong();
                    }
                    for (int j = 0; j < es; j++) {
                        raw[e * es + j] = (byte) (v >>> (8 * j));
                    }
                }
            }
            int m = n & ~7;
            int srcOff = r.nextInt(9), dstOff = r.nextInt(9);
            byte[] shuffled = referenceShuffle(raw, 0, m, es);
            byte[] src = new byte[srcOff + m * es];
            System.arraycopy(shuffled, 0, src, srcOff, m * es);
            byte[] back = new byte[dstOff + m * es];
            new BitShuffle(es).unshuffle(src, srcOff, back, dstOff, m);
            assertArrayEquals(Arrays.copyOf(raw, m * es), Arrays.copyOfRange(back, dstOff, back.length), "n " + n);
            byte[] fast = new byte[m * es];
            new BitShuffle(es).shuffle(raw, 0, fast, 0, m);
            assertArrayEquals(shuffled, fast, "n " + n);
            ByteBuffer out = Bslz4Codec.decompress(ByteBuffer.wrap(referenceChunk(raw, es)), es, raw.length);
            assertArrayEquals(raw, out.array(), "n " + n);
        }
    }

    @ParameterizedTest(name = "elem {0} bytes, {1} elements")
    @MethodSource("sizes")
    void compressedChunkIsTheReferenceChunkAndRoundTrips(int es, int n) throws CodecException {
        for (byte[] raw : new byte[][]{randomData(n * es, n + 7L * es), structuredData(n, es, n),
                sparseCounts(n, es, n), lowFlux(n, es, n)}) {
            ByteBuffer chunk = Bslz4Codec.compress(ByteBuffer.wrap(raw), es);
            byte[] bytes = new byte[chunk.remaining()];
            chunk.duplicate().get(bytes);
            assertArrayEquals(referenceChunk(raw, es), bytes, "chunk differs from the reference layout");
            assertEquals(raw.length, Bslz4Codec.declaredSize(chunk));
            ByteBuffer out = Bslz4Codec.decompress(chunk, es, raw.length);
            assertArrayEquals(raw, out.array());
        }
    }

    @Test
    void eigerLikeFrameRoundTrips() throws CodecException {
        for (int es : new int[]{1, 2, 4}) {
            ByteBuffer raw = EigerLikeFrame.generate(557, 1043, es, es);
            ByteBuffer chunk = Bslz4Codec.compress(raw, es);
            byte[] bytes = new byte[chunk.remaining()];
            chunk.duplicate().get(bytes);
            assertArrayEquals(referenceChunk(raw.array(), es), bytes);
            assertEquals(raw, Bslz4Codec.decompress(chunk, es, raw.remaining()));
        }
    }

    @Test
    void parallelDecodeMatchesAndReportsErrors() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2,
                r -> new Thread(r, "test-bslz4-decode"));
        try {
            for (int n : new int[]{5, 8, 2048 * 3, 2048 * 5 + 77, 300 * 257}) {
                byte[] raw = sparseCounts(n, 4, n);
                ByteBuffer chunk = Bslz4Codec.compress(ByteBuffer.wrap(raw), 4);
                for (int parts : new int[]{1, 2, 3, 8}) {
                    ByteBuffer out = ByteBuffer.allocateDirect(raw.length);
                    Bslz4Codec.decompressParallel(chunk.asReadOnlyBuffer(), 4, out, pool, parts);
                    assertEquals(ByteBuffer.wrap(raw), out, n + " elements in " + parts + " parts");
                }
            }
            byte[] raw = sparseCounts(2048 * 6, 4, 1);
            ByteBuffer chunk = Bslz4Codec.compress(ByteBuffer.wrap(raw), 4);
            byte[] broken = new byte[chunk.remaining()];
            chunk.get(0, broken);
            broken[broken.length - 20] ^= 0x55; // corrupt the last block, which another thread decodes
            broken[broken.length - 21] ^= 0x7F;
            CodecException e = assertThrows(CodecException.class, () -> Bslz4Codec.decompressParallel(
                    ByteBuffer.wrap(broken), 4, ByteBuffer.allocate(raw.length), pool, 2));
            assertTrue(e.getMessage().contains("bslz4 block at byte"), e.getMessage());
            ByteBuffer cut = chunk.duplicate().limit(chunk.limit() - 100);
            assertThrows(CodecException.class, () -> Bslz4Codec.decompressParallel(cut, 4,
                    ByteBuffer.allocate(raw.length), pool, 2));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void decodesIntoDirectBuffersAndOffsetSlices() throws CodecException {
        int es = 4, n = 5000 + 3;
        byte[] raw = structuredData(n, es, 5);
        ByteBuffer chunk = Bslz4Codec.compress(ByteBuffer.wrap(raw), es);
        // chunk inside a bigger direct buffer, at a non-zero position
        ByteBuffer direct = ByteBuffer.allocateDirect(chunk.remaining() + 10);
        direct.position(10).put(chunk.duplicate()).position(10);
        ByteBuffer out = ByteBuffer.allocateDirect(raw.length + 6);
        out.position(3).limit(3 + raw.length);
        new Bslz4Codec.Decoder().decompress(direct, es, out);
        assertEquals(3, out.position(), "position must not move");
        byte[] got = new byte[raw.length];
        out.get(3, got);
        assertArrayEquals(raw, got);
        // heap output that is a slice with an array offset
        ByteBuffer big = ByteBuffer.allocate(raw.length + 20);
        ByteBuffer slice = big.position(20).slice();
        Bslz4Codec.decompress(chunk, es, slice);
        assertArrayEquals(raw, Arrays.copyOfRange(big.array(), 20, 20 + raw.length));
    }

    @Test
    void headerlessChunkIsDetectedAndDecoded() throws CodecException {
        int es = 2, n = 3 * Bslz4Codec.defaultBlockElems(es) + 5;
        byte[] raw = structuredData(n, es, 9);
        ByteBuffer chunk = Bslz4Codec.compress(ByteBuffer.wrap(raw), es);
        ByteBuffer headerless = chunk.duplicate().position(Bslz4Codec.HEADER_BYTES).slice();
        assertTrue(Bslz4Codec.hasHeader(chunk));
        assertFalse(Bslz4Codec.hasHeader(headerless));
        assertArrayEquals(raw, Bslz4Codec.decompress(headerless, es, raw.length).array());
        ByteBuffer restored = Bslz4Codec.withHeader(headerless, es, raw.length);
        assertEquals(chunk, restored);
        assertTrue(Bslz4Codec.withHeader(chunk, es, raw.length) == chunk);
    }

    @Test
    void zeroBlockSizeMeansTheDefault() throws CodecException {
        int es = 4, n = 2 * Bslz4Codec.defaultBlockElems(es) + 100;
        byte[] raw = structuredData(n, es, 3);
        ByteBuffer chunk = Bslz4Codec.compress(ByteBuffer.wrap(raw), es);
        ByteBuffer copy = ByteBuffer.allocate(chunk.remaining()).put(chunk.duplicate()).flip();
        copy.putInt(8, 0);
        assertArrayEquals(raw, Bslz4Codec.decompress(copy, es, raw.length).array());
    }

    @Test
    void absurdBlockSizeIsRefusedBeforeAnyScratchIsAllocated() {
        // 64x64 uint16 is one default block; a header claiming 1 GiB blocks made every decoder allocate 2 GiB
        int es = 2;
        byte[] raw = structuredData(64 * 64, es, 5);
        ByteBuffer chunk = Bslz4Codec.compress(ByteBuffer.wrap(raw), es);
        ByteBuffer c = ByteBuffer.allocate(chunk.remaining()).put(chunk.duplicate()).flip();
        c.putInt(8, 1 << 30);
        CodecException e = assertThrows(CodecException.class, () -> Bslz4Codec.decompress(c, es, raw.length));
        assertTrue(e.getMessage().contains("block size 1073741824 bytes") && e.getMessage().contains("1048576"),
                e.getMessage());
        assertThrows(CodecException.class, () -> Bslz4Codec.validate(c, es, raw.length));
        assertThrows(CodecException.class, () -> new Bslz4Codec.Reader(c, es, raw.length));
        c.putInt(8, Bslz4Codec.MAX_BLOCK_BYTES + 8 * es);
        assertThrows(CodecException.class, () -> Bslz4Codec.validate(c, es, raw.length));
    }

    @Test
    void blockLongerThanTheFrameDecodesWithScratchOfTheFrameOnly() throws CodecException {
        // the largest accepted block declared for a frame of one block: decodes, and scratch is the frame's size
        int es = 2;
        byte[] raw = structuredData(64 * 64, es, 6);
        ByteBuffer chunk = Bslz4Codec.compress(ByteBuffer.wrap(raw), es);
        ByteBuffer c = ByteBuffer.allocate(chunk.remaining()).put(chunk.duplicate()).flip();
        c.putInt(8, Bslz4Codec.MAX_BLOCK_BYTES);
        assertArrayEquals(raw, Bslz4Codec.decompress(c, es, raw.length).array());
        Bslz4Codec.validate(c, es, raw.length);
        Bslz4Codec.Reader reader = new Bslz4Codec.Reader(c, es, raw.length);
        ByteBuffer out = ByteBuffer.allocate(raw.length);
        reader.read(out);
        assertArrayEquals(raw, out.array());
        assertTrue(reader.scratchBytes() <= raw.length + 8 * es, "scratch " + reader.scratchBytes());
    }

    private static ByteBuffer sampleChunk() {
        return Bslz4Codec.compress(ByteBuffer.wrap(structuredData(3000, 4, 1)), 4);
    }

    @Test
    void truncatedChunkIsRejected() {
        ByteBuffer chunk = sampleChunk();
        for (int cut : new int[]{1, 5, chunk.remaining() / 2, chunk.remaining() - 13}) {
            ByteBuffer t = chunk.duplicate().limit(chunk.limit() - cut);
            CodecException e = assertThrows(CodecException.class, () -> Bslz4Codec.decompress(t, 4, 12000));
            assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("corrupt"), e.getMessage());
        }
    }

    @Test
    void blockLengthBeyondTheBufferIsRejected() {
        ByteBuffer c = ByteBuffer.allocate(sampleChunk().remaining()).put(sampleChunk()).flip();
        c.putInt(12, 1 << 30);
        CodecException e = assertThrows(CodecException.class, () -> Bslz4Codec.decompress(c, 4, 12000));
        assertTrue(e.getMessage().contains("claims 1073741824 compressed bytes"), e.getMessage());
    }

    @Test
    void sizeMismatchIsRejected() {
        ByteBuffer chunk = sampleChunk();
        CodecException e = assertThrows(CodecException.class, () -> Bslz4Codec.decompress(chunk, 4, 8000));
        assertTrue(e.getMessage().contains("declares 12000 uncompressed bytes") && e.getMessage().contains("8000"),
                e.getMessage());
        assertThrows(CodecException.class, () -> Bslz4Codec.decompress(chunk, 4, 16000));
    }

    @Test
    void blockThatWouldOverflowItsSizeIsRejected() {
        // a valid LZ4 block of 16384 bytes where the chunk promises 8192-byte blocks
        byte[] big = net.jpountz.lz4.LZ4Factory.safeInstance().fastCompressor().compress(new byte[16384]);
        ByteBuffer c = ByteBuffer.allocate(12 + 4 + big.length).putLong(8192).putInt(8192).putInt(big.length).put(big);
        c.flip();
        CodecException e = assertThrows(CodecException.class, () -> Bslz4Codec.decompress(c, 4, 8192));
        assertTrue(e.getMessage().contains("more than its 8192 bytes"), e.getMessage());
    }

    @Test
    void garbageIsRejected() {
        byte[] junk = randomData(5000, 77);
        junk[0] = 0; junk[1] = 0; junk[2] = 0; junk[3] = 0;
        assertThrows(CodecException.class, () -> Bslz4Codec.decompress(ByteBuffer.wrap(junk), 4, 12000));
        ByteBuffer trailing = ByteBuffer.allocate(sampleChunk().remaining() + 3).put(sampleChunk()).put(new byte[3]);
        CodecException e = assertThrows(CodecException.class,
                () -> Bslz4Codec.decompress(trailing.flip(), 4, 12000));
        assertTrue(e.getMessage().contains("too long"), e.getMessage());
    }

    @Test
    void readerGivesTheWholeDecodePieceByPieceWithABlockOfScratch() throws Exception {
        Random rnd = new Random(11);
        for (int elemSize : new int[] {1, 2, 4, 8}) {
            // an element count not a multiple of 8: blocks, a short last block and a raw tail
            int n = 3 * Bslz4Codec.defaultBlockElems(elemSize) + 1003;
            byte[] raw = new byte[n * elemSize];
            for (int i = 0; i < raw.length; i++) {
                raw[i] = (byte) (rnd.nextInt(10) < 8 ? rnd.nextInt(3) : rnd.nextInt());
            }
            ByteBuffer chunk = Bslz4Codec.compress(ByteBuffer.wrap(raw), elemSize);
            for (ByteBuffer src : new ByteBuffer[] {chunk.duplicate(), direct(chunk)}) {
                Bslz4Codec.Reader reader = new Bslz4Codec.Reader(src, elemSize, raw.length);
                ByteBuffer out = ByteBuffer.allocate(raw.length);
                for (int piece = 1; out.position() < raw.length; piece = piece * 3 + 1) {
                    out.limit(Math.min(raw.length, out.position() + piece));
                    reader.read(out);
                }
                assertArrayEquals(raw, out.array(), "element size " + elemSize);
                assertTrue(reader.scratchBytes() <= Bslz4Codec.DEFAULT_BLOCK_BYTES + 8 * elemSize);
                assertThrows(CodecException.class, () -> reader.read(ByteBuffer.allocate(1)));
            }
        }
    }

    private static ByteBuffer direct(ByteBuffer b) {
        ByteBuffer d = ByteBuffer.allocateDirect(b.remaining());
        d.put(b.duplicate()).flip();
        return d;
    }
}
