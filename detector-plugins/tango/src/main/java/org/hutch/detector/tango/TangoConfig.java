package org.hutch.detector.tango;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hutch.detector.DetectorException;
import org.hutch.detector.PluginOptions;
import org.hutch.detector.SettingSpec;
import org.hutch.detector.StreamInfo;
import org.hutch.model.acquisition.TriggerMode;

/**
 * The Tango plugin's options after checking.
 *
 * @param device       Tango device name: {@code tango://host:port/domain/family/member[#dbase=no]}, or
 *                     {@code domain/family/member} resolved through the database at {@code TANGO_HOST}
 * @param timeoutMs    client timeout of every call to the device
 * @param pollMs       state polling interval (without a Tango database there are no events)
 * @param names        candidate Tango names per role, in order of preference; empty = role not used
 * @param triggerModes the trigger modes offered, each with the string written to the device's trigger mode
 * @param stream       where the detector streams its frames (the Tango device does not say)
 */
public record TangoConfig(String device, int timeoutMs, int pollMs, Map<Role, List<String>> names,
                          Map<TriggerMode, String> triggerModes, StreamInfo stream) {

    public TangoConfig {
        names = Collections.unmodifiableMap(new EnumMap<>(names));
        triggerModes = Collections.unmodifiableMap(new LinkedHashMap<>(triggerModes));
    }

    /** The plugin options, in form order. Values that list several names separate them with {@code |}. */
    public static List<SettingSpec> settings() {
        TangoPreferences prefs = TangoPreferences.load();
        List<SettingSpec> specs = new ArrayList<>();
        specs.add(SettingSpec.ofString("device", "Tango device", null,
                "tango://host:port/domain/family/member (add #dbase=no for a server without database), "
                        + "or domain/family/member resolved through TANGO_HOST"));
        specs.add(SettingSpec.ofDouble("timeout", "Call timeout", "s", 0.1, 600.0, prefs.timeoutSeconds(),
                "how long one call to the device may take before it fails"));
        specs.add(SettingSpec.ofInt("pollMs", "State polling interval", "ms", 20, 60_000, (int) prefs.pollPeriod().toMillis(),
                "how often State and Status are read (no events without a Tango database)"));
        specs.add(SettingSpec.ofString("triggerModes", "Trigger modes", "internal|exts",
                "modes offered, separated by |; mode=VALUE writes VALUE to the device (default: the mode name, "
                        + "for example internal|exts=EXTERNAL)"));
        specs.add(SettingSpec.ofString("stream", "Stream endpoint", "tcp://127.0.0.1:9999",
                "ZeroMQ endpoint the detector streams to (for the receiver)"));
        specs.add(SettingSpec.ofEnum("format", "Stream format", List.of("stins", "stream1", "stream2"), "stins",
                "wire format of the detector's stream"));
        for (Role role : Role.values()) {
            specs.add(SettingSpec.ofString(role.optionKey(), "Tango name: " + role.label(), role.defaultNames(),
                    role.description() + (role.required() ? "" : "; several candidates separated by |, "
                            + "empty = not used")));
        }
        return specs;
    }

    /** @throws DetectorException for a bad trigger mode list or an empty required name */
    public static TangoConfig from(PluginOptions o) throws DetectorException {
        String device = o.string("device");
        if (device.isEmpty()) {
            throw new DetectorException("the Tango device name is empty (expected tango://host:port/domain/family/member"
                    + " or domain/family/member)");
        }
        Map<Role, List<String>> names = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            List<String> candidates = splitBars(o.string(role.optionKey()));
            if (role.required() && candidates.isEmpty()) {
                throw new DetectorException("option '" + role.optionKey() + "' (the " + role.label()
                        + ") must not be empty: the MAX IV standard device needs it");
            }
            names.put(role, candidates);
        }
        Map<TriggerMode, String> modes = new LinkedHashMap<>();
        for (String item : splitBars(o.string("triggerModes"))) {
            int eq = item.indexOf('=');
            String mode = eq < 0 ? item : item.substring(0, eq).trim();
            try {
                TriggerMode m = TriggerMode.fromName(mode);
                modes.put(m, eq < 0 ? m.wireName() : item.substring(eq + 1).trim());
            } catch (IllegalArgumentException e) {
                throw new DetectorException("option 'triggerModes': " + e.getMessage());
            }
        }
        if (modes.isEmpty()) {
            throw new DetectorException("option 'triggerModes' lists no trigger mode (for example internal|exts)");
        }
        StreamInfo stream = new StreamInfo(o.string("stream"), StreamInfo.Format.fromName(o.string("format")));
        return new TangoConfig(device, (int) Math.round(o.number("timeout") * 1000), o.integer("pollMs"), names,
                modes, stream);
    }

    private static List<String> splitBars(String text) {
        return Arrays.stream(text.split("\\|")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
