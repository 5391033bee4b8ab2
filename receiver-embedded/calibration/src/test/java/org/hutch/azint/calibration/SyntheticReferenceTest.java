package org.hutch.azint.calibration;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Locale;
import org.hutch.azint.FrameView;
import org.hutch.azint.Poni;
import org.hutch.model.pixels.PixelType;
import org.hutch.testkit.TestData;
import org.junit.jupiter.api.Test;

/**
 * The synthetic LaB6 image of ../shared/testdata/azint/dev03 (Eiger2 4M, made by pyFAI from its
 * PONI, masked gaps, beam stop and hot pixels), calibrated as stored from a guess 5 mm and 20
 * pixels off: it lands on its PONI without any row reversal, which shows the pixel convention here
 * is pyFAI's (and that dev01's PONI belongs to its image upside down).
 */
class SyntheticReferenceTest {

    @Test
    void pyFaiSyntheticImageGivesBackItsPoni() throws Exception {
        Path dir = TestData.require("azint/dev03_eiger2_4m_synth_masked");
        Poni ref = Poni.read(dir.resolve("geometry.poni"));
        ByteBuffer b = ByteBuffer.wrap(Dev01.gunzip(dir.resolve("image.raw.gz"))).order(ByteOrder.LITTLE_ENDIAN);
        byte[] mask = Dev01.gunzip(dir.resolve("mask.u8.gz"));
        DetectorLayout det = DetectorLayout.byName("Eiger2_4M").orElseThrow();
        CalibrationImage img = CalibrationImage.of(FrameView.of(b, PixelType.INT32), det.rows(), det.cols(), mask, det);
        Poni guess = new Poni(ref.detector(), ref.pixel1(), ref.pixel2(), ref.rows(), ref.cols(), ref.dist() - 0.005,
                ref.poni1() + 20 * ref.pixel1(), ref.poni2() - 20 * ref.pixel2(), 0, 0, 0, ref.wavelength());
        Calibrator.Result r = Calibrator.calibrate(img, Calibrant.byName("LaB6").orElseThrow(), guess, Calibrator.Options.defaults());
        Poni p = r.poni();
        double distRel = Math.abs(p.dist() / ref.dist() - 1);
        double poni1Px = Math.abs(p.poni1() - ref.poni1()) / ref.pixel1(), poni2Px = Math.abs(p.poni2() - ref.poni2()) / ref.pixel2();
        double rot1Deg = Math.toDegrees(Math.abs(p.rot1() - ref.rot1())), rot2Deg = Math.toDegrees(Math.abs(p.rot2() - ref.rot2()));
        String report = String.format(Locale.ROOT, "dist %.4f %% poni1 %.3f px poni2 %.3f px rot1 %.4f° rot2 %.4f° rms %.2e, %d points on %d rings",
                100 * distRel, poni1Px, poni2Px, rot1Deg, rot2Deg, r.rms(), r.points().size(), r.rings());
        System.out.println(report);
        assertTrue(distRel < 1e-3 && poni1Px < 0.3 && poni2Px < 0.3 && rot1Deg < 0.05 && rot2Deg < 0.05, report);
    }
}
