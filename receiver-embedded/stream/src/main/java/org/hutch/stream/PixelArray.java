package org.hutch.stream;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import org.hutch.model.pixels.PixelType;

/**
 * An array a detector sends with the start of a series (flatfield, pixel mask, count-rate table),
 * kept in {@link SeriesStart#metadata()} under its DECTRIS name.
 *
 * @param shape       sizes in C order (slowest axis first), for example {@code [rows, cols]}
 * @param dtype       element type, little-endian
 * @param compression how {@code data} is encoded
 * @param data        the bytes as sent (position 0, limit = size)
 */
public record PixelArray(List<Integer> shape, PixelType dtype, Compression compression, ByteBuffer data) {
    public PixelArray {
        shape = List.copyOf(shape);
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(compression, "compression");
        Objects.requireNonNull(data, "data");
    }

    /** Number of elements. */
    public long elements() {
        long n = 1;
        for (int s : shape) {
            n *= s;
        }
        return n;
    }

    /** Size of the decompressed data in bytes. */
    public long rawBytes() {
        return elements() * dtype.bytes();
    }

    @Override
    public String toString() {
        return "PixelArray" + shape + " " + dtype.numpyName() + " " + compression.wireName() + " ("
                + data.remaining() + " bytes)";
    }
}
