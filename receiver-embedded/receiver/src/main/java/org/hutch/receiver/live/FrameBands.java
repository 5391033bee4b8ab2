package org.hutch.receiver.live;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.hutch.codec.Bslz4Codec;
import org.hutch.codec.CodecException;
import org.hutch.codec.Lz4Codec;
import org.hutch.stream.Compression;
import org.hutch.stream.Frame;
import org.hutch.stream.FramePixels;
import org.hutch.stream.StreamFormatException;

/**
 * A frame's pixels decoded front to back in bands of whole rows, whatever its compression, never the
 * whole frame at once: a raw frame is read straight from its blob, bslz4 block by block
 * ({@link Bslz4Codec.Reader}), plain LZ4 (either framing) through a 64 KiB window ({@link Lz4Codec.Reader}).
 * What it holds is one band plus its decoder's small scratch ({@link #scratchBytes()}). The whole blob
 * is checked by the time the last row is read. Confine each instance to one thread.
 */
final class FrameBands {
    private final Frame frame;
    private final ByteBuffer blob;
    private final long rowBytes;
    private final int maxRows;
    private final Bslz4Codec.Reader bslz4;
    private final Lz4Codec.Reader lz4;
    private final ByteBuffer band;
    private int row;

    /** @param maxRows the most rows one {@link #next(int)} gives */
    FrameBands(Frame frame, int maxRows) throws StreamFormatException {
        this.frame = frame;
        this.blob = frame.blob().duplicate();
        this.rowBytes = (long) frame.cols() * frame.dtype().bytes();
        this.maxRows = Math.max(1, Math.min(maxRows, frame.rows()));
        if ((long) this.maxRows * rowBytes > Integer.MAX_VALUE - 16) {
            throw new StreamFormatException(FramePixels.what(frame) + ": a row of " + rowBytes + " bytes is too large");
        }
        try {
            switch (frame.compression()) {
                case NONE -> {
                    if (blob.remaining() != frame.rawBytes()) {
                        throw new StreamFormatException(FramePixels.what(frame) + ": blob has " + blob.remaining()
                                + " bytes, shape x type needs " + frame.rawBytes());
                    }
                    bslz4 = null;
                    lz4 = null;
                }
                case BSLZ4 -> {
                    bslz4 = new Bslz4Codec.Reader(blob, frame.dtype().bytes(), frame.rawBytes());
                    lz4 = null;
                }
                case LZ4 -> {
                    bslz4 = null;
                    lz4 = new Lz4Codec.Reader(blob, frame.rawBytes());
                }
                default -> throw new StreamFormatException(FramePixels.what(frame) + ": unsupported compression "
                        + frame.compression());
            }
        } catch (CodecException e) {
            throw new StreamFormatException(FramePixels.what(frame) + ": " + e.getMessage(), e);
        }
        band = frame.compression() == Compression.NONE ? null
                : ByteBuffer.allocate((int) (this.maxRows * rowBytes)).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * The next {@code rows} rows (at most the maximum, not past the frame's end), little-endian, position 0;
     * valid until the next call.
     */
    ByteBuffer next(int rows) throws StreamFormatException {
        if (rows < 1 || rows > maxRows || row + rows > frame.rows()) {
            throw new IllegalArgumentException(rows + " rows from row " + row + " of " + frame.rows()
                    + " (at most " + maxRows + " at once)");
        }
        int bytes = (int) (rows * rowBytes);
        ByteBuffer out;
        if (band == null) {
            out = blob.slice((int) (blob.position() + row * rowBytes), bytes).order(ByteOrder.LITTLE_ENDIAN);
        } else {
            band.clear().limit(bytes);
            try {
                if (bslz4 != null) {
                    bslz4.read(band);
                } else {
                    lz4.read(band);
                }
            } catch (CodecException e) {
                throw new StreamFormatException(FramePixels.what(frame) + ": " + e.getMessage(), e);
            }
            out = band.flip();
        }
        row += rows;
        return out;
    }

    /** Bytes this reading holds beyond the blob: the band and the decoder's scratch (0 for a raw frame). */
    long scratchBytes() {
        if (band == null) {
            return 0;
        }
        return band.capacity() + (long) (bslz4 != null ? bslz4.scratchBytes() : lz4.scratchBytes());
    }
}
