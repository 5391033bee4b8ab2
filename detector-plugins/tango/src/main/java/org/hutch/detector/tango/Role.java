package org.hutch.detector.tango;

import java.util.Locale;

/**
 * What a Tango attribute or command is used for. Every device needs the three required roles; the optional ones
 * differ between devices (see {@link Profile}) and are used only when the device has one of their candidate names.
 */
public enum Role {
    ARM("arm", Kind.COMMAND, true, "command that arms the detector (sends the stream header; LImA's prepareAcq)"),
    START("start", Kind.COMMAND, false, "command run right after Arm where no software trigger follows "
            + "(internal and external trigger modes), as LImA's startAcq after prepareAcq"),
    EXPOSURE_TIME("exposureTime", Kind.ATTRIBUTE, true, "exposure time per image, seconds"),
    TRIGGER_MODE("triggerMode", Kind.ATTRIBUTE, true, "trigger mode (string or enum)"),
    TRIGGERS("nTriggers", Kind.ATTRIBUTE, false, "number of triggers per series"),
    IMAGES("nImages", Kind.ATTRIBUTE, false, "images per trigger (with framesTotal=true: frames of the whole series)"),
    PERIOD("period", Kind.ATTRIBUTE, false, "image period, seconds"),
    LATENCY("latencyTime", Kind.ATTRIBUTE, false, "dead time between images (period - exposure), seconds"),
    FILE_NAME("fileName", Kind.ATTRIBUTE, false, "file name sent with the series"),
    TRIGGER("trigger", Kind.COMMAND, false, "software trigger command"),
    STOP("stop", Kind.COMMAND, false, "command that ends the series cleanly"),
    ABORT("abort", Kind.COMMAND, false, "command that drops the series at once"),
    DISARM("disarm", Kind.COMMAND, false, "command that ends an armed series"),
    INITIALIZE("initialize", Kind.COMMAND, false, "command that brings a stuck device back (LImA's reset)"),
    STATUS("statusAttribute", Kind.ATTRIBUTE, false, "attribute whose value says idle / armed / acquiring / fault "
            + "(stateSource=attribute), as LImA's acq_status"),
    ERROR("errorAttribute", Kind.ATTRIBUTE, false, "attribute with the device's fault text, as LImA's "
            + "acq_status_fault_error"),
    IMAGE_COUNTER("imageCounter", Kind.ATTRIBUTE, false, "images taken so far in the series, as LImA's "
            + "last_image_acquired (see imageCounterBase)");

    /** Whether the name is looked up in the device's attribute list or its command list. */
    public enum Kind { ATTRIBUTE, COMMAND }

    private final String optionKey;
    private final Kind kind;
    private final boolean required;
    private final String description;

    Role(String optionKey, Kind kind, boolean required, String description) {
        this.optionKey = optionKey;
        this.kind = kind;
        this.required = required;
        this.description = description;
    }

    /** The plugin option (and profile key) that names this role's attribute or command, e.g. {@code exposureTime}. */
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

    public String description() {
        return description;
    }

    /** Lower-case words for messages, for example "exposure time attribute". */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ') + " " + kind.name().toLowerCase(Locale.ROOT);
    }
}
