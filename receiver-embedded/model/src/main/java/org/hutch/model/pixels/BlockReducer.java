package org.hutch.model.pixels;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;
import java.util.Arrays;

/**
 * Reduces an image of raw little-endian pixels by f x f blocks, for any pixel type; the one block
 * reduction of the receiver's HTTP API and the app's client. Two conventions, one implementation:
 * <ul>
 *   <li>{@link #reduce}, the receiver's {@code downsample}: blocks at the right and bottom edges may
 *       be smaller (the output is ceil(rows / f) x ceil(cols / f)) and {@code mean} divides by the
 *       pixels really in the block. {@code max} keeps the type (unsigned types compared unsigned);
 *       {@code mean} keeps the type, truncated toward zero for integers, as MAX IV's receiver does;
 *       {@code sum} widens so it cannot overflow: uint64 for unsigned, int64 for signed, float64 for
 *       floats.</li>
 *   <li>{@link #reduceFullBlocks}, as numpy slicing in MAX IV's viewer: edge blocks that do not fill
 *       f x f are dropped (at least one block is kept). {@code max} keeps the type; {@code mean} and
 *       {@code sum} give float64.</li>
 * </ul>
 * For floats, NaN (an invalid pixel) is skipped by max and carried by mean and sum. Each source row
 * is first widened into a {@code long[]} (or {@code double[]}) row, then folded into the output row:
 * two tight loops per row, no per-pixel dispatch.
 */
public final class BlockReducer {

    /** A reduced image: raw little-endian pixels of {@code dtype}, row-major. */
    public record Image(ByteBuffer pixels, int rows, int cols, PixelType dtype) {
    }

    private BlockReducer() {
    }

    /** The output type of {@link #reduce}. */
    public static PixelType outputType(PixelType in, BlockReduction r) {
        if (r != BlockReduction.SUM) {
            return in;
        }
        return in.floating() ? PixelType.FLOAT64 : in.signed() ? PixelType.INT64 : PixelType.UINT64;
    }

    /** The output type of {@link #reduceFullBlocks}. */
    public static PixelType fullBlocksOutputType(PixelType in, BlockReduction r) {
        return r == BlockReduction.MAX ? in : PixelType.FLOAT64;
    }

    /**
     * Reduction with edge blocks kept (the receiver's convention).
     *
     * @param raw little-endian pixels, exactly rows x cols x dtype bytes from its position
     * @param f   block size, 1 returns the input unchanged
     */
    public static Image reduce(ByteBuffer raw, int rows, int cols, PixelType dtype, int f, BlockReduction r) {
        return reduce(raw, rows, cols, dtype, f, r, false);
    }

    /**
     * Reduction of whole f x f blocks only, mean and sum as float64 (MAX IV's viewer's convention).
     *
     * @param raw little-endian pixels, exactly rows x cols x dtype bytes from its position
     * @param f   block size, 1 returns the input unchanged
     */
    public static Image reduceFullBlocks(ByteBuffer raw, int rows, int cols, PixelType dtype, int f, BlockReduction r) {
        return reduce(raw, rows, cols, dtype, f, r, true);
    }

    /**
     * {@link #reduce}'s reduction of a band of rows, written into {@code out} from its position (which
     * advances). A frame cut into bands of a multiple of {@code f} rows, reduced band after band into one
     * output, gives exactly {@link #reduce}'s image: each output row depends only on its own f source rows.
     *
     * @param raw little-endian pixels, exactly rows x cols x dtype bytes from its position
     * @param f   block size, at least 2
     */
    public static void reduceInto(ByteBuffer raw, int rows, int cols, PixelType dtype, int f, BlockReduction r,
                                  ByteBuffer out) {
        if (f < 2) {
            throw new IllegalArgumentException("downsample factor of a band must be at least 2, not " + f);
        }
        ByteBuffer in = checkedInput(raw, rows, cols, dtype);
        Shape s = new Shape(rows, cols, cols, f, (rows + f - 1) / f, (cols + f - 1) / f);
        PixelType odt = outputType(dtype, r);
        ByteBuffer o = out.slice().order(ByteOrder.LITTLE_ENDIAN);
        reduceShape(in, s, dtype, r, o, odt);
        out.position(out.position() + o.position());
    }

    private static ByteBuffer checkedInput(ByteBuffer raw, int rows, int cols, PixelType dtype) {
        ByteBuffer in = raw.slice().order(ByteOrder.LITTLE_ENDIAN);
        if (in.remaining() != (long) rows * cols * dtype.bytes()) {
            throw new IllegalArgumentException("image has " + in.remaining() + " bytes, " + rows + "x" + cols + " "
                    + dtype.numpyName() + " needs " + (long) rows * cols * dtype.bytes());
        }
        return in;
    }

    private static void reduceShape(ByteBuffer in, Shape s, PixelType dtype, BlockReduction r, ByteBuffer out,
                                    PixelType odt) {
        if (dtype == PixelType.UINT16 || dtype == PixelType.UINT32) {
            reduceUnsignedSmall(in, s, dtype, r, out, odt);
        } else if (dtype.floating()) {
            reduceFloating(in, s, dtype, r, out, odt);
        } else {
            reduceIntegral(in, s, dtype, r, out, odt);
        }
    }

    private static Image reduce(ByteBuffer raw, int rows, int cols, PixelType dtype, int f, BlockReduction r,
                                boolean fullBlocks) {
        if (f < 1) {
            throw new IllegalArgumentException("downsample factor must be at least 1, not " + f);
        }
        ByteBuffer in = checkedInput(raw, rows, cols, dtype);
        if (f == 1) {
            return new Image(in, rows, cols, dtype);
        }
        // full blocks: read only the rows and columns the whole blocks cover (all of a side shorter than f)
        int usedRows = fullBlocks && rows >= f ? rows / f * f : rows;
        int usedCols = fullBlocks && cols >= f ? cols / f * f : cols;
        Shape s = new Shape(usedRows, usedCols, cols, f, (usedRows + f - 1) / f, (usedCols + f - 1) / f);
        PixelType odt = fullBlocks ? fullBlocksOutputType(dtype, r) : outputType(dtype, r);
        ByteBuffer out = ByteBuffer.allocate(s.orows * s.ocols * odt.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        reduceShape(in, s, dtype, r, out, odt);
        out.position(0);
        return new Image(out, s.orows, s.ocols, odt);
    }

    /**
     * The part of the image reduced: {@code rows} x {@code cols} pixels of rows {@code stride}
     * pixels long, by {@code f} x {@code f} blocks into {@code orows} x {@code ocols}.
     */
    private record Shape(int rows, int cols, int stride, int f, int orows, int ocols) {
        /** Pixels in block (orow's height h) x column block oc. */
        long blockSize(int h, int oc) {
            return (long) h * (Math.min(cols, (oc + 1) * f) - oc * f);
        }
    }

    private static void reduceIntegral(ByteBuffer in, Shape s, PixelType dtype, BlockReduction r, ByteBuffer out,
                                       PixelType odt) {
        int cols = s.cols;
        int f = s.f;
        long[] row = new long[cols];
        long[] acc = new long[s.ocols];
        boolean u64 = dtype == PixelType.UINT64;
        boolean unsignedMax = r == BlockReduction.MAX && u64;
        for (int orow = 0; orow < s.orows; orow++) {
            int r0 = orow * f;
            int r1 = Math.min(s.rows, r0 + f);
            Arrays.fill(acc, r == BlockReduction.MAX ? Long.MIN_VALUE : 0L);
            for (int y = r0; y < r1; y++) {
                readRow(in, y * s.stride, cols, dtype, row);
                if (r == BlockReduction.MAX) {
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
            for (int oc = 0; oc < s.ocols; oc++) {
                putIntegral(out, odt, r, acc[oc], s.blockSize(h, oc), u64);
            }
        }
    }

    /**
     * The common detector types, uint16 and uint32: each row is bulk-copied into an int[] (a memcpy)
     * and folded from there; max compares with the sign bit flipped, which orders unsigned ints.
     */
    private static void reduceUnsignedSmall(ByteBuffer in, Shape s, PixelType dtype, BlockReduction r,
                                            ByteBuffer out, PixelType odt) {
        int cols = s.cols;
        int f = s.f;
        boolean u16 = dtype == PixelType.UINT16;
        ShortBuffer sb = u16 ? in.asShortBuffer() : null;
        IntBuffer ib = u16 ? null : in.asIntBuffer();
        short[] srow = u16 ? new short[cols] : null;
        int[] row = new int[cols];
        int[] max = new int[s.ocols];
        long[] sum = new long[s.ocols];
        for (int orow = 0; orow < s.orows; orow++) {
            int r0 = orow * f;
            int r1 = Math.min(s.rows, r0 + f);
            Arrays.fill(max, Integer.MIN_VALUE);
            Arrays.fill(sum, 0L);
            for (int y = r0; y < r1; y++) {
                if (u16) {
                    sb.get(y * s.stride, srow, 0, cols);
                    for (int x = 0; x < cols; x++) {
                        row[x] = srow[x] & 0xFFFF;
                    }
                } else {
                    ib.get(y * s.stride, row, 0, cols);
                }
                if (r == BlockReduction.MAX) {
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
            for (int oc = 0; oc < s.ocols; oc++) {
                long v = r == BlockReduction.MAX ? (max[oc] ^ Integer.MIN_VALUE) & 0xFFFFFFFFL : sum[oc];
                putIntegral(out, odt, r, v, s.blockSize(h, oc), false);
            }
        }
    }

    /**
     * Writes one output pixel of an integer image: {@code v} is the block's max or sum; a mean is
     * the sum divided by the block's pixel count, truncated into an integer type or exact into float64.
     */
    private static void putIntegral(ByteBuffer out, PixelType odt, BlockReduction r, long v, long n, boolean u64) {
        if (r == BlockReduction.MAX || !odt.floating()) {
            put(out, odt, r == BlockReduction.MEAN ? (u64 ? Long.divideUnsigned(v, n) : v / n) : v);
        } else {
            double sum = u64 && v < 0 ? 2.0 * (v >>> 1) + (v & 1) : v;
            out.putDouble(r == BlockReduction.MEAN ? sum / n : sum);
        }
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

    /** Widens {@code cols} pixels from pixel index {@code start} into {@code row}. */
    private static void readRow(ByteBuffer in, int start, int cols, PixelType dtype, long[] row) {
        int base = start * dtype.bytes();
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

    private static void reduceFloating(ByteBuffer in, Shape s, PixelType dtype, BlockReduction r, ByteBuffer out,
                                       PixelType odt) {
        int cols = s.cols;
        int f = s.f;
        double[] row = new double[cols];
        double[] acc = new double[s.ocols];
        for (int orow = 0; orow < s.orows; orow++) {
            int r0 = orow * f;
            int r1 = Math.min(s.rows, r0 + f);
            Arrays.fill(acc, r == BlockReduction.MAX ? Double.NEGATIVE_INFINITY : 0.0);
            for (int y = r0; y < r1; y++) {
                int base = y * s.stride * dtype.bytes();
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
                        a = r == BlockReduction.MAX ? (row[x] > a ? row[x] : a) : a + row[x];
                    }
                    acc[oc] = a;
                }
            }
            int h = r1 - r0;
            for (int oc = 0; oc < s.ocols; oc++) {
                double v = acc[oc];
                if (r == BlockReduction.MEAN) {
                    v /= (double) s.blockSize(h, oc);
                } else if (r == BlockReduction.MAX && v == Double.NEGATIVE_INFINITY) {
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
