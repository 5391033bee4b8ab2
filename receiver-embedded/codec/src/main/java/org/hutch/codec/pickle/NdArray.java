package org.hutch.codec.pickle;

import java.util.Arrays;
import java.util.Objects;

/**
 * A numpy array as a pickle carries it.
 *
 * @param shape        sizes, slowest axis first
 * @param dtype        numpy's {@code dtype.str}: byte order and type code, for example {@code <u2}, {@code |u1}, {@code <f4}
 * @param data         the elements' bytes, in C order, or in Fortran order when {@code fortranOrder}
 * @param fortranOrder true when {@code data} is column-major
 */
public record NdArray(int[] shape, String dtype, byte[] data, boolean fortranOrder) {
    public NdArray {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(data, "data");
    }

    /** Bytes per element, from the dtype ({@code <u2} -> 2). */
    public int itemSize() {
        return Integer.parseInt(dtype.substring(2));
    }

    /** True unless the dtype is big-endian. */
    public boolean littleEndian() {
        return dtype.charAt(0) != '>';
    }

    public long elements() {
        long n = 1;
        for (int s : shape) {
            n *= s;
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NdArray && Arrays.equals(shape, ((NdArray) o).shape) && dtype.equals(((NdArray) o).dtype)
                && Arrays.equals(data, ((NdArray) o).data) && fortranOrder == ((NdArray) o).fortranOrder;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(shape), dtype, Arrays.hashCode(data), fortranOrder);
    }

    @Override
    public String toString() {
        return "NdArray" + Arrays.toString(shape) + " " + dtype + (fortranOrder ? " F" : "") + " (" + data.length
                + " bytes)";
    }
}
