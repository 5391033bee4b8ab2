package org.hutch.model.pixels;

import java.util.Locale;

/**
 * Pixel data types, named as numpy names them; always little-endian on the wire, on disk and
 * in a byte buffer. In a Java array an unsigned type is held in the signed array of the same
 * width.
 *
 * <p>Invalid pixels: an unsigned integer type marks them with its all-ones value (for example
 * 0xFFFFFFFF), a signed integer type with negative values (gaps, dead pixels), a floating type
 * with NaN and the infinities.
 */
public enum PixelType {
    UINT8("uint8", 1, false, false),
    INT8("int8", 1, true, false),
    UINT16("uint16", 2, false, false),
    INT16("int16", 2, true, false),
    UINT32("uint32", 4, false, false),
    INT32("int32", 4, true, false),
    UINT64("uint64", 8, false, false),
    INT64("int64", 8, true, false),
    FLOAT32("float32", 4, true, true),
    FLOAT64("float64", 8, true, true);

    private final String numpyName;
    private final int bytes;
    private final boolean signed;
    private final boolean floating;

    PixelType(String numpyName, int bytes, boolean signed, boolean floating) {
        this.numpyName = numpyName;
        this.bytes = bytes;
        this.signed = signed;
        this.floating = floating;
    }

    /** The numpy name, for example {@code uint16}: the name on the wire (STINS, Dectris, pickles, HTTP headers). */
    public String numpyName() {
        return numpyName;
    }

    /** Size of one element in bytes. */
    public int bytes() {
        return bytes;
    }

    /** True for the signed integer types and the floating types. */
    public boolean signed() {
        return signed;
    }

    /** True for the unsigned integer types, whose all-ones value marks an invalid pixel. */
    public boolean unsigned() {
        return !signed;
    }

    /** True for FLOAT32 and FLOAT64, where NaN and infinities mark invalid pixels. */
    public boolean floating() {
        return floating;
    }

    /** True for the signed integer types, where negative values mark invalid pixels. */
    public boolean signedInteger() {
        return signed && !floating;
    }

    /**
     * Parses a numpy or HDF5-style name: {@code uint16}, {@code <u2}, {@code |u1}, {@code f4},
     * {@code float32}, {@code float}, {@code double}, ...; case-insensitive.
     *
     * @throws IllegalArgumentException naming the unknown type
     */
    public static PixelType fromName(String name) {
        if (name == null) {
            throw new IllegalArgumentException("missing pixel type");
        }
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (PixelType t : values()) {
            if (t.numpyName.equals(n)) {
                return t;
            }
        }
        if (n.startsWith("<") || n.startsWith("|") || n.startsWith("=")) {
            n = n.substring(1);
        }
        return switch (n) {
            case "u1" -> UINT8;
            case "i1" -> INT8;
            case "u2" -> UINT16;
            case "i2" -> INT16;
            case "u4" -> UINT32;
            case "i4" -> INT32;
            case "u8" -> UINT64;
            case "i8" -> INT64;
            case "f4", "float" -> FLOAT32;
            case "f8", "double" -> FLOAT64;
            default -> throw new IllegalArgumentException("unknown pixel type '" + name
                    + "' (expected a little-endian numpy type such as uint16, uint32, int32, float32)");
        };
    }

    /** The numpy name, as messages show it. */
    @Override
    public String toString() {
        return numpyName;
    }
}
