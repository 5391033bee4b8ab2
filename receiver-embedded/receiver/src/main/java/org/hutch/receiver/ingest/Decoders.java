package org.hutch.receiver.ingest;

import org.hutch.receiver.ReceiverConfig.InputFormat;
import org.hutch.stream.StinsDecoder;
import org.hutch.stream.StreamDecoder;
import org.hutch.stream.StreamFormat;

/** Makes the decoder a worker uses (one per worker: decoders keep per-series state). */
public final class Decoders {
    private Decoders() {
    }

    public static StreamDecoder create(InputFormat format) {
        switch (format) {
            case AUTO: return new AutoDecoder(Decoders::forFormat);
            case STINS: return forFormat(StreamFormat.STINS);
            case DECTRIS_V1: return forFormat(StreamFormat.DECTRIS_V1);
            case DECTRIS_V2: return forFormat(StreamFormat.DECTRIS_V2);
            default: throw new IllegalArgumentException("unknown format " + format);
        }
    }

    /** @throws IllegalArgumentException when this build cannot read the format */
    public static StreamDecoder forFormat(StreamFormat format) {
        switch (format) {
            case STINS:
                return new StinsDecoder();
            default:
                throw new IllegalArgumentException(format + " streams cannot be read by this build yet");
        }
    }
}
