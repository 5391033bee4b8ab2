package org.hutch.detector.tango;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.hutch.detector.DetectorState;
import org.hutch.detector.DetectorStatus;
import org.hutch.model.acquisition.TriggerMode;

/**
 * Where a device tells idle / armed / acquiring / fault, and how its words map to a {@link DetectorState}:
 * the Tango State alone ({@link Source#STATE}, the MAX IV standard device), the first line of Status
 * ({@link Source#STATUS}, MAX IV's Eiger device: idle / ready / acquire) or a status attribute
 * ({@link Source#ATTRIBUTE}, LImA's {@code acq_status} with its error text in {@code acq_status_fault_error}).
 * A FAULT from any of them wins, with the device's own text. Pure: the caller reads the device.
 */
final class StateModel {

    /** Where the state is read. */
    enum Source {
        STATE, STATUS, ATTRIBUTE;

        static Source fromName(String name) {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        }
    }

    /**
     * One reading of the device.
     *
     * @param tango  the Tango State name (ON, RUNNING, ...)
     * @param status the Status text, or "" where it was not read
     * @param value  the status attribute's value, or "" where there is none
     * @param error  the error attribute's text, or "" where there is none
     */
    record Reading(String tango, String status, String value, String error) {
    }

    private final Source source;
    private final String valueName;
    private final Map<String, DetectorState> tangoStates;
    private final Map<String, DetectorState> words;

    /**
     * @param source      where the state is read
     * @param valueName   the status attribute's name, for messages
     * @param tangoStates Tango State name to state; a State not listed is UNKNOWN
     * @param words       word of Status' first line or of the status attribute to state (case-insensitive)
     */
    StateModel(Source source, String valueName, Map<String, DetectorState> tangoStates, Map<String, DetectorState> words) {
        this.source = source;
        this.valueName = valueName;
        this.tangoStates = Collections.unmodifiableMap(new LinkedHashMap<>(upper(tangoStates)));
        Map<String, DetectorState> w = new LinkedHashMap<>();
        words.forEach((k, v) -> w.put(k.trim().toLowerCase(Locale.ROOT), v));
        this.words = Collections.unmodifiableMap(w);
    }

    Source source() {
        return source;
    }

    /** True when Status must be read for this Tango State (always for {@link Source#STATUS}; else for a reason). */
    boolean needsStatus(String tango) {
        if (source == Source.STATUS) {
            return true;
        }
        DetectorState t = tangoStates.getOrDefault(tango.toUpperCase(Locale.ROOT), DetectorState.UNKNOWN);
        return t != DetectorState.READY && t != DetectorState.ARMED && t != DetectorState.RUNNING;
    }

    DetectorStatus map(Reading r, TriggerMode mode) {
        String tango = r.tango().toUpperCase(Locale.ROOT);
        DetectorState t = tangoStates.getOrDefault(tango, DetectorState.UNKNOWN);
        String status = r.status() == null ? "" : r.status().trim();
        String error = r.error() == null ? "" : r.error().trim();
        if (t == DetectorState.FAULT) {
            return DetectorStatus.of(DetectorState.FAULT, firstNonEmpty(error, status, "Tango " + tango));
        }
        if (t == DetectorState.OFF || t == DetectorState.UNKNOWN) {
            return DetectorStatus.of(t, "Tango " + tango + (status.isEmpty() ? "" : ": " + status));
        }
        DetectorState s;
        String where;
        switch (source) {
            case STATUS -> {
                String line = firstLine(status);
                s = words.get(line.toLowerCase(Locale.ROOT));
                where = "Status " + line + ", Tango " + tango;
                if (s == null) {
                    return DetectorStatus.of(DetectorState.UNKNOWN, "the first line of Status, '" + line
                            + "', is none of " + words.keySet() + " (option states); Tango " + tango);
                }
                if (s == DetectorState.FAULT) {
                    String rest = status.substring(Math.min(status.length(), status.indexOf('\n') + 1)).trim();
                    return DetectorStatus.of(DetectorState.FAULT, firstNonEmpty(error,
                            status.indexOf('\n') < 0 ? "" : rest, status));
                }
            }
            case ATTRIBUTE -> {
                String value = r.value() == null ? "" : r.value().trim();
                s = words.get(value.toLowerCase(Locale.ROOT));
                where = valueName + " " + value + ", Tango " + tango;
                if (s == null) {
                    return DetectorStatus.of(DetectorState.UNKNOWN, valueName + " is '" + value + "', none of "
                            + words.keySet() + " (option states); Tango " + tango);
                }
                if (s == DetectorState.FAULT) {
                    return DetectorStatus.of(DetectorState.FAULT, firstNonEmpty(error, valueName + " " + value));
                }
            }
            default -> {
                s = t;
                where = "Tango " + tango;
            }
        }
        if (t == DetectorState.RUNNING && s != DetectorState.RUNNING) {
            s = DetectorState.RUNNING; // Tango says images are being taken (MAX IV's Eiger: MOVING under "ready")
        }
        return describe(s, mode, where);
    }

    /** A series that runs by itself is acquiring as soon as it is armed. */
    static DetectorStatus describe(DetectorState s, TriggerMode mode, String where) {
        if (s == DetectorState.ARMED && mode == TriggerMode.INTERNAL) {
            s = DetectorState.RUNNING;
        }
        return switch (s) {
            case READY -> DetectorStatus.of(s, "ready (" + where + ")");
            case ARMED -> DetectorStatus.of(s, "armed, waiting for " + (mode.softwareTriggered() ? "a software trigger"
                    : mode.external() ? "a hardware trigger" : "the start") + " (" + where + ")");
            case RUNNING -> DetectorStatus.of(s, "acquiring (" + where + ")");
            default -> DetectorStatus.of(s, where);
        };
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return (nl < 0 ? text : text.substring(0, nl)).trim();
    }

    private static String firstNonEmpty(String... texts) {
        for (String t : texts) {
            if (!t.isEmpty()) {
                return t;
            }
        }
        return "";
    }

    private static Map<String, DetectorState> upper(Map<String, DetectorState> m) {
        Map<String, DetectorState> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k.trim().toUpperCase(Locale.ROOT), v));
        return out;
    }
}
