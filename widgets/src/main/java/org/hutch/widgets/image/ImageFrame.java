package org.hutch.widgets.image;

import java.util.Objects;
import org.hutch.model.pixels.PixelType;

/**
 * One 2-D detector image as the widgets accept it: a row-major primitive array, its element type,
 * the frame number and an optional extra invalid value. It knows nothing about detectors.
 * <p>
 * A pixel is <em>invalid</em> (drawn in the view's invalid colour, left out of contrast statistics) when
 * it is NaN or infinite (floating types), the all-ones value of an unsigned type (0xFF, 0xFFFF,
 * 0xFFFFFFFF, as detectors mark gaps and dead pixels), negative in a signed integer type, or equal to
 * {@link #invalidValue()} when one is given.
 * <p>
 * The array is kept by reference and must not be modified after the frame is handed to a widget.
 * Instances are immutable otherwise and safe to pass between threads.
 */
public final class ImageFrame {

    private final int rows;
    private final int cols;
    private final PixelType type;
    private final Object data;
    private final long frameNumber;
    private final double invalidValue;

    private ImageFrame(int rows, int cols, PixelType type, Object data, int length, long frameNumber, double invalidValue) {
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("image shape must be positive, got " + rows + "x" + cols);
        }
        if ((long) rows * cols != length) {
            throw new IllegalArgumentException("pixel array holds " + length + " elements but shape "
                    + rows + "x" + cols + " needs " + (long) rows * cols);
        }
        this.rows = rows;
        this.cols = cols;
        this.type = type;
        this.data = data;
        this.frameNumber = frameNumber;
        this.invalidValue = invalidValue;
    }

    public static ImageFrame ofUInt8(int rows, int cols, byte[] data, long frame) {
        return new ImageFrame(rows, cols, PixelType.UINT8, data, data.length, frame, Double.NaN);
    }

    public static ImageFrame ofInt8(int rows, int cols, byte[] data, long frame) {
        return new ImageFrame(rows, cols, PixelType.INT8, data, data.length, frame, Double.NaN);
    }

    public static ImageFrame ofUInt16(int rows, int cols, short[] data, long frame) {
        return new ImageFrame(rows, cols, PixelType.UINT16, data, data.length, frame, Double.NaN);
    }

    public static ImageFrame ofInt16(int rows, int cols, short[] data, long frame) {
        return new ImageFrame(rows, cols, PixelType.INT16, data, data.length, frame, Double.NaN);
    }

    public static ImageFrame ofUInt32(int rows, int cols, int[] data, long frame) {
        return new ImageFrame(rows, cols, PixelType.UINT32, data, data.length, frame, Double.NaN);
    }

    public static ImageFrame ofInt32(int rows, int cols, int[] data, long frame) {
        return new ImageFrame(rows, cols, PixelType.INT32, data, data.length, frame, Double.NaN);
    }

    public static ImageFrame ofUInt64(int rows, int cols, long[] data, long frame) {
        return new ImageFrame(rows, cols, PixelType.UINT64, data, data.length, frame, Double.NaN);
    }

    public static ImageFrame ofInt64(int rows, int cols, long[] data, long frame) {
        return new ImageFrame(rows, cols, PixelType.INT64, data, data.length, frame, Double.NaN);
    }

    public static ImageFrame ofFloat32(int rows, int cols, float[] data, long frame) {
        return new ImageFrame(rows, cols, PixelType.FLOAT32, data, data.length, frame, Double.NaN);
    }

    public static ImageFrame ofFloat64(int rows, int cols, double[] data, long frame) {
        return new ImageFrame(rows, cols, PixelType.FLOAT64, data, data.length, frame, Double.NaN);
    }

    /** A copy of this frame (same array) where pixels equal to {@code value} are also invalid; NaN means none. */
    public ImageFrame withInvalidValue(double value) {
        return new ImageFrame(rows, cols, type, data, rows * cols, frameNumber, value);
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public PixelType type() {
        return type;
    }

    public boolean isUnsigned() {
        return type.unsigned();
    }

    public long frameNumber() {
        return frameNumber;
    }

    /** The extra invalid value, or NaN when none was given. */
    public double invalidValue() {
        return invalidValue;
    }

    /** The pixel array: byte[], short[], int[], long[], float[] or double[] according to {@link #type()}. */
    public Object data() {
        return data;
    }

    /** True when the other frame has the same number of rows and columns. */
    public boolean sameShape(ImageFrame other) {
        return other != null && other.rows == rows && other.cols == cols;
    }

    /** The pixel value as a double, unsigned types read as unsigned. Invalid pixels return their raw value. */
    public double value(int row, int col) {
        Objects.checkIndex(row, rows);
        Objects.checkIndex(col, cols);
        return rawValue(row * cols + col);
    }

    /** True when the pixel is invalid by the rules in the class comment. */
    public boolean isInvalid(int row, int col) {
        Objects.checkIndex(row, rows);
        Objects.checkIndex(col, cols);
        int i = row * cols + col;
        double v = rawValue(i);
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return true;
        }
        if (!Double.isNaN(invalidValue) && v == invalidValue) {
            return true;
        }
        switch (type) {
            case UINT8: return ((byte[]) data)[i] == (byte) 0xFF;
            case UINT16: return ((short[]) data)[i] == (short) 0xFFFF;
            case UINT32: return ((int[]) data)[i] == -1;
            case UINT64: return ((long[]) data)[i] == -1L;
            default: return type.signedInteger() && v < 0;
        }
    }

    double rawValue(int i) {
        switch (type) {
            case INT8: return ((byte[]) data)[i];
            case UINT8: return ((byte[]) data)[i] & 0xFF;
            case INT16: return ((short[]) data)[i];
            case UINT16: return ((short[]) data)[i] & 0xFFFF;
            case INT32: return ((int[]) data)[i];
            case UINT32: return ((int[]) data)[i] & 0xFFFFFFFFL;
            case INT64: return ((long[]) data)[i];
            case UINT64: {
                long v = ((long[]) data)[i];
                return v >= 0 ? v : (double) (v >>> 1) * 2.0;
            }
            case FLOAT32: return ((float[]) data)[i];
            case FLOAT64: return ((double[]) data)[i];
            default: throw new AssertionError(type);
        }
    }

    @Override
    public String toString() {
        return "ImageFrame[" + rows + "x" + cols + " " + type + ", frame " + frameNumber + "]";
    }
}
