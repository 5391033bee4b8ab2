package org.hutch.detector.simulator;

import java.util.Locale;

/** Faults the simulator can inject into each series, to test how receivers and applications cope. */
public enum Fault {
    /** none: a well-behaved detector */
    NONE("none"),
    /** stop sending in mid-series and stay RUNNING (a detector or network that hangs) */
    STALL("stall"),
    /** close the stream socket in mid-series, without series end, and go to FAULT (a detector that dies) */
    DISCONNECT("disconnect"),
    /** send one image whose blob is half as long as its shape and dtype say, then carry on */
    MALFORMED("malformed"),
    /** send one image whose header part is not valid JSON/CBOR, then carry on */
    MALFORMED_HEADER("malformed-header");

    private final String optionName;

    Fault(String optionName) {
        this.optionName = optionName;
    }

    public String optionName() {
        return optionName;
    }

    public static Fault fromName(String name) {
        String n = name == null ? "none" : name.trim().toLowerCase(Locale.ROOT);
        for (Fault f : values()) {
            if (f.optionName.equals(n)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown fault '" + name + "' (expected none, stall, disconnect, malformed or malformed-header)");
    }
}
