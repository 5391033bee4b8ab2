package org.hutch.detector.eiger;

import java.time.Duration;
import java.util.List;
import org.hutch.detector.PluginOptions;
import org.hutch.detector.SettingSpec;
import org.hutch.detector.StreamInfo;

/**
 * The plugin's options, checked.
 *
 * @param url             DCU address ({@code http://10.0.0.5}, {@code http://127.0.0.1:8080})
 * @param format          stream format the DCU is set to: {@code legacy} (Stream V1, port 9999) or {@code cbor}
 *                        (Stream V2, port 31001)
 * @param apiVersion      SIMPLON version to use; {@code ""}: the one the DCU reports
 * @param streamEndpoint  where the DCU streams; {@code ""}: {@code tcp://<dcu-host>:9999} or {@code :31001}
 * @param timeout         connect/read timeout of ordinary calls
 * @param compression     {@code bslz4} or {@code lz4} (checked against the DCU's allowed values)
 * @param headerDetail    stream header detail: {@code all}, {@code basic} or {@code none}
 * @param photonEnergy    eV written at configure; 0 leaves the detector's value
 * @param thresholdEnergy eV written at configure; 0 leaves the detector's value
 * @param filewriter      keep the DCU's own file writer enabled (normally off: the stream receiver writes files)
 * @param initialize      send {@code initialize} at open when the detector is not initialised or in error
 */
public record EigerConfig(String url, String format, String apiVersion, String streamEndpoint, Duration timeout,
                          String compression, String headerDetail, double photonEnergy, double thresholdEnergy,
                          boolean filewriter, boolean initialize) {

    static final int LEGACY_PORT = 9999;
    static final int CBOR_PORT = 31001;

    static List<SettingSpec> settings() {
        return List.of(
                SettingSpec.ofString("url", "DCU address", null,
                        "Address of the detector control unit, for example http://10.0.0.5 or http://127.0.0.1:8080"),
                SettingSpec.ofEnum("format", "Stream format", List.of("legacy", "cbor"), "legacy",
                        "legacy = DECTRIS Stream V1 on port 9999, cbor = Stream V2 on port 31001 (SIMPLON 1.8+)"),
                SettingSpec.ofString("api_version", "SIMPLON API version", "",
                        "Empty: use the version the DCU reports at /detector/api/version/ (1.8.0, 1.6.0 ...)"),
                SettingSpec.ofString("stream_endpoint", "Stream endpoint", "",
                        "Empty: tcp://<DCU host>:9999 (legacy) or :31001 (cbor)"),
                SettingSpec.ofDouble("timeout", "Timeout", "s", 0.1, 600.0, 5.0,
                        "How long to wait for the DCU to answer an ordinary request"),
                SettingSpec.ofEnum("compression", "Compression", List.of("bslz4", "lz4", "none"), "bslz4",
                        "Image compression on the stream"),
                SettingSpec.ofEnum("header_detail", "Header detail", List.of("all", "basic", "none"), "basic",
                        "How much the stream header carries (all: also flatfield, pixel mask, count-rate table)"),
                SettingSpec.ofDouble("photon_energy", "Photon energy", "eV", 0.0, null, 0.0,
                        "Written at configure; 0 leaves the detector's value"),
                SettingSpec.ofDouble("threshold_energy", "Threshold energy", "eV", 0.0, null, 0.0,
                        "Written at configure after the photon energy; 0 leaves the detector's value"),
                SettingSpec.ofBool("filewriter", "DCU file writer", false,
                        "Keep the DCU's own HDF5 file writer on (normally off: the stream receiver writes files)"),
                SettingSpec.ofBool("initialize", "Initialize at open", false,
                        "Send initialize when the detector is not initialised (na) or in error (takes minutes)"));
    }

    static EigerConfig from(PluginOptions o) {
        return new EigerConfig(o.string("url"), o.string("format"), o.string("api_version").trim(),
                o.string("stream_endpoint").trim(), Duration.ofMillis(Math.round(o.number("timeout") * 1000)),
                o.string("compression"), o.string("header_detail"), o.number("photon_energy"),
                o.number("threshold_energy"), o.bool("filewriter"), o.bool("initialize"));
    }

    boolean cbor() {
        return format.equals("cbor");
    }

    StreamInfo streamInfo(String dcuHost) {
        String endpoint = !streamEndpoint.isEmpty() ? streamEndpoint
                : "tcp://" + dcuHost + ":" + (cbor() ? CBOR_PORT : LEGACY_PORT);
        return new StreamInfo(endpoint, cbor() ? StreamInfo.Format.DECTRIS_V2 : StreamInfo.Format.DECTRIS_V1);
    }
}
