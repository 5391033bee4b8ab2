package org.hutch.detector.eiger;

import java.util.LinkedHashMap;
import java.util.Map;
import org.hutch.detector.DetectorException;
import org.hutch.detector.DetectorPlugins;

/** Opening the plugin against a simulated DCU, as the application does (through the ServiceLoader). */
final class Sims {
    private Sims() {
    }

    static EigerDetector open(SimplonSimulator sim, String... keyValues) throws DetectorException {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("url", sim.url());
        options.put("timeout", "3");
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            options.put(keyValues[i], keyValues[i + 1]);
        }
        return (EigerDetector) DetectorPlugins.require("eiger").open(options);
    }
}
