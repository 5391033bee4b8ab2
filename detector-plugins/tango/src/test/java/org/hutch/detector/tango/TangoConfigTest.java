package org.hutch.detector.tango;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hutch.detector.DetectorException;
import org.hutch.detector.PluginOptions;
import org.hutch.detector.StreamInfo;
import org.hutch.model.acquisition.TriggerMode;
import org.junit.jupiter.api.Test;

class TangoConfigTest {

    private static TangoConfig config(String... keyValues) throws DetectorException {
        Map<String, String> options = new HashMap<>();
        options.put("device", "b311a/dia/eiger");
        for (int i = 0; i < keyValues.length; i += 2) {
            options.put(keyValues[i], keyValues[i + 1]);
        }
        return TangoConfig.from(PluginOptions.resolve("tango", TangoConfig.settings(), options));
    }

    @Test
    void defaultsAreTheMaxIvStandardNames() throws Exception {
        TangoConfig c = config();
        assertEquals(List.of("Arm"), c.names().get(Role.ARM));
        assertEquals(List.of("ExposureTime"), c.names().get(Role.EXPOSURE_TIME));
        assertEquals(List.of("TriggerMode"), c.names().get(Role.TRIGGER_MODE));
        assertEquals(List.of("nTriggers"), c.names().get(Role.TRIGGERS));
        assertEquals(List.of("FileName", "Filename"), c.names().get(Role.FILE_NAME));
        assertEquals(3000, c.timeoutMs());
        assertEquals(Map.of(TriggerMode.INTERNAL, "internal", TriggerMode.INTS, "ints", TriggerMode.INTE, "inte",
                TriggerMode.EXTS, "exts"), c.triggerModes());
        assertEquals("maxiv", c.profile());
        assertEquals(StateModel.Source.STATE, c.states().source());
        assertEquals(StreamInfo.Format.STINS, c.stream().format());
    }

    @Test
    void triggerModesMayMapToTheDevicesOwnValues() throws Exception {
        TangoConfig c = config("triggerModes", "internal=INTERNAL | exts=EXTERNAL_TRIGGER", "fileName", "");
        assertEquals("EXTERNAL_TRIGGER", c.triggerModes().get(TriggerMode.EXTS));
        assertEquals("INTERNAL", c.triggerModes().get(TriggerMode.INTERNAL));
        assertEquals(List.of(), c.names().get(Role.FILE_NAME));
    }

    @Test
    void badOptionsAreRefusedWithTheReason() {
        DetectorException mode = assertThrows(DetectorException.class, () -> config("triggerModes", "internal|gated"));
        assertTrue(mode.getMessage().contains("gated"), mode.getMessage());
        DetectorException arm = assertThrows(DetectorException.class, () -> config("arm", " "));
        assertTrue(arm.getMessage().contains("'arm'"), arm.getMessage());
        DetectorException device = assertThrows(DetectorException.class,
                () -> TangoConfig.from(PluginOptions.resolve("tango", TangoConfig.settings(), Map.of())));
        assertTrue(device.getMessage().contains("device"), device.getMessage());
    }
}
