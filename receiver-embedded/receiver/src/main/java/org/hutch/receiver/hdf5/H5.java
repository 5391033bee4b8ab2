package org.hutch.receiver.hdf5;

import static org.bytedeco.hdf5.global.hdf5.*;

import java.nio.charset.StandardCharsets;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;
import org.hutch.model.pixels.PixelType;

/**
 * Small helpers over bytedeco's libhdf5 binding. The macro-named constants of the presets are ints
 * and wrong for {@code hid_t}: only the {@code *_g()} globals are used, after {@link #init()}.
 * libhdf5 is not thread-safe here: every call happens on one thread, or under {@link #LOCK}.
 */
final class H5 {
    /** {@code H5S_UNLIMITED} is {@code (hsize_t)-1}; the preset's int constant is not. */
    static final long UNLIMITED = -1L;
    /** HDF5 bitshuffle filter id (bitshuffle + LZ4 with cd_values[4] = 2). */
    static final int FILTER_BITSHUFFLE = 32008;
    /** libhdf5 is built without thread safety: threads that use it (writer, azint pipeline) hold this. */
    static final Object LOCK = new Object();

    private static boolean initialised;

    private H5() {
    }

    static synchronized void init() {
        if (!initialised) {
            H5open();
            // errors are turned into exceptions with a message of ours; the C stack trace on stderr only confuses users
            H5Eset_auto2(H5E_DEFAULT, null, null);
            initialised = true;
        }
    }

    static long check(long id, String what) {
        if (id < 0) {
            throw new Hdf5Exception(what + " failed");
        }
        return id;
    }

    static void check(int ret, String what) {
        if (ret < 0) {
            throw new Hdf5Exception(what + " failed");
        }
    }

    /** Closes any kind of id, ignoring invalid ones. */
    static void closeQuietly(long id, Closer closer) {
        if (id >= 0) {
            closer.close(id);
        }
    }

    interface Closer {
        int close(long id);
    }

    static long fileType(PixelType d) {
        switch (d) {
            case UINT8: return H5T_STD_U8LE_g();
            case INT8: return H5T_STD_I8LE_g();
            case UINT16: return H5T_STD_U16LE_g();
            case INT16: return H5T_STD_I16LE_g();
            case UINT32: return H5T_STD_U32LE_g();
            case INT32: return H5T_STD_I32LE_g();
            case UINT64: return H5T_STD_U64LE_g();
            case INT64: return H5T_STD_I64LE_g();
            case FLOAT32: return H5T_IEEE_F32LE_g();
            case FLOAT64: return H5T_IEEE_F64LE_g();
            default: throw new IllegalArgumentException("no HDF5 type for " + d);
        }
    }

    /** A variable-length UTF-8 string type, as h5py writes Python str. Caller closes it. */
    static long vlenString() {
        long t = check(H5Tcopy(H5T_C_S1_g()), "H5Tcopy");
        check(H5Tset_size(t, H5T_VARIABLE()), "H5Tset_size");
        check(H5Tset_cset(t, H5T_CSET_UTF8), "H5Tset_cset");
        return t;
    }

    /** Writes a scalar string attribute (NeXus NX_class, signal). */
    static void stringAttribute(long obj, String name, String value) {
        long type = vlenString();
        long space = check(H5Screate(H5S_SCALAR), "H5Screate");
        long attr = -1;
        try {
            attr = check(H5Acreate2(obj, name, type, space, H5P_DEFAULT, H5P_DEFAULT), "creating attribute " + name);
            try (BytePointer s = new BytePointer(value.getBytes(StandardCharsets.UTF_8).length + 1);
                 PointerPointer<BytePointer> p = new PointerPointer<>(1)) {
                s.put(value.getBytes(StandardCharsets.UTF_8)).put(value.getBytes(StandardCharsets.UTF_8).length, (byte) 0);
                p.put(0, s);
                check(H5Awrite(attr, type, p), "writing attribute " + name);
            }
        } finally {
            closeQuietly(attr, org.bytedeco.hdf5.global.hdf5::H5Aclose);
            H5Sclose(space);
            H5Tclose(type);
        }
    }

    /** Writes (or overwrites) a scalar uint8 attribute, which h5py reads as numpy.uint8. */
    static void uint8Attribute(long obj, String name, int value) {
        long space = check(H5Screate(H5S_SCALAR), "H5Screate");
        long attr = -1;
        try {
            attr = H5Aexists(obj, name) > 0 ? check(H5Aopen(obj, name, H5P_DEFAULT), "opening attribute " + name)
                    : check(H5Acreate2(obj, name, H5T_STD_U8LE_g(), space, H5P_DEFAULT, H5P_DEFAULT),
                    "creating attribute " + name);
            try (BytePointer b = new BytePointer(1)) {
                b.put(0, (byte) value);
                check(H5Awrite(attr, H5T_NATIVE_UINT8_g(), b), "writing attribute " + name);
            }
        } finally {
            closeQuietly(attr, org.bytedeco.hdf5.global.hdf5::H5Aclose);
            H5Sclose(space);
        }
    }

    /** True if a link of that name exists directly in {@code loc} (intermediate groups must exist). */
    static boolean exists(long loc, String name) {
        return H5Lexists(loc, name, H5P_DEFAULT) > 0;
    }
}
