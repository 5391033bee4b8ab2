package org.hutch.stream;

import java.util.Map;
import java.util.Objects;

/**
 * Start of a series.
 *
 * @param series         detector series id (0 for STINS)
 * @param msgNumber      see {@link StreamMessage#msgNumber()}
 * @param format         the wire format it came in
 * @param filename       file name requested by the sender; {@code ""} means do not save; {@code null} when the
 *                       sender said nothing (the receiver then uses its own naming)
 * @param expectedFrames number of frames announced (nimages x ntrigger, number_of_images), or {@code null} if unknown
 * @param header         the start message's keys as sent (unknown keys kept)
 * @param metadata       free metadata: STINS second part, DECTRIS detector config and header appendix; may nest
 */
public record SeriesStart(long series, long msgNumber, StreamFormat format, String filename, Long expectedFrames,
                          Map<String, Object> header, Map<String, Object> metadata) implements StreamMessage {
    public SeriesStart {
        Objects.requireNonNull(format, "format");
        header = header == null ? Map.of() : header;
        metadata = metadata == null ? Map.of() : metadata;
    }

    /** True when the sender asked for no file ({@code filename: ""} or {@code save_raw: false}). */
    public boolean noSave() {
        return "".equals(filename) || Boolean.FALSE.equals(metadata.get("save_raw"))
                || Boolean.FALSE.equals(header.get("save_raw"));
    }
}
