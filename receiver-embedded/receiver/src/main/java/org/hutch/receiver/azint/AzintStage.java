package org.hutch.receiver.azint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.hutch.azint.AzintResult;
import org.hutch.azint.FrameView;
import org.hutch.azint.Geometry;
import org.hutch.azint.Integrator;
import org.hutch.model.concurrent.NamedThreadFactory;
import org.hutch.model.pixels.PixelType;
import org.hutch.receiver.http.AzintEndpoints;
import org.hutch.receiver.live.LastFrame;
import org.hutch.receiver.live.LiveView;
import org.hutch.stream.Frame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Azimuthal integration of the newest frame, on its own thread ({@code hutch-azint}), at most every
 * {@code periodMs}: it reads the last-frame slot (decompressed once, shared with the live view) and
 * never touches ingest, so a slow integration only makes the curve less frequent. The integrator's
 * matrix is built in the background when the setup or the frame shape changes. Serves
 * {@code /api/v1/azint/last} (with a short history for a waterfall) and {@code /api/v1/azint/config}.
 */
public final class AzintStage implements Runnable, AutoCloseable, AzintEndpoints {
    private static final Logger LOG = LoggerFactory.getLogger(AzintStage.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int HISTORY = 32;

    /** One integrated frame, published whole. */
    private record Curve(long series, long frame, long seq, AzintResult result) {
    }

    /** The integrator for one setup and detector shape (built, building, or failed). */
    private record Built(AzintSetup setup, int rows, int cols, Integrator integrator, String error) {
    }

    private final LiveView live;
    private final long periodNanos;
    private final Thread thread;
    private final AtomicReference<AzintSetup> setup = new AtomicReference<>();
    private final AtomicReference<Curve> latest = new AtomicReference<>();
    private final ArrayDeque<Curve> history = new ArrayDeque<>();
    private volatile Built built;
    private volatile boolean building;
    private volatile boolean running = true;

    public AzintStage(LiveView live, AzintSetup initial, long periodMs) {
        this.live = live;
        this.periodNanos = periodMs * 1_000_000L;
        this.setup.set(initial);
        this.thread = NamedThreadFactory.thread("hutch-azint", this);
        this.thread.setPriority(Thread.NORM_PRIORITY - 1);
    }

    public AzintStage start() {
        thread.start();
        return this;
    }

    /** Replaces the setup; the next frame is integrated with it once its matrix is built. */
    public void configure(AzintSetup s) {
        setup.set(s);
        latest.set(null);
        synchronized (history) {
            history.clear();
        }
        LockSupport.unpark(thread);
    }

    @Override
    public void run() {
        long lastSeq = -1;
        while (running) {
            LockSupport.parkNanos(periodNanos);
            AzintSetup s = setup.get();
            LastFrame lf = live.latest();
            if (s == null || lf == null || lf.seq() == lastSeq) {
                continue;
            }
            Frame f = lf.frame();
            Built b = built;
            if (b == null || b.setup() != s || b.rows() != f.rows() || b.cols() != f.cols()) {
                startBuild(s, f.rows(), f.cols());
                continue;
            }
            if (b.integrator() == null) {
                continue;
            }
            try {
                ByteBuffer raw = live.raw(lf);
                AzintResult r = b.integrator().integrate(FrameView.of(raw, f.dtype()));
                Curve c = new Curve(lf.seriesId(), f.frame(), lf.seq(), r);
                latest.set(c);
                synchronized (history) {
                    history.addLast(c);
                    while (history.size() > HISTORY) {
                        history.removeFirst();
                    }
                }
                lastSeq = lf.seq();
            } catch (Exception | OutOfMemoryError e) {
                LOG.warn("azimuthal integration of frame {} failed: {}", f.frame(), e.getMessage());
                lastSeq = lf.seq();
            }
        }
    }

    private void startBuild(AzintSetup s, int rows, int cols) {
        if (building) {
            return;
        }
        var poni = s.poni();
        if (poni.hasShape() && (poni.rows() != rows || poni.cols() != cols)) {
            built = new Built(s, rows, cols, null, "the PONI's detector is " + poni.rows() + "x" + poni.cols()
                    + " but frames are " + rows + "x" + cols);
            return;
        }
        building = true;
        Geometry g = new Geometry(poni.hasShape() ? poni : poni.withShape(rows, cols), rows, cols);
        Integrator.buildAsync(g, null, s.settings()).whenComplete((it, err) -> {
            built = new Built(s, rows, cols, it, err == null ? null : String.valueOf(err.getCause() == null
                    ? err.getMessage() : err.getCause().getMessage()));
            building = false;
            LockSupport.unpark(thread);
        });
    }

    @Override
    public void last(Context ctx) {
        Curve c = latest.get();
        if (c == null) {
            ctx.status(204);
            return;
        }
        Map<String, Object> m = curveJson(c);
        if ("true".equals(ctx.queryParam("history"))) {
            List<Map<String, Object>> h = new ArrayList<>();
            synchronized (history) {
                for (Curve x : history) {
                    Map<String, Object> e = new LinkedHashMap<>();
                    e.put("frame", x.frame());
                    e.put("intensity", x.result().intensity());
                    h.add(e);
                }
            }
            m.put("history", h);
        }
        ctx.json(m);
    }

    private static Map<String, Object> curveJson(Curve c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("frame", c.frame());
        m.put("series", c.series());
        m.put("unit", c.result().unit().pyfaiName());
        m.put("radial", c.result().radial());
        m.put("intensity", c.result().intensity());
        m.put("sigma", c.result().sigma());
        return m;
    }

    @Override
    public void getConfig(Context ctx) {
        AzintSetup s = setup.get();
        if (s == null) {
            ctx.status(404).json(Map.of("error", "azimuthal integration is not configured: PUT a PONI to "
                    + "/api/v1/azint/config, or start the receiver with --poni FILE"));
            return;
        }
        Map<String, Object> m = s.toJson();
        Built b = built;
        boolean current = b != null && b.setup() == s;
        m.put("state", building ? "building" : !current ? "waiting for a frame" : b.error() != null ? "error" : "ready");
        if (current) {
            m.put("detector_shape", List.of(b.rows(), b.cols()));
            m.put("error", b.error());
            if (b.integrator() != null) {
                m.put("matrix_bytes", b.integrator().matrixBytes());
                m.put("setup_ms", b.integrator().setupNanos() / 1_000_000);
            }
        }
        m.put("mask", Map.of("static_pixels", 0, "invalid_pixels", "excluded per frame (0xFFFFFFFF in uint32, negative, NaN)"));
        ctx.json(m);
    }

    @Override
    public void putConfig(Context ctx) {
        AzintSetup next;
        try {
            JsonNode body = JSON.readTree(ctx.bodyAsBytes());
            next = AzintSetup.fromJson(body, setup.get());
        } catch (IOException e) {
            ctx.status(400).json(Map.of("error", "the body is not JSON: " + e.getMessage()));
            return;
        } catch (IllegalArgumentException e) {
            ctx.status(400).json(Map.of("error", e.getMessage()));
            return;
        }
        configure(next);
        ctx.json(next.toJson());
    }

    /** Its thread, for the receiver's watch. */
    public Thread thread() {
        return thread;
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
    }
}
