package org.hutch.model.acquisition;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What to acquire in the next series. Plain values, checked on construction; a detector may still
 * refuse values outside its own limits when it is configured.
 *
 * @param exposureTime count time per image, seconds (&gt; 0)
 * @param period       time from the start of one image to the next, seconds (&ge; exposureTime)
 * @param images       images per trigger (&ge; 1)
 * @param triggers     triggers per series (&ge; 1)
 * @param triggerMode  how the series is started
 * @param fileName     file name sent in the stream header; {@code ""} means the receiver does not save
 * @param metadata     free metadata sent with the header (JSON-like values: strings, numbers, booleans, lists, maps)
 */
public record AcquisitionSettings(double exposureTime, double period, int images, int triggers,
                                  TriggerMode triggerMode, String fileName, Map<String, Object> metadata) {

    /** 0.1 s exposure and period, 10 images, 1 trigger, {@link TriggerMode#INTS}, no file name. */
    public static final AcquisitionSettings DEFAULT =
            new AcquisitionSettings(0.1, 0.1, 10, 1, TriggerMode.INTS, "", Map.of());

    /** @throws IllegalArgumentException with a message naming the bad value */
    public AcquisitionSettings {
        if (!(exposureTime > 0) || Double.isInfinite(exposureTime)) {
            throw new IllegalArgumentException("exposure time must be a positive number of seconds, not " + exposureTime);
        }
        if (!(period >= exposureTime) || Double.isInfinite(period)) {
            throw new IllegalArgumentException("period (" + period + " s) must be at least the exposure time ("
                    + exposureTime + " s)");
        }
        if (images < 1) {
            throw new IllegalArgumentException("number of images must be at least 1, not " + images);
        }
        if (triggers < 1) {
            throw new IllegalArgumentException("number of triggers must be at least 1, not " + triggers);
        }
        Objects.requireNonNull(triggerMode, "trigger mode");
        fileName = fileName == null ? "" : fileName;
        metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** Frames in the whole series: images x triggers, or triggers alone in the one-frame-per-trigger modes. */
    public long totalFrames() {
        return triggerMode.framesPerTrigger(images) * triggers;
    }

    public AcquisitionSettings withExposure(double exposureTime, double period) {
        return new AcquisitionSettings(exposureTime, period, images, triggers, triggerMode, fileName, metadata);
    }

    public AcquisitionSettings withImages(int images, int triggers) {
        return new AcquisitionSettings(exposureTime, period, images, triggers, triggerMode, fileName, metadata);
    }

    public AcquisitionSettings withTriggerMode(TriggerMode triggerMode) {
        return new AcquisitionSettings(exposureTime, period, images, triggers, triggerMode, fileName, metadata);
    }

    public AcquisitionSettings withFileName(String fileName) {
        return new AcquisitionSettings(exposureTime, period, images, triggers, triggerMode, fileName, metadata);
    }

    public AcquisitionSettings withMetadata(Map<String, Object> metadata) {
        return new AcquisitionSettings(exposureTime, period, images, triggers, triggerMode, fileName, metadata);
    }
}
