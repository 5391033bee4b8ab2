package org.hutch.app.acquire;

import org.hutch.detector.DetectorStatus;
import org.hutch.model.acquisition.AcquisitionProgress;

/**
 * Told about an acquisition. Called on background threads (never the FX thread); a GUI hands the
 * values to the FX thread with an {@code FxHandoff}.
 */
public interface AcquisitionListener {

    default void detectorStatus(DetectorStatus status) {
    }

    default void progress(AcquisitionProgress progress) {
    }

    default void finished(AcquisitionResult result) {
    }

    /**
     * Something the user should know although the acquisition goes on (the file name was not applied, the
     * receiver cannot end a series on request); the message is for the user.
     */
    default void warning(String message) {
    }

    /** A command (configure, arm, start, stop, abort) failed; the message is for the user. */
    default void commandFailed(String command, String message) {
    }
}
