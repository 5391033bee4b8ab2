package org.hutch.app.client;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A faithful stand-in for MAX IV's streaming-receiver HTTP API (FastAPI app in its api.py), for
 * tests of the client's fallback: {@code GET /status}, {@code GET /received_frames},
 * {@code GET/POST /downsample}, {@code GET /last_frame} (pickle protocol 4 of {@code [header, blob]},
 * or of {@code [header, numpy uint16 array]} when its shared downsample factor is above 1 and the frame
 * is uncompressed uint16). No {@code /api/v1}: those paths answer 404 with FastAPI's body.
 */
public final class MaxIvTestServer implements AutoCloseable {

    private HttpServer server;
    private final int port;
    private volatile String state = "idle";
    private volatile Map<String, Object> header = Map.of();
    private volatile byte[] blob = new byte[0];
    private volatile long receivedFrames;
    private final AtomicInteger downsample = new AtomicInteger(1);
    private final AtomicInteger lastFrameRequests = new AtomicInteger();
    private final AtomicInteger downsamplePosts = new AtomicInteger();
    private final AtomicInteger receivedFramesRequests = new AtomicInteger();

    public MaxIvTestServer(int port) throws IOException {
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        this.port = server.getAddress().getPort();
        routes();
        server.start();
    }

    /** Starts again on the same port (after {@link #close()}). */
    public void restart() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        routes();
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public int lastFrameRequests() {
        return lastFrameRequests.get();
    }

    public int receivedFramesRequests() {
        return receivedFramesRequests.get();
    }

    public int downsamplePosts() {
        return downsamplePosts.get();
    }

    public int sharedDownsample() {
        return downsample.get();
    }

    public void setSharedDownsample(int f) {
        downsample.set(f);
    }

    public void setState(String s) {
        state = s;
    }

    /** A new frame as the collector stores it: STINS image header keys and the blob. */
    public void putFrame(long frame, int rows, int cols, String type, String compression, byte[] data) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("htype", "image");
        h.put("msg_number", (int) frame + 1);
        h.put("frame", (int) frame);
        h.put("shape", new PythonPickleBytes.Tuple(List.of(rows, cols))); // lists from JSON pickle alike
        h.put("type", type);
        h.put("compression", compression);
        header = h;
        blob = data;
        receivedFrames = frame + 1;
    }

    private void routes() {
        server.createContext("/", this::handle);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            switch (path) {
                case "/status":
                    json(ex, 200, "error".equals(state) ? "{\"state\":\"error\",\"error\":\"boom\"}"
                            : "{\"state\":\"" + state + "\"}");
                    return;
                case "/received_frames":
                    receivedFramesRequests.incrementAndGet();
                    json(ex, 200, "{\"value\":" + receivedFrames + "}");
                    return;
                case "/downsample":
                    if ("POST".equals(method)) {
                        String q = ex.getRequestURI().getQuery();
                        if (q == null || !q.matches("value=\\d+")) {
                            json(ex, 422, "{\"detail\":[{\"loc\":[\"query\",\"value\"],\"msg\":\"field required\"}]}");
                            return;
                        }
                        downsamplePosts.incrementAndGet();
                        downsample.set(Integer.parseInt(q.substring(6)));
                    }
                    json(ex, 200, "{\"value\":" + downsample.get() + "}");
                    return;
                case "/last_frame":
                    lastFrameRequests.incrementAndGet();
                    byte[] body = lastFramePickle();
                    ex.getResponseHeaders().set("Content-Type", "image/pickle");
                    ex.sendResponseHeaders(200, body.length);
                    try (OutputStream os = ex.getResponseBody()) {
                        os.write(body);
                    }
                    return;
                default:
                    json(ex, 404, "{\"detail\":\"Not Found\"}");
            }
        }
    }

    private byte[] lastFramePickle() {
        Map<String, Object> h = header;
        byte[] b = blob;
        int f = downsample.get();
        if (h.isEmpty()) {
            return PythonPickleBytes.dumpsList(Map.of(), new byte[0]);
        }
        if (f > 1 && "none".equals(h.get("compression")) && "uint16".equals(h.get("type"))) {
            @SuppressWarnings("unchecked")
            List<Object> shape = ((PythonPickleBytes.Tuple) h.get("shape")).items();
            int rows = (Integer) shape.get(0);
            int cols = (Integer) shape.get(1);
            int r2 = rows / f;
            int c2 = cols / f;
            ByteBuffer in = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
            ByteBuffer out = ByteBuffer.allocate(r2 * c2 * 2).order(ByteOrder.LITTLE_ENDIAN);
            for (int r = 0; r < r2; r++) {
                for (int c = 0; c < c2; c++) {
                    double sum = 0;
                    for (int dr = 0; dr < f; dr++) {
                        for (int dc = 0; dc < f; dc++) {
                            sum += in.getShort(((r * f + dr) * cols + c * f + dc) * 2) & 0xFFFF;
                        }
                    }
                    out.putShort((short) (int) (sum / (f * f))); // mean, truncated to uint16 as numpy astype
                }
            }
            Map<String, Object> h2 = new LinkedHashMap<>(h);
            h2.put("shape", new PythonPickleBytes.Tuple(List.of(r2, c2)));
            return PythonPickleBytes.dumpsList(h2, new PythonPickleBytes.NdArray("u2", new int[] {r2, c2}, out.array()));
        }
        return PythonPickleBytes.dumpsList(h, b);
    }

    private static void json(HttpExchange ex, int code, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(code, b.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(b);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
