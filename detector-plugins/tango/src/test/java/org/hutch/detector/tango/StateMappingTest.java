package org.hutch.detector.tango;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fr.esrf.Tango.DevState;
import org.hutch.detector.DetectorState;
import org.hutch.detector.DetectorStatus;
import org.hutch.model.acquisition.TriggerMode;
import org.junit.jupiter.api.Test;

class StateMappingTest {

    private static DetectorState map(DevState s, TriggerMode mode) {
        return StateMapping.map(s, "text", mode).state();
    }

    @Test
    void everyTangoStateHasADetectorState() {
        assertEquals(DetectorState.READY, map(DevState.ON, TriggerMode.INTERNAL));
        assertEquals(DetectorState.READY, map(DevState.STANDBY, TriggerMode.INTERNAL));
        assertEquals(DetectorState.RUNNING, map(DevState.RUNNING, TriggerMode.INTERNAL));
        assertEquals(DetectorState.RUNNING, map(DevState.MOVING, TriggerMode.INTERNAL));
        assertEquals(DetectorState.FAULT, map(DevState.FAULT, TriggerMode.INTERNAL));
        assertEquals(DetectorState.FAULT, map(DevState.ALARM, TriggerMode.INTERNAL));
        assertEquals(DetectorState.OFF, map(DevState.OFF, TriggerMode.INTERNAL));
        assertEquals(DetectorState.UNKNOWN, map(DevState.UNKNOWN, TriggerMode.INTERNAL));
        assertEquals(DetectorState.UNKNOWN, map(DevState.INIT, TriggerMode.INTERNAL));
    }

    @Test
    void runningMeansArmedWhileTheSeriesWaitsForTriggers() {
        assertEquals(DetectorState.ARMED, map(DevState.RUNNING, TriggerMode.EXTS));
        assertEquals(DetectorState.ARMED, map(DevState.RUNNING, TriggerMode.INTS));
        assertEquals(DetectorState.RUNNING, map(DevState.RUNNING, TriggerMode.INTERNAL));
    }

    @Test
    void faultCarriesTheStatusTextOrTheStateName() {
        DetectorStatus alarm = StateMapping.map(DevState.ALARM, "  temperature high \n", TriggerMode.INTERNAL);
        assertEquals("temperature high", alarm.message());
        assertEquals("Tango FAULT", StateMapping.map(DevState.FAULT, "", TriggerMode.INTERNAL).message());
    }
}
