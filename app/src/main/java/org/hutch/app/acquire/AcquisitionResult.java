package org.hutch.app.acquire;

/**
 * How an acquisition ended.
 *
 * @param outcome  what happened
 * @param expected frames asked for
 * @param received frames the receiver got
 * @param written  frames on disk (-1 if the receiver does not say)
 * @param file     the file, or {@code null}
 * @param message  one line for the user
 */
public record AcquisitionResult(Outcome outcome, long expected, long received, long written, String file,
                                String message) {

    public enum Outcome {
        /** every frame was written */
        COMPLETE,
        /** stopped early by the user; the frames so far are on disk */
        STOPPED,
        /** aborted by the user */
        ABORTED,
        /** the detector or the receiver reported an error */
        FAILED,
        /** no completion within the time limit */
        TIMEOUT
    }

    public boolean complete() {
        return outcome == Outcome.COMPLETE;
    }
}
