package org.hutch.receiver.ingest;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.hutch.stream.StreamDecoder;
import org.hutch.stream.StreamFormat;
import org.hutch.stream.StreamFormatException;
import org.hutch.stream.StreamMessage;

/**
 * Recognises the wire format of each message and hands it to that format's decoder: a CBOR
 * self-describe tag (0xD9D9F7) is DECTRIS Stream V2, a JSON {@code htype} starting with {@code d}
 * ({@code dheader-1.0}, {@code dimage-1.0}, {@code dseries_end-1.0}) is Stream V1, other JSON is STINS.
 * One decoder per format is kept (they hold per-series state).
 */
final class AutoDecoder implements StreamDecoder {
    private final Function<StreamFormat, StreamDecoder> factory;
    private final Map<StreamFormat, StreamDecoder> decoders = new EnumMap<>(StreamFormat.class);

    AutoDecoder(Function<StreamFormat, StreamDecoder> factory) {
        this.factory = factory;
    }

    @Override
    public StreamMessage decode(List<byte[]> parts) throws StreamFormatException {
        if (parts.isEmpty()) {
            throw new StreamFormatException("empty message");
        }
        StreamFormat f = recognise(parts.get(0));
        StreamDecoder d = decoders.get(f);
        if (d == null) {
            try {
                d = factory.apply(f);
            } catch (IllegalArgumentException e) {
                throw new StreamFormatException(e.getMessage(), e);
            }
            decoders.put(f, d);
        }
        return d.decode(parts);
    }

    static StreamFormat recognise(byte[] part0) {
        if (part0.length >= 3 && (part0[0] & 0xFF) == 0xD9 && (part0[1] & 0xFF) == 0xD9 && (part0[2] & 0xFF) == 0xF7) {
            return StreamFormat.DECTRIS_V2;
        }
        if (part0.length > 0 && (part0[0] & 0xE0) == 0xA0) {
            // a CBOR map without the self-describe tag (major type 5)
            return StreamFormat.DECTRIS_V2;
        }
        String head = new String(part0, 0, Math.min(part0.length, 256), StandardCharsets.UTF_8);
        int i = head.indexOf("\"htype\"");
        if (i >= 0) {
            int q = head.indexOf('"', head.indexOf(':', i) + 1);
            if (q >= 0 && q + 1 < head.length() && head.charAt(q + 1) == 'd') {
                return StreamFormat.DECTRIS_V1;
            }
        }
        return StreamFormat.STINS;
    }
}
