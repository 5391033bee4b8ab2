package org.hutch.stream;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.hutch.codec.Bslz4Codec;
import org.hutch.codec.CodecException;
import org.hutch.model.pixels.PixelType;

/**
 * MAX IV STINS ("stream1"): part 0 is a JSON object with {@code htype} = {@code header} | {@code image} |
 * {@code series_end}. A header may carry a second part of free JSON metadata. An image carries one blob,
 * or one blob per module (1 + k parts), which are joined into one frame: uncompressed modules are
 * concatenated; compressed modules are decompressed and concatenated (the frame is then uncompressed).
 */
public final class StinsDecoder implements StreamDecoder {
    private final FramePixels pixels = new FramePixels();

    @Override
    public StreamMessage decode(List<byte[]> parts) throws StreamFormatException {
        if (parts == null || parts.isEmpty()) {
            throw new StreamFormatException("STINS message has no parts");
        }
        List<ByteBuffer> buffers = new ArrayList<>(parts.size());
        for (byte[] p : parts) {
            buffers.add(Blobs.wrap(p));
        }
        return decodeBuffers(buffers);
    }

    /** A single-blob image keeps the blob part itself as the frame's blob (no copy, native memory stays native). */
    @Override
    public StreamMessage decodeBuffers(List<ByteBuffer> parts) throws StreamFormatException {
        if (parts == null || parts.isEmpty()) {
            throw new StreamFormatException("STINS message has no parts");
        }
        byte[] part0 = Blobs.bytes(parts.get(0));
        Map<String, Object> h = Json.parseObject(part0, "STINS part 0");
        Object htype = h.get("htype");
        if (htype == null) {
            throw new StreamFormatException("STINS message has no 'htype' (expected header, image or series_end): "
                    + Json.preview(part0));
        }
        switch (String.valueOf(htype)) {
            case "header":
                return header(h, parts);
            case "image":
                return image(h, parts);
            case "series_end":
                if (parts.size() != 1) {
                    throw new StreamFormatException("STINS series_end has " + parts.size() + " parts, expected 1");
                }
                return new SeriesEnd(0, Json.integer(h, "msg_number", "STINS series_end"));
            default:
                throw new StreamFormatException("STINS message has unknown htype '" + htype
                        + "' (expected header, image or series_end)");
        }
    }

    private static SeriesStart header(Map<String, Object> h, List<ByteBuffer> parts) throws StreamFormatException {
        if (parts.size() > 2) {
            throw new StreamFormatException("STINS header has " + parts.size() + " parts, expected 1 or 2");
        }
        Map<String, Object> metadata = Map.of();
        if (parts.size() == 2) {
            Object v = Json.parseValue(Blobs.bytes(parts.get(1)), "STINS header part 1 (metadata)");
            metadata = asMetadata(v);
        }
        Object fn = h.get("filename");
        if (fn != null && !(fn instanceof String)) {
            throw new StreamFormatException("STINS header: 'filename' must be a string, got " + fn);
        }
        Long msg = Json.optionalInteger(h, "msg_number", "STINS header");
        return new SeriesStart(0, msg == null ? 0 : msg, StreamFormat.STINS, (String) fn,
                expectedFrames(h, metadata), h, metadata);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMetadata(Object v) {
        if (v == null) {
            return Map.of();
        }
        if (v instanceof Map) {
            return (Map<String, Object>) v;
        }
        // free metadata that is not an object is kept under one key
        return Map.of("metadata", v);
    }

    /** {@code number_of_images}, or {@code nimages} x {@code ntrigger}, from the header or its metadata. */
    static Long expectedFrames(Map<String, Object> h, Map<String, Object> metadata) throws StreamFormatException {
        for (Map<String, Object> m : List.of(h, metadata)) {
            Long n = Json.optionalInteger(m, "number_of_images", "STINS header");
            if (n != null) {
                return n;
            }
            Long ni = Json.optionalInteger(m, "nimages", "STINS header");
            if (ni != null) {
                Long nt = Json.optionalInteger(m, "ntrigger", "STINS header");
                return ni * (nt == null || nt < 1 ? 1 : nt);
            }
        }
        return null;
    }

    private Frame image(Map<String, Object> h, List<ByteBuffer> parts) throws StreamFormatException {
        long msg = Json.integer(h, "msg_number", "STINS image");
        long frame = Json.integer(h, "frame", "STINS image " + msg);
        String what = "STINS image (frame " + frame + ")";
        if (parts.size() < 2) {
            throw new StreamFormatException(what + " has no blob part (1 part, expected 2 or 1 + modules)");
        }
        int[] shape = Json.shape2(h, "shape", what);
        PixelType dtype;
        Compression compression;
        try {
            dtype = PixelType.fromName(Json.string(h, "type", what));
            Object c = h.get("compression");
            compression = Compression.fromName(c == null ? null : String.valueOf(c));
        } catch (IllegalArgumentException e) {
            throw new StreamFormatException(what + ": " + e.getMessage(), e);
        }
        int rows = shape[0], cols = shape[1];
        ByteBuffer blob;
        if (parts.size() == 2) {
            blob = Blobs.check(parts.get(1), compression, dtype, rows, cols, what);
        } else {
            blob = joinModules(parts, compression, dtype, (long) rows * cols * dtype.bytes(), what);
            compression = Compression.NONE;
        }
        return new Frame(0, msg, frame, rows, cols, dtype, compression, blob, h);
    }

    /** 1 + k parts: each module's pixels, in order, make up the frame. */
    private ByteBuffer joinModules(List<ByteBuffer> parts, Compression compression, PixelType dtype, long raw, String what)
            throws StreamFormatException {
        int k = parts.size() - 1;
        if (compression == Compression.NONE) {
            long total = 0;
            for (int i = 1; i < parts.size(); i++) {
                total += parts.get(i).remaining();
            }
            if (total != raw) {
                throw new StreamFormatException(what + ": " + k + " module blobs hold " + total
                        + " bytes together but shape x type needs " + raw);
            }
            ByteBuffer all = ByteBuffer.allocate((int) raw);
            for (int i = 1; i < parts.size(); i++) {
                all.put(parts.get(i).duplicate());
            }
            return all.flip();
        }
        if (compression != Compression.BSLZ4) {
            throw new StreamFormatException(what + ": " + k + " module blobs with compression "
                    + compression.wireName() + " cannot be joined (their sizes are unknown); send one blob");
        }
        long[] sizes = new long[k];
        long total = 0;
        for (int i = 0; i < k; i++) {
            ByteBuffer b = parts.get(i + 1).duplicate();
            try {
                sizes[i] = Bslz4Codec.declaredSize(b);
                // each module decodes to what it declares, checked before the joined frame is allocated
                Bslz4Codec.validate(b, dtype.bytes(), sizes[i]);
            } catch (CodecException e) {
                throw new StreamFormatException(what + ", module " + i + ": " + e.getMessage(), e);
            }
            total += sizes[i];
        }
        if (total != raw) {
            throw new StreamFormatException(what + ": " + k + " bslz4 module blobs declare " + total
                    + " bytes together but shape x type needs " + raw);
        }
        ByteBuffer all = ByteBuffer.allocate((int) raw);
        int off = 0;
        for (int i = 0; i < k; i++) {
            Frame module = new Frame(0, 0, 0, 1, (int) (sizes[i] / dtype.bytes()), dtype, Compression.BSLZ4,
                    parts.get(i + 1).duplicate(), null);
            pixels.decodeInto(module, all.slice(off, (int) sizes[i]));
            off += (int) sizes[i];
        }
        return all;
    }
}
