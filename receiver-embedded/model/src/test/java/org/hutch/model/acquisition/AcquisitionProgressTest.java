package org.hutch.model.acquisition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AcquisitionProgressTest {

    @Test
    void fractionAndTimeLeftByFramesReceived() {
        AcquisitionProgress p = new AcquisitionProgress(1000, 250, 200, 50, "running", null, 5000);
        assertEquals(0.25, p.fraction(), 1e-12);
        assertEquals(15.0, p.secondsLeft(), 1e-12);
    }

    @Test
    void unknownCountOrRateCannotBeTold() {
        assertEquals(-1, new AcquisitionProgress(0, 10, -1, 5, null, null, 0).fraction());
        assertTrue(Double.isNaN(new AcquisitionProgress(100, 10, -1, -1, null, null, 0).secondsLeft()));
        assertTrue(Double.isNaN(new AcquisitionProgress(100, 10, -1, Double.NaN, null, null, 0).secondsLeft()));
        assertEquals(1.0, new AcquisitionProgress(10, 12, -1, 1, null, null, 0).fraction());
    }
}
