package org.hutch.widgets.image;

/** A rectangle of whole image pixels: rows [row0, row1) and columns [col0, col1). */
public record ImageRegion(int row0, int col0, int row1, int col1) {

    public ImageRegion {
        if (row0 < 0 || col0 < 0 || row1 <= row0 || col1 <= col0) {
            throw new IllegalArgumentException("empty or negative region " + row0 + ".." + row1 + " x " + col0 + ".." + col1);
        }
    }

    public static ImageRegion whole(ImageFrame frame) {
        return new ImageRegion(0, 0, frame.rows(), frame.cols());
    }

    public int rows() {
        return row1 - row0;
    }

    public int cols() {
        return col1 - col0;
    }

    public boolean fitsIn(ImageFrame frame) {
        return row1 <= frame.rows() && col1 <= frame.cols();
    }
}
