package org.hutch.receiver.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.hutch.azint.AzintResult;
import org.hutch.receiver.pipeline.AzintPipeline.IntegratedFrame;
import org.hutch.receiver.pipeline.AzintPipeline.SeriesInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Republishes every integrated frame on a ZeroMQ PUB socket of its own (see docs/azint-pipeline.md):
 * one JSON header, then little-endian float32 arrays (radial, I, sigma; with a cake then its azimuth axis and
 * the cake, {@code [azimuth][radial]}, after them, so a reader of the first parts is unchanged). A series' start and end are
 * single-part JSON messages. PUB never waits: a subscriber that does not keep up loses messages at its
 * high water mark, and the pipeline goes on. The socket is made, used and closed on the pipeline's writer thread.
 */
public final class Republisher implements AzintPipeline.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(Republisher.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String host;
    private final int requestedPort;
    private final CompletableFuture<Integer> bound = new CompletableFuture<>();
    private ZContext ctx;
    private ZMQ.Socket pub;
    private long sent;

    /** @param port 0 for any free port */
    public Republisher(String host, int port) {
        this.host = host;
        this.requestedPort = port;
    }

    /**
     * The bound port, once the pipeline's writer thread has bound it.
     *
     * @throws IllegalStateException when the port cannot be bound
     */
    public int port() {
        try {
            return bound.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot bind the republish port " + requestedPort + " on " + host
                    + " (in use, or not allowed)", e);
        }
    }

    @Override
    public void started() {
        try {
            ctx = new ZContext(1);
            pub = ctx.createSocket(SocketType.PUB);
            pub.setSndHWM(1000);
            pub.setLinger(0);
            String h = host.contains(":") ? "[" + host + "]" : host;
            int port = requestedPort;
            if (port == 0) {
                port = pub.bindToRandomPort("tcp://" + h);
            } else {
                pub.bind("tcp://" + h + ":" + port);
            }
            LOG.info("azint curves republished on tcp://{}:{}", h, port);
            bound.complete(port);
        } catch (RuntimeException e) {
            bound.completeExceptionally(e);
            throw e;
        }
    }

    @Override
    public void seriesStarted(SeriesInfo s) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("htype", "azint_start");
        h.put("series", s.name());
        h.put("series_id", s.id());
        h.put("config", s.config().setup().toJson());
        send(h, List.of());
    }

    @Override
    public void integrated(IntegratedFrame f) {
        AzintResult r = f.result();
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("htype", "azint_frame");
        h.put("series", f.series().name());
        h.put("series_id", f.series().id());
        h.put("frame", f.frame());
        h.put("index", f.index());
        h.put("unit", r.unit().pyfaiName());
        h.put("bins", r.radial().length);
        List<String> names = new ArrayList<>(List.of("radial", "I"));
        List<byte[]> parts = new ArrayList<>(List.of(float32(r.radial()), float32(r.intensity())));
        if (r.sigma() != null) {
            names.add("sigma");
            parts.add(float32(r.sigma()));
        }
        Cake c = f.cake();
        if (c != null) {
            // a part of its own (ZeroMQ keeps it queued after this call): the cake's array is reused for a later frame
            names.add("azimuth");
            parts.add(float32(c.azimuth()));
            names.add("cake");
            parts.add(float32(c.intensity()));
            h.put("cake_shape", List.of(c.azimuth().length, c.radial().length));
        }
        h.put("arrays", names);
        h.put("dtype", "<f4");
        send(h, parts);
    }

    @Override
    public void seriesEnded(SeriesInfo s, boolean complete) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("htype", "azint_end");
        h.put("series", s.name());
        h.put("series_id", s.id());
        h.put("complete", complete);
        send(h, List.of());
    }

    private void send(Map<String, Object> header, List<byte[]> arrays) {
        if (pub == null) {
            return;
        }
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(header);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        // PUB drops at the high water mark instead of blocking: DONTWAIT only makes that explicit
        if (!pub.send(json, arrays.isEmpty() ? ZMQ.DONTWAIT : ZMQ.SNDMORE | ZMQ.DONTWAIT)) {
            return;
        }
        for (int i = 0; i < arrays.size(); i++) {
            pub.send(arrays.get(i), i < arrays.size() - 1 ? ZMQ.SNDMORE | ZMQ.DONTWAIT : ZMQ.DONTWAIT);
        }
        sent++;
    }

    static byte[] float32(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return b.array();
    }

    static byte[] float32(double[] v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double x : v) {
            b.putFloat((float) x);
        }
        return b.array();
    }

    @Override
    public void close() {
        if (ctx != null) {
            ctx.close();
            ctx = null;
            pub = null;
        }
    }
}
