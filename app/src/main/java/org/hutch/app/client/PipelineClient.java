package org.hutch.app.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.hutch.model.curve.RadialUnit;

/**
 * The azint pipeline's HTTP API ({@code /api/v1/pipeline/...}; docs/azint-pipeline.md): on its own
 * port, or on a receiver's API when the receiver runs it ({@code --azint-all}). A URL without a
 * pipeline answers 404, which {@link #status()} reports as empty rather than as an error.
 */
public final class PipelineClient implements AutoCloseable {
    /** Most curves one request may ask for (the pipeline keeps the last 256). */
    public static final int MAX_CURVES = 256;

    /** What {@code GET /api/v1/pipeline/status} says. */
    public record Status(long integrated, long skipped, long skippedInSeries, double fps, String series,
                         boolean seriesOpen, String error) {
    }

    /** One curve of {@code GET /api/v1/pipeline/curves}: detector frame, row in the series' file, I and sigma. */
    public record Entry(long frame, long index, double[] intensity, double[] sigma) {
    }

    /** The newest curves of the current series, oldest first, on one radial axis. */
    public record Curves(String series, RadialUnit unit, double[] radial, List<Entry> curves) {
    }

    /**
     * The newest cake of {@code GET /api/v1/pipeline/cake/last}: float32 {@code [azimuth][radial]} row-major;
     * {@code etag} asks for the next one only when it is newer.
     *
     * @param azimuth &chi; bin centres in degrees
     */
    public record PipelineCake(long seriesId, long frame, long index, RadialUnit unit, double[] radial,
                               double[] azimuth, float[] intensity, String etag) {
    }

    /** What the pipeline says about its newest cake. */
    public enum CakeState {
        /** a cake newer than the one asked with */
        NEW,
        /** none newer than the one asked with (HTTP 304) */
        SAME,
        /** a cake is configured, the series has none yet (HTTP 204) */
        NOT_YET,
        /** the pipeline makes no cake (HTTP 404) */
        NONE
    }

    /** A {@link #cakeLast} answer; {@code cake} only with {@link CakeState#NEW}. */
    public record CakeAnswer(CakeState state, PipelineCake cake) {
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private final HttpTransport http;

    public PipelineClient(String url, Duration timeout) throws ReceiverException {
        this(url, timeout, null);
    }

    /** @param token the pipeline's bearer token, or {@code null} for the process's (see {@link ReceiverAccess}) */
    public PipelineClient(String url, Duration timeout, String token) throws ReceiverException {
        this.http = new HttpTransport(url, timeout, token);
    }

    public String baseUrl() {
        return http.baseUrl();
    }

    /** The status, or empty when this URL serves no pipeline (HTTP 404). */
    public Optional<Status> status() throws ReceiverException {
        String path = "/api/v1/pipeline/status";
        HttpTransport.Reply r = http.get(path);
        if (r.code() == 404) {
            return Optional.empty();
        }
        JsonNode j = http.json(r, path);
        return Optional.of(new Status(j.path("integrated").asLong(), j.path("skipped").asLong(),
                j.path("skipped_in_series").asLong(), j.path("fps").asDouble(), text(j, "series"),
                j.path("series_open").asBoolean(), text(j, "error")));
    }

    /** The newest {@code n} (1..{@link #MAX_CURVES}) curves of the current series. */
    public Curves curves(int n) throws ReceiverException {
        String path = "/api/v1/pipeline/curves";
        JsonNode j = http.json(http.get(path, Map.of("n", Integer.toString(Math.max(1, Math.min(MAX_CURVES, n)))),
                Map.of()), path);
        List<Entry> out = new ArrayList<>();
        JsonNode cs = j.path("curves");
        if (!cs.isArray() || cs.isEmpty()) {
            return new Curves(text(j, "series"), RadialUnit.Q_NM, new double[0], List.of());
        }
        RadialUnit unit;
        try {
            unit = RadialUnit.fromName(j.path("unit").asText());
        } catch (IllegalArgumentException e) {
            throw new ReceiverException(http.baseUrl() + path + " gives curves in an unknown unit: " + e.getMessage(), e);
        }
        double[] radial = doubles(j.path("radial"));
        for (JsonNode c : cs) {
            double[] in = doubles(c.path("intensity"));
            double[] sigma = c.has("sigma") ? doubles(c.path("sigma")) : null;
            if (in.length != radial.length || (sigma != null && sigma.length != radial.length)) {
                throw new ReceiverException(http.baseUrl() + path + ": frame " + c.path("frame").asLong() + " has "
                        + in.length + " values for " + radial.length + " radial bins");
            }
            out.add(new Entry(c.path("frame").asLong(), c.path("index").asLong(), in, sigma));
        }
        return new Curves(text(j, "series"), unit, radial, out);
    }

    /**
     * The pipeline's newest cake ({@code GET /api/v1/pipeline/cake/last}, binary).
     *
     * @param etag the {@link PipelineCake#etag()} of the cake already had, or null
     */
    public CakeAnswer cakeLast(String etag) throws ReceiverException {
        String path = "/api/v1/pipeline/cake/last";
        HttpTransport.Reply r = http.get(path, Map.of(), etag == null ? Map.of() : Map.of("If-None-Match", etag));
        switch (r.code()) {
            case 304:
                return new CakeAnswer(CakeState.SAME, null);
            case 204:
                return new CakeAnswer(CakeState.NOT_YET, null);
            case 404:
                return new CakeAnswer(CakeState.NONE, null);
            case 200:
                break;
            default:
                throw http.httpError(r, path);
        }
        try {
            String[] shape = r.header("X-Hutch-Shape").split(",");
            int nA = Integer.parseInt(shape[0].trim());
            int nR = Integer.parseInt(shape[1].trim());
            double[] radial = uniformAxis(r.header("X-Hutch-Radial"), nR);
            double[] azimuth = uniformAxis(r.header("X-Hutch-Azimuth"), nA);
            if (r.body().length != 4L * nA * nR) {
                throw new IllegalArgumentException(r.body().length + " bytes for a cake of " + nA + "x" + nR);
            }
            float[] values = new float[nA * nR];
            java.nio.ByteBuffer.wrap(r.body()).order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
            return new CakeAnswer(CakeState.NEW, new PipelineCake(Long.parseLong(r.header("X-Hutch-Series")),
                    Long.parseLong(r.header("X-Hutch-Frame")), Long.parseLong(r.header("X-Hutch-Index")),
                    RadialUnit.fromName(r.header("X-Hutch-Unit")), radial, azimuth, values, r.header("ETag")));
        } catch (RuntimeException e) {
            throw new ReceiverException(http.baseUrl() + path + " gives a cake this app cannot read: " + e.getMessage(), e);
        }
    }

    /** The bin centres of a uniform axis given as {@code first,last,count}. */
    static double[] uniformAxis(String header, int expected) {
        String[] p = header.split(",");
        double first = Double.parseDouble(p[0].trim());
        double last = Double.parseDouble(p[1].trim());
        int n = Integer.parseInt(p[2].trim());
        if (n != expected) {
            throw new IllegalArgumentException("an axis of " + n + " bins for a shape of " + expected);
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = n == 1 ? first : first + (last - first) * i / (n - 1);
        }
        if (n > 1) {
            v[n - 1] = last;
        }
        return v;
    }

    /** The pipeline's PONI text ({@code GET /api/v1/pipeline/config}), if it says. */
    public Optional<String> poniText() throws ReceiverException {
        String path = "/api/v1/pipeline/config";
        JsonNode j = http.json(http.get(path), path);
        return Optional.ofNullable(text(j, "poni_text"));
    }

    /**
     * Sets the pipeline's geometry and settings ({@code POST /api/v1/pipeline/config}); it takes effect at
     * the next series (now, between series).
     *
     * @param poniText  the PONI file's text
     * @param mask      one byte per pixel, 1 = excluded, or {@code null} for none
     * @param splitting "none", "full" or a number of sub-pixels
     * @return when it applies, as the pipeline says ("now" or "from the next series")
     */
    public String configure(String poniText, byte[] mask, RadialUnit unit, int bins, String splitting)
            throws ReceiverException {
        String path = "/api/v1/pipeline/config";
        var body = new java.util.LinkedHashMap<String, Object>();
        body.put("poni", poniText);
        body.put("bins", bins);
        body.put("unit", unit.pyfaiName());
        body.put("splitting", splitting);
        body.put("mask", mask == null ? null : java.util.Base64.getEncoder().encodeToString(mask));
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        JsonNode j = http.json(http.postJson(path, json), path);
        return j.path("applies").asText("now");
    }

    private static String text(JsonNode j, String key) {
        JsonNode v = j.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static double[] doubles(JsonNode a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asDouble();
        }
        return out;
    }

    @Override
    public void close() {
        http.close();
    }
}
