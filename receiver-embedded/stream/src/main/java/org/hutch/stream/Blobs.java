package org.hutch.stream;

import java.nio.ByteBuffer;

import org.hutch.codec.Bslz4Codec;
import org.hutch.codec.CodecException;
import org.hutch.model.pixels.PixelType;

/** Checks a frame blob against its shape and type, as far as it can be told without decompressing. */
final class Blobs {
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
                if (!Bslz4Codec.hasHeader(blob)) {
                    if (blob.remaining() < 4) {
                        throw new StreamFormatException(what + ": bslz4 blob of " + blob.remaining()
                                + " bytes is too short");
                    }
                    return Bslz4Codec.withHeader(blob, dtype.bytes(), raw);
                }
                try {
                    long declared = Bslz4Codec.declaredSize(blob);
                    if (declared != raw) {
                        throw new StreamFormatException(what + ": bslz4 header declares " + declared
                                + " uncompressed bytes but shape [" + rows + ", " + cols + "] x " + dtype.numpyName()
                                + " is " + raw);
                    }
                } catch (CodecException e) {
                    throw new StreamFormatException(what + ": " + e.getMessage(), e);
                }
                return blob;
            case LZ4:
                if (blob.remaining() == 0 && raw > 0) {
                    throw new StreamFormatException(what + ": empty lz4 blob");
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
