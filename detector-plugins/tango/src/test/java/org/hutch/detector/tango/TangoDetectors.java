package org.hutch.detector.tango;

import java.util.HashMap;
import java.util.Map;
import org.hutch.detector.DetectorException;
import org.hutch.detector.DetectorPlugins;

/** Opens the plugin through its service-loader entry, as the app does, on a device with options given as pairs. */
final class TangoDetectors {

    private TangoDetectors() {
    }

    /** {@code keyValues}: key, value, key, value…; a later pair replaces an earlier one of the same key. */
    static TangoDetector open(String device, String... keyValues) throws DetectorException {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("options come in key, value pairs: " + String.join(", ", keyValues));
        }
        Map<String, String> options = new HashMap<>();
        options.put("device", device);
        for (int i = 0; i < keyValues.length; i += 2) {
            options.put(keyValues[i], keyValues[i + 1]);
        }
        return (TangoDetector) DetectorPlugins.require("tango").open(options);
    }
}
