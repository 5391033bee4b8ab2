package org.hutch.detector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiTest {

    private static final List<SettingSpec> SPECS = List.of(
            SettingSpec.ofString("bind", "Endpoint", "tcp://127.0.0.1:0", "where to bind"),
            SettingSpec.ofEnum("format", "Format", List.of("stins", "stream1"), "stins", ""),
            SettingSpec.ofInt("rows", "Rows", "px", 1, 4096, 512, ""),
            SettingSpec.ofDouble("gain", "Gain", "", 0.0, null, 1.0, ""),
            SettingSpec.ofBool("hot", "Hot pixels", true, ""));

    @Test
    void optionsTakeDefaultsAndNormaliseValues() throws DetectorException {
        PluginOptions o = PluginOptions.resolve("sim", SPECS, Map.of("format", " STREAM1 ", "hot", "no"));
        assertEquals("stream1", o.string("format"));
        assertEquals(512, o.integer("rows"));
        assertEquals(1.0, o.number("gain"));
        assertFalse(o.bool("hot"));
        assertEquals("tcp://127.0.0.1:0", o.string("bind"));
    }

    @Test
    void badOptionsNameTheKeyAndWhatIsAllowed() {
        DetectorException unknown = assertThrows(DetectorException.class,
                () -> PluginOptions.resolve("sim", SPECS, Map.of("colour", "red")));
        assertTrue(unknown.getMessage().contains("colour") && unknown.getMessage().contains("bind"), unknown.getMessage());
        DetectorException range = assertThrows(DetectorException.class,
                () -> PluginOptions.resolve("sim", SPECS, Map.of("rows", "5000")));
        assertTrue(range.getMessage().contains("1 .. 4096"), range.getMessage());
        DetectorException notNumber = assertThrows(DetectorException.class,
                () -> PluginOptions.resolve("sim", SPECS, Map.of("gain", "lots")));
        assertTrue(notNumber.getMessage().contains("gain"), notNumber.getMessage());
        DetectorException notChoice = assertThrows(DetectorException.class,
                () -> PluginOptions.resolve("sim", SPECS, Map.of("format", "tiff")));
        assertTrue(notChoice.getMessage().contains("[stins, stream1]"), notChoice.getMessage());
    }

    @Test
    void specParsingKeepsCommaValues() throws DetectorException {
        DetectorPlugins.Spec s = DetectorPlugins.parse("simulator:bind=tcp://127.0.0.1:9999,shape=512,256,format=stins");
        assertEquals("simulator", s.id());
        assertEquals(Map.of("bind", "tcp://127.0.0.1:9999", "shape", "512,256", "format", "stins"), s.options());
        assertEquals(Map.of(), DetectorPlugins.parse("eiger").options());
        assertThrows(DetectorException.class, () -> DetectorPlugins.parse("simulator:bind"));
        assertThrows(DetectorException.class, () -> DetectorPlugins.parse(":a=b"));
    }

    @Test
    void serviceLoaderFindsPluginsAndUnknownIdsAreNamed() throws DetectorException {
        assertTrue(DetectorPlugins.all().stream().anyMatch(p -> p.id().equals("api-test")));
        assertEquals("api-test", DetectorPlugins.require("API-TEST").id());
        DetectorException e = assertThrows(DetectorException.class, () -> DetectorPlugins.require("nope"));
        assertTrue(e.getMessage().contains("api-test"), e.getMessage());
        DetectorException bad = assertThrows(DetectorException.class, () -> DetectorPlugins.open("api-test:x=1"));
        assertTrue(bad.getMessage().contains("'x'"), bad.getMessage());
    }

    @Test
    void formatsParseDectrisNames() {
        assertEquals(StreamInfo.Format.DECTRIS_V2, StreamInfo.Format.fromName("cbor"));
        assertEquals("stream1", StreamInfo.Format.DECTRIS_V1.cliName());
        assertTrue(DetectorState.READY.canArm());
        assertFalse(DetectorState.RUNNING.canConfigure());
    }
}
