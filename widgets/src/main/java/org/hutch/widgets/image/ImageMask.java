package org.hutch.widgets.image;

/**
 * Pixels to mask (beam stop, bad pixels): {@code masked[row * cols + col]} true means masked. Masked
 * pixels are left out of contrast statistics and drawn in the mask colour when the overlay is on.
 * The array is kept by reference and must not be modified afterwards.
 */
public record ImageMask(int rows, int cols, boolean[] masked) {

    public ImageMask {
        if ((long) rows * cols != masked.length) {
            throw new IllegalArgumentException("mask array holds " + masked.length + " elements but shape "
                    + rows + "x" + cols + " needs " + (long) rows * cols);
        }
    }

    public boolean fits(ImageFrame frame) {
        return frame.rows() == rows && frame.cols() == cols;
    }

    public boolean isMasked(int row, int col) {
        return masked[row * cols + col];
    }
}
