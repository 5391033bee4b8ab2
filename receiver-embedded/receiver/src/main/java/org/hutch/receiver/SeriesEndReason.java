package org.hutch.receiver;

import java.util.Locale;

/** How a series ended, as {@code /api/v1/status} reports it in {@code series.end}. */
public enum SeriesEndReason {
    /** series_end arrived and nothing went wrong */
    COMPLETE,
    /** ended on request ({@code POST /api/v1/series/abort}) */
    ABORTED,
    /** no message for the series timeout and no series_end */
    TIMEOUT,
    /** cut short (a new header, the receiver stopped) or ended with an error */
    ERROR;

    /** As the API writes it: complete, aborted, timeout, error. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
