package org.hutch.widgets.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hutch.model.curve.RadialUnit;
import org.hutch.widgets.plot.Curve;
import org.junit.jupiter.api.Test;

class ColormapAndGeometryTest {

    @Test
    void colormapEndpointsAreThePublishedStops() {
        assertEquals(0xFF440154, Colormap.VIRIDIS.lut(false)[0]);
        assertEquals(0xFFFDE725, Colormap.VIRIDIS.lut(false)[255]);
        assertEquals(0xFF000004, Colormap.INFERNO.lut(false)[0]);
        assertEquals(0xFFFCFFA4, Colormap.INFERNO.lut(false)[255]);
        assertEquals(0xFF000004, Colormap.MAGMA.lut(false)[0]);
        assertEquals(0xFFFCFDBF, Colormap.MAGMA.lut(false)[255]);
        assertEquals(0xFF000000, Colormap.GRAY.lut(false)[0]);
        assertEquals(0xFFFFFFFF, Colormap.GRAY.lut(false)[255]);
        assertEquals(0xFF000080, Colormap.JET.lut(false)[0], "jet starts dark blue");
        assertEquals(0xFF800000, Colormap.JET.lut(false)[255], "jet ends dark red");
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
