package org.hutch.stream;

import java.util.Locale;

/** How a frame's blob is stored on the wire (and, for bslz4, in the HDF5 chunk). */
public enum Compression {
    /** raw little-endian pixels, C order */
    NONE("none"),
    /** one HDF5 bitshuffle-filter (32008) chunk: bitshuffle + LZ4 blocks, with the 12-byte header */
    BSLZ4("bslz4"),
    /** plain LZ4 (DECTRIS {@code lz4<} / Stream V2 tag 56500 "lz4") */
    LZ4("lz4");

    private final String wireName;

    Compression(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** @throws IllegalArgumentException naming the unknown compression */
    public static Compression fromName(String name) {
        String n = name == null ? "none" : name.trim().toLowerCase(Locale.ROOT);
        for (Compression c : values()) {
            if (c.wireName.equals(n)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown compression '" + name + "' (expected none, bslz4 or lz4)");
    }
}
