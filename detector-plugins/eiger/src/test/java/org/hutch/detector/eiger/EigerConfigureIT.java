package org.hutch.detector.eiger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.hutch.detector.DetectorException;
import org.hutch.model.acquisition.AcquisitionSettings;
import org.hutch.model.acquisition.TriggerMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** configure() against the simulated DCU: what ends up stored there, and what is refused. */
class EigerConfigureIT {
    private SimplonSimulator sim;
    private EigerDetector detector;

    @BeforeEach
    void start() throws Exception {
        sim = SimplonSimulator.start("1.8.0");
        detector = Sims.open(sim, "photon_energy", "12400", "compression", "lz4");
    }

    @AfterEach
    void stop() {
        detector.close();
        sim.close();
    }

    @Test
    void writesTheSettingsToTheDcu() throws Exception {
        AcquisitionSettings s = new AcquisitionSettings(0.02, 0.025, 7, 3, TriggerMode.INTS, "/data/sample_01.h5",
                Map.of("sample", "LaB6", "threshold_energy", 6000));
        detector.configure(s);
        assertEquals(0.02, (Double) sim.value("detector/config/count_time"), 1e-12);
        assertEquals(0.025, (Double) sim.value("detector/config/frame_time"), 1e-12);
        assertEquals(7L, sim.value("detector/config/nimages"));
        assertEquals(3L, sim.value("detector/config/ntrigger"));
        assertEquals("ints", sim.value("detector/config/trigger_mode"));
        assertEquals(12400.0, (Double) sim.value("detector/config/photon_energy"), 1e-9);
        // the threshold is written after the photon energy (which resets it to half on a DCU)
        assertEquals(6000.0, (Double) sim.value("detector/config/threshold_energy"), 1e-9);
        assertEquals("lz4", sim.value("detector/config/compression"));
        assertEquals("basic", sim.value("stream/config/header_detail"));
        JsonNode appendix = new ObjectMapper().readTree((String) sim.value("stream/config/header_appendix"));
        assertEquals("/data/sample_01.h5", appendix.required("filename").asText());
        assertEquals("LaB6", appendix.required("sample").asText());
        assertTrue(appendix.path("threshold_energy").isMissingNode(), appendix.toString());
        assertEquals(s, detector.settings());
    }

    @Test
    void oneFramePerTriggerModesWriteOneImageAndInternalUsesInts() throws Exception {
        detector.configure(new AcquisitionSettings(0.1, 0.1, 9, 4, TriggerMode.EXTE, "", Map.of()));
        assertEquals("exte", sim.value("detector/config/trigger_mode"));
        assertEquals(1L, sim.value("detector/config/nimages"));
        assertEquals(4L, sim.value("detector/config/ntrigger"));
        detector.configure(new AcquisitionSettings(0.1, 0.1, 9, 4, TriggerMode.INTERNAL, "", Map.of()));
        assertEquals("ints", sim.value("detector/config/trigger_mode"));
        assertEquals(9L, sim.value("detector/config/nimages"));
    }

    @Test
    void outOfRangeExposureIsRefusedWithTheDcuLimitsAndNothingIsWritten() throws Exception {
        Object before = sim.value("detector/config/count_time");
        DetectorException e = assertThrows(DetectorException.class, () -> detector.configure(
                new AcquisitionSettings(5000, 5000, 1, 1, TriggerMode.INTS, "", Map.of())));
        assertTrue(e.getMessage().contains("exposure time 5000 s"), e.getMessage());
        assertTrue(e.getMessage().contains("count_time") && e.getMessage().contains(".. 1800 s"), e.getMessage());
        assertEquals(before, sim.value("detector/config/count_time"));
        assertEquals(AcquisitionSettings.DEFAULT, detector.settings());
    }

    @Test
    void photonEnergyOutsideTheDcuRangeIsRefused() {
        DetectorException e = assertThrows(DetectorException.class, () -> detector.configure(
                new AcquisitionSettings(0.1, 0.1, 1, 1, TriggerMode.INTS, "", Map.of("photon_energy", 100000))));
        assertTrue(e.getMessage().contains("photon energy") && e.getMessage().contains("3000 .. 40000 eV"),
                e.getMessage());
    }

    @Test
    void dcuRefusalCarriesItsText() {
        sim.failNext("config/nimages", 400, "nimages locked by the beamline interlock");
        DetectorException e = assertThrows(DetectorException.class,
                () -> detector.configure(AcquisitionSettings.DEFAULT));
        assertTrue(e.getMessage().contains("nimages locked by the beamline interlock"), e.getMessage());
        assertTrue(e.getMessage().contains("HTTP 400"), e.getMessage());
    }

    @Test
    void passingConfigureStateIsWaitedOut() throws Exception {
        sim.configureStateFor(400);
        detector.configure(new AcquisitionSettings(0.01, 0.01, 2, 1, TriggerMode.INTS, "", Map.of()));
        detector.arm(); // the DCU refuses arm in state configure: the plugin waits for idle first
        assertEquals(List.of("arm"), sim.commands());
        assertEquals("ready", sim.state());
        detector.disarm();
    }

    @Test
    void configureWhileArmedIsRefused() throws Exception {
        detector.configure(AcquisitionSettings.DEFAULT);
        detector.arm();
        DetectorException e = assertThrows(DetectorException.class,
                () -> detector.configure(AcquisitionSettings.DEFAULT.withImages(3, 1)));
        assertTrue(e.getMessage().contains("armed"), e.getMessage());
        detector.disarm();
    }
}
