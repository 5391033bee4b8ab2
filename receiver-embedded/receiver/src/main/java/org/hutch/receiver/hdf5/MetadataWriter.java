package org.hutch.receiver.hdf5;

import static org.bytedeco.hdf5.global.hdf5.*;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.hutch.codec.Bslz4Codec;
import org.hutch.codec.CodecException;
import org.hutch.codec.Lz4Codec;
import org.hutch.stream.Compression;
import org.hutch.stream.PixelArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes header metadata under a group, recursively, as MAX IV's receiver does with h5py: a map
 * becomes a group, a string a UTF-8 string dataset, a number an int64/float64 scalar, a boolean
 * h5py's bool enum, a list of numbers (or a rectangular list of lists) an array, a list of strings a
 * string array, bytes a uint8 array; anything else is stored as its JSON text.
 */
final class MetadataWriter {
    private static final Logger LOG = LoggerFactory.getLogger(MetadataWriter.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private MetadataWriter() {
    }

    /**
     * @param reserved names in {@code group} that belong to the receiver (dataset, sequence_number)
     * @return what could not be written ("name: why"); the rest is written
     */
    static List<String> write(long group, Map<String, Object> data, Set<String> reserved) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Object> e : data.entrySet()) {
            String name = e.getKey().replace('/', '_');
            if (name.isEmpty() || name.equals(".") || reserved.contains(name)) {
                LOG.warn("header metadata key '{}' clashes with the receiver's own data and is not written", e.getKey());
                continue;
            }
            if (H5.exists(group, name)) {
                LOG.debug("metadata '{}' already in the file (append): kept", name);
                continue;
            }
            Object v = e.getValue();
            if (v == null) {
                continue;
            }
            try {
                writeValue(group, name, v);
            } catch (Hdf5Exception ex) {
                LOG.warn("header metadata '{}' not written: {}", name, ex.getMessage());
                problems.add(name + ": " + ex.getMessage());
            }
        }
        return problems;
    }

    @SuppressWarnings("unchecked")
    private static void writeValue(long group, String name, Object v) {
        if (v instanceof Map<?, ?> m) {
            long g = H5.check(H5Gcreate2(group, name, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), "creating group " + name);
            try {
                write(g, (Map<String, Object>) m, Set.of());
            } finally {
                H5Gclose(g);
            }
        } else if (v instanceof String s) {
            strings(group, name, List.of(s), true);
        } else if (v instanceof Boolean b) {
            bool(group, name, b);
        } else if (v instanceof Number n) {
            if (isIntegral(n)) {
                longs(group, name, new long[] {n.longValue()}, null);
            } else {
                doubles(group, name, new double[] {n.doubleValue()}, null);
            }
        } else if (v instanceof PixelArray a) {
            pixelArray(group, name, a);
        } else if (v instanceof byte[] bytes) {
            long space = H5.check(H5Screate_simple(1, new long[] {bytes.length}, (long[]) null), "H5Screate_simple");
            long ds = -1;
            try (BytePointer p = new BytePointer(bytes)) {
                ds = H5.check(H5Dcreate2(group, name, H5T_STD_U8LE_g(), space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                        "creating " + name);
                H5.check(H5Dwrite(ds, H5T_NATIVE_UINT8_g(), H5S_ALL, H5S_ALL, H5P_DEFAULT, p), "writing " + name);
            } finally {
                H5.closeQuietly(ds, org.bytedeco.hdf5.global.hdf5::H5Dclose);
                H5Sclose(space);
            }
        } else if (v instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(o -> o instanceof String)) {
            strings(group, name, (List<String>) list, false);
        } else if (v instanceof List<?> list && numericArray(list) != null) {
            long[] dims = numericArray(list);
            List<Number> flat = new ArrayList<>();
            flatten(list, flat);
            if (flat.stream().allMatch(MetadataWriter::isIntegral)) {
                longs(group, name, flat.stream().mapToLong(Number::longValue).toArray(), dims);
            } else {
                doubles(group, name, flat.stream().mapToDouble(Number::doubleValue).toArray(), dims);
            }
        } else {
            try {
                strings(group, name, List.of(JSON.writeValueAsString(v)), true);
            } catch (JsonProcessingException ex) {
                strings(group, name, List.of(String.valueOf(v)), true);
            }
        }
    }

    /** Flatfield, pixel mask, count-rate table: a dataset of their type and shape (NeXus NXdetector fields). */
    private static void pixelArray(long group, String name, PixelArray a) {
        ByteBuffer raw;
        try {
            raw = decode(a);
        } catch (CodecException e) {
            throw new Hdf5Exception(name + " cannot be decompressed: " + e.getMessage());
        }
        long[] dims = a.shape().stream().mapToLong(Integer::longValue).toArray();
        long space = space(dims.length == 0 ? null : dims);
        long ds = -1;
        try (BytePointer p = new BytePointer(raw)) {
            ds = H5.check(H5Dcreate2(group, name, H5.fileType(a.dtype()), space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                    "creating " + name);
            // file type = little-endian type of the bytes, so it doubles as the memory type on this machine
            H5.check(H5Dwrite(ds, H5.fileType(a.dtype()), H5S_ALL, H5S_ALL, H5P_DEFAULT, p), "writing " + name);
        } finally {
            H5.closeQuietly(ds, org.bytedeco.hdf5.global.hdf5::H5Dclose);
            H5Sclose(space);
        }
    }

    private static ByteBuffer decode(PixelArray a) throws CodecException {
        if (a.rawBytes() > MAX_ARRAY_BYTES) {
            throw new CodecException("declares " + a.rawBytes() + " bytes, more than the " + MAX_ARRAY_BYTES
                    + " a header array may have");
        }
        int n = (int) a.rawBytes();
        if (a.compression() == Compression.BSLZ4) {
            // the declared size is checked against the blocks present before any memory is reserved
            Bslz4Codec.validate(a.data(), a.dtype().bytes(), n);
        } else if (a.compression() == Compression.LZ4 && n > 256L * a.data().remaining() + 64) {
            throw new CodecException("an lz4 array of " + a.data().remaining() + " bytes cannot hold " + n + " bytes");
        }
        switch (a.compression()) {
            case NONE:
                if (a.data().remaining() != n) {
                    throw new CodecException("has " + a.data().remaining() + " bytes, shape x type needs " + n);
                }
                return ByteBuffer.allocateDirect(n).put(a.data().duplicate()).flip();
            case BSLZ4: {
                ByteBuffer out = ByteBuffer.allocateDirect(n);
                Bslz4Codec.decompress(a.data(), a.dtype().bytes(), out);
                return out;
            }
            default: {
                ByteBuffer out = ByteBuffer.allocateDirect(n);
                Lz4Codec.decompress(a.data(), out);
                return out;
            }
        }
    }

    /** a header array larger than this (a 16M-pixel float64 flatfield is 128 MiB) is refused */
    private static final long MAX_ARRAY_BYTES = 256L << 20;

    private static boolean isIntegral(Number n) {
        return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte
                || n instanceof java.math.BigInteger;
    }

    /** Shape of a rectangular list of numbers, or null. */
    private static long[] numericArray(List<?> list) {
        if (list.isEmpty()) {
            return null;
        }
        if (list.stream().allMatch(o -> o instanceof Number)) {
            return new long[] {list.size()};
        }
        if (!list.stream().allMatch(o -> o instanceof List<?>)) {
            return null;
        }
        long[] inner = numericArray((List<?>) list.get(0));
        if (inner == null) {
            return null;
        }
        for (Object o : list) {
            long[] d = numericArray((List<?>) o);
            if (d == null || !java.util.Arrays.equals(d, inner)) {
                return null;
            }
        }
        long[] dims = new long[inner.length + 1];
        dims[0] = list.size();
        System.arraycopy(inner, 0, dims, 1, inner.length);
        return dims;
    }

    private static void flatten(List<?> list, List<Number> out) {
        for (Object o : list) {
            if (o instanceof List<?> l) {
                flatten(l, out);
            } else {
                out.add((Number) o);
            }
        }
    }

    private static long space(long[] dims) {
        return dims == null ? H5.check(H5Screate(H5S_SCALAR), "H5Screate")
                : H5.check(H5Screate_simple(dims.length, dims, (long[]) null), "H5Screate_simple");
    }

    private static void longs(long group, String name, long[] values, long[] dims) {
        try (LongPointer p = new LongPointer(values)) {
            numbers(group, name, p, H5T_STD_I64LE_g(), H5T_NATIVE_INT64_g(), dims);
        }
    }

    private static void doubles(long group, String name, double[] values, long[] dims) {
        try (DoublePointer p = new DoublePointer(values)) {
            numbers(group, name, p, H5T_IEEE_F64LE_g(), H5T_NATIVE_DOUBLE_g(), dims);
        }
    }

    /** A numeric dataset of {@code fileType} written from native memory of {@code memType}. */
    private static void numbers(long group, String name, Pointer values, long fileType, long memType, long[] dims) {
        long space = space(dims);
        long ds = -1;
        try {
            ds = H5.check(H5Dcreate2(group, name, fileType, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                    "creating " + name);
            H5.check(H5Dwrite(ds, memType, H5S_ALL, H5S_ALL, H5P_DEFAULT, values), "writing " + name);
        } finally {
            H5.closeQuietly(ds, org.bytedeco.hdf5.global.hdf5::H5Dclose);
            H5Sclose(space);
        }
    }

    /** h5py's bool: an int8 enum with FALSE = 0 and TRUE = 1. */
    private static void bool(long group, String name, boolean value) {
        long type = H5.check(H5Tenum_create(H5T_NATIVE_INT8_g()), "H5Tenum_create");
        long space = space(null);
        long ds = -1;
        try (BytePointer f = new BytePointer(1).put((byte) 0); BytePointer t = new BytePointer(1).put((byte) 1);
             BytePointer v = new BytePointer(1).put((byte) (value ? 1 : 0))) {
            H5.check(H5Tenum_insert(type, "FALSE", f), "H5Tenum_insert");
            H5.check(H5Tenum_insert(type, "TRUE", t), "H5Tenum_insert");
            ds = H5.check(H5Dcreate2(group, name, type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), "creating " + name);
            H5.check(H5Dwrite(ds, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, v), "writing " + name);
        } finally {
            H5.closeQuietly(ds, org.bytedeco.hdf5.global.hdf5::H5Dclose);
            H5Sclose(space);
            H5Tclose(type);
        }
    }

    private static void strings(long group, String name, List<String> values, boolean scalar) {
        long type = H5.vlenString();
        long space = space(scalar ? null : new long[] {values.size()});
        long ds = -1;
        List<BytePointer> keep = new ArrayList<>();
        try (PointerPointer<BytePointer> p = new PointerPointer<>(values.size())) {
            for (int i = 0; i < values.size(); i++) {
                byte[] b = values.get(i).getBytes(StandardCharsets.UTF_8);
                BytePointer s = new BytePointer(b.length + 1);
                s.put(b).put(b.length, (byte) 0);
                keep.add(s);
                p.put(i, s);
            }
            ds = H5.check(H5Dcreate2(group, name, type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), "creating " + name);
            H5.check(H5Dwrite(ds, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, p), "writing " + name);
        } finally {
            keep.forEach(BytePointer::close);
            H5.closeQuietly(ds, org.bytedeco.hdf5.global.hdf5::H5Dclose);
            H5Sclose(space);
            H5Tclose(type);
        }
    }
}
