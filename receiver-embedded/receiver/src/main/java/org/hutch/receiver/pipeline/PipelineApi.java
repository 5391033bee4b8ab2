package org.hutch.receiver.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.hutch.receiver.http.BearerGuard;
import org.hutch.receiver.azint.AzintSetup;

/**
 * The pipeline's HTTP API: {@code GET /api/v1/pipeline/status} (frames in, integrated, skipped, failed,
 * fps, current series and file), {@code GET /api/v1/pipeline/curves?n=N} (the last N curves), and
 * {@code GET|POST /api/v1/pipeline/config} (PONI, mask, bins, unit, cake...; a POST takes effect at the next
 * series and needs {@code Authorization: Bearer <token>} when a token is set), and
 * {@code GET /api/v1/pipeline/cake/last} (the newest cake, float32 with its shape and axes in headers, or JSON).
 */
public final class PipelineApi implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AzintPipeline pipeline;
    private final CurveHistory history;
    private final Integer republishPort;
    private final BearerGuard guard;
    private final LastCake lastCake = new LastCake();
    private Javalin app;

    /** @param republishPort shown in the status, or null */
    public PipelineApi(AzintPipeline pipeline, CurveHistory history, Integer republishPort, String token) {
        this.pipeline = pipeline;
        this.history = history;
        this.republishPort = republishPort;
        this.guard = new BearerGuard(token);
        pipeline.addListener(lastCake);
    }

    /**
     * The largest request body a server with these endpoints takes: a config's mask is base64 in JSON (4/3 byte a
     * pixel), and a 64 Mpixel detector's is 90 MB; Javalin's default of 1 MB refused even a 1024x1024 mask.
     */
    public static final long MAX_CONFIG_BYTES = 128L << 20;

    /** Serves the endpoints on a server of their own. */
    public PipelineApi start(String host, int port) {
        app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.startupWatcherEnabled = false;
            cfg.http.maxRequestSize = MAX_CONFIG_BYTES;
            QueuedThreadPool pool = new QueuedThreadPool(8, 2, 30_000);
            pool.setName("hutch-azpipe-http");
            pool.setDaemon(true);
            cfg.jetty.threadPool = pool;
        });
        register(app);
        app.start(host, port);
        return this;
    }

    public int port() {
        return app.port();
    }

    private void register(Javalin server) {
        server.get("/api/v1/pipeline/status", this::status);
        server.get("/api/v1/pipeline/curves", this::curves);
        server.get("/api/v1/pipeline/config", this::getConfig);
        server.post("/api/v1/pipeline/config", guarded(this::postConfig));
        server.get("/api/v1/pipeline/cake/last", this::cakeLast);
    }

    /**
     * Adds the endpoints to another server (the receiver's) before it starts; they answer 404 until
     * {@code current} gives an API (the receiver's pipeline is started later, with --azint-all).
     */
    public static void registerOn(Javalin server, java.util.function.Supplier<PipelineApi> current) {
        java.util.function.Function<java.util.function.Function<PipelineApi, Handler>, Handler> via = h -> ctx -> {
            PipelineApi a = current.get();
            if (a == null) {
                ctx.status(404).json(Map.of("error", "the azint pipeline is not running: start the receiver with "
                        + "--poni FILE --azint-all"));
            } else {
                h.apply(a).handle(ctx);
            }
        };
        server.get("/api/v1/pipeline/status", via.apply(a -> a::status));
        server.get("/api/v1/pipeline/curves", via.apply(a -> a::curves));
        server.get("/api/v1/pipeline/config", via.apply(a -> a::getConfig));
        server.post("/api/v1/pipeline/config", via.apply(a -> a.guarded(a::postConfig)));
        server.get("/api/v1/pipeline/cake/last", via.apply(a -> a::cakeLast));
    }

    private void getConfig(Context ctx) {
        ctx.json(configJson(pipeline.config()));
    }

    private void status(Context ctx) {
        Map<String, Object> m = new LinkedHashMap<>(pipeline.counters().toJson());
        m.put("series_open", pipeline.seriesOpen());
        m.put("threads", pipeline.config().threads());
        m.put("queue", pipeline.config().queueFrames());
        m.put("lossless", pipeline.config().lossless());
        m.put("republish_port", republishPort);
        m.put("cake_bins", pipeline.config().cakeBins());
        ctx.json(m);
    }

    /**
     * The newest frame's cake: float32 little-endian, {@code [azimuth][radial]} row-major, with
     * {@code X-Hutch-Shape: azimuth,radial}, the frame, series and unit, and each axis' first and last bin
     * centre and count in headers (both axes are uniform); {@code ?format=json} gives the same with the axes
     * and the intensity as arrays. 204 before the series' first cake, 404 when the series (or, between series,
     * the next one) has no cake.
     */
    private void cakeLast(Context ctx) {
        AzintPipeline.IntegratedFrame f = lastCake.hold();
        if (f == null) {
            if (pipeline.cakeBinsNow() == 0) {
                ctx.status(404).json(Map.of("error", "the pipeline writes no cake: start it with --cake N, or POST "
                        + "{\"cake\": N} to /api/v1/pipeline/config"));
            } else {
                ctx.status(204);
            }
            return;
        }
        try {
            boolean json = "json".equals(ctx.queryParam("format"));
            String etag = "\"" + f.series().id() + "-" + f.index() + (json ? "j" : "") + "\"";
            ctx.header("ETag", etag);
            ctx.header("Cache-Control", "no-cache");
            String inm = ctx.header("If-None-Match");
            if (inm != null && (inm.equals(etag) || inm.equals("W/" + etag) || inm.trim().equals("*"))) {
                ctx.status(304);
                return;
            }
            Cake c = f.cake();
            int nA = c.azimuth().length;
            int nR = c.radial().length;
            String unit = f.result().unit().pyfaiName();
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("series", f.series().name());
                m.put("series_id", f.series().id());
                m.put("frame", f.frame());
                m.put("index", f.index());
                m.put("unit", unit);
                m.put("shape", List.of(nA, nR));
                m.put("radial", c.radial());
                m.put("azimuth", c.azimuth());
                float[][] rows = new float[nA][];
                for (int a = 0; a < nA; a++) {
                    rows[a] = Arrays.copyOfRange(c.intensity(), a * nR, (a + 1) * nR);
                }
                m.put("intensity", rows);
                ctx.json(m);
                return;
            }
            ctx.header("X-Hutch-Shape", nA + "," + nR);
            ctx.header("X-Hutch-Dtype", "float32");
            ctx.header("X-Hutch-Frame", Long.toString(f.frame()));
            ctx.header("X-Hutch-Index", Long.toString(f.index()));
            ctx.header("X-Hutch-Series", Long.toString(f.series().id()));
            ctx.header("X-Hutch-Unit", unit);
            ctx.header("X-Hutch-Radial", axis(c.radial()));
            ctx.header("X-Hutch-Azimuth", axis(c.azimuth()));
            ByteBuffer b = ByteBuffer.allocate(4 * c.intensity().length).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(c.intensity());
            ctx.contentType("application/octet-stream");
            ctx.result(b.array());
        } finally {
            f.cake().release(); // its array may hold a later frame from here on
        }
    }

    /** first,last,count of a uniform axis' bin centres */
    private static String axis(double[] v) {
        return v[0] + "," + v[v.length - 1] + "," + v.length;
    }

    private void curves(Context ctx) {
        int n;
        try {
            String q = ctx.queryParam("n");
            n = q == null ? 1 : Integer.parseInt(q);
        } catch (NumberFormatException e) {
            ctx.status(400).json(Map.of("error", "n must be a whole number"));
            return;
        }
        if (n < 1 || n > history.capacity()) {
            ctx.status(400).json(Map.of("error", "n must be 1.." + history.capacity()));
            return;
        }
        ctx.json(history.toJson(n));
    }

    static Map<String, Object> configJson(PipelineConfig c) {
        Map<String, Object> m = c.setup().toJson();
        m.put("poni_text", c.poniText());
        m.put("mask_sha256", c.maskSha256());
        m.put("cake", c.cakeBins());
        return m;
    }

    /**
     * Body: what {@code PUT /api/v1/azint/config} takes (poni text or values, bins, unit, ...), and
     * optionally {@code mask}: base64 of one byte per pixel (1 = excluded), or null for none.
     */
    private void postConfig(Context ctx) {
        PipelineConfig current = pipeline.config();
        JsonNode body;
        AzintSetup next;
        byte[] mask = current.mask();
        int cake = current.cakeBins();
        try {
            body = JSON.readTree(ctx.bodyAsBytes());
            next = AzintSetup.fromJson(body, current.setup());
            if (body.has("cake")) {
                JsonNode c = body.get("cake");
                if (!c.isIntegralNumber() || !c.canConvertToInt() || c.asInt() < 0 || c.asInt() > PipelineConfig.MAX_CAKE_BINS) {
                    throw new IllegalArgumentException("'cake' must be the cake's azimuth bins, 0 (none) to "
                            + PipelineConfig.MAX_CAKE_BINS);
                }
                cake = c.asInt();
            }
            if (body.has("mask")) {
                mask = body.get("mask").isNull() ? null : Base64.getDecoder().decode(body.get("mask").asText());
                var p = next.poni();
                if (mask != null && p.hasShape() && mask.length != p.rows() * p.cols()) {
                    throw new IllegalArgumentException("the mask has " + mask.length + " pixels, the PONI's detector "
                            + p.rows() + "x" + p.cols());
                }
            }
        } catch (IOException e) {
            ctx.status(400).json(Map.of("error", "the body is not JSON: " + e.getMessage()));
            return;
        } catch (IllegalArgumentException e) {
            ctx.status(400).json(Map.of("error", e.getMessage()));
            return;
        }
        String poniText = body.hasNonNull("poni") ? body.get("poni").asText()
                : next.poni().equals(current.setup().poni()) ? current.poniText() : null;
        pipeline.configure(next, poniText, mask, cake);
        Map<String, Object> m = configJson(pipeline.config());
        m.put("applies", pipeline.seriesOpen() ? "from the next series" : "now");
        ctx.json(m);
    }

    private Handler guarded(Handler h) {
        return guard.guard("pipeline", "change its configuration", h);
    }

    @Override
    public void close() {
        if (app != null) {
            app.stop();
        }
    }
}
