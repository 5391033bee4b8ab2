package org.hutch.widgets.image;

/**
 * How the detector image is turned for display: first mirrored left-right (columns reversed) when
 * {@code mirrored}, then rotated by {@code quarterTurns} quarter turns clockwise. These eight cover
 * every flip and 90&deg; rotation. Only the screen changes: tools, overlays, the readout, masks and
 * integration keep the detector's own pixel coordinates.
 * <p>
 * Coordinates are continuous: x along columns in [0, cols], y along rows in [0, rows]; the display
 * image is {@link #displayCols} wide and {@link #displayRows} high.
 */
public record DisplayTransform(int quarterTurns, boolean mirrored) {

    public static final DisplayTransform IDENTITY = new DisplayTransform(0, false);

    public DisplayTransform {
        quarterTurns = Math.floorMod(quarterTurns, 4);
    }

    /** This, then the display turned a quarter clockwise. */
    public DisplayTransform rotatedClockwise() {
        return new DisplayTransform(quarterTurns + 1, mirrored);
    }

    /** This, then the display turned a quarter counter-clockwise. */
    public DisplayTransform rotatedCounterClockwise() {
        return new DisplayTransform(quarterTurns + 3, mirrored);
    }

    /** This, then the display mirrored left-right (as seen on screen): a mirror moved past a rotation reverses it. */
    public DisplayTransform flippedHorizontally() {
        return new DisplayTransform(-quarterTurns, !mirrored);
    }

    /** This, then the display mirrored top-bottom (as seen on screen): a left-right mirror and a half turn. */
    public DisplayTransform flippedVertically() {
        return new DisplayTransform(2 - quarterTurns, !mirrored);
    }

    public boolean isIdentity() {
        return quarterTurns == 0 && !mirrored;
    }

    /** Whether rows and columns swap on screen. */
    public boolean swapsAxes() {
        return (quarterTurns & 1) == 1;
    }

    public int displayRows(int rows, int cols) {
        return swapsAxes() ? cols : rows;
    }

    public int displayCols(int rows, int cols) {
        return swapsAxes() ? rows : cols;
    }

    /** Display point {x, y} of the detector point (col, row) in an image of rows x cols. */
    public double[] toDisplay(double col, double row, int rows, int cols) {
        double x = mirrored ? cols - col : col;
        double y = row;
        int w = cols;
        int h = rows;
        for (int i = 0; i < quarterTurns; i++) { // a quarter clockwise: (x, y) in w x h -> (h - y, x) in h x w
            double nx = h - y;
            y = x;
            x = nx;
            int t = w;
            w = h;
            h = t;
        }
        return new double[] {x, y};
    }

    /** Detector point {col, row} shown at display point (x, y), for an image of rows x cols. */
    public double[] toDetector(double x, double y, int rows, int cols) {
        int w = displayCols(rows, cols);
        int h = displayRows(rows, cols);
        for (int i = 0; i < quarterTurns; i++) { // a quarter counter-clockwise: (x, y) in w x h -> (y, w - x) in h x w
            double nx = y;
            y = w - x;
            x = nx;
            int t = w;
            w = h;
            h = t;
        }
        return new double[] {mirrored ? cols - x : x, y};
    }

    /** A short description for menus and status lines, e.g. "mirrored, rotated 90° clockwise". */
    public String describe() {
        if (isIdentity()) {
            return "as the detector sees it";
        }
        String turn = quarterTurns == 0 ? "" : "rotated " + quarterTurns * 90 + "\u00b0 clockwise";
        return mirrored ? (turn.isEmpty() ? "mirrored left-right" : "mirrored left-right, then " + turn) : turn;
    }
}
