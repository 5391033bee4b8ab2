package org.hutch.stream;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON parts of stream messages: parsed to ordered maps (unknown keys kept), and written back. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }

    /** Parses a JSON object; {@code what} names the part in the error message. */
    static Map<String, Object> parseObject(byte[] bytes, String what) throws StreamFormatException {
        if (bytes.length == 0) {
            throw new StreamFormatException(what + " is empty, expected a JSON object");
        }
        try {
            Object v = MAPPER.readValue(bytes, Object.class);
            if (!(v instanceof Map)) {
                throw new StreamFormatException(what + " is JSON but not an object: " + preview(bytes));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) v; // Jackson reads JSON objects as LinkedHashMap
            return m;
        } catch (StreamFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new StreamFormatException(what + " is not valid JSON (" + firstLine(e) + "): " + preview(bytes), e);
        }
    }

    /** Parses any JSON value (object, array, string, number). */
    static Object parseValue(byte[] bytes, String what) throws StreamFormatException {
        try {
            return MAPPER.readValue(bytes, Object.class);
        } catch (IOException e) {
            throw new StreamFormatException(what + " is not valid JSON (" + firstLine(e) + "): " + preview(bytes), e);
        }
    }

    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write as JSON: " + e.getOriginalMessage(), e);
        }
    }

    static String preview(byte[] bytes) {
        int n = Math.min(bytes.length, 120);
        String s = new String(bytes, 0, n, StandardCharsets.UTF_8).replaceAll("[\\p{Cntrl}&&[^\\n]]", "?");
        return "'" + s + (bytes.length > n ? "...' (" + bytes.length + " bytes)" : "'");
    }

    private static String firstLine(Exception e) {
        String m = e instanceof JsonProcessingException ? ((JsonProcessingException) e).getOriginalMessage()
                : e.getMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    // --- typed access to decoded maps, with errors that name the key ---

    static String string(Map<String, Object> m, String key, String what) throws StreamFormatException {
        Object v = m.get(key);
        if (v == null) {
            throw new StreamFormatException(what + " has no '" + key + "'");
        }
        if (!(v instanceof String)) {
            throw new StreamFormatException(what + ": '" + key + "' must be a string, got " + v);
        }
        return (String) v;
    }

    static long integer(Map<String, Object> m, String key, String what) throws StreamFormatException {
        Object v = m.get(key);
        if (v == null) {
            throw new StreamFormatException(what + " has no '" + key + "'");
        }
        return toLong(v, key, what);
    }

    static Long optionalInteger(Map<String, Object> m, String key, String what) throws StreamFormatException {
        Object v = m.get(key);
        return v == null ? null : toLong(v, key, what);
    }

    static long toLong(Object v, String key, String what) throws StreamFormatException {
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof java.math.BigInteger) {
            throw new StreamFormatException(what + ": '" + key + "' = " + v + " is out of range");
        }
        if (v instanceof Number) {
            double d = ((Number) v).doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 9.0e15) {
                return (long) d;
            }
        }
        throw new StreamFormatException(what + ": '" + key + "' must be an integer, got " + v);
    }

    /** A shape {@code [a, b]} of two positive integers. */
    static int[] shape2(Map<String, Object> m, String key, String what) throws StreamFormatException {
        Object v = m.get(key);
        if (v == null) {
            throw new StreamFormatException(what + " has no '" + key + "'");
        }
        if (!(v instanceof List) || ((List<?>) v).size() != 2) {
            throw new StreamFormatException(what + ": '" + key + "' must be a list of two sizes, got " + v);
        }
        List<?> l = (List<?>) v;
        int[] s = new int[2];
        for (int i = 0; i < 2; i++) {
            long x = toLong(l.get(i), key, what);
            if (x <= 0 || x > Integer.MAX_VALUE) {
                throw new StreamFormatException(what + ": '" + key + "' has a bad size " + x + " in " + v);
            }
            s[i] = (int) x;
        }
        return s;
    }
}
