package org.hutch.detector.eiger;

import java.time.Duration;
import org.hutch.model.prefs.Preferences;

/**
 * The EIGER plugin's tunables, documented in {@code eiger_preferences.properties}, read once per
 * detector when it is opened.
 */
record EigerPreferences(Duration busyPollPeriod, Duration idlePollPeriod, Duration initializeTimeout,
                        Duration triggerMargin) {

    static final String RESOURCE = "eiger_preferences.properties";

    static EigerPreferences load() {
        Preferences p = Preferences.load(EigerPreferences.class, RESOURCE);
        return new EigerPreferences(p.getMillis("busy_poll_period_ms"), p.getMillis("idle_poll_period_ms"),
                Duration.ofSeconds(p.getLong("initialize_timeout_s")), Duration.ofSeconds(p.getLong("trigger_margin_s")));
    }
}
