package org.hutch.receiver.http;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hutch.codec.pickle.PickleWriter;
import org.hutch.model.pixels.BlockReducer;
import org.hutch.model.pixels.BlockReduction;
import org.hutch.receiver.live.LastFrame;
import org.hutch.receiver.live.LiveView;
import org.hutch.stream.Frame;
import org.hutch.stream.StreamFormatException;

/**
 * MAX IV's {@code /last_frame} body: pickle protocol 4 of {@code [header, blob]}. The header holds the
 * frame's STINS image keys; the blob is the frame as stored (raw or bslz4). With a downsample factor
 * above 1 the frame is reduced by block mean (any dtype; MAX IV only reduces raw uint16) and sent raw,
 * with {@code shape} the reduced shape and {@code compression} {@code "none"}. Before any frame:
 * {@code [{}, b""]}.
 */
final class LastFramePickle {
    private final LiveView live;

    LastFramePickle(LiveView live) {
        this.live = live;
    }

    byte[] render(int factor) throws StreamFormatException {
        LastFrame lf = live.latest();
        if (lf == null) {
            return PickleWriter.dumps(List.of(Map.of(), new byte[0]));
        }
        Frame f = lf.frame();
        Map<String, Object> header = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : f.header().entrySet()) {
            header.put(e.getKey(), plain(e.getValue()));
        }
        header.put("htype", "image");
        header.put("msg_number", f.msgNumber());
        header.put("frame", f.frame());
        ByteBuffer blob;
        if (factor <= 1) {
            header.put("shape", List.of(f.rows(), f.cols()));
            header.put("type", f.dtype().numpyName());
            header.put("compression", f.compression().wireName());
            blob = f.blob().duplicate();
        } else {
            BlockReducer.Image img = live.image(lf, factor, BlockReduction.MEAN);
            header.put("shape", List.of(img.rows(), img.cols()));
            header.put("type", img.dtype().numpyName());
            header.put("compression", "none");
            blob = img.pixels();
        }
        return PickleWriter.dumps(List.of(header, blob));
    }

    /** Header values the pickle can carry: JSON-like values; anything else as its text. */
    private static Object plain(Object v) {
        if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean) {
            return v;
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, val) -> out.put(String.valueOf(k), plain(val)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(x -> out.add(plain(x)));
            return out;
        }
        return String.valueOf(v);
    }
}
