package org.hutch.model.receiver;

import java.time.Instant;
import java.util.Locale;

/**
 * A consistent snapshot of a stream receiver: what Hutch's receiver shows at
 * {@code /api/v1/status}, what the app's client reads from that or from MAX IV's {@code /status}
 * and {@code /received_frames}, and what the status view shows. A receiver that does not report a
 * value leaves it unknown: {@code null} for objects, NaN for rates, -1 for counts.
 *
 * @param state          idle, running or error
 * @param error          the reason when state is error, else {@code null}
 * @param errorTime      when the error happened, or {@code null}
 * @param series         the current (or last) series, or {@code null} before the first header
 * @param fps            frames per second received over the last seconds
 * @param writeFps       frames per second written over the last seconds
 * @param bytesPerSecond blob bytes per second received over the last seconds
 * @param queueFrames    frames waiting between the workers and the file
 * @param queueBytes     their blob bytes
 * @param queueCapacity  frames the queue holds at most
 * @param lost           frames known missing since the receiver started (gaps, rejected frames, orphans)
 * @param duplicates     messages dropped because their position was already taken
 * @param totalReceived  frames received since start
 * @param totalWritten   frames written since start
 * @param totalBytes     blob bytes received since start
 * @param version        the receiver's version
 */
public record ReceiverStatus(State state, String error, Instant errorTime, Series series, double fps,
                             double writeFps, double bytesPerSecond, long queueFrames, long queueBytes,
                             long queueCapacity, long lost, long duplicates, long totalReceived, long totalWritten,
                             long totalBytes, String version) {

    public ReceiverStatus {
        state = state == null ? State.UNKNOWN : state;
    }

    /** A receiver's state; {@link #UNKNOWN} for a state a receiver did not report or Hutch does not know. */
    public enum State {
        IDLE, RUNNING, ERROR, UNKNOWN;

        /** As MAX IV writes it: idle, running, error. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The state of a wire name, case-insensitive; {@link #UNKNOWN} for anything else. */
        public static State fromWireName(String name) {
            if (name != null) {
                for (State s : values()) {
                    if (s.wireName().equalsIgnoreCase(name.trim())) {
                        return s;
                    }
                }
            }
            return UNKNOWN;
        }
    }

    /**
     * @param id       series id (DECTRIS series, or a counter for STINS), or -1 when the receiver does not say
     * @param filename absolute path of the file written, or {@code null} when nothing is saved
     * @param expected frames announced by the header, or {@code null}
     * @param received frames received in this series (MAX IV's received_frames)
     * @param written  frames written to the file in this series, or -1
     * @param lost     frames of this series known missing, or -1
     * @param started  when the header arrived, or {@code null}
     * @param end      how the series ended: {@code null} while it runs (or when the receiver does not say), else
     *                 {@code complete}, {@code aborted}, {@code timeout} or {@code error}
     */
    public record Series(long id, String filename, Long expected, long received, long written, long lost,
                         Instant started, String end) {

        /** A series whose end the receiver does not report (still running, or an older receiver). */
        public Series(long id, String filename, Long expected, long received, long written, long lost,
                      Instant started) {
            this(id, filename, expected, received, written, lost, started, null);
        }
    }

    public boolean isError() {
        return state == State.ERROR;
    }

    public boolean isRunning() {
        return state == State.RUNNING;
    }

    public boolean isIdle() {
        return state == State.IDLE;
    }

    /** The current series' id, or -1. */
    public long seriesId() {
        return series == null ? -1 : series.id();
    }

    /** The current series' file, or {@code null}. */
    public String filename() {
        return series == null ? null : series.filename();
    }

    /** Frames announced for the current series, or {@code null} if unknown. */
    public Long expected() {
        return series == null ? null : series.expected();
    }

    /** Frames received in the current series (0 before the first). */
    public long received() {
        return series == null ? 0 : series.received();
    }

    /** Frames on disk in the current series, or -1 if the receiver does not say. */
    public long written() {
        return series == null ? -1 : series.written();
    }
}
