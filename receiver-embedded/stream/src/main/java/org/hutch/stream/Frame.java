package org.hutch.stream;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;
import org.hutch.model.pixels.PixelType;

/**
 * One detector frame, with its blob kept as it arrived (compressed or not).
 *
 * @param series      detector series id (0 for STINS)
 * @param msgNumber   see {@link StreamMessage#msgNumber()}
 * @param frame       trigger index: decides the position in the file
 * @param rows        slow axis size
 * @param cols        fast axis size
 * @param dtype       pixel type
 * @param compression how {@code blob} is encoded
 * @param blob        the pixels as sent (position 0, limit = size); shared, so treat it as read-only. Decoders
 *                    wrap the received part without a copy (array-backed, which the codecs read fastest)
 * @param header      the frame message's keys as sent (STINS image keys, DECTRIS dimage/dconfig keys)
 * @param owner       who owns the blob's memory when it is pooled (the receiver's ingest); {@link BlobOwner#NONE}
 *                    for heap blobs
 */
public record Frame(long series, long msgNumber, long frame, int rows, int cols, PixelType dtype,
                    Compression compression, ByteBuffer blob, Map<String, Object> header, BlobOwner owner)
        implements StreamMessage {
    public Frame {
        Objects.requireNonNull(dtype, "dtype");
        owner = owner == null ? BlobOwner.NONE : owner;
        Objects.requireNonNull(compression, "compression");
        Objects.requireNonNull(blob, "blob");
        header = header == null ? Map.of() : header;
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("frame " + frame + ": bad shape [" + rows + ", " + cols + "]");
        }
    }

    /** A frame whose blob is on the heap. */
    public Frame(long series, long msgNumber, long frame, int rows, int cols, PixelType dtype,
                 Compression compression, ByteBuffer blob, Map<String, Object> header) {
        this(series, msgNumber, frame, rows, cols, dtype, compression, blob, header, BlobOwner.NONE);
    }

    /** The same frame with its blob's memory owned by {@code blobOwner}. */
    public Frame withOwner(BlobOwner blobOwner) {
        return new Frame(series, msgNumber, frame, rows, cols, dtype, compression, blob, header, blobOwner);
    }

    /**
     * This frame with its blob on the heap: itself when the blob already is, else a copy that no pool can
     * reuse under a holder that keeps the frame longer than the pool's owner does.
     */
    public Frame onHeap() {
        if (owner == BlobOwner.NONE) {
            return this;
        }
        ByteBuffer copy = ByteBuffer.allocate(blob.remaining());
        copy.put(blob.duplicate()).flip();
        return new Frame(series, msgNumber, frame, rows, cols, dtype, compression, copy, header);
    }

    /** Size of the decompressed pixels in bytes. */
    public long rawBytes() {
        return (long) rows * cols * dtype.bytes();
    }

    /** STINS {@code discard: true}: count, view and forward, but do not write. */
    public boolean discard() {
        return Boolean.TRUE.equals(header.get("discard"));
    }
}
