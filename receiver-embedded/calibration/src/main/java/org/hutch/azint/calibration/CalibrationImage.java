package org.hutch.azint.calibration;

import org.hutch.azint.FrameView;

/**
 * A calibrant image ready for peak picking: pixel values row-major, NaN where a pixel is masked,
 * in a module gap, or invalid (negative, the detector's overflow marker). Immutable.
 */
public final class CalibrationImage {
    private final int rows;
    private final int cols;
    private final double[] values;

    private CalibrationImage(int rows, int cols, double[] values) {
        this.rows = rows;
        this.cols = cols;
        this.values = values;
    }

    /**
     * @param mask     1 = excluded, row-major, or null
     * @param detector its module gaps are excluded too; null for none
     */
    public static CalibrationImage of(FrameView frame, int rows, int cols, byte[] mask, DetectorLayout detector) {
        if (frame.pixels() != rows * cols) {
            throw new IllegalArgumentException("image of " + frame.pixels() + " pixels is not " + rows + " x " + cols);
        }
        if (mask != null && mask.length != rows * cols) {
            throw new IllegalArgumentException("mask of " + mask.length + " pixels, the image has " + rows * cols);
        }
        if (detector != null && (detector.rows() != rows || detector.cols() != cols)) {
            throw new IllegalArgumentException("image shape " + rows + " x " + cols + " differs from detector " + detector.name()
                    + " shape " + detector.rows() + " x " + detector.cols());
        }
        double[] v = new double[rows * cols];
        frame.read(0, v.length, v);
        for (int r = 0, i = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++, i++) {
                if ((mask != null && mask[i] != 0) || (detector != null && detector.inGap(r, c)) || !Double.isFinite(v[i])) {
                    v[i] = Double.NaN;
                }
            }
        }
        return new CalibrationImage(rows, cols, v);
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** The value at (row, col), NaN if excluded. */
    public double at(int row, int col) {
        return values[row * cols + col];
    }

    /** The value at a row-major index, NaN if excluded. */
    public double at(int index) {
        return values[index];
    }

    public boolean valid(int row, int col) {
        return row >= 0 && col >= 0 && row < rows && col < cols && !Double.isNaN(values[row * cols + col]);
    }
}
