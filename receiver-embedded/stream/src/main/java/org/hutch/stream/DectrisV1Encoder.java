package org.hutch.stream;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes DECTRIS Stream V1 messages, the inverse of {@link DectrisV1Decoder}: a start's metadata becomes
 * the config part (header_detail {@code basic}), its {@link PixelArray}s {@code flatfield},
 * {@code pixel_mask}, {@code countrate_table} make it {@code all}, and {@code header_appendix} (or, without
 * one, {@code {"filename": ...}} when a file name is set) is the last part. No metadata: {@code none}.
 * Frames go out with the encoding their compression implies (bslz4 -> {@code bsNN-lz4<}).
 */
public final class DectrisV1Encoder implements StreamEncoder {
    private static final List<String> ARRAYS = List.of("flatfield", "pixel_mask", "countrate_table");
    private static final Map<String, String> ARRAY_HTYPES = Map.of("flatfield", "dflatfield-1.0",
            "pixel_mask", "dpixelmask-1.0", "countrate_table", "dcountrate_table-1.0");

    @Override
    public List<byte[]> encode(StreamMessage message) {
        if (message instanceof SeriesStart) {
            return header((SeriesStart) message);
        }
        if (message instanceof Frame) {
            return image((Frame) message);
        }
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("htype", "dseries_end-1.0");
        e.put("series", message.series());
        return List.of(Json.write(e));
    }

    private static List<byte[]> header(SeriesStart s) {
        Map<String, Object> config = new LinkedHashMap<>(s.metadata());
        config.remove("header_appendix");
        List<PixelArray> arrays = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String name : ARRAYS) {
            Object v = config.remove(name);
            if (v instanceof PixelArray) {
                arrays.add((PixelArray) v);
                names.add(name);
            }
        }
        String detail = !arrays.isEmpty() ? "all" : config.isEmpty() ? "none" : "basic";
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("header_detail", detail);
        h.put("htype", "dheader-1.0");
        h.put("series", s.series());
        List<byte[]> parts = new ArrayList<>();
        parts.add(Json.write(h));
        if (!detail.equals("none")) {
            parts.add(Json.write(config));
        }
        for (int i = 0; i < arrays.size(); i++) {
            PixelArray a = arrays.get(i);
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("htype", ARRAY_HTYPES.get(names.get(i)));
            List<Integer> shape = new ArrayList<>(a.shape());
            java.util.Collections.reverse(shape); // DECTRIS: fastest axis first
            d.put("shape", shape);
            d.put("type", a.dtype().numpyName());
            parts.add(Json.write(d));
            parts.add(Blobs.bytes(a.data()));
        }
        Object appendix = s.metadata().get("header_appendix");
        if (appendix == null && s.filename() != null) {
            appendix = Map.of("filename", s.filename());
        }
        if (appendix != null) {
            parts.add(appendix instanceof String ? ((String) appendix).getBytes(java.nio.charset.StandardCharsets.UTF_8)
                    : Json.write(appendix));
        }
        return parts;
    }

    private static List<byte[]> image(Frame f) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("frame", f.frame());
        if (f.header().get("hash") != null) {
            h.put("hash", f.header().get("hash"));
        }
        h.put("htype", "dimage-1.0");
        h.put("series", f.series());
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("encoding", encoding(f));
        d.put("htype", "dimage_d-1.0");
        d.put("shape", List.of(f.cols(), f.rows()));
        d.put("size", f.blob().remaining());
        d.put("type", f.dtype().numpyName());
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("htype", "dconfig-1.0");
        for (String k : List.of("real_time", "start_time", "stop_time")) {
            Object v = f.header().get(k);
            c.put(k, v instanceof Number ? v : 0);
        }
        List<byte[]> parts = new ArrayList<>(List.of(Json.write(h), Json.write(d), Blobs.bytes(f.blob()), Json.write(c)));
        Object appendix = f.header().get("image_appendix");
        if (appendix != null) {
            parts.add(Json.write(appendix));
        }
        return parts;
    }

    private static String encoding(Frame f) {
        switch (f.compression()) {
            case NONE:
                return "<";
            case LZ4:
                return "lz4<";
            case BSLZ4:
                return "bs" + (8 * f.dtype().bytes()) + "-lz4<";
            default:
                throw new IllegalArgumentException("no Stream V1 encoding for " + f.compression());
        }
    }
}
