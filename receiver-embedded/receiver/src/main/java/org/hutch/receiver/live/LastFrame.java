package org.hutch.receiver.live;

import org.hutch.stream.Frame;

/**
 * The newest frame the receiver saw, with the series it belongs to and a sequence number that
 * changes with every frame (used as the HTTP ETag).
 */
public record LastFrame(Frame frame, long seriesId, long seq) {
    public String etag() {
        return "\"" + seriesId + "-" + frame.frame() + "-" + seq + "\"";
    }
}
