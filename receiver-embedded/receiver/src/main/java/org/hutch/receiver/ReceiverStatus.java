package org.hutch.receiver;

import java.time.Instant;

/**
 * A consistent snapshot of the receiver, as {@code /api/v1/status} shows it.
 *
 * @param state          idle, running or error
 * @param error          the reason when state is error, else {@code null}
 * @param errorTime      when the error happened, or {@code null}
 * @param series         the current (or last) series, or {@code null} before the first header
 * @param fps            frames per second received over the last seconds
 * @param bytesPerSecond blob bytes per second received over the last seconds
 * @param queueFrames    frames waiting between the workers and the file
 * @param queueBytes     their blob bytes
 * @param lost           frames known missing since the receiver started (gaps, rejected frames, orphans)
 * @param duplicates     messages dropped because their position was already taken
 * @param totalReceived  frames received since start
 * @param totalWritten   frames written since start
 * @param totalBytes     blob bytes received since start
 */
public record ReceiverStatus(State state, String error, Instant errorTime, Series series, double fps,
                             double bytesPerSecond, long queueFrames, long queueBytes, long lost, long duplicates,
                             long totalReceived, long totalWritten, long totalBytes) {

    public enum State {
        IDLE, RUNNING, ERROR;

        /** As MAX IV writes it: idle, running, error. */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * @param id       series id (DECTRIS series, or a counter for STINS)
     * @param filename absolute path of the file written, or {@code null} when nothing is saved
     * @param expected frames announced by the header, or {@code null}
     * @param received frames received in this series (MAX IV's received_frames)
     * @param written  frames written to the file in this series
     * @param lost     frames of this series known missing
     * @param started  when the header arrived
     */
    public record Series(long id, String filename, Long expected, long received, long written, long lost,
                         Instant started) {
    }
}
