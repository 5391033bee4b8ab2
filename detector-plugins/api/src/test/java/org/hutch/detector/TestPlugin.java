package org.hutch.detector;

import java.util.List;
import java.util.Map;

/** A plugin registered only on the test class path, to check ServiceLoader discovery and option checking. */
public class TestPlugin implements DetectorPlugin {
    @Override
    public String id() {
        return "api-test";
    }

    @Override
    public String displayName() {
        return "API test plugin";
    }

    @Override
    public List<SettingSpec> settings() {
        return List.of(SettingSpec.ofInt("n", "N", "", 0, 10, 1, ""));
    }

    @Override
    public Detector open(Map<String, String> options) throws DetectorException {
        PluginOptions.resolve(id(), settings(), options);
        throw new DetectorException("the test plugin opens no detector");
    }
}
