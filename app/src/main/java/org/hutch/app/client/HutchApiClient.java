package org.hutch.app.client;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.hutch.model.curve.RadialUnit;
import org.hutch.model.pixels.BlockReduction;
import org.hutch.model.pixels.PixelType;
import org.hutch.model.receiver.ReceiverStatus;

/** Client of a receiver's {@code /api/v1} layer (Hutch's own receiver). */
final class HutchApiClient implements ReceiverClient {

    private final HttpTransport http;
    private volatile boolean azint = true;

    HutchApiClient(HttpTransport http) {
        this.http = http;
    }

    @Override
    public String baseUrl() {
        return http.baseUrl();
    }

    @Override
    public ApiLayer layer() {
        return ApiLayer.HUTCH_V1;
    }

    @Override
    public ReceiverStatus status() throws ReceiverException {
        String path = "/api/v1/status";
        return parseStatus(http.json(http.get(path), path));
    }

    static ReceiverStatus parseStatus(JsonNode n) {
        JsonNode series = n.path("series");
        JsonNode rates = n.path("rates");
        JsonNode queue = n.path("queue");
        ReceiverStatus.Series s = !series.isObject() ? null : new ReceiverStatus.Series(
                series.path("id").asLong(-1),
                textOrNull(series.get("filename")),
                series.hasNonNull("expected") ? series.get("expected").asLong() : null,
                series.path("received").asLong(0),
                series.path("written").asLong(-1),
                series.path("lost").asLong(-1),
                instantOrNull(series.get("started")));
        return new ReceiverStatus(
                ReceiverStatus.State.fromWireName(n.path("state").asText("unknown")),
                textOrNull(n.get("error")),
                instantOrNull(n.get("error_time")),
                s,
                rates.path("fps").asDouble(Double.NaN),
                Double.NaN,
                rates.path("bytes_per_s").asDouble(Double.NaN),
                queue.path("frames").asLong(-1),
                queue.path("bytes").asLong(-1),
                -1,
                n.path("lost").asLong(-1),
                n.path("duplicates").asLong(-1),
                -1, -1, -1,
                textOrNull(n.get("version")));
    }

    private static Instant instantOrNull(JsonNode n) {
        String t = textOrNull(n);
        try {
            return t == null ? null : Instant.parse(t);
        } catch (DateTimeParseException e) {
            return null; // a time the receiver wrote in another form is not worth failing the status for
        }
    }

    private static String textOrNull(JsonNode n) {
        return n == null || n.isNull() || n.asText().isEmpty() ? null : n.asText();
    }

    @Override
    public FrameResult lastFrame(int downsample, BlockReduction reduce, String previousTag) throws ReceiverException {
        String path = "/api/v1/frames/last";
        Map<String, String> headers = previousTag == null ? Map.of() : Map.of("If-None-Match", previousTag);
        HttpTransport.Reply r = http.get(path,
                Map.of("downsample", Integer.toString(Math.max(1, downsample)), "reduce", reduce.wireName()), headers);
        if (r.code() == 204) {
            return FrameResult.none();
        }
        if (r.code() == 304) {
            return FrameResult.unchanged(previousTag);
        }
        if (r.code() != 200) {
            throw http.httpError(r, path);
        }
        String shape = r.header("X-Hutch-Shape");
        String dtype = r.header("X-Hutch-Dtype");
        if (shape == null || dtype == null) {
            throw new ReceiverException(baseUrl() + path + " did not send X-Hutch-Shape / X-Hutch-Dtype headers");
        }
        String[] rc = shape.split(",");
        try {
            int rows = Integer.parseInt(rc[0].trim());
            int cols = Integer.parseInt(rc[1].trim());
            LiveFrame f = new LiveFrame(longHeader(r, "X-Hutch-Series"), longHeader(r, "X-Hutch-Frame"),
                    rows, cols, PixelType.fromName(dtype), ByteBuffer.wrap(r.body()), Math.max(1, downsample));
            return FrameResult.of(f, r.header("ETag"));
        } catch (RuntimeException e) {
            throw new ReceiverException(baseUrl() + path + " sent a frame that cannot be read (shape '" + shape
                    + "', dtype '" + dtype + "', " + r.body().length + " bytes): " + e.getMessage(), e);
        }
    }

    private static long longHeader(HttpTransport.Reply r, String name) {
        String v = r.header(name);
        try {
            return v == null ? -1 : Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public Optional<AzintCurve> lastCurve() throws ReceiverException {
        String path = "/api/v1/azint/last";
        HttpTransport.Reply r = http.get(path);
        if (r.code() == 204 || r.code() == 404) {
            azint = false; // not configured (204), or a receiver without azint (404): the app integrates
            return Optional.empty();
        }
        JsonNode n = http.json(r, path);
        azint = true;
        RadialUnit unit;
        try {
            unit = RadialUnit.fromName(n.path("unit").asText("q_nm^-1"));
        } catch (IllegalArgumentException e) {
            throw new ReceiverException(http.baseUrl() + path + ": " + e.getMessage(), e);
        }
        return Optional.of(new AzintCurve(n.path("frame").asLong(-1), unit,
                doubles(n.get("radial")), doubles(n.get("intensity")),
                n.hasNonNull("sigma") ? doubles(n.get("sigma")) : null));
    }

    @Override
    public SeriesAbortReply abortSeries() throws ReceiverException {
        String path = "/api/v1/series/abort";
        HttpTransport.Reply r = http.post(path, Map.of());
        if (r.code() == 404 || r.code() == 405) {
            return SeriesAbortReply.notSupported(baseUrl() + " has no POST " + path + " (HTTP " + r.code()
                    + "): an older receiver; it closes the file when its series times out");
        }
        return parseAbort(http.json(r, path));
    }

    static SeriesAbortReply parseAbort(JsonNode n) {
        if (!n.path("aborted").asBoolean(false)) {
            return SeriesAbortReply.nothingOpen();
        }
        return SeriesAbortReply.aborted(n.path("series").asLong(-1), textOrNull(n.get("filename")),
                n.path("written").asLong(-1));
    }

    @Override
    public boolean supportsAzint() {
        return azint;
    }

    private static double[] doubles(JsonNode a) {
        if (a == null || !a.isArray()) {
            return new double[0];
        }
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).isNumber() ? a.get(i).asDouble() : Double.NaN;
        }
        return out;
    }

    @Override
    public void close() {
        http.close();
    }
}
