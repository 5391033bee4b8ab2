package org.hutch.detector.tango;

import java.util.Locale;

/**
 * What a Tango attribute or command is used for. The MAX IV standard device has the four required roles;
 * the optional ones differ between sites and are used only when the device has one of their candidate names.
 */
public enum Role {
    ARM("arm", Kind.COMMAND, true, "Arm", "command that arms the detector (sends the stream header)"),
    EXPOSURE_TIME("exposureTime", Kind.ATTRIBUTE, true, "ExposureTime", "exposure time per image, seconds"),
    TRIGGER_MODE("triggerMode", Kind.ATTRIBUTE, true, "TriggerMode", "trigger mode (string)"),
    TRIGGERS("nTriggers", Kind.ATTRIBUTE, true, "nTriggers", "number of triggers per series"),
    IMAGES("nImages", Kind.ATTRIBUTE, false, "nImages|NbImages|nFrames", "images per trigger"),
    PERIOD("period", Kind.ATTRIBUTE, false, "Period|FramePeriod", "image period, seconds"),
    LATENCY("latencyTime", Kind.ATTRIBUTE, false, "LatencyTime", "dead time between images (period - exposure), seconds"),
    FILE_NAME("fileName", Kind.ATTRIBUTE, false, "FileName|Filename", "file name sent with the series"),
    TRIGGER("trigger", Kind.COMMAND, false, "Trigger|SoftwareTrigger|StartAcquisition", "software trigger command"),
    STOP("stop", Kind.COMMAND, false, "Stop|StopAcquisition", "command that ends the series cleanly"),
    ABORT("abort", Kind.COMMAND, false, "Abort", "command that drops the series at once"),
    DISARM("disarm", Kind.COMMAND, false, "Disarm", "command that ends an armed series");

    /** Whether the name is looked up in the device's attribute list or its command list. */
    public enum Kind { ATTRIBUTE, COMMAND }

    private final String optionKey;
    private final Kind kind;
    private final boolean required;
    private final String defaultNames;
    private final String description;

    Role(String optionKey, Kind kind, boolean required, String defaultNames, String description) {
        this.optionKey = optionKey;
        this.kind = kind;
        this.required = required;
        this.defaultNames = defaultNames;
        this.description = description;
    }

    /** The plugin option that names this role's attribute or command, for example {@code exposureTime}. */
    public String optionKey() {
        return optionKey;
    }

    public Kind kind() {
        return kind;
    }

    /** Required roles must exist on the device, otherwise opening fails. */
    public boolean required() {
        return required;
    }

    /** Candidate names separated by {@code |}, first match wins (Tango names are case-insensitive). */
    public String defaultNames() {
        return defaultNames;
    }

    public String description() {
        return description;
    }

    /** Lower-case words for messages, for example "exposure time attribute". */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ') + " " + kind.name().toLowerCase(Locale.ROOT);
    }
}
