package org.hutch.app.client;

/**
 * The answer to "give me the last frame".
 *
 * @param kind  what happened
 * @param frame the new frame when {@code kind} is {@link Kind#NEW}, else {@code null}
 * @param tag   what identifies the frame for the next conditional request (ETag), or {@code null}
 */
public record FrameResult(Kind kind, LiveFrame frame, String tag) {

    public enum Kind {
        /** a frame that differs from the one named by the request's tag */
        NEW,
        /** the same frame as last time (HTTP 304, or same frame counters) */
        UNCHANGED,
        /** the receiver has no frame yet (HTTP 204, or MAX IV's {@code [{}, b""]}) */
        NONE
    }

    public static FrameResult none() {
        return new FrameResult(Kind.NONE, null, null);
    }

    public static FrameResult unchanged(String tag) {
        return new FrameResult(Kind.UNCHANGED, null, tag);
    }

    public static FrameResult of(LiveFrame frame, String tag) {
        return new FrameResult(Kind.NEW, frame, tag);
    }
}
