package org.hutch.receiver.ingest;

import org.hutch.receiver.ReceiverConfig.InputFormat;
import org.hutch.stream.StreamDecoder;
import org.hutch.stream.StreamDecoders;
import org.hutch.stream.StreamFormat;

/** Makes the decoder a worker uses (one per worker: decoders keep per-series state). */
public final class Decoders {
    private Decoders() {
    }

    /** The stream format for a configured one; null for AUTO (recognised per message). */
    public static StreamFormat fixedFormat(InputFormat format) {
        return format == InputFormat.AUTO ? null : StreamFormat.valueOf(format.name());
    }

    public static StreamDecoder create(InputFormat format) {
        switch (format) {
            case AUTO: return StreamDecoders.autoDetecting();
            case STINS: return StreamDecoders.forFormat(StreamFormat.STINS);
            case DECTRIS_V1: return StreamDecoders.forFormat(StreamFormat.DECTRIS_V1);
            case DECTRIS_V2: return StreamDecoders.forFormat(StreamFormat.DECTRIS_V2);
            default: throw new IllegalArgumentException("unknown format " + format);
        }
    }
}
