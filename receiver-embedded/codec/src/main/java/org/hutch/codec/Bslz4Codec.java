package org.hutch.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * bslz4: one HDF5 bitshuffle-filter (id 32008) chunk, the format DECTRIS detectors, MAX IV's
 * streaming-receiver and {@code hdf5plugin} use.
 *
 * <pre>
 * uint64 BE  uncompressed size in bytes
 * uint32 BE  block size in bytes (0 = the default: 8192 bytes rounded to whole 8-element groups)
 * per block: uint32 BE compressed length + raw LZ4 block of the bitshuffled block
 * the last partial block is cut down to a multiple of 8 elements and shuffled too;
 * the n % 8 elements left over are appended raw, without a length
 * </pre>
 *
 * Some senders omit the 12-byte header; {@link #decompress(ByteBuffer, int, ByteBuffer)} detects that
 * (a header's first four bytes are zero for any frame under 4 GiB, a block's length never is).
 *
 * <p>Buffer convention: data is read from a buffer's position to its limit, and written from the
 * output's position to its limit; no position or limit is changed. The static methods use a
 * per-thread {@link Decoder}/{@link Encoder}; hot paths hold their own.
 * {@link #decompressParallel(ByteBuffer, int, ByteBuffer, Executor, int)} splits one frame's blocks over threads.
 */
public final class Bslz4Codec {
    /** bytes of the chunk header (uint64 size + uint32 block size) */
    public static final int HEADER_BYTES = 12;
    /** block size the reference library targets, in bytes */
    public static final int DEFAULT_BLOCK_BYTES = 8192;
    /**
     * The largest block a chunk may declare. Writers use 0 (the default, {@value #DEFAULT_BLOCK_BYTES}
     * bytes) or a few thousand elements; every decoder holds one block of scratch, so a header may not
     * make it allocate more than this, whatever it claims.
     */
    public static final int MAX_BLOCK_BYTES = 1 << 20;

    private static final int MIN_BLOCK_ELEMS = 128;
    private static final LZ4Factory LZ4 = LZ4Factory.fastestInstance();
    private static final ThreadLocal<Decoder> DECODERS = ThreadLocal.withInitial(Decoder::new);
    private static final ThreadLocal<Encoder> ENCODERS = ThreadLocal.withInitial(Encoder::new);

    private Bslz4Codec() {
    }

    /**
     * Decompresses a chunk (with or without header) into {@code out}, whose remaining size must be
     * exactly the frame's size (shape x dtype).
     *
     * @throws CodecException truncated data, a block length beyond the data, a block that decodes to the
     *                        wrong size, a header that declares another size, trailing bytes
     */
    public static void decompress(ByteBuffer chunk, int elemSize, ByteBuffer out) throws CodecException {
        DECODERS.get().decompress(chunk, elemSize, out);
    }

    /** Decompresses into a new little-endian heap buffer of {@code expectedBytes}. */
    public static ByteBuffer decompress(ByteBuffer chunk, int elemSize, int expectedBytes) throws CodecException {
        ByteBuffer out = ByteBuffer.allocate(expectedBytes).order(ByteOrder.LITTLE_ENDIAN);
        decompress(chunk, elemSize, out);
        return out;
    }

    /**
     * Checks, without keeping the result, that a chunk (with or without header) decodes to exactly
     * {@code expectedBytes}: the header against that size, every block's length inside the chunk, every
     * LZ4 block decoding to exactly its size, the raw tail, nothing after it. Allocates nothing beyond
     * one block, whatever the chunk claims; a chunk that passes can be stored and read back.
     *
     * @throws CodecException with the first problem found
     */
    public static void validate(ByteBuffer chunk, int elemSize, long expectedBytes) throws CodecException {
        if (expectedBytes < 0 || expectedBytes > Integer.MAX_VALUE - 16) {
            throw new CodecException("bslz4: a frame of " + expectedBytes + " bytes is beyond what one chunk holds");
        }
        DECODERS.get().validate(chunk, elemSize, (int) expectedBytes);
    }

    /** Compresses {@code raw} (remaining bytes, a whole number of elements) into a new chunk with header. */
    public static ByteBuffer compress(ByteBuffer raw, int elemSize) {
        return ENCODERS.get().compress(raw, elemSize);
    }

    /** True when the chunk starts with the 12-byte header (as opposed to bare blocks). */
    public static boolean hasHeader(ByteBuffer chunk) {
        int p = chunk.position();
        return chunk.remaining() >= HEADER_BYTES
                && (chunk.get(p) | chunk.get(p + 1) | chunk.get(p + 2) | chunk.get(p + 3)) == 0;
    }

    /**
     * The uncompressed size the header declares.
     *
     * @throws CodecException when the chunk has no header
     */
    public static long declaredSize(ByteBuffer chunk) throws CodecException {
        if (!hasHeader(chunk)) {
            throw new CodecException("bslz4 chunk has no 12-byte header (" + chunk.remaining() + " bytes)");
        }
        return readLongBE(chunk, chunk.position());
    }

    /**
     * Returns the chunk with a header: the chunk itself when it has one, else a copy with the header
     * that {@code expectedBytes} and the default block size give (for writing it to HDF5 verbatim).
     */
    public static ByteBuffer withHeader(ByteBuffer chunk, int elemSize, long expectedBytes) {
        if (hasHeader(chunk)) {
            return chunk;
        }
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES + chunk.remaining());
        b.putLong(expectedBytes).putInt(defaultBlockElems(elemSize) * elemSize).put(chunk.duplicate()).flip();
        return b;
    }

    /** Upper bound of a compressed chunk's size, for sizing an output buffer. */
    public static int maxCompressedLength(int rawBytes, int elemSize) {
        int blockBytes = defaultBlockElems(elemSize) * elemSize;
        int blocks = rawBytes / blockBytes + 1;
        return HEADER_BYTES + blocks * (4 + LZ4.fastCompressor().maxCompressedLength(blockBytes)) + 8 * elemSize;
    }

    /** Elements per block when the header says 0, as the reference library computes it. */
    public static int defaultBlockElems(int elemSize) {
        int n = DEFAULT_BLOCK_BYTES / elemSize;
        n -= n % 8;
        return Math.max(n, MIN_BLOCK_ELEMS);
    }

    static long readLongBE(ByteBuffer b, int at) {
        return ((long) readIntBE(b, at) << 32) | (readIntBE(b, at + 4) & 0xFFFFFFFFL);
    }

    static int readIntBE(ByteBuffer b, int at) {
        return ((b.get(at) & 0xFF) << 24) | ((b.get(at + 1) & 0xFF) << 16) | ((b.get(at + 2) & 0xFF) << 8)
                | (b.get(at + 3) & 0xFF);
    }

    /** Where the blocks of a chunk are. {@code shuffledElems}: elements in blocks (n rounded down to 8). */
    record Layout(int elemSize, int n, int blockElems, int firstBlock, int shuffledElems) {
    }

    /** Reads and checks the header (when there is one) against the expected frame size. */
    static Layout layout(ByteBuffer chunk, int elemSize, int expected) throws CodecException {
        if (elemSize < 1 || elemSize > 64) {
            throw new IllegalArgumentException("element size " + elemSize + " (expected 1..64 bytes)");
        }
        if (expected % elemSize != 0) {
            throw new CodecException("bslz4: frame size " + expected + " bytes is not a whole number of "
                    + elemSize + "-byte elements");
        }
        int pos = chunk.position();
        int blockElems = defaultBlockElems(elemSize);
        boolean onlyRawTail = expected < 8 * elemSize && chunk.remaining() == expected;
        if (!onlyRawTail && hasHeader(chunk)) {
            long declared = readLongBE(chunk, pos);
            int blockBytes = readIntBE(chunk, pos + 8);
            if (declared != expected) {
                throw new CodecException("bslz4 chunk declares " + declared + " uncompressed bytes but the frame"
                        + " (shape x dtype) is " + expected + " bytes");
            }
            if (blockBytes != 0) {
                if (blockBytes < 0 || blockBytes % (8 * elemSize) != 0) {
                    throw new CodecException("bslz4 chunk has block size " + (blockBytes & 0xFFFFFFFFL)
                            + " bytes, not a multiple of 8 elements of " + elemSize + " bytes");
                }
                if (blockBytes > MAX_BLOCK_BYTES) {
                    throw new CodecException("bslz4 chunk has block size " + blockBytes + " bytes, more than the "
                            + MAX_BLOCK_BYTES + " bytes accepted (writers use 0, the default of "
                            + DEFAULT_BLOCK_BYTES + " bytes, or a few thousand elements)");
                }
                blockElems = blockBytes / elemSize;
            }
            pos += HEADER_BYTES;
        }
        int n = expected / elemSize;
        // a block longer than the frame is one block of the whole frame: scratch for no more than that
        blockElems = Math.min(blockElems, Math.max(8, n & ~7));
        return new Layout(elemSize, n, blockElems, pos, n & ~7);
    }

    /** The n % 8 elements stored raw after the last block; the chunk must end with them. */
    static void copyTail(ByteBuffer chunk, Layout l, int pos, ByteBuffer out) throws CodecException {
        int leftover = tailBytes(chunk, l, pos);
        out.put(out.position() + l.shuffledElems * l.elemSize, chunk, pos, leftover);
    }

    /** The size of the raw tail starting at {@code pos}, checked against what the chunk has left. */
    static int tailBytes(ByteBuffer chunk, Layout l, int pos) throws CodecException {
        int leftover = (l.n - l.shuffledElems) * l.elemSize;
        int left = chunk.limit() - pos;
        if (left != leftover) {
            throw new CodecException("bslz4 chunk " + (left < leftover ? "truncated" : "too long") + ": " + left
                    + " bytes after the last block, expected " + leftover + " raw trailing bytes");
        }
        return leftover;
    }

    /**
     * Like {@link #decompress(ByteBuffer, int, ByteBuffer)}, with the blocks split into {@code parts} ranges:
     * the first is decoded on the calling thread, the others on {@code executor} (each with that thread's
     * own decoder). Worth it for large frames when a core is free.
     */
    public static void decompressParallel(ByteBuffer chunk, int elemSize, ByteBuffer out, Executor executor, int parts)
            throws CodecException {
        final ByteBuffer src = chunk;
        final Layout l = layout(src, elemSize, out.remaining());
        int blocks = (l.shuffledElems + l.blockElems - 1) / l.blockElems;
        parts = Math.max(1, Math.min(parts, blocks));
        // find every block's start: a walk over the length fields
        int[] starts = new int[blocks + 1];
        int pos = l.firstBlock;
        for (int b = 0; b < blocks; b++) {
            starts[b] = pos;
            if (src.limit() - pos < 4) {
                throw new CodecException("bslz4 chunk truncated: block " + b + " of " + blocks + " at byte " + pos
                        + " has no length");
            }
            int compressed = readIntBE(src, pos);
            if (compressed < 0 || compressed > src.limit() - pos - 4) {
                throw new CodecException("bslz4 chunk truncated or corrupt: block at byte " + pos + " claims "
                        + (compressed & 0xFFFFFFFFL) + " compressed bytes, only " + (src.limit() - pos - 4)
                        + " remain");
            }
            pos += 4 + compressed;
        }
        starts[blocks] = pos;
        List<CompletableFuture<Void>> others = new ArrayList<>();
        for (int p = 1; p < parts; p++) {
            final int from = blocks * p / parts, to = blocks * (p + 1) / parts;
            others.add(CompletableFuture.runAsync(() -> {
                try {
                    decodeRange(src, l, starts, from, to, out);
                } catch (CodecException e) {
                    throw new CompletionException(e);
                }
            }, executor));
        }
        CodecException failure = null;
        try {
            decodeRange(src, l, starts, 0, blocks / parts, out);
        } catch (CodecException e) {
            failure = e;
        }
        for (CompletableFuture<Void> f : others) {
            try {
                f.join();
            } catch (CompletionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof CodecException ? (CodecException) e.getCause()
                            : new CodecException("bslz4 decode failed: " + e.getCause(), e.getCause());
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        copyTail(src, l, starts[blocks], out);
    }

    private static void decodeRange(ByteBuffer src, Layout l, int[] starts, int fromBlock, int toBlock, ByteBuffer out)
            throws CodecException {
        int fromElem = fromBlock * l.blockElems;
        int toElem = Math.min(l.shuffledElems, toBlock * l.blockElems);
        DECODERS.get().decodeBlocks(src, l, starts[fromBlock], fromElem, toElem, out);
    }

    /** Reusable decompressor: holds its scratch buffers. Confine each instance to one thread. */
    public static final class Decoder {
        private final LZ4SafeDecompressor lz4 = LZ4.safeDecompressor();
        private byte[] block = new byte[DEFAULT_BLOCK_BYTES];
        private byte[] unshuffled = new byte[DEFAULT_BLOCK_BYTES];
        private BitShuffle shuffle;

        /** See {@link Bslz4Codec#decompress(ByteBuffer, int, ByteBuffer)}. */
        public void decompress(ByteBuffer chunk, int elemSize, ByteBuffer out) throws CodecException {
            // a direct (pooled) chunk is read in place: no copy of the compressed frame is held
            Layout l = layout(chunk, elemSize, out.remaining());
            int pos = decodeBlocks(chunk, l, l.firstBlock, 0, l.shuffledElems, out);
            copyTail(chunk, l, pos, out);
        }

        /** See {@link Bslz4Codec#validate(ByteBuffer, int, long)}. */
        public void validate(ByteBuffer chunk, int elemSize, int expected) throws CodecException {
            Layout l = layout(chunk, elemSize, expected);
            final int blockBytesMax = l.blockElems * elemSize;
            if (block.length < blockBytesMax) {
                block = new byte[blockBytesMax];
                unshuffled = new byte[blockBytesMax];
            }
            final int end = chunk.limit();
            int pos = l.firstBlock;
            for (int e = 0; e < l.shuffledElems; ) {
                int elems = Math.min(l.blockElems, l.shuffledElems - e);
                if (end - pos < 4) {
                    throw new CodecException("bslz4 chunk truncated: block at byte " + pos + " has no length ("
                            + (end - pos) + " bytes left, " + e + " of " + l.n + " elements checked)");
                }
                int compressed = readIntBE(chunk, pos);
                pos += 4;
                if (compressed <= 0 || compressed > end - pos) {
                    throw new CodecException("bslz4 chunk truncated or corrupt: block at byte " + (pos - 4)
                            + " claims " + (compressed & 0xFFFFFFFFL) + " compressed bytes, " + (end - pos)
                            + " remain");
                }
                lz4Block(chunk, pos, compressed, elems * elemSize, pos - 4);
                pos += compressed;
                e += elems;
            }
            int leftover = (l.n - l.shuffledElems) * elemSize;
            if (end - pos != leftover) {
                throw new CodecException("bslz4 chunk " + (end - pos < leftover ? "truncated" : "too long") + ": "
                        + (end - pos) + " bytes after the last block, expected " + leftover + " raw trailing bytes");
            }
        }

        /**
         * Decodes the blocks for elements [fromElem, toElem) (block boundaries), the first of them at byte
         * {@code pos} of the chunk (heap or direct, read in place); returns the position after the last one.
         */
        int decodeBlocks(ByteBuffer chunk, Layout l, int pos, int fromElem, int toElem, ByteBuffer out)
                throws CodecException {
            return decodeBlocks(chunk, l, pos, fromElem, toElem, out, 0);
        }

        /** As above, element {@code e} landing at {@code (e - outBaseElem)} elements from out's position. */
        int decodeBlocks(ByteBuffer chunk, Layout l, int pos, int fromElem, int toElem, ByteBuffer out,
                         int outBaseElem) throws CodecException {
            final int elemSize = l.elemSize;
            if (shuffle == null || shuffle.elemSize() != elemSize) {
                shuffle = new BitShuffle(elemSize);
            }
            final int blockBytes = l.blockElems * elemSize;
            if (block.length < blockBytes) {
                block = new byte[blockBytes];
                unshuffled = new byte[blockBytes];
            }
            final int end = chunk.limit();
            final byte[] dstArray = out.hasArray() ? out.array() : null;
            final int dstBase = (out.hasArray() ? out.arrayOffset() : 0) + out.position();
            for (int e = fromElem; e < toElem; ) {
                int elems = Math.min(l.blockElems, toElem - e);
                int bytes = elems * elemSize;
                if (end - pos < 4) {
                    throw new CodecException("bslz4 chunk truncated: block at byte " + pos + " has no length ("
                            + (end - pos) + " bytes left, " + e + " of " + l.n + " elements decoded)");
                }
                int compressed = readIntBE(chunk, pos);
                pos += 4;
                if (compressed < 0 || compressed > end - pos) {
                    throw new CodecException("bslz4 chunk truncated or corrupt: block at byte " + (pos - 4)
                            + " claims " + (compressed & 0xFFFFFFFFL) + " compressed bytes, only " + (end - pos)
                            + " remain");
                }
                lz4Block(chunk, pos, compressed, bytes, pos - 4);
                pos += compressed;
                int outOff = (e - outBaseElem) * elemSize;
                if (dstArray != null) {
                    shuffle.unshuffle(block, 0, dstArray, dstBase + outOff, elems);
                } else {
                    shuffle.unshuffle(block, 0, unshuffled, 0, elems);
                    out.put(out.position() + outOff, unshuffled, 0, bytes);
                }
                e += elems;
            }
            return pos;
        }

        private void lz4Block(ByteBuffer chunk, int pos, int compressed, int bytes, int blockAt) throws CodecException {
            int got;
            try {
                got = chunk.hasArray()
                        ? lz4.decompress(chunk.array(), chunk.arrayOffset() + pos, compressed, block, 0, bytes)
                        : lz4.decompress(chunk, pos, compressed, ByteBuffer.wrap(block), 0, bytes);
            } catch (LZ4Exception e) {
                throw new CodecException("bslz4 block at byte " + blockAt + " is corrupt or would decompress to more"
                        + " than its " + bytes + " bytes: " + e.getMessage(), e);
            }
            if (got != bytes) {
                throw new CodecException("bslz4 block at byte " + blockAt + " decompressed to " + got
                        + " bytes, expected " + bytes);
            }
        }
    }

    /**
     * Decodes a chunk front to back, a piece at a time, so a caller can work through a frame in bands
     * without holding all of it decoded: its own scratch is one block plus the raw tail. The whole
     * chunk is still checked (every block and the tail) by the time the last byte is read.
     * Confine each instance to one thread.
     */
    public static final class Reader {
        private final Decoder decoder = new Decoder();
        private final ByteBuffer chunk;
        private final Layout l;
        private final byte[] pending;
        private int pos;
        private int nextElem;
        private int pendingOff;
        private int pendingLen;
        private boolean tailDone;

        /** @param chunk the compressed frame, read in place (heap or direct) */
        public Reader(ByteBuffer chunk, int elemSize, long expectedBytes) throws CodecException {
            if (expectedBytes > Integer.MAX_VALUE - 16) {
                throw new CodecException("bslz4: frame of " + expectedBytes + " bytes is too large");
            }
            this.chunk = chunk;
            this.l = layout(this.chunk, elemSize, (int) expectedBytes);
            this.pos = l.firstBlock;
            this.pending = new byte[l.blockElems * elemSize + 8 * elemSize];
        }

        /** Bytes of scratch this reader holds: one decoded block and the raw tail. */
        public int scratchBytes() {
            return pending.length;
        }

        /** Decodes the next {@code out.remaining()} bytes into {@code out}, advancing its position. */
        public void read(ByteBuffer out) throws CodecException {
            while (out.hasRemaining()) {
                if (pendingLen == 0) {
                    fill();
                }
                int k = Math.min(pendingLen, out.remaining());
                out.put(pending, pendingOff, k);
                pendingOff += k;
                pendingLen -= k;
            }
        }

        private void fill() throws CodecException {
            pendingOff = 0;
            pendingLen = 0;
            if (nextElem < l.shuffledElems) {
                int elems = Math.min(l.blockElems, l.shuffledElems - nextElem);
                pos = decoder.decodeBlocks(chunk, l, pos, nextElem, nextElem + elems, ByteBuffer.wrap(pending),
                        nextElem);
                nextElem += elems;
                pendingLen = elems * l.elemSize;
            }
            if (nextElem == l.shuffledElems && !tailDone) {
                // the raw tail follows the last block; checking it here also checks the chunk ends there
                tailDone = true;
                int leftover = tailBytes(chunk, l, pos);
                chunk.get(pos, pending, pendingLen, leftover);
                pendingLen += leftover;
            }
            if (pendingLen == 0) {
                throw new CodecException("bslz4: read past the end of a " + (long) l.n * l.elemSize + "-byte frame");
            }
        }
    }

    /** Reusable compressor: holds its scratch buffers. Confine each instance to one thread. */
    public static final class Encoder {
        private final LZ4Compressor lz4 = LZ4.fastCompressor();
        private byte[] rawBlock = new byte[DEFAULT_BLOCK_BYTES];
        private byte[] shuffled = new byte[DEFAULT_BLOCK_BYTES];
        private BitShuffle shuffle;

        /** Compresses into a new heap buffer (position 0, limit = size). */
        public ByteBuffer compress(ByteBuffer raw, int elemSize) {
            ByteBuffer out = ByteBuffer.allocate(maxCompressedLength(raw.remaining(), elemSize));
            int n = compress(raw, elemSize, out);
            return ByteBuffer.wrap(out.array(), 0, n).slice();
        }

        /**
         * Compresses into {@code out} from its position (position unchanged).
         *
         * @return the number of bytes written
         * @throws IllegalArgumentException when {@code raw} is not whole elements or {@code out} is smaller than
         *                                  {@link #maxCompressedLength(int, int)}
         */
        public int compress(ByteBuffer raw, int elemSize, ByteBuffer out) {
            final int rawBytes = raw.remaining();
            if (rawBytes % elemSize != 0) {
                throw new IllegalArgumentException(rawBytes + " bytes is not a whole number of " + elemSize
                        + "-byte elements");
            }
            if (out.remaining() < maxCompressedLength(rawBytes, elemSize)) {
                throw new IllegalArgumentException("output buffer too small: " + out.remaining() + " < "
                        + maxCompressedLength(rawBytes, elemSize));
            }
            if (shuffle == null || shuffle.elemSize() != elemSize) {
                shuffle = new BitShuffle(elemSize);
            }
            final int blockElems = defaultBlockElems(elemSize);
            final int blockBytesMax = blockElems * elemSize;
            if (rawBlock.length < blockBytesMax) {
                rawBlock = new byte[blockBytesMax];
                shuffled = new byte[blockBytesMax];
            }
            final int start = out.position();
            ByteBuffer o = out.duplicate().order(ByteOrder.BIG_ENDIAN);
            o.putLong(rawBytes).putInt(blockBytesMax);
            int inPos = raw.position();
            int remainingElems = rawBytes / elemSize;
            while (remainingElems >= 8) {
                int elems = Math.min(blockElems, remainingElems & ~7);
                int bytes = elems * elemSize;
                byte[] src;
                int srcOff;
                if (raw.hasArray()) {
                    src = raw.array();
                    srcOff = raw.arrayOffset() + inPos;
                } else {
                    raw.get(inPos, rawBlock, 0, bytes);
                    src = rawBlock;
                    srcOff = 0;
                }
                shuffle.shuffle(src, srcOff, shuffled, 0, elems);
                int lenAt = o.position();
                int written;
                if (o.hasArray()) {
                    written = lz4.compress(shuffled, 0, bytes, o.array(), o.arrayOffset() + lenAt + 4,
                            o.remaining() - 4);
                } else {
                    written = lz4.compress(ByteBuffer.wrap(shuffled), 0, bytes, o, lenAt + 4, o.remaining() - 4);
                }
                o.putInt(lenAt, written);
                o.position(lenAt + 4 + written);
                inPos += bytes;
                remainingElems -= elems;
            }
            int leftover = remainingElems * elemSize;
            for (int i = 0; i < leftover; i++) {
                o.put(raw.get(inPos + i));
            }
            return o.position() - start;
        }
    }
}
