package org.hutch.azint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import org.hutch.model.curve.RadialUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class GeometryTest {
    private static final String FLAT = """
            poni_version: 2
            Detector: Detector
            Detector_config: {"pixel1": 1e-4, "pixel2": 1e-4, "max_shape": [200, 300]}
            Distance: 0.1
            Poni1: 0.00995
            Poni2: 0.01995
            Rot1: 0
            Rot2: 0
            Rot3: 0
            Wavelength: 1e-10
            """;

    @ParameterizedTest
    @ValueSource(strings = {"dev01_ceo2_pilatus1m_real", "dev02_eiger4m_synth_nomask", "dev03_eiger2_4m_synth_masked"})
    void pixelCentreExtremesMatchTheReference(String name) throws IOException {
        RefCase c = RefCase.load(name);
        Geometry g = new Geometry(c.poni());
        double wlNm = g.poni().wavelengthNm();
        for (String key : new String[] {"q_nm", "2th_deg"}) {
            boolean q = key.equals("q_nm");
            double[] r = g.radialArray(q ? RadialUnit.Q_NM : RadialUnit.TTH_DEG);
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            for (double v : r) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            // the README's agreement of an independent float64 implementation with pyFAI: 1e-7 rad in 2theta
            double tol = q ? 2 * Math.PI / wlNm * 1e-7 : Math.toDegrees(1e-7);
            assertEquals(c.radialInfo(key, "pixel_centre_min"), lo, tol, name + " " + key + " min over all pixels");
            assertEquals(c.radialInfo(key, "pixel_centre_max"), hi, tol, name + " " + key + " max over all pixels");
        }
    }

    @Test
    void untiltedDetectorFollowsTheTextbook() {
        Geometry g = new Geometry(Poni.parse(FLAT));
        // pixel (99.5, 199.5) would be the PONI; pixel (99, 199) has its centre there
        assertEquals(0.0, g.tthAt(99, 199), 1e-12);
        assertEquals(1.0, g.solidAngleAt(99, 199), 1e-12);
        // 50 pixels along columns (x): 5 mm at 0.1 m
        double tth = Math.atan2(5e-3, 0.1);
        assertEquals(tth, g.tthAt(99, 249), 1e-12);
        assertEquals(0.0, g.chiAt(99, 249), 1e-12);
        assertEquals(Math.PI / 2, g.chiAt(149, 199), 1e-12, "+rows is +chi");
        assertEquals(Math.PI, Math.abs(g.chiAt(99, 149)), 1e-12);
        assertEquals(4 * Math.PI / 0.1 * Math.sin(tth / 2), g.qNmAt(99, 249), 1e-9);
        assertEquals(g.qNmAt(99, 249) / 10, g.qAAt(99, 249), 1e-12);
        assertEquals(Math.toDegrees(tth), g.radialAt(RadialUnit.TTH_DEG, 99, 249), 1e-12);
        assertEquals(Math.pow(Math.cos(tth), 3), g.solidAngleAt(99, 249), 1e-12);
        double cos2 = Math.cos(tth) * Math.cos(tth);
        assertEquals(0.5 * (1 + cos2), g.polarizationAt(99, 249, 0), 1e-12);
        // horizontal polarisation (f = 1) suppresses scattering along chi = 0 more than along chi = 90
        assertEquals(cos2, g.polarizationAt(99, 249, 1), 1e-12);
        assertEquals(1.0, g.polarizationAt(149, 199, 1), 1e-3);
        double[] bc = g.beamCentre();
        assertEquals(99.5, bc[0], 1e-9);
        assertEquals(199.5, bc[1], 1e-9);
    }

    @Test
    void rotationsMoveTheBeamCentreAsPyFaiDoes() {
        // with rot1 only, t2 = cos(rot1)·p2 + sin(rot1)·dist vanishes at p2 = −dist·tan(rot1) (pyFAI's getFit2D centerX)
        Geometry g = new Geometry(Poni.parse(FLAT.replace("Rot1: 0", "Rot1: 0.05")));
        double[] bc = g.beamCentre();
        assertNotNull(bc);
        assertEquals(0.0, g.tth(bc[0], bc[1]), 1e-9);
        assertEquals(0.00995 / 1e-4, bc[0], 1e-6, "rot1 does not move the centre along rows");
        assertEquals((0.01995 - 0.1 * Math.tan(0.05)) / 1e-4, bc[1], 1e-6);
    }
}
