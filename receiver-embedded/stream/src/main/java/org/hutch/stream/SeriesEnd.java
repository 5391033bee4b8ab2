package org.hutch.stream;

/** End of a series: every frame of it has been sent. */
public record SeriesEnd(long series, long msgNumber) implements StreamMessage {
}
