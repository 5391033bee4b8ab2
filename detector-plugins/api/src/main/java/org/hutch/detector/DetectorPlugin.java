package org.hutch.detector;

import java.util.List;
import java.util.Map;

/**
 * A kind of detector, found with {@link java.util.ServiceLoader}: a plugin jar lists its implementation in
 * {@code META-INF/services/org.hutch.detector.DetectorPlugin}. Implementations need a public no-argument
 * constructor and must be cheap to create (no I/O before {@link #open}).
 */
public interface DetectorPlugin {

    /** Stable identifier used on the command line and in settings, for example {@code simulator}. */
    String id();

    /** Name for the user, for example {@code "Simulated detector"}. */
    String displayName();

    /** The options {@link #open} accepts, in the order a form should show them. */
    List<SettingSpec> settings();

    /**
     * Opens (connects to) a detector. <b>Blocking</b> (may connect over the network): never on the FX thread.
     *
     * @param options option values as text, keyed by {@link SettingSpec#key()}; missing keys take their default
     * @throws DetectorException for an unknown option, a bad value, or a detector that cannot be reached
     */
    Detector open(Map<String, String> options) throws DetectorException;
}
