package org.hutch.widgets.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hutch.widgets.image.ImageFrame;
import org.hutch.widgets.image.ImageMask;
import org.junit.jupiter.api.Test;

class PixelAnalysisTest {

    /** 6 x 8 int32, pixel (r, c) = 10 r + c; (1, 1) is a gap (-1), (2, 3) is masked. */
    private static ImageFrame frame() {
        int[] d = new int[48];
        for (int r = 0; r < 6; r++) {
            for (int c = 0; c < 8; c++) {
                d[r * 8 + c] = 10 * r + c;
            }
        }
        d[9] = -1;
        return ImageFrame.ofInt32(6, 8, d, 5);
    }

    private static ImageMask mask() {
        boolean[] m = new boolean[48];
        m[2 * 8 + 3] = true;
        return new ImageMask(6, 8, m);
    }

    @Test
    void statisticsLeaveOutGapsAndMaskedPixels() {
        PixelStats s = PixelStats.of(frame(), mask(), new Roi("a", 1, 1, 4, 3), 1);
        // rows 1-2, cols 1-3: 11 (gap, out), 12, 13, 21, 22, 23 (masked, out)
        assertEquals(4, s.count());
        assertEquals(12 + 13 + 21 + 22, s.sum(), 0);
        assertEquals(22, s.max(), 0);
        assertEquals((12 + 13 + 21 + 22) / 4.0, s.mean(), 0);
        assertEquals(5, s.frame());
        PixelStats none = PixelStats.of(frame(), null, new Roi("b", 1, 1, 2, 2), 1);
        assertEquals(0, none.count());
        assertTrue(Double.isNaN(none.mean()));
    }

    @Test
    void bilinearProfileOfALinearImageIsExact() {
        LineProfile p = LineProfile.bilinear(frame(), null, 2.5, 3.5, 7.5, 4.5, 1); // pixel centres (3,2) -> (4,7)
        assertEquals((int) Math.ceil(Math.hypot(5, 1)) + 1, p.samples());
        for (int i = 0; i < p.samples(); i++) {
            double t = p.distance()[i] / p.length();
            double col = 2.5 + 5 * t - 0.5;
            double row = 3.5 + t - 0.5;
            assertEquals(10 * row + col, p.value()[i], 1e-9, "sample " + i);
        }
        LineProfile gap = LineProfile.bilinear(frame(), null, 0.5, 1.5, 3.5, 1.5, 1); // through the gap at (1, 1)
        assertEquals(10, gap.value()[0], 1e-12);
        assertTrue(Double.isNaN(gap.value()[1]));
    }

    @Test
    void projectionsSumAndAverageValidPixels() {
        Projections p = Projections.of(frame(), mask(), new Roi("a", 1, 1, 4, 3), 1, false);
        assertEquals(2, p.rows().length);
        assertEquals(12 + 13, p.rows()[0], 0);
        assertEquals(21 + 22, p.rows()[1], 0);
        assertEquals(21, p.cols()[0], 0);
        assertEquals(12 + 22, p.cols()[1], 0);
        assertEquals(13, p.cols()[2], 0);
        Projections m = Projections.of(frame(), mask(), new Roi("a", 1, 1, 4, 3), 1, true);
        assertEquals(17, m.cols()[1], 0);
    }
}
