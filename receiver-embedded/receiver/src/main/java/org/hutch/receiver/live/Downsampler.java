package org.hutch.receiver.live;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import org.hutch.model.pixels.PixelType;

/**
 * Reduces an image by f x f blocks, for any pixel type. Blocks at the right and bottom edges may be
 * smaller (the output is ceil(rows / f) x ceil(cols / f)); {@code mean} divides by the pixels really in
 * the block.
 * <ul>
 *   <li>{@code max}: same type; keeps Bragg peaks and hot pixels visible (unsigned types compared unsigned)</li>
 *   <li>{@code mean}: same type, truncated toward zero for integers, as MAX IV's receiver does</li>
 *   <li>{@code sum}: widened so it cannot overflow: uint64 for unsigned, int64 for signed, float64 for floats</li>
 * </ul>
 * Each source row is first widened into a {@code long[]} (or {@code double[]}) row, then folded into the
 * output row: two tight loops per row, no per-pixel dispatch.
 */
public final class Downsampler {

    public enum Reduce {
        MAX, MEAN, SUM;

        /** @throws IllegalArgumentException naming the allowed values */
        public static Reduce parse(String s) {
            if (s == null || s.isBlank()) {
                return MAX;
            }
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("reduce must be max, mean or sum, not '" + s + "'");
            }
        }

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The reduced image: raw little-endian pixels of {@code dtype}, row-major. */
    public record Image(ByteBuffer pixels, int rows, int cols, PixelType dtype) {
    }

    private Downsampler() {
    }

    /** The output type of a reduction. */
    public static PixelType outputType(PixelType in, Reduce r) {
        if (r != Reduce.SUM) {
            return in;
        }
        return in.floating() ? PixelType.FLOAT64 : in.signed() ? PixelType.INT64 : PixelType.UINT64;
    }

    /**
     * @param raw little-endian pixels, exactly rows x cols x dtype bytes from its position
     * @param f   block size, 1 returns the input unchanged
     */
    public static Image reduce(ByteBuffer raw, int rows, int cols, PixelType dtype, int f, Reduce r) {
        if (f < 1) {
            throw new IllegalArgumentException("downsample factor must be at least 1, not " + f);
        }
        ByteBuffer in = raw.slice().order(ByteOrder.LITTLE_ENDIAN);
        if (in.remaining() != (long) rows * cols * dtype.bytes()) {
            throw new IllegalArgumentException("image has " + in.remaining() + " bytes, " + rows + "x" + cols + " "
                    + dtype.numpyName() + " needs " + (long) rows * cols * dtype.bytes());
        }
        if (f == 1) {
            return new Image(in, rows, cols, dtype);
        }
        int orows = (rows + f - 1) / f;
        int ocols = (cols + f - 1) / f;
        PixelType odt = outputType(dtype, r);
        ByteBuffer out = ByteBuffer.allocate(orows * ocols * odt.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        if (dtype == PixelType.UINT16 || dtype == PixelType.UINT32) {
            reduceUnsignedSmall(in, rows, cols, dtype, f, r, out, orows, ocols, odt);
        } else if (dtype.floating()) {
            reduceFloating(in, rows, cols, dtype, f, r, out, orows, ocols, odt);
        } else {
            reduceIntegral(in, rows, cols, dtype, f, r, out, orows, ocols, odt);
        }
        out.position(0);
        return new Image(out, orows, ocols, odt);
    }

    private static void reduceIntegral(ByteBuffer in, int rows, int cols, PixelType dtype, int f, Reduce r,
                                       ByteBuffer out, int orows, int ocols, PixelType odt) {
        long[] row = new long[cols];
        long[] acc = new long[ocols];
        boolean unsignedMax = r == Reduce.MAX && dtype == PixelType.UINT64;
        for (int orow = 0; orow < orows; orow++) {
            int r0 = orow * f;
            int r1 = Math.min(rows, r0 + f);
            java.util.Arrays.fill(acc, r == Reduce.MAX ? Long.MIN_VALUE : 0L);
            for (int y = r0; y < r1; y++) {
                readRow(in, y, cols, dtype, row);
                if (r == Reduce.MAX) {
                    if (unsignedMax) {
                        foldMaxUnsigned(row, acc, cols, f);
                    } else {
                        foldMax(row, acc, cols, f);
                    }
                } else {
                    foldSum(row, acc, cols, f);
                }
            }
            int h = r1 - r0;
            for (int oc = 0; oc < ocols; oc++) {
                long v = acc[oc];
                if (r == Reduce.MEAN) {
                    int w = Math.min(cols, (oc + 1) * f) - oc * f;
                    v = unsignedDivide(v, (long) h * w, dtype == PixelType.UINT64);
                }
                put(out, odt, v);
            }
        }
    }

    /**
     * The common detector types, uint16 and uint32: each row is bulk-copied into an int[] (a memcpy)
     * and folded from there; max compares with the sign bit flipped, which orders unsigned ints.
     */
    private static void reduceUnsignedSmall(ByteBuffer in, int rows, int cols, PixelType dtype, int f, Reduce r,
                                            ByteBuffer out, int orows, int ocols, PixelType odt) {
        boolean u16 = dtype == PixelType.UINT16;
        java.nio.ShortBuffer sb = u16 ? in.asShortBuffer() : null;
        java.nio.IntBuffer ib = u16 ? null : in.asIntBuffer();
        short[] srow = u16 ? new short[cols] : null;
        int[] row = new int[cols];
        int[] max = new int[ocols];
        long[] sum = new long[ocols];
        for (int orow = 0; orow < orows; orow++) {
            int r0 = orow * f;
            int r1 = Math.min(rows, r0 + f);
            java.util.Arrays.fill(max, Integer.MIN_VALUE);
            java.util.Arrays.fill(sum, 0L);
            for (int y = r0; y < r1; y++) {
                if (u16) {
                    sb.get(y * cols, srow, 0, cols);
                    for (int x = 0; x < cols; x++) {
                        row[x] = srow[x] & 0xFFFF;
                    }
                } else {
                    ib.get(y * cols, row, 0, cols);
                }
                if (r == Reduce.MAX) {
                    for (int x = 0, oc = 0; x < cols; oc++) {
                        int end = Math.min(cols, x + f);
                        int m = max[oc];
                        for (; x < end; x++) {
                            int v = row[x] ^ Integer.MIN_VALUE;
                            m = v > m ? v : m;
                        }
                        max[oc] = m;
                    }
                } else {
                    for (int x = 0, oc = 0; x < cols; oc++) {
                        int end = Math.min(cols, x + f);
                        long a = sum[oc];
                        for (; x < end; x++) {
                            a += row[x] & 0xFFFFFFFFL;
                        }
                        sum[oc] = a;
                    }
                }
            }
            int h = r1 - r0;
            for (int oc = 0; oc < ocols; oc++) {
                long v;
                if (r == Reduce.MAX) {
                    v = (max[oc] ^ Integer.MIN_VALUE) & 0xFFFFFFFFL;
                } else if (r == Reduce.MEAN) {
                    v = sum[oc] / ((long) h * (Math.min(cols, (oc + 1) * f) - oc * f));
                } else {
                    v = sum[oc];
                }
                put(out, odt, v);
            }
        }
    }

    private static long unsignedDivide(long v, long d, boolean unsigned) {
        return unsigned ? Long.divideUnsigned(v, d) : v / d;
    }

    private static void foldMax(long[] row, long[] acc, int cols, int f) {
        for (int x = 0, oc = 0; x < cols; oc++) {
            int end = Math.min(cols, x + f);
            long m = acc[oc];
            for (; x < end; x++) {
                long v = row[x];
                if (v > m) {
                    m = v;
                }
            }
            acc[oc] = m;
        }
    }

    private static void foldMaxUnsigned(long[] row, long[] acc, int cols, int f) {
        for (int x = 0, oc = 0; x < cols; oc++) {
            int end = Math.min(cols, x + f);
            long m = acc[oc];
            for (; x < end; x++) {
                if (m == Long.MIN_VALUE || Long.compareUnsigned(row[x], m) > 0) {
                    m = row[x];
                }
            }
            acc[oc] = m;
        }
    }

    private static void foldSum(long[] row, long[] acc, int cols, int f) {
        for (int x = 0, oc = 0; x < cols; oc++) {
            int end = Math.min(cols, x + f);
            long s = acc[oc];
            for (; x < end; x++) {
                s += row[x];
            }
            acc[oc] = s;
        }
    }

    private static void readRow(ByteBuffer in, int y, int cols, PixelType dtype, long[] row) {
        int base = y * cols * dtype.bytes();
        switch (dtype) {
            case UINT8:
                for (int x = 0; x < cols; x++) {
                    row[x] = in.get(base + x) & 0xFFL;
                }
                break;
            case INT8:
                for (int x = 0; x < cols; x++) {
                    row[x] = in.get(base + x);
                }
                break;
            case UINT16:
                for (int x = 0; x < cols; x++) {
                    row[x] = in.getShort(base + 2 * x) & 0xFFFFL;
                }
                break;
            case INT16:
                for (int x = 0; x < cols; x++) {
                    row[x] = in.getShort(base + 2 * x);
                }
                break;
            case UINT32:
                for (int x = 0; x < cols; x++) {
                    row[x] = in.getInt(base + 4 * x) & 0xFFFFFFFFL;
                }
                break;
            case INT32:
                for (int x = 0; x < cols; x++) {
                    row[x] = in.getInt(base + 4 * x);
                }
                break;
            case UINT64:
            case INT64:
                for (int x = 0; x < cols; x++) {
                    row[x] = in.getLong(base + 8 * x);
                }
                break;
            default:
                throw new IllegalArgumentException("not an integer type: " + dtype);
        }
    }

    private static void put(ByteBuffer out, PixelType t, long v) {
        switch (t.bytes()) {
            case 1: out.put((byte) v); break;
            case 2: out.putShort((short) v); break;
            case 4: out.putInt((int) v); break;
            default: out.putLong(v); break;
        }
    }

    private static void reduceFloating(ByteBuffer in, int rows, int cols, PixelType dtype, int f, Reduce r,
                                       ByteBuffer out, int orows, int ocols, PixelType odt) {
        double[] row = new double[cols];
        double[] acc = new double[ocols];
        for (int orow = 0; orow < orows; orow++) {
            int r0 = orow * f;
            int r1 = Math.min(rows, r0 + f);
            java.util.Arrays.fill(acc, r == Reduce.MAX ? Double.NEGATIVE_INFINITY : 0.0);
            for (int y = r0; y < r1; y++) {
                int base = y * cols * dtype.bytes();
                if (dtype == PixelType.FLOAT32) {
                    for (int x = 0; x < cols; x++) {
                        row[x] = in.getFloat(base + 4 * x);
                    }
                } else {
                    for (int x = 0; x < cols; x++) {
                        row[x] = in.getDouble(base + 8 * x);
                    }
                }
                for (int x = 0, oc = 0; x < cols; oc++) {
                    int end = Math.min(cols, x + f);
                    double a = acc[oc];
                    for (; x < end; x++) {
                        // NaN (invalid pixel) is skipped by max, carried by mean and sum
                        a = r == Reduce.MAX ? (row[x] > a ? row[x] : a) : a + row[x];
                    }
                    acc[oc] = a;
                }
            }
            int h = r1 - r0;
            for (int oc = 0; oc < ocols; oc++) {
                double v = acc[oc];
                if (r == Reduce.MEAN) {
                    v /= (double) h * (Math.min(cols, (oc + 1) * f) - oc * f);
                } else if (r == Reduce.MAX && v == Double.NEGATIVE_INFINITY) {
                    v = Double.NaN;
                }
                if (odt == PixelType.FLOAT32) {
                    out.putFloat((float) v);
                } else {
                    out.putDouble(v);
                }
            }
        }
    }
}
