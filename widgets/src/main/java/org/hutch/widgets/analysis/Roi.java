package org.hutch.widgets.analysis;

import java.util.Objects;

/**
 * A named rectangle of whole detector pixels, columns [col0, col1) and rows [row0, row1), in the
 * detector's own full-resolution pixel coordinates (whatever the display shows: a reduced frame,
 * a flip or a turn).
 */
public record Roi(String name, int col0, int row0, int col1, int row1) {

    public Roi {
        Objects.requireNonNull(name, "name");
        if (col1 < col0) {
            int t = col0;
            col0 = col1;
            col1 = t;
        }
        if (row1 < row0) {
            int t = row0;
            row0 = row1;
            row1 = t;
        }
    }

    /** The rectangle whose opposite corners are the two fractional points, rounded to whole pixels. */
    public static Roi spanning(String name, double colA, double rowA, double colB, double rowB) {
        return new Roi(name, (int) Math.round(Math.min(colA, colB)), (int) Math.round(Math.min(rowA, rowB)),
                (int) Math.round(Math.max(colA, colB)), (int) Math.round(Math.max(rowA, rowB)));
    }

    public int cols() {
        return col1 - col0;
    }

    public int rows() {
        return row1 - row0;
    }

    public boolean isEmpty() {
        return cols() <= 0 || rows() <= 0;
    }

    public boolean contains(double col, double row) {
        return col >= col0 && col < col1 && row >= row0 && row < row1;
    }

    public Roi movedBy(int dCol, int dRow) {
        return new Roi(name, col0 + dCol, row0 + dRow, col1 + dCol, row1 + dRow);
    }

    public Roi named(String newName) {
        return new Roi(newName, col0, row0, col1, row1);
    }

    @Override
    public String toString() {
        return name + " [cols " + col0 + ".." + col1 + ", rows " + row0 + ".." + row1 + ")";
    }
}
