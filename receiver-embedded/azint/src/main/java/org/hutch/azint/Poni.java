package org.hutch.azint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * A pyFAI PONI geometry: detector pixel sizes and shape, distance, point of normal incidence and
 * the three rotations, wavelength. Reads pyFAI's v1 files ({@code PixelSize1/2}) and v2/v2.1 files
 * ({@code Detector}, {@code Detector_config} JSON; orientation 3, pyFAI's default, is the only one
 * supported), and writes v2.
 *
 * <p>Lengths are in metres, angles in radians. Axis 1 is the slow axis (rows, y), axis 2 the fast
 * axis (columns, x). {@code rows}/{@code cols} are 0 when the file does not say (a v1 file with
 * only pixel sizes); {@code wavelength} is NaN when absent.
 *
 * @param detector pyFAI detector name; {@code "Detector"} for a generic detector
 */
public record Poni(String detector, double pixel1, double pixel2, int rows, int cols,
                   double dist, double poni1, double poni2, double rot1, double rot2, double rot3,
                   double wavelength) {

    /** pyFAI's name of a detector that is described only by pixel sizes and shape. */
    public static final String GENERIC = "Detector";
    private static final double SAME = 1e-9;
    /** Reads the one-line Detector_config JSON; text after the object is an error, as in pyFAI's json.loads. */
    private static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    public Poni {
        if (!(pixel1 > 0) || !(pixel2 > 0)) {
            throw new PoniFormatException("pixel sizes must be positive, got pixel1=" + pixel1 + " pixel2=" + pixel2);
        }
        if (!(dist > 0)) {
            throw new PoniFormatException("Distance must be positive, got " + dist);
        }
        if (rows < 0 || cols < 0) {
            throw new PoniFormatException("detector shape must not be negative");
        }
    }

    /** True if the detector shape is known (from the detector name or max_shape). */
    public boolean hasShape() {
        return rows > 0 && cols > 0;
    }

    /** The same geometry with another wavelength (metres). */
    public Poni withWavelength(double metres) {
        return new Poni(detector, pixel1, pixel2, rows, cols, dist, poni1, poni2, rot1, rot2, rot3, metres);
    }

    /** The same geometry on a detector of a given shape (for v1 files that do not state it). */
    public Poni withShape(int nrows, int ncols) {
        return new Poni(detector, pixel1, pixel2, nrows, ncols, dist, poni1, poni2, rot1, rot2, rot3, wavelength);
    }

    /** Wavelength in nanometres; throws if the PONI has none. */
    public double wavelengthNm() {
        if (!(wavelength > 0)) {
            throw new PoniFormatException("the PONI has no Wavelength, which q needs");
        }
        return wavelength * 1e9;
    }

    public static Poni read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new PoniFormatException(file + ": not a PONI file (not UTF-8 text)");
        }
        try {
            return parse(text);
        } catch (PoniFormatException e) {
            throw new PoniFormatException(file + ": " + e.getMessage());
        }
    }

    /** Parses the text of a PONI file (any version pyFAI writes up to 2.1). */
    public static Poni parse(String text) {
        Map<String, String> kv = new LinkedHashMap<>();
        String[] lines = text.split("\\R");
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new PoniFormatException("line " + (n + 1) + " is not 'Key: value': " + line);
            }
            String name = line.substring(0, colon).strip();
            String key = name.toLowerCase(Locale.ROOT);
            if (kv.put(key, line.substring(colon + 1).strip()) != null) {
                throw new PoniFormatException("key " + name + " appears twice");
            }
        }
        return new Reader(kv).poni();
    }

    /** Reads the keys of one file, naming the key in every error. */
    private static final class Reader {
        private final Map<String, String> kv;

        Reader(Map<String, String> kv) {
            this.kv = kv;
        }

        Poni poni() {
            String version = kv.getOrDefault("poni_version", "1");
            double v = number("poni_version", version);
            if (v != 1 && v != 2 && v != 2.1) {
                throw new PoniFormatException("poni_version " + version + " is not supported (1, 2 and 2.1 are)");
            }
            String spline = kv.get("splinefile");
            if (spline != null && !spline.isEmpty() && !spline.equals("None")) {
                throw new PoniFormatException("SplineFile " + spline + ": spline distortion is not supported");
            }
            Map<String, Object> config = config();
            String name = kv.get("detector");
            if (v >= 2 && name == null) {
                throw new PoniFormatException("missing key Detector (required by poni_version " + version + ")");
            }
            DetectorModel model = null;
            if (name != null && !name.equalsIgnoreCase(GENERIC)) {
                model = DetectorModel.byName(name).orElseThrow(() -> new PoniFormatException(
                        "Detector: unknown detector '" + name + "'; known: " + String.join(", ", DetectorModel.names())
                                + ", or 'Detector' with pixel1, pixel2 and max_shape in Detector_config"));
            }
            double p1 = pixel("1", model == null ? Double.NaN : model.pixel1(), config);
            double p2 = pixel("2", model == null ? Double.NaN : model.pixel2(), config);
            int[] shape = shape(model, config);
            return new Poni(model != null ? model.name() : GENERIC, p1, p2, shape[0], shape[1],
                    required("Distance"), required("Poni1"), required("Poni2"),
                    required("Rot1"), required("Rot2"), required("Rot3"),
                    kv.containsKey("wavelength") ? number("Wavelength", kv.get("wavelength")) : Double.NaN);
        }

        @SuppressWarnings("unchecked")
        private Map<String, Object> config() {
            String raw = kv.get("detector_config");
            if (raw == null || raw.isEmpty()) {
                return Map.of();
            }
            JsonNode parsed;
            try {
                parsed = JSON.readTree(raw);
            } catch (JsonProcessingException e) {
                // Jackson's message without its source excerpt, on one line
                throw new PoniFormatException("Detector_config is not valid JSON: " + e.getOriginalMessage().replaceAll("\\s+", " "));
            }
            if (parsed == null || !parsed.isObject()) {
                throw new PoniFormatException("Detector_config must be a JSON object, got " + raw);
            }
            Map<String, Object> c = (Map<String, Object>) plain(parsed);
            Object orientation = c.get("orientation");
            if (orientation != null && !(orientation instanceof Double d && d == 3)) {
                throw new PoniFormatException("Detector_config orientation " + orientation
                        + " is not supported: only orientation 3 (pyFAI's default, origin at the bottom right seen from the sample) is");
            }
            Object binning = c.get("binning");
            if (binning != null && !(binning instanceof List<?> l && l.stream().allMatch(b -> b instanceof Double d && d == 1))) {
                throw new PoniFormatException("Detector_config binning " + binning + " is not supported (only [1, 1])");
            }
            Object spline = c.get("splineFile");
            if (spline != null) {
                throw new PoniFormatException("Detector_config splineFile " + spline + ": spline distortion is not supported");
            }
            return c;
        }

        /** The JSON tree as the plain values the checks read: Map, List, Double (every number), String, Boolean or null. */
        private static Object plain(JsonNode n) {
            if (n.isObject()) {
                Map<String, Object> m = new LinkedHashMap<>();
                n.fields().forEachRemaining(e -> m.put(e.getKey(), plain(e.getValue())));
                return m;
            }
            if (n.isArray()) {
                List<Object> l = new ArrayList<>();
                n.forEach(e -> l.add(plain(e)));
                return l;
            }
            if (n.isNumber()) {
                return n.doubleValue();
            }
            if (n.isTextual()) {
                return n.textValue();
            }
            if (n.isBoolean()) {
                return n.booleanValue();
            }
            return null;
        }

        /** Pixel size along one axis from every place a PONI can state it; they must agree. */
        private double pixel(String axis, double fromModel, Map<String, Object> config) {
            double result = fromModel;
            String source = Double.isNaN(fromModel) ? null : "Detector " + kv.get("detector");
            Object cfg = config.get("pixel" + axis);
            if (cfg != null) {
                if (!(cfg instanceof Double d)) {
                    throw new PoniFormatException("Detector_config pixel" + axis + " must be a number, got " + cfg);
                }
                result = agree(result, source, d, "Detector_config pixel" + axis);
                source = "Detector_config pixel" + axis;
            }
            String ps = kv.get("pixelsize" + axis);
            if (ps != null) {
                result = agree(result, source, number("PixelSize" + axis, ps), "PixelSize" + axis);
            }
            if (Double.isNaN(result)) {
                throw new PoniFormatException("missing key PixelSize" + axis
                        + " (or a known Detector name, or pixel" + axis + " in Detector_config)");
            }
            return result;
        }

        private static double agree(double have, String haveSource, double other, String otherSource) {
            if (!Double.isNaN(have) && Math.abs(have - other) > SAME * Math.abs(have)) {
                throw new PoniFormatException(otherSource + " = " + other + " contradicts " + haveSource + " = " + have);
            }
            return other;
        }

        private int[] shape(DetectorModel model, Map<String, Object> config) {
            int[] shape = model == null ? new int[] {0, 0} : new int[] {model.rows(), model.cols()};
            Object ms = config.get("max_shape");
            if (ms != null) {
                if (!(ms instanceof List<?> l) || l.size() != 2 || !(l.get(0) instanceof Double r) || !(l.get(1) instanceof Double c)
                        || r <= 0 || c <= 0 || r != Math.rint(r) || c != Math.rint(c)) {
                    throw new PoniFormatException("Detector_config max_shape must be [rows, cols] of positive integers, got " + ms);
                }
                int[] cfg = {r.intValue(), c.intValue()};
                if (model != null && (cfg[0] != shape[0] || cfg[1] != shape[1])) {
                    throw new PoniFormatException("Detector_config max_shape " + ms + " contradicts Detector " + model.name()
                            + " shape [" + shape[0] + ", " + shape[1] + "]");
                }
                shape = cfg;
            }
            return shape;
        }

        private double required(String name) {
            String raw = kv.get(name.toLowerCase(Locale.ROOT));
            if (raw == null) {
                throw new PoniFormatException("missing key " + name);
            }
            return number(name, raw);
        }

        private static double number(String name, String raw) {
            try {
                double d = Double.parseDouble(raw);
                if (!Double.isFinite(d)) {
                    throw new NumberFormatException();
                }
                return d;
            } catch (NumberFormatException e) {
                throw new PoniFormatException("key " + name + ": '" + raw + "' is not a number");
            }
        }
    }

    /** The geometry as a pyFAI v2 PONI file (read back identically by pyFAI 0.21 and later). */
    public String format() {
        StringBuilder b = new StringBuilder();
        b.append("# Nota: C-Order, 1 refers to the Y axis, 2 to the X axis \n");
        b.append("# Written by Hutch\n");
        b.append("poni_version: 2\n");
        // a named detector only when its shape is the one stated (withShape may have changed it)
        boolean named = !GENERIC.equals(detector) && DetectorModel.byName(detector)
                .filter(m -> m.rows() == rows && m.cols() == cols && m.pixel1() == pixel1 && m.pixel2() == pixel2).isPresent();
        b.append("Detector: ").append(named ? detector : GENERIC).append('\n');
        if (named) {
            b.append("Detector_config: {}\n");
        } else {
            b.append("Detector_config: {\"pixel1\": ").append(num(pixel1)).append(", \"pixel2\": ").append(num(pixel2));
            if (hasShape()) {
                b.append(", \"max_shape\": [").append(rows).append(", ").append(cols).append(']');
            }
            b.append("}\n");
        }
        b.append("Distance: ").append(num(dist)).append('\n');
        b.append("Poni1: ").append(num(poni1)).append('\n');
        b.append("Poni2: ").append(num(poni2)).append('\n');
        b.append("Rot1: ").append(num(rot1)).append('\n');
        b.append("Rot2: ").append(num(rot2)).append('\n');
        b.append("Rot3: ").append(num(rot3)).append('\n');
        if (!Double.isNaN(wavelength)) {
            b.append("Wavelength: ").append(num(wavelength)).append('\n');
        }
        return b.toString();
    }

    /** Shortest round-trip decimal, in the spelling Python and JSON both read. */
    private static String num(double d) {
        return Double.toString(d).replace('E', 'e');
    }

    @Override
    public String toString() {
        return format();
    }
}
