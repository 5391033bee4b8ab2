package org.hutch.detector.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SimulatorPreferencesTest {

    @Test
    void defaultsFileParsesToTheValuesTheSimulatorAlwaysHad() {
        assertEquals(new SimulatorPreferences(Duration.ofMillis(100), Duration.ofSeconds(30), Duration.ofSeconds(10)),
                SimulatorPreferences.load());
    }

    @Test
    void systemPropertyOverridesADefault() {
        System.setProperty("org.hutch.detector.simulator/stop_timeout_s", "60");
        try {
            assertEquals(Duration.ofSeconds(60), SimulatorPreferences.load().stopTimeout());
        } finally {
            System.clearProperty("org.hutch.detector.simulator/stop_timeout_s");
        }
    }
}
