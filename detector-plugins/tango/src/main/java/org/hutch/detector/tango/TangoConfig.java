package org.hutch.detector.tango;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hutch.detector.DetectorException;
import org.hutch.detector.DetectorState;
import org.hutch.detector.PluginOptions;
import org.hutch.detector.SettingSpec;
import org.hutch.detector.StreamInfo;
import org.hutch.model.acquisition.TriggerMode;

/**
 * The Tango plugin's options after checking (a {@link Profile}'s defaults with the detector's own options over them).
 *
 * @param device           Tango device name: {@code tango://host:port/domain/family/member[#dbase=no]}, or
 *                         {@code domain/family/member} resolved through the database at {@code TANGO_HOST}
 * @param profile          the profile the defaults came from
 * @param timeoutMs        client timeout of every call to the device
 * @param pollMs           state polling interval (without a Tango database there are no events)
 * @param names            candidate Tango names per role, in order of preference; empty = role not used
 * @param triggerModes     the trigger modes offered, each with the value written to the device's trigger mode
 * @param stream           where the detector streams its frames (the Tango device does not say)
 * @param states           where the state is read and how it maps
 * @param framesTotal      the images attribute counts the frames of the whole series (images x triggers)
 * @param imageCounterBase the image counter's value before the first image of a series (LImA: -1)
 */
public record TangoConfig(String device, String profile, int timeoutMs, int pollMs, Map<Role, List<String>> names,
                          Map<TriggerMode, String> triggerModes, StreamInfo stream, StateModel states,
                          boolean framesTotal, long imageCounterBase) {

    public TangoConfig {
        names = Collections.unmodifiableMap(new EnumMap<>(names));
        triggerModes = Collections.unmodifiableMap(new LinkedHashMap<>(triggerModes));
    }

    /**
     * The plugin options, in form order, with the default profile's values as defaults. Values that list several
     * names separate them with {@code |}.
     */
    public static List<SettingSpec> settings() {
        TangoPreferences prefs = TangoPreferences.load();
        Map<String, String> d = Profile.builtIn(Profile.DEFAULT).values();
        List<SettingSpec> specs = new ArrayList<>();
        specs.add(SettingSpec.ofString("device", "Tango device", null,
                "tango://host:port/domain/family/member (add #dbase=no for a server without database), "
                        + "or domain/family/member resolved through TANGO_HOST"));
        specs.add(SettingSpec.ofString("profile", "Device profile", Profile.DEFAULT,
                "the kind of device, which sets the defaults of every option below: "
                        + String.join(", ", Profile.names()) + " (site profiles: NAME.properties in "
                        + Profile.siteFolder() + ")"));
        specs.add(SettingSpec.ofDouble("timeout", "Call timeout", "s", 0.1, 600.0, prefs.timeoutSeconds(),
                "how long one call to the device may take before it fails"));
        specs.add(SettingSpec.ofInt("pollMs", "State polling interval", "ms", 20, 60_000, (int) prefs.pollPeriod().toMillis(),
                "how often the state is read (no events without a Tango database)"));
        specs.add(SettingSpec.ofString("triggerModes", "Trigger modes", d.get("triggerModes"),
                "modes offered, separated by |; mode=VALUE writes VALUE to the device (default: the mode name, "
                        + "for example internal|exts=EXTERNAL); ints and inte only where the device has a trigger command"));
        specs.add(SettingSpec.ofString("stream", "Stream endpoint", "tcp://127.0.0.1:9999",
                "ZeroMQ endpoint the detector streams to (for the receiver)"));
        specs.add(SettingSpec.ofEnum("format", "Stream format", List.of("stins", "stream1", "stream2"), "stins",
                "wire format of the detector's stream"));
        specs.add(SettingSpec.ofEnum("stateSource", "State source", List.of("state", "status", "attribute"),
                d.get("stateSource"), "where idle / armed / acquiring / fault is read: the Tango State, the first line "
                        + "of Status, or the status attribute (statusAttribute)"));
        specs.add(SettingSpec.ofString("tangoStates", "Tango State map", d.get("tangoStates"),
                "Tango State=READY|ARMED|RUNNING|FAULT|OFF|UNKNOWN, separated by |; a State not listed is UNKNOWN"));
        specs.add(SettingSpec.ofString("states", "Status word map", d.get("states"),
                "word (first line of Status, or the status attribute's value)=state, separated by |"));
        specs.add(SettingSpec.ofBool("framesTotal", "Images count the whole series", Boolean.parseBoolean(d.get("framesTotal")),
                "the images attribute takes the frames of the whole series (images x triggers), as LImA's acq_nb_frames"));
        specs.add(SettingSpec.ofInt("imageCounterBase", "Image counter before the first image", "", -1, 1,
                Integer.parseInt(d.get("imageCounterBase")),
                "the image counter's value before the first image: 0 for a count, -1 for a last index"));
        for (Role role : Role.values()) {
            specs.add(SettingSpec.ofString(role.optionKey(), "Tango name: " + role.label(), d.get(role.optionKey()),
                    role.description() + (role.required() ? "" : "; several candidates separated by |, "
                            + "empty = not used")));
        }
        return specs;
    }

    /** @throws DetectorException for a bad trigger mode list or state map, or an empty required name */
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
                        + ") must not be empty: every detector device needs it");
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
        StateModel.Source source = StateModel.Source.fromName(o.string("stateSource"));
        Map<String, DetectorState> words = stateMap("states", o.string("states"));
        if (source != StateModel.Source.STATE && words.isEmpty()) {
            throw new DetectorException("option 'states' is empty, but stateSource=" + o.string("stateSource")
                    + " needs its words (for example idle=READY|ready=ARMED|acquire=RUNNING)");
        }
        if (source == StateModel.Source.ATTRIBUTE && names.get(Role.STATUS).isEmpty()) {
            throw new DetectorException("stateSource=attribute needs option 'statusAttribute' (for example acq_status)");
        }
        List<String> statusNames = names.get(Role.STATUS);
        StateModel model = new StateModel(source, statusNames.isEmpty() ? "status" : statusNames.get(0),
                stateMap("tangoStates", o.string("tangoStates")), words);
        StreamInfo stream = new StreamInfo(o.string("stream"), StreamInfo.Format.fromName(o.string("format")));
        return new TangoConfig(device, o.string("profile"), (int) Math.round(o.number("timeout") * 1000),
                o.integer("pollMs"), names, modes, stream, model, o.bool("framesTotal"), o.integer("imageCounterBase"));
    }

    /** {@code word=STATE|word=STATE}, the words as written. */
    private static Map<String, DetectorState> stateMap(String option, String text) throws DetectorException {
        Map<String, DetectorState> out = new LinkedHashMap<>();
        for (String item : splitBars(text)) {
            int eq = item.indexOf('=');
            if (eq <= 0) {
                throw new DetectorException("option '" + option + "': '" + item + "' is not word=STATE");
            }
            String state = item.substring(eq + 1).trim().toUpperCase(Locale.ROOT);
            try {
                out.put(item.substring(0, eq).trim(), DetectorState.valueOf(state));
            } catch (IllegalArgumentException e) {
                throw new DetectorException("option '" + option + "': '" + state + "' is not one of "
                        + Arrays.toString(DetectorState.values()));
            }
        }
        return out;
    }

    private static List<String> splitBars(String text) {
        return Arrays.stream(text.split("\\|")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
