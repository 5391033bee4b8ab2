package org.hutch.receiver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReceiverPreferencesTest {

    @TempDir
    Path dir;

    @Test
    void defaultsFileParsesToTheValuesTheReceiverAlwaysHad() {
        ReceiverPreferences p = ReceiverPreferences.load();
        assertEquals(new ReceiverPreferences(Duration.ofMillis(250), Duration.ofMillis(200), Duration.ofSeconds(60), 5,
                Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofMillis(500), Duration.ofMillis(1000)), p);
    }

    @Test
    void systemPropertyOverridesReachTheReceiverButTheConfigWins() {
        System.setProperty("org.hutch.receiver/live_period_ms", "500");
        System.setProperty("org.hutch.receiver/series_timeout_s", "7");
        try {
            assertEquals(Duration.ofSeconds(7), ReceiverConfig.builder().dataDir(dir).build().seriesTimeout());
            assertEquals(Duration.ofSeconds(3),
                    ReceiverConfig.builder().dataDir(dir).seriesTimeout(Duration.ofSeconds(3)).build().seriesTimeout());
            try (EmbeddedReceiver rx = EmbeddedReceiver.start(ReceiverConfig.builder().dataDir(dir).build())) {
                assertEquals(Duration.ofMillis(500), rx.preferences().livePeriod());
                assertEquals(Duration.ofSeconds(7), rx.config().seriesTimeout());
            }
        } finally {
            System.clearProperty("org.hutch.receiver/live_period_ms");
            System.clearProperty("org.hutch.receiver/series_timeout_s");
        }
    }
}
