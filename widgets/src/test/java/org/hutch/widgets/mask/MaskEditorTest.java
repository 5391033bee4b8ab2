package org.hutch.widgets.mask;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class MaskEditorTest {

    /** Pixels whose centre is within r of (cx, cy), counted by hand. */
    @Test
    void aCircleMasksThePixelsWhoseCentresItHolds() {
        MaskEditor ed = new MaskEditor(20, 30, null);
        ed.apply(new MaskShape.Circle(10, 8, 3), true);
        int n = 0;
        for (int r = 0; r < 20; r++) {
            for (int c = 0; c < 30; c++) {
                boolean in = (c + 0.5 - 10) * (c + 0.5 - 10) + (r + 0.5 - 8) * (r + 0.5 - 8) <= 9;
                assertEquals(in ? 1 : 0, ed.mask()[r * 30 + c], "pixel " + r + "," + c);
                n += in ? 1 : 0;
            }
        }
        assertEquals(32, n); // a radius-3 disc centred on a pixel corner holds 32 pixel centres
    }

    @Test
    void rectangleAndPolygonAndRemoveMode() {
        MaskEditor ed = new MaskEditor(10, 10, null);
        ed.apply(new MaskShape.Rectangle(7.2, 6.9, 2.0, 1.0), true); // corners in any order
        for (int r = 0; r < 10; r++) {
            for (int c = 0; c < 10; c++) {
                boolean in = c >= 2 && c <= 6 && r >= 1 && r <= 6;
                assertEquals(in ? 1 : 0, ed.mask()[r * 10 + c], "pixel " + r + "," + c);
            }
        }
        // a triangle removes its half of the rectangle
        ed.apply(new MaskShape.Polygon(new double[] {0, 10, 0}, new double[] {0, 0, 10}), false);
        for (int r = 0; r < 10; r++) {
            for (int c = 0; c < 10; c++) {
                boolean rect = c >= 2 && c <= 6 && r >= 1 && r <= 6;
                boolean tri = c + 0.5 + r + 0.5 < 10;
                assertEquals(rect && !tri ? 1 : 0, ed.mask()[r * 10 + c], "pixel " + r + "," + c);
            }
        }
    }

    @Test
    void anArcThroughThreePointsIsTheRingSectorPassingTheMiddleOne() {
        // points on the circle of radius 10 around (20, 20): angle 0 (col 30), 90 deg (row 30), 180 deg (col 10)
        MaskShape.Arc a = MaskShape.Arc.throughThreePoints(new double[] {30, 20}, new double[] {20, 30},
                new double[] {10, 20}, 4);
        assertEquals(20, a.col(), 1e-9);
        assertEquals(20, a.row(), 1e-9);
        assertEquals(8, a.rInner(), 1e-9);
        assertEquals(12, a.rOuter(), 1e-9);
        assertTrue(a.contains(20, 30), "the middle point");
        assertFalse(a.contains(20, 10), "the other half of the ring");
        assertFalse(a.contains(20, 20 + 13), "outside the width");
        // the same three points the other way round pass through the upper half
        MaskShape.Arc b = MaskShape.Arc.throughThreePoints(new double[] {30, 20}, new double[] {20, 10},
                new double[] {10, 20}, 4);
        assertTrue(b.contains(20, 10));
        assertFalse(b.contains(20, 30));
        assertTrue(b.extent() < 0, "counter to increasing angle");
        assertThrows(IllegalArgumentException.class,
                () -> MaskShape.Arc.throughThreePoints(new double[] {0, 0}, new double[] {1, 1}, new double[] {2, 2}, 1));
    }

    @Test
    void undoRedoThresholdClearInvert() {
        MaskEditor ed = new MaskEditor(2, 3, new byte[] {0, 1, 0, 0, 0, 0});
        List<byte[]> seen = new ArrayList<>();
        ed.addListener(seen::add);
        ed.threshold(new double[] {5, 1, Double.NaN, 100, 7, -3}, false, 6, true); // above 6
        assertArrayEquals(new byte[] {0, 1, 0, 1, 1, 0}, ed.mask());
        ed.threshold(new double[] {5, 1, Double.NaN, 100, 7, -3}, true, 0, true); // below 0; NaN untouched
        assertArrayEquals(new byte[] {0, 1, 0, 1, 1, 1}, ed.mask());
        ed.invert();
        assertArrayEquals(new byte[] {1, 0, 1, 0, 0, 0}, ed.mask());
        ed.undo();
        assertArrayEquals(new byte[] {0, 1, 0, 1, 1, 1}, ed.mask());
        ed.undo();
        ed.undo();
        assertArrayEquals(new byte[] {0, 1, 0, 0, 0, 0}, ed.mask());
        assertFalse(ed.canUndo());
        ed.redo();
        assertArrayEquals(new byte[] {0, 1, 0, 1, 1, 0}, ed.mask());
        ed.clear();
        assertFalse(ed.canRedo(), "a new edit drops the redo steps");
        assertArrayEquals(new byte[6], ed.mask());
        assertEquals(8, seen.size());
        assertTrue(seen.get(0) != seen.get(1), "each change a new array");
        assertThrows(IllegalArgumentException.class, () -> ed.replace(new byte[5]));
    }
}
