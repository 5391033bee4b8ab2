package org.hutch.detector.eiger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.hutch.detector.DetectorException;
import org.hutch.detector.DetectorPlugin;
import org.hutch.detector.DetectorPlugins;
import org.hutch.detector.SettingSpec;
import org.hutch.detector.StreamInfo;
import org.hutch.model.acquisition.AcquisitionSettings;
import org.hutch.model.acquisition.TriggerMode;
import org.junit.jupiter.api.Test;

class EigerPluginIT {

    @Test
    void foundByServiceLoaderWithItsOptions() {
        DetectorPlugin p = DetectorPlugins.find("eiger").orElseThrow(() -> new AssertionError("eiger plugin not found"));
        assertEquals("DECTRIS EIGER/PILATUS4 (SIMPLON)", p.displayName());
        List<String> keys = p.settings().stream().map(SettingSpec::key).toList();
        assertEquals(List.of("url", "format", "api_version", "stream_endpoint", "timeout", "compression",
                "header_detail", "photon_energy", "threshold_energy", "filewriter", "initialize"), keys);
    }

    @Test
    void unknownOptionAndMissingUrlAreRefusedBeforeAnyNetwork() {
        DetectorException unknown = assertThrows(DetectorException.class,
                () -> DetectorPlugins.require("eiger").open(Map.of("url", "http://127.0.0.1:1", "hots", "x")));
        assertTrue(unknown.getMessage().contains("hots"), unknown.getMessage());
        DetectorException missing = assertThrows(DetectorException.class,
                () -> DetectorPlugins.require("eiger").open(Map.of()));
        assertTrue(missing.getMessage().contains("url"), missing.getMessage());
        DetectorException badUrl = assertThrows(DetectorException.class,
                () -> DetectorPlugins.require("eiger").open(Map.of("url", "ftp://dcu")));
        assertTrue(badUrl.getMessage().contains("not a DCU address"), badUrl.getMessage());
    }

    @Test
    void opensFromACommandLineSpec() throws Exception {
        try (SimplonSimulator sim = SimplonSimulator.start("1.8.0");
             var d = DetectorPlugins.open("eiger:url=" + sim.url() + ",timeout=2,compression=lz4")) {
            d.configure(AcquisitionSettings.DEFAULT);
            assertEquals("lz4", sim.value("detector/config/compression"));
            assertEquals(10L, sim.value("detector/config/nimages"));
        }
    }

    @Test
    void streamEndpointFollowsFormatAndHost() throws Exception {
        try (SimplonSimulator sim = SimplonSimulator.start("1.8.0")) {
            try (EigerDetector d = Sims.open(sim)) {
                assertEquals(new StreamInfo("tcp://127.0.0.1:9999", StreamInfo.Format.DECTRIS_V1), d.streamInfo());
                assertEquals("legacy", sim.value("stream/config/format"));
                assertTrue(d.triggerModes().containsAll(List.of(TriggerMode.INTS, TriggerMode.EXTE, TriggerMode.INTERNAL)));
                assertTrue(d.name().contains("EIGER2") && d.name().contains("1.8.0"), d.name());
            }
            try (EigerDetector d = Sims.open(sim, "format", "cbor")) {
                assertEquals(new StreamInfo("tcp://127.0.0.1:31001", StreamInfo.Format.DECTRIS_V2), d.streamInfo());
                assertEquals("cbor", sim.value("stream/config/format"));
                assertEquals("enabled", sim.value("stream/config/mode"));
                assertEquals("disabled", sim.value("filewriter/config/mode"));
            }
        }
    }
}
