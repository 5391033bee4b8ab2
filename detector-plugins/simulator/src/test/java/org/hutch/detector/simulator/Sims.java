package org.hutch.detector.simulator;

import java.util.LinkedHashMap;
import java.util.Map;
import org.hutch.detector.DetectorException;
import org.hutch.detector.PluginOptions;

/** Opens simulators for tests: small frames, a free port, and the options given as key, value pairs. */
final class Sims {
    private Sims() {
    }

    static SimulatedDetector open(String... keyValues) throws DetectorException {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("bind", "tcp://127.0.0.1:0");
        o.put("shape", "48,64");
        o.put("lingerMs", "2000");
        for (int i = 0; i < keyValues.length; i += 2) {
            o.put(keyValues[i], keyValues[i + 1]);
        }
        return SimulatedDetector.open(SimulatorConfig.from(PluginOptions.resolve("simulator", SimulatorConfig.settings(), o)));
    }
}
