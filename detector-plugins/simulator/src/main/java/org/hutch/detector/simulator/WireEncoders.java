package org.hutch.detector.simulator;

import org.hutch.detector.StreamInfo;
import org.hutch.stream.StreamDecoders;
import org.hutch.stream.StreamEncoder;
import org.hutch.stream.StreamFormat;

/** The hutch-stream encoder of each wire format. */
final class WireEncoders {
    private WireEncoders() {
    }

    static StreamEncoder of(StreamInfo.Format format) {
        return StreamDecoders.encoderFor(streamFormat(format));
    }

    static StreamFormat streamFormat(StreamInfo.Format format) {
        return StreamFormat.valueOf(format.name());
    }
}
