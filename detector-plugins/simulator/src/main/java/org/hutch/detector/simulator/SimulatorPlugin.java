package org.hutch.detector.simulator;

import java.util.List;
import java.util.Map;
import org.hutch.detector.Detector;
import org.hutch.detector.DetectorException;
import org.hutch.detector.DetectorPlugin;
import org.hutch.detector.PluginOptions;
import org.hutch.detector.SettingSpec;

/** The simulated lab detector, plugin id {@code simulator}. Options: see {@link SimulatorConfig#settings()}. */
public final class SimulatorPlugin implements DetectorPlugin {
    public static final String ID = "simulator";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Simulated detector (powder rings)";
    }

    @Override
    public List<SettingSpec> settings() {
        return SimulatorConfig.settings();
    }

    @Override
    public Detector open(Map<String, String> options) throws DetectorException {
        return SimulatedDetector.open(SimulatorConfig.from(PluginOptions.resolve(ID, settings(), options)));
    }
}
