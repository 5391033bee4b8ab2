package org.hutch.detector.tango;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TangoPreferencesTest {

    @Test
    void defaultsFileParsesToTheValuesThePluginAlwaysHad() {
        assertEquals(new TangoPreferences(3.0, Duration.ofMillis(200), Duration.ofMillis(2000), ""), TangoPreferences.load());
    }

    @Test
    void systemPropertyOverrideBecomesTheDefaultOfTheDetectorSettings() {
        System.setProperty("org.hutch.detector.tango/poll_period_ms", "500");
        try {
            assertEquals("500", TangoConfig.settings().stream().filter(s -> s.key().equals("pollMs")).findFirst()
                    .orElseThrow().defaultValue());
        } finally {
            System.clearProperty("org.hutch.detector.tango/poll_period_ms");
        }
    }
}
