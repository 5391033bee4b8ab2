package org.hutch.detector.eiger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A SIMPLON detector control unit for tests: a JDK HTTP server on 127.0.0.1 (ephemeral port) that answers
 * {@code /<module>/api/<version>/<task>/<param>} like a DECTRIS DCU does according to the published SIMPLON
 * documentation: GET gives the value descriptor ({@code value, value_type, access_mode, min, max, unit,
 * allowed_values}), PUT {@code {"value": ...}} checks it and answers the list of changed parameters, commands run
 * the state machine {@code idle -> ready (arm) -> acquire (trigger, blocking nimages x frame_time) -> ready | idle
 * (after the last trigger) -> idle (disarm)}. Version 1.6.0 has no {@code stream/config/format} (legacy only).
 * Faults can be injected: an HTTP error with text, slow answers, the error state, and the {@link Departure}s of
 * real firmware and third-party simulators from the documentation.
 * Optionally it streams frames over ZeroMQ ({@link SimulatedStream}).
 */
public final class SimplonSimulator implements AutoCloseable {

    /** Ways DCUs seen in the field depart from the documented behaviour. */
    public enum Departure {
        /** a GET or PUT of a parameter the DCU lacks answers HTTP 500 instead of 404 */
        UNKNOWN_PARAMETER_500,
        /** found {@code ready} at start, and stays {@code ready} after the last trigger until disarmed (which sends the series end) */
        PERMANENTLY_READY,
        /** the stream header carries no header appendix (so no file name) */
        IGNORES_HEADER_APPENDIX,
        /** header detail {@code all} with placeholder blobs whose size disagrees with their shape */
        PLACEHOLDER_HEADER_BLOBS,
        /** in {@code inte} (one image per trigger) the frame number starts again at 0 with every trigger */
        FRAME_NUMBERS_RESTART_EACH_TRIGGER,
        /** the DCU dies after {@link #dieAfterFrames} frames: HTTP and stream stop, no series end */
        DIES_MID_SERIES,
        /** a series ended by cancel and disarm sends no series end (the stream just stops) */
        NO_SERIES_END_AFTER_DISARM
    }
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static {
        // without it the JDK server's small answers wait for delayed ACKs (about 40 ms per request)
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** One parameter with its descriptor. */
    static final class Param {
        Object value;
        final String type;
        final String access;
        final Double min;
        final Double max;
        final String unit;
        final List<String> allowed;

        Param(Object value, String type, String access, Double min, Double max, String unit, List<String> allowed) {
            this.value = value;
            this.type = type;
            this.access = access;
            this.min = min;
            this.max = max;
            this.unit = unit;
            this.allowed = allowed;
        }

        Map<String, Object> descriptor() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("value", value);
            m.put("value_type", type);
            m.put("access_mode", access);
            if (min != null) {
                m.put("min", type.equals("float") ? (Object) min : (Object) min.longValue());
            }
            if (max != null) {
                m.put("max", type.equals("float") ? (Object) max : (Object) max.longValue());
            }
            if (!unit.isEmpty()) {
                m.put("unit", unit);
            }
            if (!allowed.isEmpty()) {
                m.put("allowed_values", allowed);
            }
            return m;
        }
    }

    private record Fault(String pathPart, int status, String text) {
    }

    private final String version;
    private final HttpServer server;
    private final ExecutorService pool;
    private final Map<String, Param> params = new LinkedHashMap<>();
    private final List<String> commands = Collections.synchronizedList(new ArrayList<>());
    private final List<Double> triggerCountTimes = Collections.synchronizedList(new ArrayList<>());
    private final List<Fault> faults = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger sequence = new AtomicInteger();
    private final java.util.Set<Departure> departures = new java.util.concurrent.CopyOnWriteArraySet<>();
    private volatile long dieAfterFrames = Long.MAX_VALUE;
    private volatile long framesSent;
    private volatile boolean dead;
    private volatile long delayMs;
    private volatile long configureMs;
    private volatile SimulatedStream stream;
    // state machine, guarded by "this"
    private String state = "idle";
    private int triggersDone;
    private boolean stopAcquisition;
    private long configureUntil = System.nanoTime();

    private SimplonSimulator(String version) throws IOException {
        this.version = version;
        defineParameters();
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "simplon-sim-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a DCU that reports this SIMPLON version (1.8.0 or 1.6.0). */
    public static SimplonSimulator start(String version) throws IOException {
        return new SimplonSimulator(version);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Streams frames over ZeroMQ from now on (DECTRIS V1 or V2 after the stream format parameter). */
    public SimulatedStream streamFrames() {
        stream = new SimulatedStream();
        stream.placeholderHeaderBlobs(has(Departure.PLACEHOLDER_HEADER_BLOBS));
        return stream;
    }

    /** Behaves as some firmware does from now on. */
    public synchronized SimplonSimulator depart(Departure... ds) {
        departures.addAll(List.of(ds));
        if (has(Departure.PERMANENTLY_READY) && state.equals("idle")) {
            state = "ready"; // left armed by an earlier client
        }
        SimulatedStream s = stream;
        if (s != null) {
            s.placeholderHeaderBlobs(has(Departure.PLACEHOLDER_HEADER_BLOBS));
        }
        return this;
    }

    /** With {@link Departure#DIES_MID_SERIES}: the number of frames sent before it dies. */
    public SimplonSimulator dieAfterFrames(long n) {
        dieAfterFrames = n;
        return depart(Departure.DIES_MID_SERIES);
    }

    private boolean has(Departure d) {
        return departures.contains(d);
    }

    /** Whether it died ({@link Departure#DIES_MID_SERIES}). */
    public boolean dead() {
        return dead;
    }

    // ---- parameters: values and limits of an EIGER2 X 4M as the SIMPLON documentation describes them ----

    private void defineParameters() {
        List<String> none = List.of();
        def("detector/config/count_time", 0.5, "float", "rw", 2.9e-6, 1800.0, "s", none);
        def("detector/config/frame_time", 0.5, "float", "rw", 1.0 / 560, 1800.0, "s", none);
        def("detector/config/nimages", 1L, "uint", "rw", 1.0, 2_000_000_000.0, "", none);
        def("detector/config/ntrigger", 1L, "uint", "rw", 1.0, 2_000_000_000.0, "", none);
        def("detector/config/trigger_mode", "exts", "string", "rw", null, null, "",
                List.of("eies", "exte", "extg", "exts", "inte", "ints"));
        def("detector/config/photon_energy", 8041.0, "float", "rw", 3000.0, 40000.0, "eV", none);
        def("detector/config/threshold_energy", 4020.5, "float", "rw", 1500.0, 36000.0, "eV", none);
        def("detector/config/compression", "bslz4", "string", "rw", null, null, "", List.of("lz4", "bslz4"));
        def("detector/config/description", "Dectris EIGER2 Si 4M", "string", "r", null, null, "", none);
        def("detector/config/x_pixels_in_detector", 2068L, "uint", "r", null, null, "", none);
        def("detector/config/y_pixels_in_detector", 2162L, "uint", "r", null, null, "", none);
        def("detector/status/state", "idle", "string", "r", null, null, "",
                List.of("na", "idle", "ready", "acquire", "configure", "initialize", "error"));
        def("detector/status/error", new ArrayList<String>(), "list", "r", null, null, "", none);
        def("stream/config/mode", "disabled", "string", "rw", null, null, "", List.of("disabled", "enabled"));
        if (!version.startsWith("1.6")) {
            def("stream/config/format", "legacy", "string", "rw", null, null, "", List.of("legacy", "cbor"));
        }
        def("stream/config/header_detail", "basic", "string", "rw", null, null, "", List.of("all", "basic", "none"));
        def("stream/config/header_appendix", "", "string", "rw", null, null, "", none);
        def("stream/config/image_appendix", "", "string", "rw", null, null, "", none);
        def("filewriter/config/mode", "enabled", "string", "rw", null, null, "", List.of("disabled", "enabled"));
        def("monitor/config/mode", "enabled", "string", "rw", null, null, "", List.of("disabled", "enabled"));
    }

    private void def(String key, Object value, String type, String access, Double min, Double max, String unit,
                     List<String> allowed) {
        params.put(key, new Param(value, type, access, min, max, unit, allowed));
    }

    /** The stored value of {@code module/task/param}, for example {@code detector/config/count_time}. */
    synchronized Object value(String key) {
        Param p = params.get(key);
        if (p == null) {
            throw new IllegalArgumentException("no parameter " + key);
        }
        return key.equals("detector/status/state") ? visibleState() : p.value;
    }

    public synchronized String state() {
        return visibleState();
    }

    /** Puts the DCU into a state, for example {@code error} with a reason, or {@code na}. */
    public synchronized void forceState(String s, String error) {
        state = s;
        params.get("detector/status/error").value = error == null ? List.of() : List.of(error);
        notifyAll();
    }

    /** The commands received, in order. */
    public List<String> commands() {
        synchronized (commands) {
            return List.copyOf(commands);
        }
    }

    /** The count time of each software trigger (inte: the PUT's value, ints: the frame time), in order. */
    List<Double> triggerCountTimes() {
        synchronized (triggerCountTimes) {
            return List.copyOf(triggerCountTimes);
        }
    }

    /** The next request whose path contains {@code pathPart} gets this HTTP status and text. */
    void failNext(String pathPart, int status, String text) {
        faults.add(new Fault(pathPart, status, text));
    }

    /** After each detector config write the DCU passes through state {@code configure} for this long. */
    void configureStateFor(long ms) {
        configureMs = ms;
    }

    /** Every answer is delayed this long. */
    void delayAnswers(long ms) {
        delayMs = ms;
    }

    // ---- HTTP ----

    private void handle(HttpExchange ex) throws IOException {
        try {
            String path = ex.getRequestURI().getPath();
            if (delayMs > 0) {
                Thread.sleep(delayMs);
            }
            Fault fault = takeFault(path);
            if (fault != null) {
                reply(ex, fault.status(), "text/plain", fault.text());
                return;
            }
            if (path.equals("/detector/api/version/") || path.equals("/detector/api/version")) {
                reply(ex, 200, "application/json", MAPPER.writeValueAsString(Map.of("value", version,
                        "value_type", "string")));
                return;
            }
            String[] seg = path.replaceAll("^/+|/+$", "").split("/");
            if (seg.length != 5 || !seg[1].equals("api") || !seg[2].equals(version)) {
                reply(ex, 404, "text/plain", "Not Found: " + path);
                return;
            }
            byte[] in = ex.getRequestBody().readAllBytes();
            String module = seg[0];
            String task = seg[3];
            String param = seg[4];
            if (module.equals("detector") && task.equals("command")) {
                if (!ex.getRequestMethod().equals("PUT")) {
                    reply(ex, 405, "text/plain", "commands take PUT");
                    return;
                }
                command(ex, param, in);
                return;
            }
            String key = module + "/" + task + "/" + param;
            if (ex.getRequestMethod().equals("GET")) {
                Map<String, Object> d;
                synchronized (this) {
                    Param p = params.get(key);
                    if (p == null) {
                        unknownParameter(ex, param);
                        return;
                    }
                    d = p.descriptor();
                    if (key.equals("detector/status/state")) {
                        d.put("value", visibleState());
                    }
                }
                reply(ex, 200, "application/json", MAPPER.writeValueAsString(d));
            } else if (ex.getRequestMethod().equals("PUT")) {
                put(ex, key, param, in);
            } else {
                reply(ex, 405, "text/plain", "method not allowed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ex.close();
        }
    }

    private Fault takeFault(String path) {
        synchronized (faults) {
            for (Fault f : faults) {
                if (path.contains(f.pathPart())) {
                    faults.remove(f);
                    return f;
                }
            }
        }
        return null;
    }

    private void unknownParameter(HttpExchange ex, String param) throws IOException {
        if (has(Departure.UNKNOWN_PARAMETER_500)) {
            reply(ex, 500, "text/html", "<html><body>500 Internal Server Error</body></html>");
        } else {
            reply(ex, 404, "text/plain", "Parameter " + param + " not found");
        }
    }

    private void put(HttpExchange ex, String key, String param, byte[] body) throws IOException {
        synchronized (this) {
            if (!params.containsKey(key)) {
                unknownParameter(ex, param);
                return;
            }
        }
        JsonNode v;
        try {
            v = MAPPER.readTree(body).get("value");
        } catch (IOException e) {
            v = null;
        }
        if (v == null) {
            reply(ex, 400, "text/plain", "Request body must be JSON with a \"value\" key");
            return;
        }
        List<String> changed = new ArrayList<>();
        String error;
        synchronized (this) {
            error = store(key, param, v, changed);
        }
        if (error != null) {
            reply(ex, 400, "text/plain", error);
            return;
        }
        long passing = configureMs;
        if (passing > 0 && key.startsWith("detector/config/")) {
            enterConfigureState(passing);
        }
        reply(ex, 200, "application/json", MAPPER.writeValueAsString(changed));
    }

    private synchronized void enterConfigureState(long ms) {
        configureUntil = System.nanoTime() + ms * 1_000_000;
    }

    /** The state a client sees: {@code configure} while a config write is being applied. Holds the lock. */
    private String visibleState() {
        return state.equals("idle") && System.nanoTime() < configureUntil ? "configure" : state;
    }

    /** Checks and stores; returns the DCU's error text or null. Holds the lock. */
    private String store(String key, String param, JsonNode v, List<String> changed) {
        Param p = params.get(key);
        if (p == null) {
            return "Parameter " + param + " not found";
        }
        if (!p.access.contains("w")) {
            return "Parameter " + param + " is read only";
        }
        if (state.equals("acquire") || state.equals("ready") && key.startsWith("detector/config")) {
            return "Cannot set " + param + " in state " + state;
        }
        Object value;
        switch (p.type) {
            case "float":
                if (!v.isNumber()) {
                    return "Value " + v + " for " + param + " is not a float";
                }
                value = v.asDouble();
                break;
            case "uint":
                if (!v.canConvertToLong() || !v.isIntegralNumber() || v.asLong() < 0) {
                    return "Value " + v + " for " + param + " is not an unsigned integer";
                }
                value = v.asLong();
                break;
            default:
                if (!v.isTextual()) {
                    return "Value " + v + " for " + param + " is not a string";
                }
                value = v.asText();
        }
        if (value instanceof Number) {
            double d = ((Number) value).doubleValue();
            if ((p.min != null && d < p.min) || (p.max != null && d > p.max)) {
                return "Value " + v + " out of range [" + p.min + ", " + p.max + "] for " + param;
            }
        }
        if (!p.allowed.isEmpty() && !p.allowed.contains(value.toString())) {
            return "Value " + v + " not allowed for " + param + ", allowed values: " + p.allowed;
        }
        p.value = value;
        changed.add(param);
        // side effects a DCU reports in the changed list
        if (param.equals("count_time")) {
            Param ft = params.get("detector/config/frame_time");
            if ((Double) ft.value < (Double) value) {
                ft.value = value;
                changed.add("frame_time");
            }
        } else if (param.equals("photon_energy")) {
            params.get("detector/config/threshold_energy").value = (Double) value / 2;
            changed.add("threshold_energy");
        }
        return null;
    }

    // ---- commands and states ----

    private void command(HttpExchange ex, String cmd, byte[] body) throws IOException, InterruptedException {
        commands.add(cmd);
        String error;
        String answer = "";
        switch (cmd) {
            case "initialize":
                synchronized (this) {
                    state = "idle";
                    params.get("detector/status/error").value = List.of();
                    error = null;
                }
                break;
            case "arm":
                synchronized (this) {
                    error = visibleState().equals("idle") ? null : "Cannot arm in state " + visibleState();
                    if (error == null) {
                        state = "ready";
                        triggersDone = 0;
                        int seq = sequence.incrementAndGet();
                        answer = "{\"sequence id\": " + seq + "}";
                        SimulatedStream s = stream;
                        if (s != null) {
                            s.start(seq, snapshot());
                        }
                    }
                }
                break;
            case "trigger":
                error = trigger(body);
                break;
            case "cancel":
                synchronized (this) {
                    if (state.equals("acquire")) {
                        stopAcquisition = true;
                        state = "ready";
                        notifyAll();
                    }
                    error = null;
                }
                break;
            case "disarm":
                synchronized (this) {
                    if (!state.equals("idle")) {
                        stopAcquisition = true;
                        endSeries(!has(Departure.NO_SERIES_END_AFTER_DISARM));
                    }
                    error = null;
                }
                break;
            case "abort":
                synchronized (this) {
                    stopAcquisition = true;
                    endSeries(false);
                    error = null;
                }
                break;
            default:
                error = "Command " + cmd + " not found";
        }
        if (error != null) {
            reply(ex, cmd.equals("initialize") || error.startsWith("Command") ? 404 : 400, "text/plain", error);
        } else {
            reply(ex, 200, answer.isEmpty() ? "text/plain" : "application/json", answer);
        }
    }

    /** Blocks for the images of one trigger (or until cancel/abort/disarm); returns an error text or null. */
    private synchronized String trigger(byte[] body) throws InterruptedException {
        String mode = (String) params.get("detector/config/trigger_mode").value;
        if (!state.equals("ready")) {
            return "Cannot trigger in state " + state;
        }
        if (!mode.equals("ints") && !mode.equals("inte")) {
            return "Trigger command not allowed in trigger mode " + mode;
        }
        long images = mode.equals("inte") ? 1 : (Long) params.get("detector/config/nimages").value;
        double frameTime = mode.equals("inte") ? countTimeOf(body) : (Double) params.get("detector/config/frame_time").value;
        triggerCountTimes.add(frameTime);
        state = "acquire";
        stopAcquisition = false;
        if (stream != null && mode.equals("inte") && has(Departure.FRAME_NUMBERS_RESTART_EACH_TRIGGER)) {
            stream.restartFrameNumbers();
        }
        for (long i = 0; i < images && !stopAcquisition; i++) {
            long until = System.nanoTime() + (long) (frameTime * 1e9);
            long left;
            while (!stopAcquisition && (left = until - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            if (!stopAcquisition && stream != null) {
                stream.frame(sequence.get());
                if (++framesSent >= dieAfterFrames && has(Departure.DIES_MID_SERIES)) {
                    die();
                    throw new InterruptedException("the DCU died");
                }
            }
        }
        if (state.equals("acquire")) {
            triggersDone++;
            if (triggersDone < (Long) params.get("detector/config/ntrigger").value
                    || has(Departure.PERMANENTLY_READY)) {
                state = "ready"; // the permanently ready firmware sends the series end only at disarm
            } else {
                endSeries(true);
            }
        }
        return null;
    }

    /** Stops answering and streaming at once, as a DCU that loses power: no series end. Holds the lock. */
    private void die() {
        dead = true;
        stopAcquisition = true;
        SimulatedStream s = stream;
        // off this handler thread: the server waits for its handlers when it stops
        Thread t = new Thread(() -> {
            if (s != null) {
                s.close();
            }
            server.stop(0);
            pool.shutdownNow();
        }, "simplon-sim-death");
        t.setDaemon(true);
        t.start();
    }

    private double countTimeOf(byte[] body) {
        try {
            JsonNode v = MAPPER.readTree(body).get("value");
            if (v != null && v.isNumber()) {
                return v.asDouble();
            }
        } catch (IOException e) {
            // no body: the configured count time
        }
        return (Double) params.get("detector/config/count_time").value;
    }

    /** Holds the lock. */
    private void endSeries(boolean sendEnd) {
        state = "idle";
        notifyAll();
        SimulatedStream s = stream;
        if (s != null && sendEnd) {
            s.end(sequence.get());
        }
    }

    /** The values the stream header reports. Holds the lock. */
    private Map<String, Object> snapshot() {
        Map<String, Object> m = new LinkedHashMap<>();
        params.forEach((k, p) -> m.put(k, p.value));
        if (has(Departure.IGNORES_HEADER_APPENDIX)) {
            m.remove("stream/config/header_appendix");
        }
        return m;
    }

    private static void reply(HttpExchange ex, int status, String type, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
            try (OutputStream os = ex.getResponseBody()) {
                os.write(b);
            }
        }
    }

    /** Stops answering: the port is closed, connections are refused. */
    @Override
    public void close() {
        dead = true;
        synchronized (this) {
            stopAcquisition = true;
            notifyAll();
        }
        server.stop(0);
        pool.shutdownNow();
        SimulatedStream s = stream;
        if (s != null) {
            s.close();
        }
    }
}
