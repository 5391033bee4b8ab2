package org.hutch.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * Plain LZ4 as DECTRIS detectors send it, in its two framings:
 * <ul>
 *   <li>a raw LZ4 block of the whole image (Stream V1 encoding {@code lz4<});</li>
 *   <li>the HDF5 LZ4 filter (32004) framing that DECTRIS' compression library uses for Stream V2
 *       tag 56500 {@code ["lz4", 0, bytes]}: uint64 BE uncompressed size, uint32 BE block size, then
 *       per block uint32 BE compressed length + LZ4 block (a length equal to the block size means
 *       the block is stored raw).</li>
 * </ul>
 * {@link #decompress(ByteBuffer, ByteBuffer)} tells them apart: the framed form starts with the frame
 * size as a big-endian uint64 (first byte 0), a raw block never starts with a zero token.
 * Buffer convention as in {@link Bslz4Codec}.
 */
public final class Lz4Codec {
    private static final LZ4Factory LZ4 = LZ4Factory.fastestInstance();
    private static final LZ4SafeDecompressor DECOMPRESSOR = LZ4.safeDecompressor();
    private static final LZ4Compressor COMPRESSOR = LZ4.fastCompressor();
    /** block size of the framed form written by {@link #compressFramed(ByteBuffer)} */
    public static final int FRAMED_BLOCK_BYTES = 1 << 20;

    private Lz4Codec() {
    }

    /** Decompresses either framing into {@code out}, whose remaining size must be exactly the frame size. */
    public static void decompress(ByteBuffer src, ByteBuffer out) throws CodecException {
        if (isFramed(src, out.remaining())) {
            decompressFramed(src, out);
        } else {
            decompressBlock(src, out);
        }
    }

    /** True when {@code src} starts with the HDF5-filter header declaring {@code expectedBytes}. */
    public static boolean isFramed(ByteBuffer src, long expectedBytes) {
        return src.remaining() >= Bslz4Codec.HEADER_BYTES && src.get(src.position()) == 0
                && Bslz4Codec.readLongBE(src, src.position()) == expectedBytes;
    }

    /** One raw LZ4 block that must decode to exactly {@code out.remaining()} bytes. */
    public static void decompressBlock(ByteBuffer src, ByteBuffer out) throws CodecException {
        int got = lz4(src, src.position(), src.remaining(), out, out.position(), out.remaining(), "lz4 data");
        if (got != out.remaining()) {
            throw new CodecException("lz4 data decompressed to " + got + " bytes but the frame (shape x dtype) is "
                    + out.remaining() + " bytes");
        }
    }

    /** The HDF5 LZ4 filter framing. */
    public static void decompressFramed(ByteBuffer src, ByteBuffer out) throws CodecException {
        final int expected = out.remaining();
        int pos = src.position();
        final int end = src.limit();
        if (end - pos < Bslz4Codec.HEADER_BYTES) {
            throw new CodecException("lz4 chunk truncated: " + (end - pos) + " bytes, no 12-byte header");
        }
        long declared = Bslz4Codec.readLongBE(src, pos);
        int blockBytes = Bslz4Codec.readIntBE(src, pos + 8);
        if (declared != expected) {
            throw new CodecException("lz4 chunk declares " + declared + " uncompressed bytes but the frame"
                    + " (shape x dtype) is " + expected + " bytes");
        }
        if (blockBytes <= 0 && expected > 0) {
            throw new CodecException("lz4 chunk has an invalid block size " + (blockBytes & 0xFFFFFFFFL));
        }
        pos += Bslz4Codec.HEADER_BYTES;
        int outOff = 0;
        while (outOff < expected) {
            int bytes = Math.min(blockBytes, expected - outOff);
            if (end - pos < 4) {
                throw new CodecException("lz4 chunk truncated: block at byte " + pos + " has no length");
            }
            int compressed = Bslz4Codec.readIntBE(src, pos);
            pos += 4;
            if (compressed < 0 || compressed > end - pos) {
                throw new CodecException("lz4 chunk truncated or corrupt: block at byte " + (pos - 4) + " claims "
                        + (compressed & 0xFFFFFFFFL) + " compressed bytes, only " + (end - pos) + " remain");
            }
            if (compressed == bytes) {
                out.put(out.position() + outOff, src, pos, bytes);
            } else {
                int got = lz4(src, pos, compressed, out, out.position() + outOff, bytes, "lz4 block at byte " + (pos - 4));
                if (got != bytes) {
                    throw new CodecException("lz4 block at byte " + (pos - 4) + " decompressed to " + got
                            + " bytes, expected " + bytes);
                }
            }
            pos += compressed;
            outOff += bytes;
        }
        if (pos != end) {
            throw new CodecException("lz4 chunk too long: " + (end - pos) + " bytes after the last block");
        }
    }

    /** Compresses {@code raw} into one raw LZ4 block (Stream V1 {@code lz4<}). */
    public static ByteBuffer compressBlock(ByteBuffer raw) {
        byte[] dst = new byte[COMPRESSOR.maxCompressedLength(raw.remaining())];
        int n = COMPRESSOR.compress(raw, raw.position(), raw.remaining(), ByteBuffer.wrap(dst), 0, dst.length);
        return ByteBuffer.wrap(dst, 0, n).slice();
    }

    /** Compresses {@code raw} into the HDF5 LZ4 filter framing (Stream V2 {@code ["lz4", 0, bytes]}). */
    public static ByteBuffer compressFramed(ByteBuffer raw) {
        int size = raw.remaining();
        int blocks = size / FRAMED_BLOCK_BYTES + 1;
        ByteBuffer o = ByteBuffer.allocate(Bslz4Codec.HEADER_BYTES
                + blocks * (4 + COMPRESSOR.maxCompressedLength(FRAMED_BLOCK_BYTES))).order(ByteOrder.BIG_ENDIAN);
        o.putLong(size).putInt(FRAMED_BLOCK_BYTES);
        for (int off = 0; off < size; off += FRAMED_BLOCK_BYTES) {
            int bytes = Math.min(FRAMED_BLOCK_BYTES, size - off);
            int lenAt = o.position();
            int n = COMPRESSOR.compress(raw, raw.position() + off, bytes, o, lenAt + 4, o.capacity() - lenAt - 4);
            if (n >= bytes) {
                // incompressible: stored raw, as the HDF5 filter does
                o.put(lenAt + 4, raw, raw.position() + off, bytes);
                n = bytes;
            }
            o.putInt(lenAt, n);
            o.position(lenAt + 4 + n);
        }
        o.flip();
        return o.slice();
    }

    /**
     * Decodes either framing front to back, a piece at a time, holding only LZ4's 64 KiB window: so a
     * frame can be worked through in bands without holding all of it decoded, whatever block size the
     * chunk declares. Every block's output is checked against its size, and the chunk must end after the
     * last block, by the time the last byte is read. Confine each instance to one thread.
     */
    public static final class Reader {
        /** LZ4 matches reach at most 65 535 bytes back */
        private static final int WINDOW = 1 << 16;

        private final ByteBuffer src;
        private final long expected;
        private final boolean framed;
        private final int frameBlockBytes;
        private final byte[] window = new byte[WINDOW];
        private long produced;
        /** where parsing goes on: after the current sequence (or block) */
        private int pos;
        /** end in src of the current block's data; its output size and what is produced of it */
        private int blockEnd;
        private long blockSize;
        private long blockProduced;
        private boolean inBlock;
        /** the current sequence: literals still to copy (from literalsAt), then the match */
        private int literalsAt;
        private int literalsLeft;
        private int matchLeft;
        private int matchOffset;

        /** @param src the compressed frame, read in place (heap or direct) */
        public Reader(ByteBuffer src, long expectedBytes) throws CodecException {
            this.src = src;
            this.expected = expectedBytes;
            this.pos = src.position();
            this.framed = isFramed(src, expectedBytes);
            if (framed) {
                frameBlockBytes = Bslz4Codec.readIntBE(src, pos + 8);
                if (frameBlockBytes <= 0 && expectedBytes > 0) {
                    throw new CodecException("lz4 chunk has an invalid block size " + (frameBlockBytes & 0xFFFFFFFFL));
                }
                pos += Bslz4Codec.HEADER_BYTES;
            } else {
                frameBlockBytes = 0;
            }
        }

        /** Bytes of scratch this reader holds: the LZ4 window. */
        public int scratchBytes() {
            return window.length;
        }

        /** Decodes the next {@code out.remaining()} bytes into {@code out}, advancing its position. */
        public void read(ByteBuffer out) throws CodecException {
            if (out.remaining() > expected - produced) {
                throw new CodecException("lz4: read past the end of a " + expected + "-byte frame");
            }
            while (out.hasRemaining()) {
                if (!inBlock) {
                    startBlock();
                } else if (literalsLeft > 0) {
                    int k = Math.min(literalsLeft, out.remaining());
                    for (int i = 0; i < k; i++) {
                        emit(src.get(literalsAt + i), out);
                    }
                    literalsAt += k;
                    literalsLeft -= k;
                } else if (matchLeft > 0) {
                    int k = Math.min(matchLeft, out.remaining());
                    for (int i = 0; i < k; i++) {
                        emit(window[(int) (produced - matchOffset) & (WINDOW - 1)], out);
                    }
                    matchLeft -= k;
                } else if (pos == blockEnd) {
                    endBlock();
                } else {
                    nextSequence();
                }
            }
            if (produced == expected && inBlock && literalsLeft == 0 && matchLeft == 0) {
                while (pos != blockEnd) {
                    nextSequence(); // what is left may only be empty sequences: any output is past the frame
                }
                endBlock();
            }
        }

        private void emit(byte b, ByteBuffer out) {
            window[(int) produced & (WINDOW - 1)] = b;
            out.put(b);
            produced++;
            blockProduced++;
        }

        private void startBlock() throws CodecException {
            final int end = src.limit();
            blockProduced = 0;
            if (!framed) {
                blockEnd = end;
                blockSize = expected;
            } else {
                blockSize = Math.min(frameBlockBytes, expected - produced);
                if (end - pos < 4) {
                    throw new CodecException("lz4 chunk truncated: block at byte " + pos + " has no length");
                }
                int compressed = Bslz4Codec.readIntBE(src, pos);
                if (compressed < 0 || compressed > end - pos - 4) {
                    throw new CodecException("lz4 chunk truncated or corrupt: block at byte " + pos + " claims "
                            + (compressed & 0xFFFFFFFFL) + " compressed bytes, only " + (end - pos - 4) + " remain");
                }
                pos += 4;
                blockEnd = pos + compressed;
                if (compressed == blockSize) {
                    // stored raw, as the HDF5 filter does with an incompressible block
                    literalsAt = pos;
                    literalsLeft = compressed;
                    pos = blockEnd;
                }
            }
            inBlock = true;
        }

        private void endBlock() throws CodecException {
            if (blockProduced != blockSize) {
                throw corrupt("it decoded to " + blockProduced + " bytes, expected " + blockSize);
            }
            inBlock = false;
            if (produced == expected && pos != src.limit()) {
                throw new CodecException("lz4 chunk too long: " + (src.limit() - pos) + " bytes after the last block");
            }
        }

        /** Parses one sequence: token, literal length, literals' place, and unless the block ends there, the match. */
        private void nextSequence() throws CodecException {
            int token = src.get(pos++) & 0xFF;
            long literals = length(token >>> 4);
            if (literals > blockEnd - pos || blockProduced + literals > blockSize) {
                throw corrupt("literals run past the block or its " + blockSize + " bytes");
            }
            literalsAt = pos;
            literalsLeft = (int) literals;
            pos += (int) literals;
            if (pos == blockEnd) {
                return; // the last sequence: literals only
            }
            if (blockEnd - pos < 2) {
                throw corrupt("match offset missing");
            }
            int offset = (src.get(pos) & 0xFF) | (src.get(pos + 1) & 0xFF) << 8;
            pos += 2;
            long match = length(token & 0x0F) + 4;
            if (offset == 0 || offset > blockProduced + literals) {
                throw corrupt("match offset " + offset + " reaches before the block");
            }
            if (blockProduced + literals + match > blockSize) {
                throw corrupt("it would decompress to more than its " + blockSize + " bytes");
            }
            matchOffset = offset;
            matchLeft = (int) match;
        }

        private long length(int nibble) throws CodecException {
            long n = nibble;
            if (nibble == 15) {
                int b;
                do {
                    if (pos >= blockEnd) {
                        throw corrupt("a length runs past the block");
                    }
                    b = src.get(pos++) & 0xFF;
                    n += b;
                } while (b == 255 && n < Integer.MAX_VALUE);
            }
            return n;
        }

        private CodecException corrupt(String why) {
            return new CodecException("lz4 block ending at byte " + blockEnd + " is corrupt: " + why);
        }
    }

    private static int lz4(ByteBuffer src, int srcOff, int srcLen, ByteBuffer dst, int dstOff, int maxLen, String what)
            throws CodecException {
        try {
            if (src.hasArray() && dst.hasArray()) {
                return DECOMPRESSOR.decompress(src.array(), src.arrayOffset() + srcOff, srcLen, dst.array(),
                        dst.arrayOffset() + dstOff, maxLen);
            }
            return DECOMPRESSOR.decompress(src, srcOff, srcLen, dst, dstOff, maxLen);
        } catch (LZ4Exception e) {
            throw new CodecException(what + " is corrupt or would decompress to more than the frame's " + maxLen
                    + " bytes: " + e.getMessage(), e);
        }
    }
}
