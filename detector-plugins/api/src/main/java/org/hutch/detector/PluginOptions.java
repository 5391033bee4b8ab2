package org.hutch.detector;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plugin's options after checking against its {@link SettingSpec}s: every declared key has a valid value
 * (given or default), unknown keys are refused. Plugins use it in {@link DetectorPlugin#open}.
 */
public final class PluginOptions {
    private final Map<String, String> values;

    private PluginOptions(Map<String, String> values) {
        this.values = values;
    }

    /**
     * @throws DetectorException naming an unknown key (and listing the known ones), a missing required key,
     *                           or a bad value
     */
    public static PluginOptions resolve(String pluginId, List<SettingSpec> specs, Map<String, String> given)
            throws DetectorException {
        Map<String, String> in = given == null ? Map.of() : given;
        Map<String, SettingSpec> byKey = new LinkedHashMap<>();
        for (SettingSpec s : specs) {
            byKey.put(s.key(), s);
        }
        for (String key : in.keySet()) {
            if (!byKey.containsKey(key)) {
                throw new DetectorOptionException("detector '" + pluginId + "' has no option '" + key
                        + "' (known options: " + String.join(", ", byKey.keySet()) + ")");
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (SettingSpec s : specs) {
            String v = in.containsKey(s.key()) ? in.get(s.key()) : s.defaultValue();
            out.put(s.key(), v == null && !in.containsKey(s.key()) ? s.validate(null) : s.validate(v));
        }
        return new PluginOptions(Collections.unmodifiableMap(out));
    }

    public String string(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no option '" + key + "'");
        }
        return v;
    }

    public int integer(String key) {
        return Integer.parseInt(string(key));
    }

    public double number(String key) {
        return Double.parseDouble(string(key));
    }

    public boolean bool(String key) {
        return Boolean.parseBoolean(string(key));
    }

    /** All resolved values, in declaration order. */
    public Map<String, String> asMap() {
        return values;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
