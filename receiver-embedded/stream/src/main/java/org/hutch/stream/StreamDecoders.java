package org.hutch.stream;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Decoders by format, and format detection from a message. */
public final class StreamDecoders {
    private StreamDecoders() {
    }

    /** A new decoder for one PULL worker. */
    public static StreamDecoder forFormat(StreamFormat format) {
        switch (format) {
            case STINS:
                return new StinsDecoder();
            case DECTRIS_V1:
                return new DectrisV1Decoder();
            case DECTRIS_V2:
                return new DectrisV2Decoder();
            default:
                throw new IllegalArgumentException("no decoder for " + format);
        }
    }

    /** A new encoder (simulator, forwarder). */
    public static StreamEncoder encoderFor(StreamFormat format) {
        switch (format) {
            case STINS:
                return new StinsEncoder();
            case DECTRIS_V1:
                return new DectrisV1Encoder();
            case DECTRIS_V2:
                return new DectrisV2Encoder();
            default:
                throw new IllegalArgumentException("no encoder for " + format);
        }
    }

    /**
     * Tells the format from one message, cheaply (first bytes only): CBOR (tag 55799 or a map) is
     * Stream V2; JSON whose htype ends in {@code -1.0} is Stream V1; other JSON is STINS.
     *
     * @throws StreamFormatException when the message is neither CBOR nor JSON
     */
    public static StreamFormat detect(List<byte[]> parts) throws StreamFormatException {
        if (parts == null || parts.isEmpty() || parts.get(0).length == 0) {
            throw new StreamFormatException("cannot tell the stream format of an empty message");
        }
        byte[] p = parts.get(0);
        int b0 = p[0] & 0xFF;
        if (b0 == 0xD9 && p.length > 2 && (p[1] & 0xFF) == 0xD9 && (p[2] & 0xFF) == 0xF7) {
            return StreamFormat.DECTRIS_V2;
        }
        if (b0 >= 0xA0 && b0 <= 0xBF) {
            return StreamFormat.DECTRIS_V2;
        }
        int i = 0;
        while (i < p.length && Character.isWhitespace(p[i])) {
            i++;
        }
        if (i < p.length && p[i] == '{') {
            String head = new String(p, 0, Math.min(p.length, 512), StandardCharsets.UTF_8);
            return head.matches("(?s).*\"htype\"\\s*:\\s*\"d[a-z_]+-1\\.0\".*") ? StreamFormat.DECTRIS_V1
                    : StreamFormat.STINS;
        }
        throw new StreamFormatException("message is neither JSON (STINS, Stream V1) nor CBOR (Stream V2): starts with 0x"
                + String.format("%02x", b0));
    }

    /**
     * A decoder that detects each message's format and keeps one decoder per format, for a receiver
     * that accepts any of them. Not thread-safe, like every decoder.
     */
    public static StreamDecoder autoDetecting() {
        Map<StreamFormat, StreamDecoder> decoders = new EnumMap<>(StreamFormat.class);
        return new StreamDecoder() {
            @Override
            public StreamMessage decode(List<byte[]> parts) throws StreamFormatException {
                return decoders.computeIfAbsent(detect(parts), StreamDecoders::forFormat).decode(parts);
            }

            @Override
            public StreamMessage decodeBuffers(List<ByteBuffer> parts) throws StreamFormatException {
                // the format shows in part 0 (a small header); the other parts go on as they are
                List<byte[]> head = parts.isEmpty() ? List.of() : List.of(Blobs.bytes(parts.get(0).duplicate()));
                return decoders.computeIfAbsent(detect(head), StreamDecoders::forFormat).decodeBuffers(parts);
            }
        };
    }
}
