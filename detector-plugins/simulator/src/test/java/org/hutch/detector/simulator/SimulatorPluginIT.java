package org.hutch.detector.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hutch.detector.Detector;
import org.hutch.detector.DetectorException;
import org.hutch.detector.DetectorPlugin;
import org.hutch.detector.DetectorPlugins;
import org.hutch.detector.DetectorState;
import org.hutch.detector.SettingSpec;
import org.hutch.detector.StreamInfo;
import org.hutch.model.acquisition.TriggerMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The plugin as an application sees it: found by ServiceLoader, options described, errors a user can act on. */
@Timeout(60)
class SimulatorPluginIT {

    @Test
    void serviceLoaderFindsTheSimulatorAndItsOptions() {
        DetectorPlugin p = DetectorPlugins.find("simulator").orElseThrow(() -> new AssertionError("simulator plugin not found"));
        assertEquals(SimulatorPlugin.class, p.getClass());
        Set<String> keys = p.settings().stream().map(SettingSpec::key).collect(Collectors.toSet());
        assertTrue(keys.containsAll(Set.of("bind", "format", "shape", "dtype", "compression", "poni", "fault")), keys.toString());
        SettingSpec format = p.settings().stream().filter(s -> s.key().equals("format")).findFirst().orElseThrow();
        assertEquals(java.util.List.of("stins", "stream1", "stream2"), format.allowedValues());
    }

    @Test
    void opensFromACommandLineSpecOnAFreePort() throws DetectorException {
        try (Detector d = DetectorPlugins.open("simulator:bind=tcp://127.0.0.1:0,shape=16,24,format=stream2")) {
            StreamInfo info = d.streamInfo();
            assertTrue(info.endpoint().matches("tcp://127\\.0\\.0\\.1:[1-9][0-9]*"), info.endpoint());
            assertEquals(StreamInfo.Format.DECTRIS_V2, info.format());
            assertEquals(DetectorState.READY, d.state());
            assertEquals(Set.of(TriggerMode.INTS, TriggerMode.INTE, TriggerMode.INTERNAL), d.triggerModes());
            assertTrue(d.name().contains(info.endpoint()));
        }
    }

    @Test
    void theBuiltInGeometryDescribesTheDefaultDetector() throws DetectorException {
        SimulatorConfig c = SimulatorConfig.from(org.hutch.detector.PluginOptions.resolve("simulator",
                SimulatorConfig.settings(), Map.of()));
        assertEquals(1024, c.rows());
        assertEquals(1024, c.cols());
        assertEquals(75e-6, c.poni().pixel1(), 1e-12);
        assertTrue(c.poni().wavelength() > 0);
        assertEquals("tcp://127.0.0.1:0", c.bind());
    }

    @Test
    void aBusyPortIsNamedInTheError() throws DetectorException {
        try (SimulatedDetector first = Sims.open()) {
            DetectorException e = assertThrows(DetectorException.class, () -> Sims.open("bind", first.streamInfo().endpoint()));
            assertTrue(e.getMessage().contains(first.streamInfo().endpoint()) && e.getMessage().contains("in use"), e.getMessage());
        }
    }

    @Test
    void badOptionsSayWhatIsWrong(@TempDir Path dir) throws Exception {
        DetectorException shape = assertThrows(DetectorException.class, () -> Sims.open("shape", "12"));
        assertTrue(shape.getMessage().contains("ROWS,COLS"), shape.getMessage());
        DetectorException missing = assertThrows(DetectorException.class, () -> Sims.open("poni", dir.resolve("none.poni").toString()));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
        Path broken = Files.writeString(dir.resolve("broken.poni"), "Distance: -1\n");
        DetectorException invalid = assertThrows(DetectorException.class, () -> Sims.open("poni", broken.toString()));
        assertTrue(invalid.getMessage().contains("broken.poni"), invalid.getMessage());
        DetectorException dtype = assertThrows(DetectorException.class, () -> Sims.open("dtype", "float64"));
        assertTrue(dtype.getMessage().contains("dtype"), dtype.getMessage());
        DetectorException unknown = assertThrows(DetectorException.class,
                () -> DetectorPlugins.open("simulator:colour=red"));
        assertTrue(unknown.getMessage().contains("colour"), unknown.getMessage());
    }

    @Test
    void aPoniFileGivesTheGeometry(@TempDir Path dir) throws Exception {
        Path poni = Files.writeString(dir.resolve("g.poni"), "poni_version: 2\nDetector: Detector\n"
                + "Detector_config: {\"pixel1\": 1e-4, \"pixel2\": 1e-4, \"max_shape\": [40, 30]}\n"
                + "Distance: 0.05\nPoni1: 0.002\nPoni2: 0.0015\nRot1: 0\nRot2: 0\nRot3: 0\nWavelength: 1e-10\n");
        try (SimulatedDetector d = Sims.open("poni", poni.toString(), "shape", "")) {
            assertEquals(40, d.config().rows());
            assertEquals(30, d.config().cols());
            assertEquals(0.05, d.config().poni().dist());
        }
    }
}
