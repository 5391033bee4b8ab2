package org.hutch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.hutch.app.live.LiveListener;
import org.hutch.app.live.LivePoller;
import org.junit.jupiter.api.Test;

class AppPreferencesTest {

    @Test
    void defaultsFileParsesToTheValuesTheAppAlwaysHad() {
        assertEquals(new AppPreferences(1.0, Duration.ofMillis(10_000), Duration.ofMillis(250), Duration.ofSeconds(5),
                Duration.ofSeconds(3), Duration.ofSeconds(2)),
                AppPreferences.load());
    }

    @Test
    void systemPropertyOverrideReachesTheLivePoller() {
        System.setProperty("org.hutch.app/live_poll_rate_hz", "2.5");
        try (LivePoller poller = new LivePoller("http://127.0.0.1:1", Duration.ofSeconds(1), new LiveListener() { })) {
            assertEquals(2.5, poller.rateHz());
        } finally {
            System.clearProperty("org.hutch.app/live_poll_rate_hz");
        }
    }
}
