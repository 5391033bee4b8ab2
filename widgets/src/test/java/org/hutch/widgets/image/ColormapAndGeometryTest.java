package org.hutch.widgets.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;

import org.hutch.model.curve.RadialUnit;
import org.hutch.widgets.plot.Curve;
import org.junit.jupiter.api.Test;

class ColormapAndGeometryTest {

    /**
     * Entries of matplotlib 3.6.3's 256-entry tables ({@code matplotlib.colormaps[name](i)}, each
     * channel times 255, rounded): index, rrggbb.
     */
    private static final Map<Colormap, int[]> MATPLOTLIB = Map.of(
            Colormap.VIRIDIS, new int[] {0, 0x440154, 1, 0x440256, 37, 0x46337f, 64, 0x3b528b, 127, 0x21908d, 128, 0x21918c,
                    200, 0x70cf57, 254, 0xfbe723, 255, 0xfde725},
            Colormap.INFERNO, new int[] {0, 0x000004, 1, 0x010005, 37, 0x290b55, 64, 0x57106e, 127, 0xba3655, 128, 0xbc3754,
                    200, 0xfb9d07, 254, 0xfafda1, 255, 0xfcffa4},
            Colormap.MAGMA, new int[] {0, 0x000004, 1, 0x010005, 37, 0x241253, 64, 0x51127c, 127, 0xb5367a, 128, 0xb73779,
                    200, 0xfd9869, 254, 0xfcfbbd, 255, 0xfcfdbf},
            Colormap.JET, new int[] {0, 0x000080, 1, 0x000084, 37, 0x0014ff, 64, 0x0080ff, 127, 0x7aff7d, 128, 0x7dff7a,
                    200, 0xff7700, 254, 0x840000, 255, 0x800000},
            Colormap.GRAY, new int[] {0, 0x000000, 1, 0x010101, 127, 0x7f7f7f, 128, 0x808080, 255, 0xffffff});

    @Test
    void colormapsEqualMatplotlibsTables() {
        assertEquals(Set.of(Colormap.values()), MATPLOTLIB.keySet(), "every map offered is checked");
        MATPLOTLIB.forEach((map, entries) -> {
            int[] lut = map.lut(false);
            for (int k = 0; k < entries.length; k += 2) {
                int i = entries[k];
                int expected = entries[k + 1];
                assertEquals(0xFF, lut[i] >>> 24, map + "[" + i + "] opaque");
                for (int shift = 0; shift <= 16; shift += 8) {
                    int want = (expected >> shift) & 0xFF;
                    int got = (lut[i] >> shift) & 0xFF;
                    assertTrue(Math.abs(want - got) <= 1, String.format("%s[%d] is %06x, matplotlib has %06x", map, i,
                            lut[i] & 0xFFFFFF, expected));
                }
            }
        });
        for (Colormap c : Colormap.values()) {
            assertEquals(Colormap.SIZE, c.lut(false).length);
            assertEquals(c.lut(false)[0], c.lut(true)[255], c + " reversed");
            assertEquals(c.lut(false)[255], c.lut(true)[0], c + " reversed");
        }
    }

    @Test
    void viridisIsPerceptuallyOrderedFromDarkToLight() {
        int[] lut = Colormap.VIRIDIS.lut(false);
        double previous = -1;
        for (int i = 0; i < 256; i += 16) {
            int c = lut[i];
            double luma = 0.2126 * ((c >> 16) & 0xFF) + 0.7152 * ((c >> 8) & 0xFF) + 0.0722 * (c & 0xFF);
            assertTrue(luma > previous, "luminance rises at " + i);
            previous = luma;
        }
    }

    @Test
    void ringContoursLieAtTheRequestedQ() {
        // q grows linearly with the distance from (50, 60): a ring at q = 20 is a circle of radius 20 px
        PixelGeometry g = new PixelGeometry() {
            @Override public double twoTheta(double row, double col) { return q(row, col); }
            @Override public double q(double row, double col) { return Math.hypot(row - 50, col - 60); }
            @Override public double chi(double row, double col) { return 0; }
        };
        double[] seg = RingContours.segments(g, 100, 120, new double[] {20}, 2);
        assertTrue(seg.length >= 4 * 30, "a closed ring has many segments: " + seg.length / 4);
        for (int i = 0; i < seg.length; i += 2) {
            double r = Math.hypot(seg[i + 1] - 50, seg[i] - 60);
            assertEquals(20, r, 0.3, "segment end on the circle");
        }
    }

    @Test
    void curvesConvertBetweenQUnitsAndTwoTheta() {
        Curve c = new Curve(new double[] {10, 20}, new double[] {1, 2}, null, RadialUnit.Q_NM, 1.0, 0);
        assertEquals(1.0, c.xIn(RadialUnit.Q_A)[0], 1e-12);
        // q = 4 pi sin(theta) / lambda: q = 1 A^-1 at 1 A -> 2theta = 2 asin(1 / 4pi)
        assertEquals(Math.toDegrees(2 * Math.asin(1 / (4 * Math.PI))), c.xIn(RadialUnit.TTH_DEG)[0], 1e-9);
        Curve noWavelength = new Curve(new double[] {10}, new double[] {1}, null, RadialUnit.Q_NM, 0);
        assertTrue(!noWavelength.convertibleTo(RadialUnit.TTH_DEG));
        assertTrue(noWavelength.convertibleTo(RadialUnit.Q_A));
    }
}
