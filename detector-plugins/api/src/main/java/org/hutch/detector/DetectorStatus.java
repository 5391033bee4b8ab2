package org.hutch.detector;

import java.time.Instant;
import java.util.Objects;

/**
 * A state together with a human-readable message (the fault reason in {@link DetectorState#FAULT},
 * otherwise a short description such as {@code "armed: 10 images x 1 trigger"}) and when it was entered.
 */
public record DetectorStatus(DetectorState state, String message, Instant time) {
    public DetectorStatus {
        Objects.requireNonNull(state, "state");
        message = message == null ? "" : message;
        time = time == null ? Instant.now() : time;
    }

    /** A status stamped now. */
    public static DetectorStatus of(DetectorState state, String message) {
        return new DetectorStatus(state, message, Instant.now());
    }

    @Override
    public String toString() {
        return message.isEmpty() ? state.name() : state + ": " + message;
    }
}
