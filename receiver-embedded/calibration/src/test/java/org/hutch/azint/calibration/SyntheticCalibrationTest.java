package org.hutch.azint.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hutch.azint.Poni;
import org.junit.jupiter.api.Test;

/** Synthetic rings from a known geometry with large tilts, calibrated from a guess millimetres, pixels and degrees off. */
class SyntheticCalibrationTest {

    @Test
    void largeTiltsAreRecovered() {
        DetectorLayout det = DetectorLayout.byName("Pilatus1M").orElseThrow();
        Poni truth = new Poni("Pilatus1M", det.pixel1(), det.pixel2(), det.rows(), det.cols(), 0.15, 0.085, 0.09,
                Math.toRadians(12), Math.toRadians(-8), 0, 1.0e-10);
        Calibrant lab6 = Calibrant.byName("LaB6").orElseThrow();
        CalibrationImage img = Synthetic.rings(truth, lab6, det, 1.2);
        Poni guess = new Poni("Pilatus1M", det.pixel1(), det.pixel2(), det.rows(), det.cols(), 0.155, 0.085 + 20 * det.pixel1(),
                0.09 - 20 * det.pixel2(), Math.toRadians(10), Math.toRadians(-6), 0, 1.0e-10);
        Calibrator.Result r = Calibrator.calibrate(img, lab6, guess, Calibrator.Options.defaults());
        Poni p = r.poni();
        String report = p.format() + " rms " + r.rms() + " points " + r.points().size();
        System.out.println(report);
        assertEquals(truth.dist(), p.dist(), 1e-4 * truth.dist(), report);
        assertEquals(truth.poni1(), p.poni1(), 0.1 * det.pixel1(), report);
        assertEquals(truth.poni2(), p.poni2(), 0.1 * det.pixel2(), report);
        assertEquals(truth.rot1(), p.rot1(), Math.toRadians(0.01), report);
        assertEquals(truth.rot2(), p.rot2(), Math.toRadians(0.01), report);
    }
}
