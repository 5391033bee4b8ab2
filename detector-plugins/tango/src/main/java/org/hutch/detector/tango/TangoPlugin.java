package org.hutch.detector.tango;

import java.util.List;
import java.util.Map;
import org.hutch.detector.Detector;
import org.hutch.detector.DetectorException;
import org.hutch.detector.DetectorPlugin;
import org.hutch.detector.PluginOptions;
import org.hutch.detector.SettingSpec;

/**
 * MAX IV standard detector Tango device, plugin id {@code tango}. Options: see {@link TangoConfig#settings()};
 * for example {@code tango:device=tango://b-v-micromax-csdb-0:10000/b311a/dia/eiger#dbase=no,exposureTime=ExpTime}.
 */
public final class TangoPlugin implements DetectorPlugin {
    public static final String ID = "tango";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Tango detector device (MAX IV standard)";
    }

    @Override
    public List<SettingSpec> settings() {
        return TangoConfig.settings();
    }

    /** Connects to the device (<b>blocking</b>, bounded by the call timeout). */
    @Override
    public Detector open(Map<String, String> options) throws DetectorException {
        return TangoDetector.open(TangoConfig.from(PluginOptions.resolve(ID, settings(), options)));
    }
}
