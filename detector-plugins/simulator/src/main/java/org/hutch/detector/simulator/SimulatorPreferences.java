package org.hutch.detector.simulator;

import java.time.Duration;
import org.hutch.model.prefs.Preferences;

/**
 * The simulator's tunables, documented in {@code simulator_preferences.properties}, read once per
 * detector when it is opened.
 */
record SimulatorPreferences(Duration sendTimeout, Duration stopTimeout, Duration abortTimeout) {

    static final String RESOURCE = "simulator_preferences.properties";

    static SimulatorPreferences load() {
        Preferences p = Preferences.load(SimulatorPreferences.class, RESOURCE);
        return new SimulatorPreferences(p.getMillis("send_timeout_ms"), Duration.ofSeconds(p.getLong("stop_timeout_s")),
                Duration.ofSeconds(p.getLong("abort_timeout_s")));
    }
}
