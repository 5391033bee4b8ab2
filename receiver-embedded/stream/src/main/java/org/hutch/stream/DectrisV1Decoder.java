package org.hutch.stream;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hutch.model.pixels.PixelType;

/**
 * DECTRIS Stream V1 ("legacy"): {@code dheader-1.0}, {@code dimage-1.0}, {@code dseries_end-1.0}.
 *
 * <ul>
 *   <li>Header: part 0 {@code {"htype":"dheader-1.0","header_detail":"all|basic|none","series":N}};
 *       with basic/all part 1 is the detector config (its keys go to {@link SeriesStart#metadata()};
 *       {@code nimages x ntrigger} is the expected frame count); with all, each of flatfield, pixel mask
 *       and count-rate table is a JSON descriptor + blob ({@link PixelArray} under {@code flatfield},
 *       {@code pixel_mask}, {@code countrate_table}); a last part is the header appendix, kept under
 *       {@code header_appendix} (parsed when it is JSON) with its {@code filename} as the series' file name.</li>
 *   <li>Image: {@code dimage-1.0}, {@code dimage_d-1.0} (shape [width, height], type, encoding, size),
 *       the blob, optional {@code dconfig-1.0} and image appendix; their keys are merged into
 *       {@link Frame#header()} (the appendix under {@code image_appendix}).</li>
 * </ul>
 * msg numbers: header 0, frame i -> i + 1, end -> (highest frame this decoder saw) + 2.
 */
public final class DectrisV1Decoder implements StreamDecoder {
    private long series = Long.MIN_VALUE;
    private long highestFrame = -1;

    @Override
    public StreamMessage decode(List<byte[]> parts) throws StreamFormatException {
        if (parts == null || parts.isEmpty()) {
            throw new StreamFormatException("Stream V1 message has no parts");
        }
        Map<String, Object> h = Json.parseObject(parts.get(0), "Stream V1 part 0");
        Object htype = h.get("htype");
        if (htype == null) {
            throw new StreamFormatException("Stream V1 message has no 'htype' (expected dheader-1.0, dimage-1.0"
                    + " or dseries_end-1.0): " + Json.preview(parts.get(0)));
        }
        switch (String.valueOf(htype)) {
            case "dheader-1.0":
                return header(h, parts);
            case "dimage-1.0":
                return image(h, parts);
            case "dseries_end-1.0": {
                long s = Json.integer(h, "series", "Stream V1 dseries_end");
                return new SeriesEnd(s, s == series ? highestFrame + 2 : 1);
            }
            default:
                throw new StreamFormatException("Stream V1 message has unknown htype '" + htype
                        + "' (expected dheader-1.0, dimage-1.0 or dseries_end-1.0)");
        }
    }

    private SeriesStart header(Map<String, Object> h, List<byte[]> parts) throws StreamFormatException {
        long s = Json.integer(h, "series", "Stream V1 dheader");
        Object detailValue = h.get("header_detail");
        String detail = detailValue == null ? "basic" : String.valueOf(detailValue);
        if (!detail.equals("all") && !detail.equals("basic") && !detail.equals("none")) {
            throw new StreamFormatException("Stream V1 dheader: unknown header_detail '" + detail
                    + "' (expected all, basic or none)");
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        int i = 1;
        Long expected = null;
        if (!detail.equals("none")) {
            if (parts.size() < 2) {
                throw new StreamFormatException("Stream V1 dheader with header_detail '" + detail
                        + "' has no detector config part");
            }
            metadata.putAll(Json.parseObject(parts.get(1), "Stream V1 dheader config (part 1)"));
            i = 2;
            Long ni = Json.optionalInteger(metadata, "nimages", "Stream V1 config");
            if (ni != null) {
                Long nt = Json.optionalInteger(metadata, "ntrigger", "Stream V1 config");
                expected = ni * (nt == null || nt < 1 ? 1 : nt);
            }
        }
        // descriptor + blob pairs (header_detail all), recognised by their htype
        while (i + 1 < parts.size() && descriptorName(parts.get(i)) != null) {
            String what = "Stream V1 dheader part " + i;
            Map<String, Object> d = Json.parseObject(parts.get(i), what);
            String name = descriptorName(parts.get(i));
            metadata.put(name, pixelArray(d, parts.get(i + 1), what));
            i += 2;
        }
        String filename = null;
        if (i < parts.size()) {
            Object appendix = Json.parseValue(parts.get(i), "Stream V1 header appendix (part " + i + ")");
            metadata.put("header_appendix", appendix);
            if (appendix instanceof Map && ((Map<?, ?>) appendix).get("filename") != null) {
                filename = String.valueOf(((Map<?, ?>) appendix).get("filename"));
            }
            i++;
        }
        if (i != parts.size()) {
            throw new StreamFormatException("Stream V1 dheader has " + parts.size() + " parts; part " + i
                    + " is not expected after the header appendix");
        }
        series = s;
        highestFrame = -1;
        return new SeriesStart(s, 0, StreamFormat.DECTRIS_V1, filename, expected, h, metadata);
    }

    /** flatfield / pixel_mask / countrate_table for a descriptor part, else null. */
    private static String descriptorName(byte[] part) {
        String p = new String(part, 0, Math.min(part.length, 200), StandardCharsets.US_ASCII);
        if (p.contains("\"dflatfield-1.0\"")) {
            return "flatfield";
        }
        if (p.contains("\"dpixelmask-1.0\"")) {
            return "pixel_mask";
        }
        if (p.contains("\"dcountrate_table-1.0\"")) {
            return "countrate_table";
        }
        return null;
    }

    private static PixelArray pixelArray(Map<String, Object> d, byte[] blob, String what) throws StreamFormatException {
        Object shapeValue = d.get("shape");
        if (!(shapeValue instanceof List) || ((List<?>) shapeValue).isEmpty()) {
            throw new StreamFormatException(what + " has no 'shape'");
        }
        List<Integer> shape = new ArrayList<>();
        for (Object x : (List<?>) shapeValue) {
            shape.add(0, (int) Json.toLong(x, "shape", what)); // DECTRIS: fastest axis first
        }
        PixelType dtype = dtype(d, what);
        PixelArray a = new PixelArray(shape, dtype, Compression.NONE, Blobs.wrap(blob));
        if (a.rawBytes() != blob.length) {
            throw new StreamFormatException(what + ": blob has " + blob.length + " bytes but shape " + shapeValue
                    + " x " + dtype.numpyName() + " needs " + a.rawBytes());
        }
        return a;
    }

    private static PixelType dtype(Map<String, Object> d, String what) throws StreamFormatException {
        try {
            return PixelType.fromName(Json.string(d, "type", what));
        } catch (IllegalArgumentException e) {
            throw new StreamFormatException(what + ": " + e.getMessage(), e);
        }
    }

    private Frame image(Map<String, Object> h, List<byte[]> parts) throws StreamFormatException {
        long s = Json.integer(h, "series", "Stream V1 dimage");
        long frame = Json.integer(h, "frame", "Stream V1 dimage");
        String what = "Stream V1 dimage (frame " + frame + ")";
        if (parts.size() < 3 || parts.size() > 5) {
            throw new StreamFormatException(what + " has " + parts.size()
                    + " parts, expected 3 to 5 (dimage, dimage_d, blob, dconfig, appendix)");
        }
        Map<String, Object> d = Json.parseObject(parts.get(1), what + " part 1 (dimage_d)");
        int[] xy = Json.shape2(d, "shape", what + " dimage_d");
        int rows = xy[1], cols = xy[0];
        PixelType dtype = dtype(d, what + " dimage_d");
        Compression compression = encoding(d, dtype, what);
        byte[] blob = parts.get(2);
        Long size = Json.optionalInteger(d, "size", what);
        if (size != null && size != blob.length) {
            throw new StreamFormatException(what + ": dimage_d says size " + size + " but the blob has "
                    + blob.length + " bytes");
        }
        ByteBuffer checked = Blobs.check(Blobs.wrap(blob), compression, dtype, rows, cols, what);
        Map<String, Object> header = new LinkedHashMap<>(h);
        mergeWithoutHtype(header, d);
        if (parts.size() > 3) {
            mergeWithoutHtype(header, Json.parseObject(parts.get(3), what + " part 3 (dconfig)"));
        }
        if (parts.size() > 4) {
            header.put("image_appendix", Json.parseValue(parts.get(4), what + " part 4 (image appendix)"));
        }
        if (s == series) {
            highestFrame = Math.max(highestFrame, frame);
        } else {
            series = s;
            highestFrame = frame;
        }
        return new Frame(s, frame + 1, frame, rows, cols, dtype, compression, checked, header);
    }

    private static void mergeWithoutHtype(Map<String, Object> into, Map<String, Object> from) {
        for (Map.Entry<String, Object> e : from.entrySet()) {
            if (!e.getKey().equals("htype")) {
                into.put(e.getKey(), e.getValue());
            }
        }
    }

    /** {@code bs32-lz4<}, {@code bs16-lz4<}, {@code bs8-lz4<}, {@code lz4<}, {@code <}. */
    private static Compression encoding(Map<String, Object> d, PixelType dtype, String what) throws StreamFormatException {
        String enc = Json.string(d, "encoding", what + " dimage_d");
        switch (enc) {
            case "<":
                return Compression.NONE;
            case "lz4<":
                return Compression.LZ4;
            case "bs8-lz4<":
            case "bs16-lz4<":
            case "bs32-lz4<": {
                int bits = Integer.parseInt(enc.substring(2, enc.indexOf('-')));
                if (bits != 8 * dtype.bytes()) {
                    throw new StreamFormatException(what + ": encoding " + enc + " does not match type "
                            + dtype.numpyName());
                }
                return Compression.BSLZ4;
            }
            default:
                throw new StreamFormatException(what + ": unknown encoding '" + enc
                        + "' (expected bs32-lz4<, bs16-lz4<, bs8-lz4<, lz4< or <)");
        }
    }
}
