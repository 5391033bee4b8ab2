package org.hutch.widgets.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class DisplayTransformTest {

    private static final int ROWS = 3;
    private static final int COLS = 5;

    /** Where the centre of detector pixel (row, col) lands, written out case by case. */
    private static double[] expected(DisplayTransform t, double col, double row) {
        double x = t.mirrored() ? COLS - col : col;
        double y = row;
        return switch (t.quarterTurns()) {
            case 0 -> new double[] {x, y};
            case 1 -> new double[] {ROWS - y, x};          // clockwise: the left column becomes the top row
            case 2 -> new double[] {COLS - x, ROWS - y};
            default -> new double[] {y, COLS - x};         // counter-clockwise: the top row becomes the left column
        };
    }

    @Test
    void allEightOrientationsMapAndMapBack() {
        Set<DisplayTransform> seen = new HashSet<>();
        for (int k = 0; k < 4; k++) {
            for (boolean m : new boolean[] {false, true}) {
                DisplayTransform t = new DisplayTransform(k, m);
                seen.add(t);
                for (double[] p : new double[][] {{0.5, 0.5}, {4.5, 0.5}, {2.25, 1.75}, {0, 3}}) {
                    double[] d = t.toDisplay(p[0], p[1], ROWS, COLS);
                    assertArrayEquals(expected(t, p[0], p[1]), d, 1e-12, t + " " + p[0] + "," + p[1]);
                    assertArrayEquals(p, t.toDetector(d[0], d[1], ROWS, COLS), 1e-12, t + " back");
                }
            }
        }
        assertEquals(8, seen.size());
    }

    @Test
    void screenFlipsAndTurnsComposeAsTheUserSeesThem() {
        DisplayTransform cw = DisplayTransform.IDENTITY.rotatedClockwise();
        // flipping the turned image left-right on screen: display x mirrored, y kept
        DisplayTransform flipped = cw.flippedHorizontally();
        double[] before = cw.toDisplay(1.5, 0.5, ROWS, COLS);
        double[] after = flipped.toDisplay(1.5, 0.5, ROWS, COLS);
        assertArrayEquals(new double[] {ROWS - before[0], before[1]}, after, 1e-12);
        DisplayTransform vflip = cw.flippedVertically();
        after = vflip.toDisplay(1.5, 0.5, ROWS, COLS);
        assertArrayEquals(new double[] {before[0], COLS - before[1]}, after, 1e-12);
        assertEquals(DisplayTransform.IDENTITY, cw.rotatedCounterClockwise());
        assertEquals(DisplayTransform.IDENTITY, DisplayTransform.IDENTITY.flippedHorizontally().flippedHorizontally());
        assertEquals(new DisplayTransform(2, false),
                DisplayTransform.IDENTITY.flippedHorizontally().flippedVertically());
    }
}
