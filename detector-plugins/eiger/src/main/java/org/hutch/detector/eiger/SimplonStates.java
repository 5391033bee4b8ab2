package org.hutch.detector.eiger;

import java.util.Locale;
import org.hutch.detector.DetectorState;

/** Maps the DCU's {@code detector/.../status/state} values to {@link DetectorState}. */
final class SimplonStates {

    private SimplonStates() {
    }

    static DetectorState map(String simplon) {
        switch (simplon.trim().toLowerCase(Locale.ROOT)) {
            case "idle":
                return DetectorState.READY;
            case "ready":           // armed, waiting for triggers
                return DetectorState.ARMED;
            case "acquire":
                return DetectorState.RUNNING;
            case "error":
                return DetectorState.FAULT;
            case "configure":       // applying a configuration: busy for a moment, not armed
            case "initialize":
            case "na":              // not initialised
            default:
                return DetectorState.UNKNOWN;
        }
    }

    /** A short message for the user. */
    static String describe(String simplon) {
        switch (simplon.trim().toLowerCase(Locale.ROOT)) {
            case "idle":
                return "idle";
            case "ready":
                return "armed, waiting for triggers";
            case "acquire":
                return "acquiring";
            case "configure":
                return "applying the configuration";
            case "initialize":
                return "initialising";
            case "na":
                return "not initialised (DCU state na): click Initialize, or open it with initialize=true";
            case "error":
                return "detector in error";
            default:
                return "unknown DCU state '" + simplon + "'";
        }
    }
}
