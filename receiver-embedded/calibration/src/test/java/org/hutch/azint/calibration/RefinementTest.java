package org.hutch.azint.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.hutch.azint.Geometry;
import org.hutch.azint.Poni;
import org.junit.jupiter.api.Test;

/** The refinement's 2θ agrees with the integrator's Geometry, and exact points give back their geometry. */
class RefinementTest {
    private static final Poni TRUTH = new Poni(Poni.GENERIC, 75e-6, 75e-6, 2000, 2000, 0.12, 0.07, 0.08, 0.15, -0.1, 0.3, 1.0e-10);

    @Test
    void twoThetaIsTheGeometrysTwoTheta() {
        Geometry g = new Geometry(TRUTH);
        double[] d1 = {0.5, 100.25, 1999.5}, d2 = {1500.75, 3.5, 1000.5}, d = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] out = new double[3];
        TwoTheta.residuals(TRUTH.pixel1(), TRUTH.pixel2(), Refinement.values(TRUTH), d1, d2, d, out);
        for (int i = 0; i < 3; i++) {
            assertEquals(g.tth(d1[i], d2[i]), out[i], 1e-12);
        }
    }

    @Test
    void ringContourLiesOnItsTwoTheta() {
        Geometry g = new Geometry(TRUTH);
        double[][] c = RingContour.points(TRUTH, 0.3, 90);
        int on = 0;
        for (int i = 0; i < 90; i++) {
            if (!Double.isNaN(c[0][i])) {
                assertEquals(0.3, g.tth(c[0][i], c[1][i]), 1e-9);
                on++;
            }
        }
        assertTrue(on > 80);
    }

    @Test
    void exactPointsGiveBackTheGeometryWithTinyUncertainties() {
        Calibrant c = Calibrant.byName("Si").orElseThrow();
        List<ControlPoint> pts = exactPoints(c);
        Poni start = new Poni(Poni.GENERIC, 75e-6, 75e-6, 2000, 2000, 0.125, 0.0715, 0.0785, 0.13, -0.08, 0.3, 1.0e-10);
        Refinement.Result r = Refinement.refine(start, pts, c.dSpacings(), Refinement.defaultFree());
        assertEquals(TRUTH.dist(), r.poni().dist(), 1e-9);
        assertEquals(TRUTH.poni1(), r.poni().poni1(), 1e-9);
        assertEquals(TRUTH.poni2(), r.poni().poni2(), 1e-9);
        assertEquals(TRUTH.rot1(), r.poni().rot1(), 1e-8);
        assertEquals(TRUTH.rot2(), r.poni().rot2(), 1e-8);
        assertTrue(r.rms() < 1e-10, "rms " + r.rms());
        // a fixed parameter keeps its value; the wavelength can be refined with the distance held
        Refinement.Result w = Refinement.refine(TRUTH.withWavelength(1.01e-10), pts, c.dSpacings(),
                EnumSet.of(Param.WAVELENGTH, Param.PONI1, Param.PONI2, Param.ROT1, Param.ROT2));
        assertEquals(1.0e-10, w.poni().wavelength(), 1e-16);
        assertEquals(TRUTH.dist(), w.poni().dist(), 0);
        assertTrue(w.sigma().containsKey(Param.WAVELENGTH) && !w.sigma().containsKey(Param.DIST));
    }

    /** Points exactly on the rings of the truth: along each ring, where the pixel grid's 2θ crosses it. */
    private static List<ControlPoint> exactPoints(Calibrant c) {
        Geometry g = new Geometry(TRUTH);
        double[] tth = c.tth(TRUTH.wavelength());
        List<ControlPoint> pts = new ArrayList<>();
        for (int row = 0; row < 2000; row += 40) {
            for (int col = 1; col < 2000; col++) {
                double a = g.tth(row + 0.5, col - 0.5), b = g.tth(row + 0.5, col + 0.5);
                for (int k = 0; k < tth.length; k++) {
                    if ((a - tth[k]) * (b - tth[k]) < 0) {
                        // bisection along the row for the crossing
                        double lo = col - 0.5, hi = col + 0.5;
                        for (int it = 0; it < 60; it++) {
                            double mid = (lo + hi) / 2;
                            if ((g.tth(row + 0.5, lo) - tth[k]) * (g.tth(row + 0.5, mid) - tth[k]) <= 0) hi = mid; else lo = mid;
                        }
                        pts.add(new ControlPoint(row + 0.5, (lo + hi) / 2, k));
                    }
                }
            }
        }
        return pts;
    }
}
