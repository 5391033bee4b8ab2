package org.hutch.receiver.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.hutch.receiver.http.BearerGuard;
import org.hutch.receiver.azint.AzintSetup;

/**
 * The pipeline's HTTP API: {@code GET /api/v1/pipeline/status} (frames in, integrated, skipped, failed,
 * fps, current series and file), {@code GET /api/v1/pipeline/curves?n=N} (the last N curves), and
 * {@code GET|POST /api/v1/pipeline/config} (PONI, mask, bins, unit...; a POST takes effect at the next
 * series and needs {@code Authorization: Bearer <token>} when a token is set).
 */
public final class PipelineApi implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AzintPipeline pipeline;
    private final CurveHistory history;
    private final Integer republishPort;
    private final BearerGuard guard;
    private Javalin app;

    /** @param republishPort shown in the status, or null */
    public PipelineApi(AzintPipeline pipeline, CurveHistory history, Integer republishPort, String token) {
        this.pipeline = pipeline;
        this.history = history;
        this.republishPort = republishPort;
        this.guard = new BearerGuard(token);
    }

    /** Serves the endpoints on a server of their own. */
    public PipelineApi start(String host, int port) {
        app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.startupWatcherEnabled = false;
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
        ctx.json(m);
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
        try {
            body = JSON.readTree(ctx.bodyAsBytes());
            next = AzintSetup.fromJson(body, current.setup());
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
        pipeline.configure(next, poniText, mask);
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
