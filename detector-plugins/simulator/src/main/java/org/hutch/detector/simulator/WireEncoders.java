package org.hutch.detector.simulator;

import org.hutch.detector.DetectorException;
import org.hutch.detector.StreamInfo;
import org.hutch.stream.StinsEncoder;
import org.hutch.stream.StreamEncoder;
import org.hutch.stream.StreamFormat;

/** The hutch-stream encoder of each wire format. */
final class WireEncoders {
    private WireEncoders() {
    }

    static StreamEncoder of(StreamInfo.Format format) throws DetectorException {
        switch (format) {
            case STINS:
                return new StinsEncoder();
            default:
                throw new DetectorException("the simulator cannot send " + format.cliName() + " yet: use format=stins");
        }
    }

    static StreamFormat streamFormat(StreamInfo.Format format) {
        return StreamFormat.valueOf(format.name());
    }
}
