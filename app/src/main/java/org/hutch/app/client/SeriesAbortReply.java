package org.hutch.app.client;

/**
 * What a receiver answered {@code POST /api/v1/series/abort}: the open series was ended (its file closed, readable
 * and marked incomplete), nothing was open, or the receiver has no such call (MAX IV's streaming-receiver: it closes
 * the file only when its series times out).
 *
 * @param outcome  which of the three
 * @param series   the series ended, or -1
 * @param filename its file, or {@code null}
 * @param written  frames in that file, or -1
 * @param detail   for {@link Outcome#NOT_SUPPORTED}: why, for the user; otherwise empty
 */
public record SeriesAbortReply(Outcome outcome, long series, String filename, long written, String detail) {

    public enum Outcome {
        /** the open series was ended */
        ABORTED,
        /** no series was open */
        NOTHING_OPEN,
        /** the receiver cannot end a series on request */
        NOT_SUPPORTED
    }

    public static SeriesAbortReply aborted(long series, String filename, long written) {
        return new SeriesAbortReply(Outcome.ABORTED, series, filename, written, "");
    }

    public static SeriesAbortReply nothingOpen() {
        return new SeriesAbortReply(Outcome.NOTHING_OPEN, -1, null, -1, "");
    }

    public static SeriesAbortReply notSupported(String why) {
        return new SeriesAbortReply(Outcome.NOT_SUPPORTED, -1, null, -1, why);
    }
}
