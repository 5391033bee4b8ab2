package org.hutch.stream;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.hutch.codec.Bslz4Codec;
import org.hutch.codec.CodecException;
import org.hutch.codec.Lz4Codec;
import org.hutch.model.pixels.PixelType;

/**
 * Decodes a {@link Frame}'s blob to raw little-endian pixels (row-major), whatever its compression.
 * An instance keeps its scratch buffers: confine it to one thread; the static methods use a per-thread one.
 */
public final class FramePixels {
    private static final ThreadLocal<FramePixels> PER_THREAD = ThreadLocal.withInitial(FramePixels::new);

    private final Bslz4Codec.Decoder bslz4 = new Bslz4Codec.Decoder();

    /**
     * Decodes into {@code out} from its position; {@code out.remaining()} must be exactly
     * {@link Frame#rawBytes()}. No position or limit is changed.
     *
     * @throws StreamFormatException when the blob does not decode to exactly the frame's size
     */
    public void decodeInto(Frame frame, ByteBuffer out) throws StreamFormatException {
        decodeInto(frame.blob(), frame.compression(), frame.dtype(), frame.rawBytes(), out, what(frame));
    }

    private void decodeInto(ByteBuffer blob, Compression compression, PixelType dtype, long raw, ByteBuffer out,
                            String what) throws StreamFormatException {
        if (out.remaining() != raw) {
            throw new IllegalArgumentException("output has " + out.remaining() + " bytes, " + what + " needs " + raw);
        }
        try {
            switch (compression) {
                case NONE:
                    if (blob.remaining() != raw) {
                        throw new StreamFormatException(what + ": blob has " + blob.remaining()
                                + " bytes, shape x type needs " + raw);
                    }
                    out.put(out.position(), blob, blob.position(), blob.remaining());
                    break;
                case BSLZ4:
                    bslz4.decompress(blob, dtype.bytes(), out);
                    break;
                case LZ4:
                    Lz4Codec.decompress(blob, out);
                    break;
                default:
                    throw new StreamFormatException(what + ": unsupported compression " + compression);
            }
        } catch (CodecException e) {
            throw new StreamFormatException(what + ": " + e.getMessage(), e);
        }
    }

    /** Decodes a start-of-series array (flatfield, pixel mask, ...) into a new little-endian heap buffer. */
    public static ByteBuffer decode(PixelArray array) throws StreamFormatException {
        String what = "array " + array;
        if (array.rawBytes() > Integer.MAX_VALUE - 16) {
            throw new StreamFormatException(what + " is too large for one buffer");
        }
        ByteBuffer out = ByteBuffer.allocate((int) array.rawBytes()).order(ByteOrder.LITTLE_ENDIAN);
        PER_THREAD.get().decodeInto(array.data(), array.compression(), array.dtype(), array.rawBytes(), out, what);
        return out;
    }

    /** Decodes into a new little-endian heap buffer. */
    public static ByteBuffer decode(Frame frame) throws StreamFormatException {
        if (frame.rawBytes() > Integer.MAX_VALUE - 16) {
            throw new StreamFormatException(what(frame) + " is too large for one buffer: " + frame.rawBytes() + " bytes");
        }
        ByteBuffer out = ByteBuffer.allocate((int) frame.rawBytes()).order(ByteOrder.LITTLE_ENDIAN);
        PER_THREAD.get().decodeInto(frame, out);
        return out;
    }

    /** Decodes with this thread's instance into {@code out}; see {@link #decodeInto(Frame, ByteBuffer)}. */
    public static void decode(Frame frame, ByteBuffer out) throws StreamFormatException {
        PER_THREAD.get().decodeInto(frame, out);
    }

    /** How errors name a frame: its number, shape, type and compression. */
    public static String what(Frame f) {
        return "frame " + f.frame() + " (" + f.rows() + "x" + f.cols() + " " + f.dtype().numpyName() + ", "
                + f.compression().wireName() + ")";
    }
}
