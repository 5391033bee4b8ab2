package org.hutch.stream;

import java.nio.ByteBuffer;

import org.hutch.codec.Bslz4Codec;
import org.hutch.codec.CodecException;
import org.hutch.model.pixels.PixelType;

/** Checks a frame blob against its shape and type, as far as it can be told without decompressing. */
final class Blobs {
    /** LZ4's largest possible expansion of one compressed byte, with some slack */
    static final long MAX_LZ4_RATIO = 256;

    private Blobs() {
    }

    /**
     * @return the blob to keep: as sent, except a bslz4 chunk without its 12-byte header gets one
     *         (so it can go into HDF5 verbatim)
     */
    static ByteBuffer check(ByteBuffer blob, Compression compression, PixelType dtype, int rows, int cols, String what)
            throws StreamFormatException {
        long raw = (long) rows * cols * dtype.bytes();
        switch (compression) {
            case NONE:
                if (blob.remaining() != raw) {
                    throw new StreamFormatException(what + ": blob has " + blob.remaining() + " bytes but shape ["
                            + rows + ", " + cols + "] x " + dtype.numpyName() + " needs " + raw);
                }
                return blob;
            case BSLZ4:
                // walked and LZ4-decoded block by block: a chunk that is stored must read back (a truncated one,
                // or a header that claims another size, fails here and not in h5py)
                try {
                    Bslz4Codec.validate(blob, dtype.bytes(), raw);
                } catch (CodecException e) {
                    throw new StreamFormatException(what + ": " + e.getMessage(), e);
                }
                return Bslz4Codec.hasHeader(blob) ? blob : Bslz4Codec.withHeader(blob, dtype.bytes(), raw);
            case LZ4:
                if (blob.remaining() == 0 && raw > 0) {
                    throw new StreamFormatException(what + ": empty lz4 blob");
                }
                if (raw > MAX_LZ4_RATIO * blob.remaining() + 64) {
                    // LZ4 cannot expand a byte to more than about 255: the shape is a lie
                    throw new StreamFormatException(what + ": an lz4 blob of " + blob.remaining()
                            + " bytes cannot hold shape [" + rows + ", " + cols + "] x " + dtype.numpyName() + " = "
                            + raw + " bytes");
                }
                return blob;
            default:
                throw new StreamFormatException(what + ": unsupported compression " + compression);
        }
    }

    /** A read-only-by-convention view of a whole part (position 0, limit = size). */
    static ByteBuffer wrap(byte[] part) {
        return ByteBuffer.wrap(part);
    }

    /** The bytes of a buffer's remaining content, without a copy when it is a whole array. */
    static byte[] bytes(ByteBuffer b) {
        if (b.hasArray() && b.arrayOffset() == 0 && b.position() == 0 && b.remaining() == b.array().length) {
            return b.array();
        }
        byte[] a = new byte[b.remaining()];
        b.get(b.position(), a);
        return a;
    }
}
