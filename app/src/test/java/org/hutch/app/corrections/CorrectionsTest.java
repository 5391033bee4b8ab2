package org.hutch.app.corrections;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import org.hutch.app.client.AzintCurve;
import org.hutch.app.client.LiveFrame;
import org.hutch.model.curve.RadialUnit;
import org.hutch.model.pixels.PixelType;
import org.hutch.widgets.export.CurveFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorrectionsTest {

    private static LiveFrame uint32(int... v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int x : v) {
            b.putInt(x);
        }
        return new LiveFrame(1, 7, 1, v.length, PixelType.UINT32, b.flip(), 1);
    }

    @Test
    void theImageBadgeSaysCorrectedOnlyForAFrameTheDarkFits() {
        Corrections dark = Corrections.NONE.withDark(new double[8 * 6], 8, 6);
        org.hutch.widgets.image.ImageFrame full = org.hutch.widgets.image.ImageFrame.ofFloat64(8, 6, new double[8 * 6], 1);
        org.hutch.widgets.image.ImageFrame reduced = org.hutch.widgets.image.ImageFrame.ofFloat64(4, 3, new double[4 * 3], 1);
        org.hutch.widgets.image.ImageFrame other = org.hutch.widgets.image.ImageFrame.ofFloat64(5, 6, new double[5 * 6], 1);
        assertEquals("image corrected: dark \u2212", CorrectionTools.imageBadge(dark, full));
        // a large detector's frame reduced for the screen is shown raw: the badge must not say "corrected"
        assertEquals("image raw (reduced 2\u00d7 for the screen), 1D: dark \u2212", CorrectionTools.imageBadge(dark, reduced));
        assertEquals("image raw (5\u00d76, the dark/flat 8\u00d76), 1D: dark \u2212", CorrectionTools.imageBadge(dark, other));
        // a background alone corrects only the curve
        Corrections bg = Corrections.NONE.withBackground(new double[][] {{0, 1}, {0, 0}}, RadialUnit.Q_NM);
        assertEquals("bg \u2212", CorrectionTools.imageBadge(bg, reduced));
        assertEquals("", CorrectionTools.imageBadge(Corrections.NONE, reduced));
    }

    @Test
    void darkAndFlatInDoubleWithTheDetectorsFlagsInvalid() {
        // uint32 values above 2^31 (negative as Java ints) are counts, 0xFFFFFFFF the detector's flag
        LiveFrame f = uint32(0xF0000000, 10, -1, 5, 7);
        double[] dark = {1, 2, 3, 7, Double.NaN};
        Corrections c = Corrections.NONE.withDark(dark, 1, 5).withDarkScale(2);
        double[] out = c.correct(f);
        assertEquals(4026531840.0 - 2, out[0], 0, "no int overflow: (2^32 - 2^28) - 2*1");
        assertEquals(6, out[1], 0);
        assertTrue(Double.isNaN(out[2]), "0xFFFFFFFF stays invalid");
        assertEquals(-9, out[3], 0, "below the dark: negative, still valid");
        assertTrue(Double.isNaN(out[4]), "no dark there: invalid");

        // flat normalised to mean 1 over its pixels > 0; pixels <= 0 invalid
        Corrections cf = c.withFlat(new double[] {2, 4, 6, 0, -1}, 1, 5);
        assertArrayEquals(new double[] {0.5, 1, 1.5, Double.NaN, Double.NaN}, cf.flat(), 1e-15);
        double[] g = cf.correct(f);
        assertEquals((4026531840.0 - 2) / 0.5, g[0], 0);
        assertEquals(6, g[1], 0);
        assertTrue(Double.isNaN(g[3]), "flat 0: invalid");
        assertEquals("dark \u2212 2\u00d7 \u00b7 flat \u00f7", cf.badge());
    }

    @Test
    void signedAndFloatFramesKeepTheirInvalidRules() {
        ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putInt(Integer.MAX_VALUE).putInt(-2).putInt(3);
        LiveFrame f = new LiveFrame(1, 1, 1, 3, PixelType.INT32, b.flip(), 1);
        double[] out = Corrections.NONE.withDark(new double[] {-5, 0, 0}, 1, 3).correct(f);
        assertEquals(Integer.MAX_VALUE + 5.0, out[0], 0, "MAX - (-5) does not wrap");
        assertTrue(Double.isNaN(out[1]), "negative int32: Pilatus gap flag");
        ByteBuffer fb = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(Float.NaN).putFloat(2.5f);
        double[] fl = Corrections.NONE.withDark(new double[] {0, 0.5}, 1, 2)
                .correct(new LiveFrame(1, 1, 1, 2, PixelType.FLOAT32, fb.flip(), 1));
        assertTrue(Double.isNaN(fl[0]));
        assertEquals(2.0, fl[1], 0);
        assertThrows(IllegalArgumentException.class, () -> Corrections.NONE.withDark(new double[4], 2, 2).correct(f));
        assertThrows(IllegalArgumentException.class, () -> Corrections.NONE.withFlat(new double[] {0, -1}, 1, 2));
    }

    @Test
    void backgroundInterpolatedScaledAndClippedToItsRange(@TempDir Path dir) throws Exception {
        Path xy = Files.writeString(dir.resolve("bg.xy"), "# Dioptas\n#       2th_deg             I\n1.0 10\n2.0 20\n3.0 40\n");
        CurveFiles.Read r = CurveFiles.read(xy, RadialUnit.Q_NM);
        assertEquals(RadialUnit.TTH_DEG, r.unit());
        Corrections c = Corrections.NONE.withBackground(new double[][] {r.radial(), r.intensity()}, r.unit())
                .withBackgroundScale(0.5);
        AzintCurve in = new AzintCurve(3, RadialUnit.TTH_DEG, new double[] {0.5, 1.0, 1.5, 2.5, 3.0, 3.5},
                new double[] {100, 100, 100, 100, 100, 100}, null);
        AzintCurve out = c.subtractBackground(in);
        assertArrayEquals(new double[] {1.0, 1.5, 2.5, 3.0}, out.radial());
        assertArrayEquals(new double[] {95, 92.5, 85, 80}, out.intensity(), 1e-12);
        assertEquals("bg \u2212 0.5\u00d7", c.badge());
        assertThrows(IllegalArgumentException.class,
                () -> c.subtractBackground(new AzintCurve(3, RadialUnit.Q_NM, new double[] {1, 2}, new double[] {1, 1}, null)));

        Path chi = Files.writeString(dir.resolve("bg.chi"), "title\n2-Theta Angle (Degrees)\nIntensity\n       3\n"
                + " 3.0 1\n 2.0 2\n 1.0 3\n");
        CurveFiles.Read ch = CurveFiles.read(chi, RadialUnit.Q_NM);
        assertArrayEquals(new double[] {1, 2, 3}, ch.radial(), "decreasing files are turned round");
        assertEquals(RadialUnit.TTH_DEG, ch.unit());
        Path csv = Files.writeString(dir.resolve("bg.csv"), "radial_q_nm^-1,intensity,sigma\n1,2,0\n2,3,0\n");
        assertEquals(RadialUnit.Q_NM, CurveFiles.read(csv, RadialUnit.TTH_DEG).unit());
        Path bad = Files.writeString(dir.resolve("bad.dat"), "1 2\n2 x\n");
        assertThrows(java.io.IOException.class, () -> CurveFiles.read(bad, RadialUnit.Q_NM));
    }
}
