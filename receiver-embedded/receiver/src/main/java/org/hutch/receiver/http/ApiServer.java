package org.hutch.receiver.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.hutch.model.pixels.BlockReducer;
import org.hutch.model.pixels.BlockReduction;
import org.hutch.model.receiver.ReceiverStatus;
import org.hutch.receiver.ReceiverState;
import org.hutch.receiver.SeriesAbort;
import org.hutch.receiver.live.LastFrame;
import org.hutch.receiver.live.LivePreparer;
import org.hutch.receiver.live.LiveView;
import org.hutch.stream.StreamFormatException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiver's HTTP API: MAX IV's streaming-receiver endpoints exactly ({@code /status},
 * {@code /received_frames}, {@code /downsample}, {@code /last_frame}) and Hutch's {@code /api/v1}.
 * Handlers only read the state and the last-frame slot; none waits on ingest. Compression is off:
 * Javalin would otherwise gzip frames (CPU on both ends for incompressible data).
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    /** MAX IV's viewer asks for this content type. */
    public static final String PICKLE = "image/pickle";
    private static final int MAX_FACTOR = 1024;
    /**
     * frame bodies sent at once; past this a download gets 503 + Retry-After, so clients that do not read
     * can hold at most these threads of the pool and status and control always find one
     */
    private static final int MAX_DOWNLOADS = 4;
    private static final int POOL_THREADS = 16;
    /** a connection whose client reads nothing for this long is closed (also ends a blocked body write) */
    private static final long IDLE_TIMEOUT_MS = 10_000;
    /** how long an abort waits for the writer to close the file (frames already queued are written first) */
    private static final long ABORT_WAIT_SECONDS = 30;

    private final Javalin app;
    private final ReceiverState state;
    private final LiveView live;
    private final BearerGuard guard;
    private final String version;
    private final LastFramePickle pickle;
    private final MetricsText metrics;
    private final AzintEndpoints azint;
    private final LivePreparer preparer;
    private final SeriesAbort aborts;
    private final DownloadSlots downloads = new DownloadSlots(MAX_DOWNLOADS);

    public ApiServer(ReceiverState state, LiveView live, LivePreparer preparer, String token, String version,
                     AzintEndpoints azint, SeriesAbort aborts) {
        this.aborts = aborts;
        this.preparer = preparer;
        this.state = state;
        this.live = live;
        this.guard = new BearerGuard(token);
        this.version = version;
        this.pickle = new LastFramePickle(live);
        this.metrics = new MetricsText(state, this::downloadsRefused);
        this.azint = azint;
        this.app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.startupWatcherEnabled = false;
            cfg.http.disableCompression();
            cfg.http.maxRequestSize = org.hutch.receiver.pipeline.PipelineApi.MAX_CONFIG_BYTES; // the pipeline's mask
            QueuedThreadPool pool = new QueuedThreadPool(POOL_THREADS, 2, 30_000);
            pool.setName("hutch-http");
            pool.setDaemon(true);
            cfg.jetty.threadPool = pool;
        });
        app.exception(Exception.class, (e, ctx) -> {
            LOG.warn("{} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, 500, "internal error: " + e);
        });
        app.error(404, ctx -> {
            String type = ctx.res().getContentType();
            if (type == null || !type.startsWith("application/json")) {
                error(ctx, 404, "no such endpoint: " + ctx.method() + " " + ctx.path());
            }
        });
        routes();
    }

    private void routes() {
        // layer 1: MAX IV streaming-receiver
        app.get("/status", ctx -> ctx.json(maxivStatus()));
        app.get("/received_frames", ctx -> ctx.json(Map.of("value", state.receivedInSeries())));
        app.get("/downsample", ctx -> ctx.json(Map.of("value", state.downsample())));
        app.post("/downsample", guarded(this::postDownsample));
        app.get("/last_frame", downloads.limit(this::lastFrame));
        // layer 2: /api/v1
        app.get("/api/v1/status", ctx -> ctx.json(StatusJson.of(state.snapshot(), version, state.deadThreads())));
        app.get("/api/v1/frames/last", downloads.limit(this::framesLast));
        app.post("/api/v1/reset", guarded(ctx -> {
            state.reset();
            ctx.json(maxivStatus());
        }));
        app.post("/api/v1/series/abort", guarded(this::abortSeries));
        app.get("/api/v1/azint/last", downloads.limit(azint::last));
        app.get("/api/v1/azint/config", azint::getConfig);
        app.put("/api/v1/azint/config", guarded(azint::putConfig));
        app.get("/metrics", ctx -> {
            ctx.contentType("text/plain; version=0.0.4; charset=utf-8");
            ctx.result(metrics.render());
        });
    }

    /** Adds routes of another part (the azint pipeline's), before {@link #start}. */
    public void addRoutes(java.util.function.Consumer<Javalin> routes) {
        routes.accept(app);
    }

    public ApiServer start(String host, int port) {
        app.start(host, port);
        for (var c : app.jettyServer().server().getConnectors()) {
            if (c instanceof org.eclipse.jetty.server.AbstractConnector ac) {
                ac.setIdleTimeout(IDLE_TIMEOUT_MS);
            }
        }
        return this;
    }

    /** Frame downloads refused for want of a slot since start (for /metrics). */
    long downloadsRefused() {
        return downloads.refused();
    }

    public int port() {
        return app.port();
    }

    /** Ends the open series at once; answers when its file is closed (idempotent: nothing open is no error). */
    private void abortSeries(Context ctx) throws InterruptedException {
        SeriesAbort.Outcome o;
        try {
            o = aborts.request().get(ABORT_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            ctx.header("Retry-After", "5");
            error(ctx, 503, "the series could not be closed within " + ABORT_WAIT_SECONDS
                    + " s (the writer is still busy or stopped): see /api/v1/status");
            return;
        } catch (ExecutionException e) {
            error(ctx, 500, "aborting the series failed: " + e.getCause());
            return;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("aborted", o.aborted());
        if (o.aborted()) {
            m.put("series", o.series());
            m.put("filename", o.filename());
            m.put("written", o.written());
        }
        ctx.json(m);
    }

    private Map<String, Object> maxivStatus() {
        Map<String, Object> m = new LinkedHashMap<>();
        ReceiverStatus.State s = state.state();
        m.put("state", s.wireName());
        if (s == ReceiverStatus.State.ERROR) {
            m.put("error", state.error());
        }
        return m;
    }

    /** FastAPI's 422 shape, as MAX IV's receiver answers a missing or bad {@code value}. */
    private void postDownsample(Context ctx) {
        String v = ctx.queryParam("value");
        Integer f = null;
        String msg;
        String type;
        if (v == null) {
            msg = "field required";
            type = "value_error.missing";
        } else {
            try {
                f = Integer.parseInt(v.trim());
            } catch (NumberFormatException e) {
                f = null;
            }
            msg = "value is not a valid integer";
            type = "type_error.integer";
            if (f != null && (f < 1 || f > MAX_FACTOR)) {
                msg = "ensure this value is between 1 and " + MAX_FACTOR;
                type = "value_error.number.not_in_range";
                f = null;
            }
        }
        if (f == null) {
            ctx.status(422).json(Map.of("detail", List.of(Map.of("loc", List.of("query", "value"), "msg", msg,
                    "type", type))));
            return;
        }
        state.downsample(f);
        ctx.json(Map.of("value", f));
    }

    private void lastFrame(Context ctx) throws IOException {
        byte[] body;
        try {
            body = pickle.render(state.downsample());
        } catch (StreamFormatException e) {
            error(ctx, 500, "the latest frame cannot be decoded: " + e.getMessage());
            return;
        }
        ctx.contentType(PICKLE);
        write(ctx, ByteBuffer.wrap(body));
    }

    private void framesLast(Context ctx) throws IOException {
        int factor;
        BlockReduction reduce;
        try {
            factor = parseFactor(ctx.queryParam("downsample"));
            reduce = BlockReduction.fromName(ctx.queryParam("reduce"));
        } catch (IllegalArgumentException e) {
            error(ctx, 400, e.getMessage());
            return;
        }
        preparer.asked(factor, reduce);
        // factor 1 sends the stored blob decompressed: the newest frame; reduced views may be a prepared one
        LastFrame lf = factor == 1 ? live.latest() : live.latestFor(factor, reduce);
        if (lf == null) {
            ctx.status(204);
            return;
        }
        String etag = "\"" + lf.seriesId() + "-" + lf.frame().frame() + "-" + lf.seq() + "-" + factor
                + (factor == 1 ? "" : reduce.wireName()) + "\"";
        ctx.header("ETag", etag);
        ctx.header("Cache-Control", "no-cache");
        String inm = ctx.header("If-None-Match");
        if (inm != null && (inm.equals(etag) || inm.equals("W/" + etag) || inm.trim().equals("*"))) {
            ctx.status(304);
            return;
        }
        if (factor == 1) {
            framePixels(ctx, lf, reduce);
            return;
        }
        BlockReducer.Image img;
        try {
            img = live.image(lf, factor, reduce);
        } catch (StreamFormatException e) {
            error(ctx, 500, "the latest frame cannot be decoded: " + e.getMessage());
            return;
        }
        frameHeaders(ctx, lf, img.rows(), img.cols(), img.dtype().numpyName(), factor, reduce);
        write(ctx, img.pixels());
    }

    /** The full-resolution view, decoded band by band as it is written: no whole decoded frame is held. */
    private void framePixels(Context ctx, LastFrame lf, BlockReduction reduce) throws IOException {
        var f = lf.frame();
        try {
            live.checkPixels(lf);
        } catch (StreamFormatException e) {
            error(ctx, 500, "the latest frame cannot be decoded: " + e.getMessage());
            return;
        }
        frameHeaders(ctx, lf, f.rows(), f.cols(), f.dtype().numpyName(), 1, reduce);
        ctx.header("Content-Length", Long.toString(f.rawBytes()));
        OutputStream out = ctx.outputStream();
        try {
            live.writePixels(lf, out);
        } catch (StreamFormatException e) {
            // checked above, so not expected; the body is cut off and the connection closed
            throw new IOException("frame " + f.frame() + " failed while it was sent: " + e.getMessage(), e);
        }
        out.flush();
    }

    private static void frameHeaders(Context ctx, LastFrame lf, int rows, int cols, String dtype, int factor,
                                     BlockReduction reduce) {
        ctx.header("X-Hutch-Shape", rows + "," + cols);
        ctx.header("X-Hutch-Dtype", dtype);
        ctx.header("X-Hutch-Frame", Long.toString(lf.frame().frame()));
        ctx.header("X-Hutch-Series", Long.toString(lf.seriesId()));
        ctx.header("X-Hutch-Downsample", factor + "," + reduce.wireName());
        ctx.contentType("application/octet-stream");
    }

    static int parseFactor(String s) {
        if (s == null || s.isBlank()) {
            return 1;
        }
        int f;
        try {
            f = Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("downsample must be an integer from 1 to " + MAX_FACTOR + ", not '" + s + "'");
        }
        if (f < 1 || f > MAX_FACTOR) {
            throw new IllegalArgumentException("downsample must be from 1 to " + MAX_FACTOR + ", not " + f);
        }
        return f;
    }

    /** Writes a body straight to the response stream (no copy into Javalin's result buffer). */
    private static void write(Context ctx, ByteBuffer body) throws IOException {
        int n = body.remaining();
        ctx.header("Content-Length", Integer.toString(n));
        OutputStream out = ctx.outputStream();
        if (body.hasArray()) {
            out.write(body.array(), body.arrayOffset() + body.position(), n);
        } else {
            byte[] tmp = new byte[n];
            body.duplicate().get(tmp);
            out.write(tmp);
        }
        out.flush();
    }

    private Handler guarded(Handler h) {
        return guard.guard("receiver", "change its state", h);
    }

    static void error(Context ctx, int status, String message) {
        ctx.status(status).json(Map.of("error", message));
    }

    @Override
    public void close() {
        app.stop();
    }
}
