package org.hutch.azint.calibration;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.hutch.azint.Geometry;
import org.hutch.azint.Poni;
import org.junit.jupiter.api.Test;

/**
 * Why PONI2 stays about 0.5 pixel from the reference on the real CeO2 image: the points picked with
 * the reference geometry itself (17 rings, band 3 pixels, image rows reversed as in
 * {@link CalibratorTest}) have a radial residual that goes with cos χ, 0.12-0.14 pixel on the first
 * five rings and falling outwards: a beam centre off along the columns together with a tilt, which
 * is what a PONI2 and rot1 change makes. The refined geometry takes that harmonic away. The fit's
 * uncertainty of PONI2 is a tenth of the distance, so the data, not the refinement, put PONI2 there.
 */
class ReferenceResidualTest {

    @Test
    void theReferenceLeavesACosChiResidualThatTheRefinementRemoves() throws Exception {
        Dev01 dev = Dev01.load();
        Poni ref = dev.reference;
        Calibrant ceo2 = Calibrant.byName("CeO2").orElseThrow();
        double[] tth = ceo2.tth(ref.wavelength());
        List<ControlPoint> pts = PeakPicker.pick(dev.flippedImage(), ref, tth, Calibrator.reachable(dev.flippedImage(), ref, tth), 3, 4);
        Refinement.Result fit = Refinement.refine(ref, pts, ceo2.dSpacings(), Refinement.defaultFree());
        double atRef = cosChiAmplitude(ref, pts, ceo2, 5);
        double atFit = cosChiAmplitude(fit.poni(), pts, ceo2, 5);
        double dPoni2 = (fit.poni().poni2() - ref.poni2()) / ref.pixel2();
        double sigma = fit.sigma().get(Param.PONI2) / ref.pixel2();
        String line = String.format(Locale.ROOT, "cos χ residual on rings 1-5: %.3f px at the reference, %.3f px refined; "
                + "PONI2 %+.3f ± %.3f px, rot1 %+.4f°, %d points", atRef, atFit, dPoni2, sigma,
                Math.toDegrees(fit.poni().rot1() - ref.rot1()), pts.size());
        System.out.println(line);
        assertTrue(atRef > 0.08, line);
        assertTrue(Math.abs(atFit) < 0.05, line);
        assertTrue(Math.abs(dPoni2) > 4 * sigma, line);
    }

    /** Mean amplitude (pixels, radial) of the cos χ harmonic of the residuals over the first rings. */
    private static double cosChiAmplitude(Poni p, List<ControlPoint> pts, Calibrant c, int rings) {
        Geometry g = new Geometry(p);
        double[] d = c.dSpacings();
        double sum = 0;
        int n = 0;
        for (ControlPoint cp : pts) {
            if (cp.ring() >= rings) {
                continue;
            }
            double t = 2 * Math.asin(p.wavelength() / (2 * d[cp.ring()] * 1e-10));
            double px = (g.tth(cp.d1(), cp.d2()) - t) * p.dist() / (Math.cos(t) * Math.cos(t)) / p.pixel1();
            sum += px * Math.cos(g.chi(cp.d1(), cp.d2()));
            n++;
        }
        return 2 * sum / n;
    }
}
