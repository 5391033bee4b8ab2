package org.hutch.widgets.image;

/** Element type of an {@link ImageFrame}'s pixel array; the unsigned types are stored in the same-width signed Java array. */
public enum PixelType {
    INT8(false, false), UINT8(true, false), INT16(false, false), UINT16(true, false),
    INT32(false, false), UINT32(true, false), INT64(false, false), UINT64(true, false),
    FLOAT32(false, true), FLOAT64(false, true);

    private final boolean unsigned;
    private final boolean floating;

    PixelType(boolean unsigned, boolean floating) {
        this.unsigned = unsigned;
        this.floating = floating;
    }

    /** True for the unsigned integer types, whose all-ones value (for example 0xFFFFFFFF) marks an invalid pixel. */
    public boolean isUnsigned() {
        return unsigned;
    }

    /** True for FLOAT32 and FLOAT64, where NaN and infinities mark invalid pixels. */
    public boolean isFloating() {
        return floating;
    }

    /** True for the signed integer types, where negative values mark invalid pixels (gaps, dead pixels). */
    public boolean isSignedInteger() {
        return !unsigned && !floating;
    }
}
