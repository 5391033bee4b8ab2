package org.hutch.detector.eiger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EigerPreferencesTest {

    @Test
    void defaultsFileParsesToTheValuesThePluginAlwaysHad() {
        assertEquals(new EigerPreferences(Duration.ofMillis(250), Duration.ofMillis(1000), Duration.ofMinutes(5),
                Duration.ofSeconds(30)), EigerPreferences.load());
    }

    @Test
    void systemPropertyOverridesADefault() {
        System.setProperty("org.hutch.detector.eiger/idle_poll_period_ms", "2000");
        try {
            assertEquals(Duration.ofMillis(2000), EigerPreferences.load().idlePollPeriod());
        } finally {
            System.clearProperty("org.hutch.detector.eiger/idle_poll_period_ms");
        }
    }
}
