package org.hutch.widgets.analysis;

/** A straight line from (col0, row0) to (col1, row1), in full-resolution detector pixel coordinates (fractional). */
public record LineCut(double col0, double row0, double col1, double row1) {

    public double length() {
        return Math.hypot(col1 - col0, row1 - row0);
    }
}
