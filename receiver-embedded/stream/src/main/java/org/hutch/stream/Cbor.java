package org.hutch.stream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import org.hutch.model.pixels.PixelType;

/**
 * CBOR through Jackson's streaming parser, to plain Java values: maps (ordered), lists, strings,
 * numbers, booleans, null, {@code byte[]} for byte strings, and {@link Tagged} for the tags a
 * stream needs (multi-dimensional array 40, typed arrays 64-87, DECTRIS compression 56500).
 * Other tags (self-describe 55799, date 0, ...) are dropped, their value kept.
 */
final class Cbor {
    static final int TAG_SELF_DESCRIBE = 55799;
    static final int TAG_MULTI_DIM = 40;
    static final int TAG_COMPRESSED = 56500;
    static final CBORFactory FACTORY = new CBORFactory();

    /** A tagged value: {@code tag} is the stream tag (40, 64-87 or 56500); {@code compressed}: it also carried 56500. */
    record Tagged(int tag, boolean compressed, Object value) {
    }

    private Cbor() {
    }

    static Object read(byte[] bytes, String what) throws StreamFormatException {
        try (CBORParser p = (CBORParser) FACTORY.createParser(bytes)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new StreamFormatException(what + " is empty");
            }
            Object v = value(p, t);
            if (p.nextToken() != null) {
                throw new StreamFormatException(what + " has bytes after its CBOR value");
            }
            return v;
        } catch (IOException e) {
            throw new StreamFormatException(what + " is not valid CBOR (" + e.getMessage().split("\n")[0] + ")", e);
        }
    }

    private static Object value(CBORParser p, JsonToken t) throws IOException {
        int tag = streamTag(p);
        boolean compressed = p.getCurrentTags() != null && p.getCurrentTags().contains(TAG_COMPRESSED);
        if (tag < 0 && compressed) {
            tag = TAG_COMPRESSED;
        }
        Object v;
        switch (t) {
            case START_OBJECT: {
                Map<String, Object> m = new LinkedHashMap<>();
                JsonToken k;
                while ((k = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    m.put(name, value(p, p.nextToken()));
                }
                if (k != JsonToken.END_OBJECT) {
                    throw new IOException("map ends unexpectedly");
                }
                v = m;
                break;
            }
            case START_ARRAY: {
                List<Object> l = new ArrayList<>();
                JsonToken e;
                while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (e == null) {
                        throw new IOException("array ends unexpectedly");
                    }
                    l.add(value(p, e));
                }
                v = l;
                break;
            }
            case VALUE_EMBEDDED_OBJECT:
                v = p.getBinaryValue();
                break;
            case VALUE_STRING:
                v = p.getText();
                break;
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                v = p.getNumberValue();
                break;
            case VALUE_TRUE:
                v = Boolean.TRUE;
                break;
            case VALUE_FALSE:
                v = Boolean.FALSE;
                break;
            case VALUE_NULL:
                v = null;
                break;
            default:
                throw new IOException("unexpected CBOR token " + t);
        }
        return tag < 0 ? v : new Tagged(tag, compressed, v);
    }

    /** The first tag that matters to a stream, or -1. */
    private static int streamTag(CBORParser p) {
        CBORParser.TagList tags = p.getCurrentTags();
        int first = p.getCurrentTag();
        if (first == TAG_MULTI_DIM || (first >= 64 && first <= 87)) {
            return first;
        }
        if (tags != null) {
            if (tags.contains(TAG_MULTI_DIM)) {
                return TAG_MULTI_DIM;
            }
            for (int t = 64; t <= 87; t++) {
                if (tags.contains(t)) {
                    return t;
                }
            }
        }
        return -1;
    }

    /** Writes CBOR with Jackson's generator; the callback writes the content. */
    static byte[] write(IoConsumer<CBORGenerator> body, int sizeHint) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(sizeHint);
        try (CBORGenerator g = FACTORY.createGenerator(out)) {
            body.accept(g);
        } catch (IOException e) {
            throw new IllegalStateException("CBOR encoding failed: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** Writes a plain Java value (maps, lists, strings, numbers, booleans, null, byte[], PixelArray). */
    static void writeValue(CBORGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Map) {
            Map<?, ?> m = (Map<?, ?>) v;
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                writeValue(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List) {
            g.writeStartArray();
            for (Object o : (List<?>) v) {
                writeValue(g, o);
            }
            g.writeEndArray();
        } else if (v instanceof String) {
            g.writeString((String) v);
        } else if (v instanceof Boolean) {
            g.writeBoolean((Boolean) v);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Float) {
            g.writeNumber((Float) v);
        } else if (v instanceof BigInteger) {
            g.writeNumber((BigInteger) v);
        } else if (v instanceof Number) {
            g.writeNumber(((Number) v).doubleValue());
        } else if (v instanceof byte[]) {
            g.writeBinary((byte[]) v);
        } else if (v instanceof PixelArray) {
            PixelArray a = (PixelArray) v;
            if (a.shape().size() > 1) {
                g.writeTag(TAG_MULTI_DIM);
                g.writeStartArray();
                writeValue(g, a.shape());
            }
            writeTypedArray(g, a.dtype(), a.compression(), Blobs.bytes(a.data()));
            if (a.shape().size() > 1) {
                g.writeEndArray();
            }
        } else {
            g.writeString(String.valueOf(v));
        }
    }

    /** A typed array (tag 64-87), its bytes wrapped in tag 56500 when compressed. */
    static void writeTypedArray(CBORGenerator g, PixelType dtype, Compression c, byte[] data) throws IOException {
        g.writeTag(typedArrayTag(dtype));
        if (c == Compression.NONE) {
            g.writeBinary(data);
            return;
        }
        g.writeTag(TAG_COMPRESSED);
        g.writeStartArray();
        g.writeString(c.wireName());
        g.writeNumber(c == Compression.BSLZ4 ? dtype.bytes() : 0);
        g.writeBinary(data);
        g.writeEndArray();
    }

    /** RFC 8746 little-endian typed-array tags. */
    static int typedArrayTag(PixelType d) {
        switch (d) {
            case UINT8: return 64;
            case UINT16: return 69;
            case UINT32: return 70;
            case UINT64: return 71;
            case INT8: return 72;
            case INT16: return 77;
            case INT32: return 78;
            case INT64: return 79;
            case FLOAT32: return 85;
            case FLOAT64: return 86;
            default: throw new IllegalArgumentException("no typed-array tag for " + d);
        }
    }

    /** @return the dtype of a typed-array tag, or null for tags that are not little-endian arrays we read */
    static PixelType dtypeOfTag(int tag) {
        switch (tag) {
            case 64: case 68: return PixelType.UINT8;
            case 69: return PixelType.UINT16;
            case 70: return PixelType.UINT32;
            case 71: return PixelType.UINT64;
            case 72: return PixelType.INT8;
            case 77: return PixelType.INT16;
            case 78: return PixelType.INT32;
            case 79: return PixelType.INT64;
            case 85: return PixelType.FLOAT32;
            case 86: return PixelType.FLOAT64;
            default: return null;
        }
    }

    @FunctionalInterface
    interface IoConsumer<T> {
        void accept(T t) throws IOException;
    }
}
