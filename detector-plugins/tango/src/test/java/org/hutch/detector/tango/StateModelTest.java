package org.hutch.detector.tango;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.hutch.detector.DetectorState;
import org.hutch.detector.DetectorStatus;
import org.hutch.detector.PluginOptions;
import org.hutch.model.acquisition.TriggerMode;
import org.junit.jupiter.api.Test;

/** The three built-in profiles' state models, on the readings their devices give. */
class StateModelTest {

    private static StateModel model(String profile) throws Exception {
        return TangoPlugin.config(Map.of("device", "a/b/c", "profile", profile)).states();
    }

    private static DetectorStatus map(StateModel m, String tango, String status, String value, String error,
                                      TriggerMode mode) {
        return m.map(new StateModel.Reading(tango, status, value, error), mode);
    }

    @Test
    void maxivRunningIsArmedAndMovingIsAcquiring() throws Exception {
        StateModel m = model("maxiv");
        assertEquals(DetectorState.READY, map(m, "ON", "", "", "", TriggerMode.INTE).state());
        assertEquals(DetectorState.ARMED, map(m, "RUNNING", "", "", "", TriggerMode.INTE).state());
        assertEquals(DetectorState.RUNNING, map(m, "MOVING", "", "", "", TriggerMode.INTE).state());
        assertEquals(DetectorState.RUNNING, map(m, "RUNNING", "", "", "", TriggerMode.INTERNAL).state(),
                "a series that runs by itself is acquiring once armed");
        assertEquals(DetectorState.OFF, map(m, "OFF", "", "", "", TriggerMode.INTE).state());
        assertEquals(DetectorState.UNKNOWN, map(m, "INIT", "", "", "", TriggerMode.INTE).state());
        DetectorStatus alarm = map(m, "ALARM", "  temperature high \n", "", "", TriggerMode.INTERNAL);
        assertEquals(new DetectorStatus(DetectorState.FAULT, "temperature high", alarm.time()), alarm);
        assertEquals("Tango FAULT", map(m, "FAULT", "", "", "", TriggerMode.INTERNAL).message());
    }

    @Test
    void maxivEigerReadsTheFirstLineOfStatus() throws Exception {
        StateModel m = model("maxiv-eiger");
        assertEquals(DetectorState.READY, map(m, "ON", "idle", "", "", TriggerMode.INTS).state());
        assertEquals(DetectorState.ARMED, map(m, "ON", "ready\nwaiting", "", "", TriggerMode.INTS).state());
        assertEquals(DetectorState.RUNNING, map(m, "MOVING", "ready", "", "", TriggerMode.INTS).state());
        assertEquals(DetectorState.RUNNING, map(m, "ON", "acquire", "", "", TriggerMode.INTS).state());
        DetectorStatus error = map(m, "ON", "error\nhigh voltage failure", "", "", TriggerMode.INTS);
        assertEquals(DetectorState.FAULT, error.state());
        assertEquals("high voltage failure", error.message());
        assertEquals(DetectorState.UNKNOWN, map(m, "ON", "sleeping", "", "", TriggerMode.INTS).state());
    }

    @Test
    void limaReadsAcqStatusAndItsErrorWhileStateStaysOn() throws Exception {
        StateModel m = model("lima");
        assertEquals(DetectorState.READY, map(m, "ON", "", "Ready", "", TriggerMode.INTE).state());
        assertEquals(DetectorState.RUNNING, map(m, "ON", "", "Running", "", TriggerMode.INTE).state());
        DetectorStatus fault = map(m, "ON", "", "Fault", "camera link lost", TriggerMode.INTE);
        assertEquals(DetectorState.FAULT, fault.state());
        assertEquals("camera link lost", fault.message());
        assertEquals("acq_status Fault", map(m, "ON", "", "Fault", "", TriggerMode.INTE).message());
        assertEquals(DetectorState.FAULT, map(m, "FAULT", "device fault", "Ready", "", TriggerMode.INTE).state(),
                "a Tango FAULT wins over the status attribute");
    }

    @Test
    void theStateMapsAreOptions() throws Exception {
        TangoConfig c = TangoConfig.from(PluginOptions.resolve("tango", TangoConfig.settings(), Map.of("device", "a/b/c",
                "tangoStates", "ON=READY|STANDBY=ARMED")));
        assertEquals(DetectorState.ARMED, map(c.states(), "STANDBY", "", "", "", TriggerMode.EXTS).state());
        assertEquals(DetectorState.UNKNOWN, map(c.states(), "RUNNING", "", "", "", TriggerMode.EXTS).state());
    }
}
