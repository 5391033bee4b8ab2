package org.hutch.detector.tango;

import java.time.Duration;
import org.hutch.model.prefs.Preferences;

/**
 * The Tango plugin's tunables, documented in {@code tango_preferences.properties}, read when the
 * plugin's settings are described and when a device is connected.
 *
 * @param timeoutSeconds the default call timeout
 * @param pollPeriod     the default state polling interval
 * @param connectGrace   added to the call timeout for the first connection
 * @param profileDir     folder of the site's Tango profiles; empty = {@code tango-profiles} in the settings folder
 */
record TangoPreferences(double timeoutSeconds, Duration pollPeriod, Duration connectGrace, String profileDir) {

    static final String RESOURCE = "tango_preferences.properties";

    static TangoPreferences load() {
        Preferences p = Preferences.load(TangoPreferences.class, RESOURCE);
        return new TangoPreferences(p.getDouble("timeout_s"), p.getMillis("poll_period_ms"),
                p.getMillis("connect_grace_ms"), p.get("profile_dir"));
    }
}
