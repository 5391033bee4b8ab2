package org.hutch.receiver.http;

import org.hutch.receiver.live.LiveView;
import org.hutch.stream.StreamFormatException;

/** MAX IV's {@code /last_frame} body: pickle protocol 4 of {@code [header, blob]}. */
final class LastFramePickle {
    private final LiveView live;

    LastFramePickle(LiveView live) {
        this.live = live;
    }

    byte[] render(int factor) throws StreamFormatException {
        throw new UnsupportedOperationException("pickle writer not available yet");
    }
}
