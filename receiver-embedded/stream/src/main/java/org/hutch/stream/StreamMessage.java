package org.hutch.stream;

/** One decoded ZeroMQ message of a detector stream: the start of a series, a frame, or its end. */
public sealed interface StreamMessage permits SeriesStart, Frame, SeriesEnd {

    /** Series identifier as the detector gives it (DECTRIS {@code series}/{@code series_id}); STINS has none: 0. */
    long series();

    /**
     * Position of the message in its series, monotonic over start, frames and end. STINS carries
     * it as {@code msg_number}; for DECTRIS formats it is derived (start 0, frame i -> i + 1, end last:
     * the highest frame index the same decoder saw + 2, or 1 when it saw none; with several workers each
     * decoder sees only its own frames, so a collector should treat a DECTRIS end as "after every frame
     * still in flight" rather than trust its number).
     * Several PULL workers deliver out of order: the collector re-orders with it.
     */
    long msgNumber();
}
