package org.hutch.azint.calibration;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hutch.azint.Geometry;
import org.hutch.azint.Poni;
import org.junit.jupiter.api.Test;

/**
 * Clicks on rings of the real CeO2 image (as stored, against the mirrored reference geometry, see
 * {@link CalibratorTest}): the picked points lie on the clicked ring, and a calibration seeded by
 * them from a guess 40 pixels and 10 mm off (beyond the coarse search) lands on the reference.
 */
class RingPickerTest {

    @Test
    void pickedPointsFollowTheClickedRingAndSeedTheCalibration() throws Exception {
        Dev01 dev = Dev01.load();
        CalibrationImage image = dev.image();
        Poni ref = Dev01.mirror(dev.reference);
        Calibrant ceo2 = Calibrant.byName("CeO2").orElseThrow();
        double[] tth = ceo2.tth(ref.wavelength());
        Geometry g = new Geometry(ref);
        List<ControlPoint> seeds = new ArrayList<>();
        for (int ring : new int[] {0, 2}) {
            double[][] at = RingContour.points(ref, tth[ring], 8);
            // a click 2 pixels beside the ring, at χ = 0 (right of the beam)
            List<ControlPoint> picked = RingPicker.pick(image, at[0][4] + 2, at[1][4] + 1, ring, 4);
            assertTrue(picked.size() >= 12, ring + ": " + picked.size() + " points");
            double worst = 0;
            for (ControlPoint p : picked) {
                worst = Math.max(worst, Math.abs(g.tth(p.d1(), p.d2()) - tth[ring]));
            }
            double pixel = ref.pixel1() / ref.dist();
            assertTrue(worst < 3 * pixel, String.format(Locale.ROOT, "ring %d: a point %.2f px off the ring", ring, worst / pixel));
            seeds.addAll(picked);
        }
        Poni guess = Dev01.mirror(dev.guess(0.010, 40, -40));
        Calibrator.Result r = Calibrator.calibrate(image, ceo2, guess, seeds, Calibrator.Options.defaults());
        Poni p = r.poni();
        double[] bc = new Geometry(p).beamCentre(), bcRef = g.beamCentre();
        String report = String.format(Locale.ROOT, "dist %.4f %% beam centre %.3f px | %s", 100 * Math.abs(p.dist() / ref.dist() - 1),
                Math.hypot(bc[0] - bcRef[0], bc[1] - bcRef[1]), p.format());
        System.out.println(report);
        assertTrue(Math.abs(p.dist() / ref.dist() - 1) < 1e-3, report);
        assertTrue(Math.hypot(bc[0] - bcRef[0], bc[1] - bcRef[1]) < 0.3, report);
    }
}
