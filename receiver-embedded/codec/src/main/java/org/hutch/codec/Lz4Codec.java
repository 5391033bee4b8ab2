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
