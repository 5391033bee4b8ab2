package org.hutch.stream;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;

/**
 * Writes DECTRIS Stream V2 (CBOR) messages, the inverse of {@link DectrisV2Decoder}: a start's metadata
 * keys are written back (PixelArrays as tag 40 arrays, {@code user_data} as a JSON string; a file name
 * without user_data becomes {@code user_data = {"filename": ...}}); a frame is written as channel
 * {@code header.channel} (default {@code threshold_1}), its blob as tag 40 + typed array, wrapped in
 * tag 56500 when compressed.
 */
public final class DectrisV2Encoder implements StreamEncoder {
    private static final String DEFAULT_CHANNEL = "threshold_1";
    /** keys a frame decoded from STINS carries that V2 says in its own way */
    private static final java.util.Set<String> STINS_KEYS = java.util.Set.of("htype", "msg_number", "frame", "shape",
            "compression");

    @Override
    public List<byte[]> encode(StreamMessage message) {
        if (message instanceof SeriesStart) {
            SeriesStart s = (SeriesStart) message;
            return List.of(Cbor.write(g -> start(g, s), 4096));
        }
        if (message instanceof Frame) {
            Frame f = (Frame) message;
            return List.of(Cbor.write(g -> image(g, f), f.blob().remaining() + 512));
        }
        return List.of(Cbor.write(g -> {
            g.writeTag(Cbor.TAG_SELF_DESCRIBE);
            g.writeStartObject();
            g.writeStringField("type", "end");
            g.writeNumberField("series_id", message.series());
            g.writeEndObject();
        }, 64));
    }

    private static void start(CBORGenerator g, SeriesStart s) throws IOException {
        g.writeTag(Cbor.TAG_SELF_DESCRIBE);
        g.writeStartObject();
        g.writeStringField("type", "start");
        g.writeNumberField("series_id", s.series());
        if (s.expectedFrames() != null && !s.metadata().containsKey("number_of_images")) {
            g.writeNumberField("number_of_images", s.expectedFrames());
        }
        for (Map.Entry<String, Object> e : s.metadata().entrySet()) {
            String k = e.getKey();
            if (k.equals("series_id") || k.equals("type") || k.equals("user_data")) {
                continue;
            }
            g.writeFieldName(k);
            Cbor.writeValue(g, e.getValue());
        }
        Object ud = s.metadata().get("user_data");
        if (ud == null && s.filename() != null) {
            ud = Map.of("filename", s.filename());
        }
        if (ud != null) {
            g.writeStringField("user_data", ud instanceof String ? (String) ud : new String(Json.write(ud),
                    java.nio.charset.StandardCharsets.UTF_8));
        }
        g.writeEndObject();
    }

    private static void image(CBORGenerator g, Frame f) throws IOException {
        g.writeTag(Cbor.TAG_SELF_DESCRIBE);
        g.writeStartObject();
        g.writeStringField("type", "image");
        g.writeNumberField("series_id", f.series());
        for (Map.Entry<String, Object> e : f.header().entrySet()) {
            String k = e.getKey();
            if (k.equals("type") || k.equals("series_id") || k.equals("image_id") || k.equals("channel")
                    || k.equals("data") || STINS_KEYS.contains(k)) {
                continue;
            }
            g.writeFieldName(k);
            Cbor.writeValue(g, e.getValue());
        }
        g.writeNumberField("image_id", f.frame());
        g.writeFieldName("data");
        g.writeStartObject();
        Object channel = f.header().get("channel");
        g.writeFieldName(channel == null ? DEFAULT_CHANNEL : String.valueOf(channel));
        g.writeTag(Cbor.TAG_MULTI_DIM);
        g.writeStartArray();
        g.writeStartArray();
        g.writeNumber(f.rows());
        g.writeNumber(f.cols());
        g.writeEndArray();
        Cbor.writeTypedArray(g, f.dtype(), f.compression(), Blobs.bytes(f.blob()));
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndObject();
    }
}
