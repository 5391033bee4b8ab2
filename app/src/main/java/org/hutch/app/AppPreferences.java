package org.hutch.app;

import java.time.Duration;
import org.hutch.model.prefs.Preferences;

/**
 * The application's tunables, documented in {@code app_preferences.properties}, read once by each
 * component that uses them when it is built.
 *
 * @param livePollRateHz           the live view's poll rate until the user picks one
 * @param liveMaxBackoff           the longest wait between polls after failures
 * @param acquisitionMonitorPeriod how often a running acquisition is followed
 * @param receiverTimeout          how long one HTTP request to the receiver may take
 * @param seriesEndGrace           after Stop, how long the series end may take before the receiver's series is ended
 * @param detectorLostAfter        how long a detector may not answer mid-series before it counts as lost
 */
public record AppPreferences(double livePollRateHz, Duration liveMaxBackoff, Duration acquisitionMonitorPeriod,
                             Duration receiverTimeout, Duration seriesEndGrace, Duration detectorLostAfter) {

    /** The defaults file, next to this class. */
    public static final String RESOURCE = "app_preferences.properties";

    /** Reads the defaults, the site file and system properties now. */
    public static AppPreferences load() {
        Preferences p = Preferences.load(AppPreferences.class, RESOURCE);
        return new AppPreferences(p.getDouble("live_poll_rate_hz"), p.getMillis("live_max_backoff_ms"),
                p.getMillis("acquisition_monitor_period_ms"), p.getMillis("receiver_timeout_ms"),
                p.getMillis("series_end_grace_ms"), p.getMillis("detector_lost_after_ms"));
    }
}
