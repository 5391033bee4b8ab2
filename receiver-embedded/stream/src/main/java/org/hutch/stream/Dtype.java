package org.hutch.stream;

import java.util.Locale;

/** Pixel data types, named as numpy names them; always little-endian on the wire and on disk. */
public enum Dtype {
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

    Dtype(String numpyName, int bytes, boolean signed, boolean floating) {
        this.numpyName = numpyName;
        this.bytes = bytes;
        this.signed = signed;
        this.floating = floating;
    }

    /** The numpy name, for example {@code uint16}. */
    public String numpyName() {
        return numpyName;
    }

    /** Size of one element in bytes. */
    public int bytes() {
        return bytes;
    }

    public boolean signed() {
        return signed;
    }

    public boolean floating() {
        return floating;
    }

    /**
     * Parses a numpy dtype name ({@code uint16}, {@code <u2}, {@code float32}, ...).
     *
     * @throws IllegalArgumentException naming the unknown type
     */
    public static Dtype fromName(String name) {
        if (name == null) {
            throw new IllegalArgumentException("missing pixel type");
        }
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (Dtype d : values()) {
            if (d.numpyName.equals(n)) {
                return d;
            }
        }
        switch (n) {
            case "<u1": case "|u1": case "u1": return UINT8;
            case "<i1": case "|i1": case "i1": return INT8;
            case "<u2": case "u2": return UINT16;
            case "<i2": case "i2": return INT16;
            case "<u4": case "u4": return UINT32;
            case "<i4": case "i4": return INT32;
            case "<u8": case "u8": return UINT64;
            case "<i8": case "i8": return INT64;
            case "<f4": case "f4": case "float": return FLOAT32;
            case "<f8": case "f8": case "double": return FLOAT64;
            default:
                throw new IllegalArgumentException("unknown pixel type '" + name
                        + "' (expected a little-endian numpy type such as uint16, uint32, int32, float32)");
        }
    }
}
