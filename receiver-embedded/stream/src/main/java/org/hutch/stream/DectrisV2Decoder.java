package org.hutch.stream;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hutch.model.pixels.PixelType;

/**
 * DECTRIS Stream V2: one CBOR map per message (self-describe tag 55799), {@code type} = {@code start} |
 * {@code image} | {@code end}. Image data is a map channel -> tag 40 {@code [[rows, cols], typed array]};
 * a typed array's bytes may be wrapped in tag 56500 {@code ["bslz4", elem_size, bytes]} or
 * {@code ["lz4", 0, bytes]}. One channel becomes the {@link Frame}: the one named in the constructor,
 * or the first. Start arrays (flatfield, pixel_mask, count-rate table) become {@link PixelArray}s.
 *
 * <p>msg numbers: start 0, image i -> i + 1, end -> (highest image id this decoder saw) + 2.
 */
public final class DectrisV2Decoder implements StreamDecoder {
    private final String channel;
    private long series = Long.MIN_VALUE;
    private long highestImage = -1;

    /** Decodes the first channel of each image. */
    public DectrisV2Decoder() {
        this(null);
    }

    /** @param channel the channel to decode ({@code threshold_1}, ...), or null for the first */
    public DectrisV2Decoder(String channel) {
        this.channel = channel;
    }

    @Override
    public StreamMessage decode(List<byte[]> parts) throws StreamFormatException {
        if (parts == null || parts.size() != 1) {
            throw new StreamFormatException("Stream V2 message has " + (parts == null ? 0 : parts.size())
                    + " parts, expected 1 CBOR part");
        }
        Object root = Cbor.read(parts.get(0), "Stream V2 message");
        if (!(root instanceof Map)) {
            throw new StreamFormatException("Stream V2 message is not a CBOR map");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) root;
        Object type = m.get("type");
        if (type == null) {
            throw new StreamFormatException("Stream V2 message has no 'type' (expected start, image or end)");
        }
        switch (String.valueOf(type)) {
            case "start":
                return start(m);
            case "image":
                return image(m);
            case "end": {
                long s = Json.integer(m, "series_id", "Stream V2 end");
                long last = s == series ? highestImage + 2 : 1;
                return new SeriesEnd(s, last);
            }
            default:
                throw new StreamFormatException("Stream V2 message has unknown type '" + type
                        + "' (expected start, image or end)");
        }
    }

    private SeriesStart start(Map<String, Object> m) throws StreamFormatException {
        long s = Json.integer(m, "series_id", "Stream V2 start");
        series = s;
        highestImage = -1;
        Map<String, Object> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : m.entrySet()) {
            String key = e.getKey();
            if (key.equals("type")) {
                continue;
            }
            metadata.put(key, plain(e.getValue(), "Stream V2 start '" + key + "'"));
        }
        String filename = null;
        Object ud = m.get("user_data");
        if (ud instanceof String && !((String) ud).isBlank()) {
            // MAX IV: the header appendix is a JSON string; keep it parsed when it is JSON
            try {
                Object parsed = Json.MAPPER.readValue((String) ud, Object.class);
                metadata.put("user_data", parsed);
                ud = parsed;
            } catch (IOException notJson) {
                // a plain string stays as it is
            }
        }
        if (ud instanceof Map) {
            Object fn = ((Map<?, ?>) ud).get("filename");
            if (fn != null) {
                filename = String.valueOf(fn);
            }
        }
        Long n = Json.optionalInteger(m, "number_of_images", "Stream V2 start");
        Map<String, Object> header = new LinkedHashMap<>(metadata);
        header.put("type", "start");
        return new SeriesStart(s, 0, StreamFormat.DECTRIS_V2, filename, n, header, metadata);
    }

    private Frame image(Map<String, Object> m) throws StreamFormatException {
        long s = Json.integer(m, "series_id", "Stream V2 image");
        long id = Json.integer(m, "image_id", "Stream V2 image");
        String what = "Stream V2 image " + id;
        Object data = m.get("data");
        if (!(data instanceof Map) || ((Map<?, ?>) data).isEmpty()) {
            throw new StreamFormatException(what + " has no 'data' map of channels");
        }
        Map<?, ?> channels = (Map<?, ?>) data;
        String name = channel != null ? channel : String.valueOf(channels.keySet().iterator().next());
        Object array = channels.get(name);
        if (array == null) {
            throw new StreamFormatException(what + " has no channel '" + name + "' (it has " + channels.keySet() + ")");
        }
        PixelArray a = array(array, what + " channel '" + name + "'");
        if (a.shape().size() != 2) {
            throw new StreamFormatException(what + " channel '" + name + "' has shape " + a.shape()
                    + ", expected [rows, cols]");
        }
        int rows = a.shape().get(0), cols = a.shape().get(1);
        ByteBuffer blob = Blobs.check(a.data(), a.compression(), a.dtype(), rows, cols, what);
        Map<String, Object> header = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : m.entrySet()) {
            if (!e.getKey().equals("data")) {
                header.put(e.getKey(), plain(e.getValue(), what + " '" + e.getKey() + "'"));
            }
        }
        header.put("channel", name);
        if (s == series) {
            highestImage = Math.max(highestImage, id);
        } else {
            series = s;
            highestImage = id;
        }
        return new Frame(s, id + 1, id, rows, cols, a.dtype(), a.compression(), blob, header);
    }

    /** Replaces arrays by {@link PixelArray}s, recursively; everything else stays. */
    private static Object plain(Object v, String what) throws StreamFormatException {
        if (v instanceof Cbor.Tagged) {
            return array(v, what);
        }
        if (v instanceof Map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                out.put(String.valueOf(e.getKey()), plain(e.getValue(), what));
            }
            return out;
        }
        if (v instanceof List) {
            List<Object> out = new ArrayList<>();
            for (Object o : (List<?>) v) {
                out.add(plain(o, what));
            }
            return out;
        }
        return v;
    }

    /** tag 40 [[dims], typed array] or a bare typed array (1-D). */
    private static PixelArray array(Object v, String what) throws StreamFormatException {
        if (!(v instanceof Cbor.Tagged)) {
            throw new StreamFormatException(what + " is not a tagged array (tag 40 or a typed array)");
        }
        Cbor.Tagged t = (Cbor.Tagged) v;
        if (t.tag() == Cbor.TAG_MULTI_DIM) {
            if (!(t.value() instanceof List) || ((List<?>) t.value()).size() != 2
                    || !(((List<?>) t.value()).get(0) instanceof List)) {
                throw new StreamFormatException(what + ": tag 40 must hold [[dims...], typed array]");
            }
            List<?> pair = (List<?>) t.value();
            List<Integer> shape = new ArrayList<>();
            for (Object d : (List<?>) pair.get(0)) {
                long x = Json.toLong(d, "dims", what);
                if (x <= 0 || x > Integer.MAX_VALUE) {
                    throw new StreamFormatException(what + ": bad dimension " + x);
                }
                shape.add((int) x);
            }
            return typed(pair.get(1), shape, what);
        }
        return typed(t, null, what);
    }

    private static PixelArray typed(Object v, List<Integer> shape, String what) throws StreamFormatException {
        if (!(v instanceof Cbor.Tagged)) {
            throw new StreamFormatException(what + ": expected a typed array (tags 64-87)");
        }
        Cbor.Tagged t = (Cbor.Tagged) v;
        PixelType dtype = Cbor.dtypeOfTag(t.tag());
        if (dtype == null) {
            throw new StreamFormatException(what + ": typed-array tag " + t.tag()
                    + " is not supported (expected little-endian 64, 68-72, 77-79, 85, 86)");
        }
        Compression compression;
        byte[] bytes;
        if (t.value() instanceof byte[]) {
            compression = Compression.NONE;
            bytes = (byte[]) t.value();
        } else if (t.value() instanceof List && ((List<?>) t.value()).size() == 3) {
            List<?> c = (List<?>) t.value();
            try {
                compression = Compression.fromName(String.valueOf(c.get(0)));
            } catch (IllegalArgumentException e) {
                throw new StreamFormatException(what + ": " + e.getMessage(), e);
            }
            long elem = Json.toLong(c.get(1), "elem_size", what);
            if (compression == Compression.BSLZ4 && elem != dtype.bytes()) {
                throw new StreamFormatException(what + ": bslz4 element size " + elem + " does not match "
                        + dtype.numpyName() + " (tag " + t.tag() + ")");
            }
            if (!(c.get(2) instanceof byte[])) {
                throw new StreamFormatException(what + ": compressed array has no byte string");
            }
            bytes = (byte[]) c.get(2);
        } else {
            throw new StreamFormatException(what + ": typed array (tag " + t.tag()
                    + ") must hold bytes or tag 56500 [compression, elem_size, bytes]");
        }
        if (shape == null) {
            if (compression != Compression.NONE) {
                throw new StreamFormatException(what + ": compressed array without tag 40 has no shape");
            }
            if (bytes.length % dtype.bytes() != 0) {
                throw new StreamFormatException(what + ": " + bytes.length + " bytes is not whole "
                        + dtype.numpyName() + " elements");
            }
            shape = List.of(bytes.length / dtype.bytes());
        }
        PixelArray a = new PixelArray(shape, dtype, compression, ByteBuffer.wrap(bytes));
        if (compression == Compression.NONE && a.rawBytes() != bytes.length) {
            throw new StreamFormatException(what + ": " + bytes.length + " bytes but shape " + shape + " x "
                    + dtype.numpyName() + " needs " + a.rawBytes());
        }
        return a;
    }
}
