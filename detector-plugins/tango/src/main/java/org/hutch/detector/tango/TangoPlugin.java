package org.hutch.detector.tango;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hutch.detector.Detector;
import org.hutch.detector.DetectorException;
import org.hutch.detector.DetectorPlugin;
import org.hutch.detector.PluginOptions;
import org.hutch.detector.SettingSpec;

/**
 * Tango detector devices, plugin id {@code tango}. {@code profile=} picks the kind of device ({@code maxiv},
 * {@code maxiv-eiger}, {@code lima} or a site's own, see {@link Profile}); the other options (see
 * {@link TangoConfig#settings()}) override the profile, for example
 * {@code tango:device=tango://b-v-micromax-csdb-0:10000/b311a/dia/eiger#dbase=no,profile=maxiv-eiger}.
 */
public final class TangoPlugin implements DetectorPlugin {
    public static final String ID = "tango";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Tango detector device (MAX IV standard, MAX IV Eiger, LImA)";
    }

    @Override
    public List<SettingSpec> settings() {
        return TangoConfig.settings();
    }

    /** Connects to the device (<b>blocking</b>, bounded by the call timeout). */
    @Override
    public Detector open(Map<String, String> options) throws DetectorException {
        return TangoDetector.open(config(options));
    }

    /** The profile's values under the options given: what the user wrote wins. */
    static TangoConfig config(Map<String, String> options) throws DetectorException {
        List<SettingSpec> specs = TangoConfig.settings();
        Map<String, String> given = options == null ? Map.of() : options;
        Profile profile = Profile.load(given.get("profile"), specs.stream().map(SettingSpec::key).toList());
        Map<String, String> merged = new LinkedHashMap<>(profile.values());
        merged.putAll(given);
        merged.put("profile", profile.name());
        return TangoConfig.from(PluginOptions.resolve(ID, specs, merged));
    }
}
