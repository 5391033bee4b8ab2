package org.hutch.model.curve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RadialUnitTest {

    @Test
    void pyfaiNamesRoundTrip() {
        assertEquals("q_nm^-1", RadialUnit.Q_NM.pyfaiName());
        assertEquals("q_A^-1", RadialUnit.Q_A.pyfaiName());
        assertEquals("2th_deg", RadialUnit.TTH_DEG.pyfaiName());
        for (RadialUnit u : RadialUnit.values()) {
            assertEquals(u, RadialUnit.fromName(u.pyfaiName()));
            assertEquals(u.pyfaiName(), u.toString());
        }
        assertEquals(RadialUnit.Q_NM, RadialUnit.fromName("q"));
        assertEquals(RadialUnit.TTH_DEG, RadialUnit.fromName("2theta"));
        assertThrows(IllegalArgumentException.class, () -> RadialUnit.fromName("r_mm"));
    }

    @Test
    void plotLabels() {
        assertEquals("q (nm\u207b\u00b9)", RadialUnit.Q_NM.label());
        assertEquals("q (\u00c5\u207b\u00b9)", RadialUnit.Q_A.label());
        assertEquals("2\u03b8 (\u00b0)", RadialUnit.TTH_DEG.label());
        assertTrue(RadialUnit.Q_A.isQ());
        assertFalse(RadialUnit.TTH_DEG.isQ());
        assertFalse(RadialUnit.TTH_DEG.needsWavelength());
    }

    @Test
    void qInAngstromIsATenthOfQInNanometres() {
        double tth = Math.toRadians(20);
        assertEquals(RadialUnit.Q_NM.fromTth(tth, 0.1) / 10, RadialUnit.Q_A.fromTth(tth, 0.1), 1e-12);
        assertEquals(20, RadialUnit.TTH_DEG.fromTth(tth, Double.NaN), 1e-12);
        // the same point from laboratory coordinates: 2θ = 20° at 0.2 m
        double t3 = 0.2, t1 = t3 * Math.tan(tth);
        assertEquals(RadialUnit.Q_NM.fromTth(tth, 0.1), RadialUnit.Q_NM.fromLab(t1, 0, t3, 0.1), 1e-9);
        assertEquals(20, RadialUnit.TTH_DEG.fromLab(0, t1, t3, Double.NaN), 1e-9);
    }
}
