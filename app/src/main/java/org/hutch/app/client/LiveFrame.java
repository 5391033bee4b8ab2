package org.hutch.app.client;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;
import org.hutch.model.pixels.BlockReducer;
import org.hutch.model.pixels.BlockReduction;
import org.hutch.model.pixels.PixelType;

/**
 * A decoded frame as the live view gets it: raw little-endian pixels, C order.
 *
 * @param series     series id, or -1 if unknown
 * @param frame      frame number within the series, or -1 if unknown
 * @param rows       rows after any downsampling
 * @param cols       columns after any downsampling
 * @param dtype      pixel type of {@code pixels}
 * @param pixels     rows x cols x dtype bytes, little-endian (read-only view, position 0)
 * @param downsample the factor already applied (1 = full resolution)
 */
public record LiveFrame(long series, long frame, int rows, int cols, PixelType dtype, ByteBuffer pixels, int downsample) {
    public LiveFrame {
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(pixels, "pixels");
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("bad frame shape [" + rows + ", " + cols + "]");
        }
        long need = (long) rows * cols * dtype.bytes();
        if (pixels.remaining() != need) {
            throw new IllegalArgumentException("frame of shape [" + rows + ", " + cols + "] " + dtype.numpyName()
                    + " needs " + need + " bytes, got " + pixels.remaining());
        }
        pixels = pixels.slice().order(ByteOrder.LITTLE_ENDIAN).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * This frame reduced by factor x factor blocks on the client, for receivers whose own factor is
     * shared with other viewers (MAX IV's {@code /downsample}) and must not be changed behind their
     * back: whole blocks only, as numpy slicing in MAX IV's viewer
     * ({@link BlockReducer#reduceFullBlocks}). Factor 1 is this frame.
     */
    public LiveFrame reduced(int factor, BlockReduction how) {
        if (factor == 1) {
            return this;
        }
        BlockReducer.Image img = BlockReducer.reduceFullBlocks(pixels, rows, cols, dtype, factor, how);
        return new LiveFrame(series, frame, img.rows(), img.cols(), img.dtype(), img.pixels(), downsample * factor);
    }

    public int pixelCount() {
        return rows * cols;
    }

    /** Value of pixel {@code i} (C order) as a double; unsigned types read as unsigned. */
    public double value(int i) {
        return read(pixels, dtype, i);
    }

    /** All pixels as floats (unsigned types as unsigned; 0xFFFFFFFF stays 4.29e9 for the widget to flag). */
    public float[] toFloats() {
        float[] out = new float[pixelCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) read(pixels, dtype, i);
        }
        return out;
    }

    /** All pixels as doubles. */
    public double[] toDoubles() {
        double[] out = new double[pixelCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = read(pixels, dtype, i);
        }
        return out;
    }

    static double read(ByteBuffer b, PixelType dtype, int i) {
        switch (dtype) {
            case UINT8: return b.get(i) & 0xFF;
            case INT8: return b.get(i);
            case UINT16: return b.getShort(i * 2) & 0xFFFF;
            case INT16: return b.getShort(i * 2);
            case UINT32: return b.getInt(i * 4) & 0xFFFFFFFFL;
            case INT32: return b.getInt(i * 4);
            case UINT64: {
                long v = b.getLong(i * 8);
                return v >= 0 ? v : (double) (v >>> 1) * 2.0;
            }
            case INT64: return b.getLong(i * 8);
            case FLOAT32: return b.getFloat(i * 4);
            case FLOAT64: return b.getDouble(i * 8);
            default: throw new IllegalStateException(dtype.toString());
        }
    }
}
