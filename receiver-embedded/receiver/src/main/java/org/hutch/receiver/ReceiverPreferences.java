package org.hutch.receiver;

import java.time.Duration;
import org.hutch.model.prefs.Preferences;

/**
 * The receiver's tunables, documented in {@code receiver_preferences.properties}, read once when a
 * receiver is built (never per frame).
 */
public record ReceiverPreferences(Duration azintPeriod, Duration livePeriod, Duration seriesTimeout,
                                  int rateWindowSeconds, Duration collectorTick, Duration ingestReceiveTimeout,
                                  Duration ingestWakeupInterval, Duration forwardSendTimeout) {

    /** The defaults file, next to this class. */
    public static final String RESOURCE = "receiver_preferences.properties";

    /** Reads the defaults, the site file and system properties now. */
    public static ReceiverPreferences load() {
        return from(Preferences.load(ReceiverPreferences.class, RESOURCE));
    }

    static ReceiverPreferences from(Preferences p) {
        int window = p.getInt("rate_window_s");
        if (window < 1) {
            throw new IllegalArgumentException("org.hutch.receiver/rate_window_s must be at least 1, not " + window);
        }
        return new ReceiverPreferences(p.getMillis("azint_period_ms"), p.getMillis("live_period_ms"),
                Duration.ofSeconds(p.getLong("series_timeout_s")), window, p.getMillis("collector_tick_ms"),
                p.getMillis("ingest_receive_timeout_ms"), p.getMillis("ingest_wakeup_interval_ms"),
                p.getMillis("forward_send_timeout_ms"));
    }
}
