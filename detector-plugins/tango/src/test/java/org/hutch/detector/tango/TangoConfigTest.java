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

    @Test
    void theProfilesSetTheDefaultsAndOptionsWin() throws Exception {
        TangoConfig lima = TangoPlugin.config(Map.of("device", "id00/limaccds/simu", "profile", "lima"));
        assertEquals(List.of("prepareAcq"), lima.names().get(Role.ARM));
        assertEquals(List.of("startAcq"), lima.names().get(Role.START));
        assertEquals(List.of(), lima.names().get(Role.TRIGGERS));
        assertTrue(lima.framesTotal());
        assertEquals(-1, lima.imageCounterBase());
        assertEquals("INTERNAL_TRIGGER_MULTI", lima.triggerModes().get(TriggerMode.INTE));
        TangoConfig eiger = TangoPlugin.config(Map.of("device", "b/c/d", "profile", "maxiv-eiger", "stop", "Stop"));
        assertEquals(List.of("CountTime"), eiger.names().get(Role.EXPOSURE_TIME));
        assertEquals(List.of("Stop"), eiger.names().get(Role.STOP), "an option wins over the profile");
        assertEquals(StateModel.Source.STATUS, eiger.states().source());
        DetectorException unknown = assertThrows(DetectorException.class,
                () -> TangoPlugin.config(Map.of("device", "b/c/d", "profile", "pilatus")));
        assertTrue(unknown.getMessage().contains("maxiv, maxiv-eiger, lima"), unknown.getMessage());
    }

    @Test
    void aSiteAddsAProfileAsAFileInItsProfileFolder(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Files.writeString(dir.resolve("bl-pilatus.properties"), String.join("\n",
                "description=the beamline's Pilatus", "exposureTime=ExpTime", "triggerModes=internal|exts=EXTERNAL", ""));
        java.nio.file.Files.writeString(dir.resolve("broken.properties"), "exposure=ExpTime\n");
        System.setProperty("org.hutch.detector.tango/profile_dir", dir.toString());
        try {
            TangoConfig c = TangoPlugin.config(Map.of("device", "b/c/d", "profile", "bl-pilatus"));
            assertEquals(List.of("ExpTime"), c.names().get(Role.EXPOSURE_TIME));
            assertEquals(List.of("Arm"), c.names().get(Role.ARM), "the rest are the plugin's defaults");
            assertEquals("EXTERNAL", c.triggerModes().get(TriggerMode.EXTS));
            assertTrue(Profile.names().contains("bl-pilatus"), Profile.names().toString());
            DetectorException broken = assertThrows(DetectorException.class,
                    () -> TangoPlugin.config(Map.of("device", "b/c/d", "profile", "broken")));
            assertTrue(broken.getMessage().contains("broken.properties") && broken.getMessage().contains("'exposure'"),
                    broken.getMessage());
        } finally {
            System.clearProperty("org.hutch.detector.tango/profile_dir");
        }
    }
}
