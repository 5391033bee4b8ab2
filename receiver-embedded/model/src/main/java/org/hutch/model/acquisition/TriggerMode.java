package org.hutch.model.acquisition;

import java.util.Locale;

/**
 * How a series is started. The DECTRIS names are used on the wire and in settings files.
 *
 * <ul>
 *   <li>{@link #INTS} (DECTRIS {@code ints}): internal timing, started by a <em>software trigger</em>.
 *       After the detector is armed, each software trigger takes {@code images} frames at
 *       {@code period}; after {@code triggers} triggers the series ends. This is the software-trigger mode.</li>
 *   <li>{@link #INTE} (DECTRIS {@code inte}): internal enable: each software trigger
 *       takes one frame of {@code exposureTime}; {@code triggers} frames in all.</li>
 *   <li>{@link #EXTS} (DECTRIS {@code exts}): each rising edge on the hardware trigger input takes
 *       {@code images} frames; {@code triggers} edges in all.</li>
 *   <li>{@link #EXTE} (DECTRIS {@code exte}): each hardware gate takes one frame as long as the gate.</li>
 *   <li>{@link #INTERNAL} ({@code internal}): the series runs by itself as soon as it is armed
 *       ({@code images x triggers} frames at {@code period}), no trigger needed: the MAX IV standard Tango
 *       device's internal mode.</li>
 * </ul>
 */
public enum TriggerMode {
    INTS("ints", "internal series, software trigger"),
    INTE("inte", "internal enable, one frame per software trigger"),
    EXTS("exts", "external trigger starts each series of images"),
    EXTE("exte", "external gate, one frame per gate"),
    INTERNAL("internal", "internal, starts when armed");

    private final String wireName;
    private final String label;

    TriggerMode(String wireName, String label) {
        this.wireName = wireName;
        this.label = label;
    }

    /** The name detectors use ({@code ints}, {@code inte}, {@code exts}, {@code exte}, {@code internal}). */
    public String wireName() {
        return wireName;
    }

    /** A short description for a user interface. */
    public String label() {
        return label;
    }

    /** True when the series waits for software triggers (the detector's {@code trigger()}) after arm. */
    public boolean softwareTriggered() {
        return this == INTS || this == INTE;
    }

    /** True when the series waits for a hardware signal after arm. */
    public boolean external() {
        return this == EXTS || this == EXTE;
    }

    /** Frames taken per trigger for the given number of images per trigger. */
    public long framesPerTrigger(int images) {
        return this == INTE || this == EXTE ? 1 : images;
    }

    /**
     * Parses a wire name or enum name, case-insensitively.
     *
     * @throws IllegalArgumentException naming the unknown mode and the known ones
     */
    public static TriggerMode fromName(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (TriggerMode m : values()) {
            if (m.wireName.equals(n) || m.name().toLowerCase(Locale.ROOT).equals(n)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown trigger mode '" + name + "' (expected ints, inte, exts, exte or internal)");
    }

    @Override
    public String toString() {
        return wireName;
    }
}
