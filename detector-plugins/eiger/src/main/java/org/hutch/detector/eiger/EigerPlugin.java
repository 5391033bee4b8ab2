package org.hutch.detector.eiger;

import java.util.List;
import java.util.Map;
import org.hutch.detector.Detector;
import org.hutch.detector.DetectorException;
import org.hutch.detector.DetectorPlugin;
import org.hutch.detector.PluginOptions;
import org.hutch.detector.SettingSpec;

/**
 * DECTRIS detectors (EIGER, EIGER2, PILATUS4) through the SIMPLON REST API, plugin id {@code eiger}.
 * Options: see {@link EigerConfig}; for example {@code eiger:url=http://10.0.0.5,format=cbor}.
 */
public final class EigerPlugin implements DetectorPlugin {
    public static final String ID = "eiger";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "DECTRIS EIGER/PILATUS4 (SIMPLON)";
    }

    @Override
    public List<SettingSpec> settings() {
        return EigerConfig.settings();
    }

    @Override
    public Detector open(Map<String, String> options) throws DetectorException {
        return EigerDetector.open(EigerConfig.from(PluginOptions.resolve(ID, settings(), options)));
    }
}
