package org.hutch.stream;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes STINS messages (simulator, forwarder). The message's own header keys are kept; the keys
 * STINS defines ({@code htype}, {@code msg_number}, {@code frame}, {@code shape}, {@code type},
 * {@code compression}, {@code filename}) are set from the message's fields. The blob is sent as is
 * (no copy when it is a whole array).
 */
public final class StinsEncoder implements StreamEncoder {

    @Override
    public List<byte[]> encode(StreamMessage message) {
        if (message instanceof SeriesStart) {
            SeriesStart s = (SeriesStart) message;
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("htype", "header");
            h.put("msg_number", s.msgNumber());
            h.putAll(s.header());
            h.put("htype", "header");
            h.put("msg_number", s.msgNumber());
            if (s.filename() != null) {
                h.put("filename", s.filename());
            }
            if (s.metadata().isEmpty()) {
                return List.of(Json.write(h));
            }
            return List.of(Json.write(h), Json.write(s.metadata()));
        }
        if (message instanceof Frame) {
            Frame f = (Frame) message;
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("htype", "image");
            h.putAll(f.header());
            h.put("htype", "image");
            h.put("msg_number", f.msgNumber());
            h.put("frame", f.frame());
            h.put("shape", List.of(f.rows(), f.cols()));
            h.put("type", f.dtype().numpyName());
            h.put("compression", f.compression().wireName());
            return List.of(Json.write(h), Blobs.bytes(f.blob()));
        }
        SeriesEnd e = (SeriesEnd) message;
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("htype", "series_end");
        h.put("msg_number", e.msgNumber());
        return List.of(Json.write(h));
    }
}
