package org.hutch.detector.eiger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.hutch.detector.DetectorException;
import org.hutch.detector.DetectorState;
import org.hutch.model.acquisition.AcquisitionSettings;
import org.hutch.model.acquisition.TriggerMode;
import org.junit.jupiter.api.Test;

/** The version the DCU reports decides the paths; 1.6.0 has no stream format (legacy only). */
class EigerVersionIT {

    @Test
    void simplon160PathsAreUsed() throws Exception {
        try (SimplonSimulator sim = SimplonSimulator.start("1.6.0"); EigerDetector d = Sims.open(sim)) {
            // the simulator answers 404 on any other version's paths, so success means 1.6.0 paths were used
            assertEquals("1.6.0", d.apiVersion());
            assertTrue(d.name().contains("SIMPLON 1.6.0"), d.name());
            d.configure(new AcquisitionSettings(0.01, 0.01, 2, 1, TriggerMode.INTS, "x.h5", Map.of()));
            assertEquals(2L, sim.value("detector/config/nimages"));
            d.arm();
            d.trigger();
            assertEquals("idle", sim.state());
            assertEquals(DetectorState.READY, d.state());
        }
    }

    @Test
    void cborOnSimplon160IsRefusedWithAdvice() throws Exception {
        try (SimplonSimulator sim = SimplonSimulator.start("1.6.0")) {
            DetectorException e = assertThrows(DetectorException.class, () -> Sims.open(sim, "format", "cbor"));
            assertTrue(e.getMessage().contains("needs SIMPLON 1.8") && e.getMessage().contains("format=legacy"),
                    e.getMessage());
        }
    }

    @Test
    void wrongVersionOverrideGivesA404Message() throws Exception {
        try (SimplonSimulator sim = SimplonSimulator.start("1.8.0")) {
            DetectorException e = assertThrows(DetectorException.class, () -> Sims.open(sim, "api_version", "1.6.0"));
            assertTrue(e.getMessage().contains("HTTP 404") && e.getMessage().contains("1.6.0"), e.getMessage());
            try (EigerDetector d = Sims.open(sim, "api_version", "1.8.0")) {
                assertEquals("1.8.0", d.apiVersion());
            }
        }
    }
}
