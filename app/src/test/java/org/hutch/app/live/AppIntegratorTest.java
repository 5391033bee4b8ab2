package org.hutch.app.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import org.hutch.app.client.AzintCurve;
import org.hutch.app.client.LiveFrame;
import org.hutch.azint.Poni;
import org.hutch.model.pixels.PixelType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** App-side integration with the user's PONI and mask. */
class AppIntegratorTest {

    @TempDir
    Path dir;

    private static final Poni PONI = Poni.parse("poni_version: 2\nDetector: Detector\n"
            + "Detector_config: {\"pixel1\": 7.5e-05, \"pixel2\": 7.5e-05, \"max_shape\": [64, 64]}\n"
            + "Distance: 0.05\nPoni1: 0.0024\nPoni2: 0.0024\nRot1: 0\nRot2: 0\nRot3: 0\nWavelength: 1e-10\n");

    private static LiveFrame flatWithHotPixel(int hotIndex) {
        ByteBuffer b = ByteBuffer.allocate(64 * 64 * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 64 * 64; i++) {
            b.putInt(i == hotIndex ? 1_000_000 : 10);
        }
        return new LiveFrame(0, 3, 64, 64, PixelType.UINT32, b.flip(), 1);
    }

    private static double max(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, v);
        }
        return m;
    }

    @Test
    void aMaskedHotPixelLeavesTheCurve() throws Exception {
        int hot = 40 * 64 + 40;
        LiveFrame frame = flatWithHotPixel(hot);
        AzintCurve unmasked = new AppIntegrator(PONI, null, 50, false).integrate(frame);
        assertEquals(3, unmasked.frame());
        assertTrue(max(unmasked.intensity()) > 1000, "the hot pixel shows without a mask");

        byte[] mask = new byte[64 * 64];
        mask[hot] = 1;
        Path maskFile = dir.resolve("mask.u8.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(maskFile))) {
            out.write(mask);
        }
        byte[] read = AppIntegrator.readMask(maskFile, 64, 64);
        AzintCurve masked = new AppIntegrator(PONI, read, 50, false).integrate(frame);
        assertTrue(max(masked.intensity()) < 100, "masked: " + max(masked.intensity()));
    }

    @Test
    void aMaskOfTheWrongSizeOrAFrameOfTheWrongShapeIsRefusedClearly() throws Exception {
        Path maskFile = dir.resolve("mask.u8");
        Files.write(maskFile, new byte[100]);
        IOException e = assertThrows(IOException.class, () -> AppIntegrator.readMask(maskFile, 64, 64));
        assertTrue(e.getMessage().contains("100 bytes") && e.getMessage().contains("4096"), e.getMessage());

        ByteBuffer b = ByteBuffer.allocate(32 * 32 * 2).order(ByteOrder.LITTLE_ENDIAN);
        LiveFrame small = new LiveFrame(0, 0, 32, 32, PixelType.UINT16, b, 1);
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> new AppIntegrator(PONI, null, 50, false).integrate(small));
        assertTrue(shape.getMessage().contains("32x32"), shape.getMessage());
        // the simulator's own geometry follows whatever shape it simulates
        assertEquals(50, new AppIntegrator(PONI, null, 50, true).integrate(small).radial().length);
    }

    @Test
    void aFrameTheReceiverBinnedIsIntegratedWithTheGeometryBinnedAlike() throws Exception {
        // MAX IV's shared downsample 2: a 32 x 32 frame of 2 x 2 block means of the 64 x 64 detector
        ByteBuffer full = flatWithHotPixel(-1).pixels();
        ByteBuffer b = ByteBuffer.allocate(32 * 32 * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 32 * 32; i++) {
            b.putInt(full.getInt(0));
        }
        LiveFrame binned = new LiveFrame(0, 5, 32, 32, PixelType.UINT32, b.flip(), 2);
        byte[] mask = new byte[64 * 64];
        mask[10 * 64 + 10] = 1; // one pixel masks its whole 2 x 2 block
        AzintCurve c = new AppIntegrator(PONI, mask, 50, false).integrate(binned);
        AzintCurve fullRes = new AppIntegrator(PONI, null, 50, false).integrate(flatWithHotPixel(-1));
        assertEquals(50, c.radial().length);
        // the same q range as at full resolution, within the bigger pixels' centres
        assertEquals(fullRes.radial()[49], c.radial()[49], 0.05 * fullRes.radial()[49]);
        byte[] m = AppIntegrator.binnedMask(mask, 64, 64, 2);
        assertEquals(1, m[5 * 32 + 5]);
        assertEquals(0, m[5 * 32 + 6]);
    }

    @Test
    void curvesComeInTheUnitAskedFor() {
        AzintCurve tth = new AppIntegrator(PONI, null, 50, false, org.hutch.model.curve.RadialUnit.TTH_DEG)
                .integrate(flatWithHotPixel(-1));
        assertEquals(org.hutch.model.curve.RadialUnit.TTH_DEG, tth.unit());
        assertTrue(tth.radial()[49] > 1 && tth.radial()[49] < 90, "2theta in degrees: " + tth.radial()[49]);
    }
}
