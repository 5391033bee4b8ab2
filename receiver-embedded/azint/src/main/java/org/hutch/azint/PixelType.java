package org.hutch.azint;

import java.util.Locale;

/** Pixel data types an integrator reads, little-endian when from bytes. */
public enum PixelType {
    INT8(1, true), UINT8(1, false), INT16(2, true), UINT16(2, false), INT32(4, true), UINT32(4, false),
    INT64(8, true), FLOAT32(4, true), FLOAT64(8, true);

    private final int bytes;
    private final boolean signed;

    PixelType(int bytes, boolean signed) {
        this.bytes = bytes;
        this.signed = signed;
    }

    public int bytes() {
        return bytes;
    }

    public boolean signed() {
        return signed;
    }

    /** numpy/HDF5-style names: int32, uint16, float32, f4, {@code <u4}, ... */
    public static PixelType parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.startsWith("<") || t.startsWith("|") || t.startsWith("=")) {
            t = t.substring(1);
        }
        return switch (t) {
            case "int8", "i1" -> INT8;
            case "uint8", "u1" -> UINT8;
            case "int16", "i2" -> INT16;
            case "uint16", "u2" -> UINT16;
            case "int32", "i4" -> INT32;
            case "uint32", "u4" -> UINT32;
            case "int64", "i8" -> INT64;
            case "float32", "f4", "float" -> FLOAT32;
            case "float64", "f8", "double" -> FLOAT64;
            default -> throw new IllegalArgumentException("unknown pixel type '" + text
                    + "' (int8, uint8, int16, uint16, int32, uint32, int64, float32, float64)");
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
