package org.hutch.detector.eiger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.hutch.detector.DetectorException;

/**
 * HTTP client for the DECTRIS SIMPLON REST API, {@code http://<dcu>/<module>/api/<version>/<task>/<param>}.
 * Every failure becomes a {@link DetectorException} written for the user (unreachable DCU, timeout, the DCU's
 * own error text). Thread-safe: calls may run concurrently (a blocking {@code trigger} does not hold up an
 * {@code abort}); OkHttp opens a second connection for the second call.
 */
public final class SimplonClient implements AutoCloseable {
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_ERROR_TEXT = 400;

    private final HttpUrl base;
    private final OkHttpClient http;
    private final OkHttpClient reads;
    private final Duration timeout;
    private final Set<Call> inFlight = ConcurrentHashMap.newKeySet();
    private volatile String version;

    /**
     * @param dcu     the DCU's address: {@code 10.0.0.5}, {@code http://10.0.0.5} or {@code http://127.0.0.1:8080}
     * @param timeout connect and read timeout of ordinary calls
     * @throws DetectorException for an address that is not an http URL or host name
     */
    public SimplonClient(String dcu, Duration timeout) throws DetectorException {
        this.base = parseBase(dcu);
        this.timeout = timeout;
        this.http = new OkHttpClient.Builder()
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .writeTimeout(timeout)
                .callTimeout(Duration.ZERO)
                .retryOnConnectionFailure(false) // a PUT command must not be sent twice
                .build();
        // a GET may be repeated: it survives a keep-alive connection the DCU has dropped
        this.reads = http.newBuilder().retryOnConnectionFailure(true).build();
    }

    static HttpUrl parseBase(String dcu) throws DetectorException {
        String s = dcu == null ? "" : dcu.trim();
        if (s.isEmpty()) {
            throw new org.hutch.detector.DetectorOptionException("no DCU address given (expected for example http://10.0.0.5)");
        }
        if (!s.contains("://")) {
            s = "http://" + s;
        }
        HttpUrl url = HttpUrl.parse(s);
        if (url == null || !(url.scheme().equals("http") || url.scheme().equals("https"))) {
            throw new org.hutch.detector.DetectorOptionException("'" + dcu + "' is not a DCU address (expected for example http://10.0.0.5 or "
                    + "http://10.0.0.5:8080)");
        }
        return url.newBuilder().encodedPath("/").query(null).build();
    }

    /** The DCU's host name or address (where its stream ports are). */
    public String host() {
        return base.host();
    }

    /** {@code host:port} of the DCU, for thread names and messages. */
    public String hostPort() {
        return base.host() + ":" + base.port();
    }

    /** The DCU base URL, for example {@code http://10.0.0.5/}. */
    public String baseUrl() {
        return base.toString();
    }

    /** The API version in use ({@code null} before {@link #useVersion} / {@link #discoverVersion}). */
    public String version() {
        return version;
    }

    public void useVersion(String v) {
        this.version = v;
    }

    /** <b>Blocking.</b> {@code GET /detector/api/version/}; remembers and returns what the DCU reports. */
    public String discoverVersion() throws DetectorException {
        HttpUrl url = base.newBuilder().addPathSegments("detector/api/version/").build();
        JsonNode body = json(call(new Request.Builder().url(url).get().build(), null), url);
        String v = body.path("value").asText("");
        if (v.isEmpty()) {
            throw new DetectorException("the DCU at " + base + " answered GET /detector/api/version/ without a version ("
                    + abbreviate(body.toString()) + "); is this a SIMPLON detector control unit?");
        }
        this.version = v;
        return v;
    }

    /** <b>Blocking.</b> GET of one parameter with its descriptor. */
    public SimplonValue get(String module, String task, String param) throws DetectorException {
        HttpUrl url = url(module, task, param);
        return SimplonValue.parse(param, json(call(new Request.Builder().url(url).get().build(), null), url));
    }

    /**
     * <b>Blocking.</b> PUT {@code {"value": value}}.
     *
     * @return the parameters the DCU says it changed (may include others than {@code param}, or be empty)
     */
    public List<String> put(String module, String task, String param, Object value) throws DetectorException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("value", value);
        HttpUrl url = url(module, task, param);
        try {
            RequestBody rb = RequestBody.create(MAPPER.writeValueAsBytes(body), JSON);
            return changedList(call(new Request.Builder().url(url).put(rb).build(), null));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new DetectorException("cannot write " + param + " = " + value + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * <b>Blocking.</b> PUT {@code detector/api/<v>/command/<cmd>}, with no body or {@code {"value": value}}
     * (the {@code inte} trigger takes its count time that way).
     *
     * @param readTimeout how long to wait for the answer ({@code null}: the ordinary timeout; {@code Duration.ZERO}:
     *                    no limit) - {@code trigger} answers only when its images are done
     * @return the body as text ({@code ""} when empty), for example {@code {"sequence id": 3}} after arm
     */
    public String command(String cmd, Object value, Duration readTimeout) throws DetectorException {
        HttpUrl url = url("detector", "command", cmd);
        RequestBody body;
        try {
            body = value == null ? RequestBody.create(new byte[0], null)
                    : RequestBody.create(MAPPER.writeValueAsBytes(Map.of("value", value)), JSON);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new DetectorException("cannot write the value of command " + cmd + " as JSON", e);
        }
        return call(new Request.Builder().url(url).put(body).build(), readTimeout);
    }

    private HttpUrl url(String module, String task, String param) throws DetectorException {
        if (version == null) {
            discoverVersion();
        }
        return base.newBuilder().addPathSegment(module).addPathSegment("api").addPathSegment(version)
                .addPathSegment(task).addPathSegment(param).build();
    }

    private String call(Request req, Duration readTimeout) throws DetectorException {
        OkHttpClient plain = req.method().equals("GET") ? reads : http;
        OkHttpClient client = readTimeout == null ? plain
                : plain.newBuilder().readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS).build();
        Call call = client.newCall(req);
        inFlight.add(call);
        String what = req.method() + " " + req.url().encodedPath();
        try (Response resp = call.execute()) {
            ResponseBody b = resp.body();
            String text = b == null ? "" : b.string();
            if (!resp.isSuccessful()) {
                throw httpError(what, resp.code(), text);
            }
            return text;
        } catch (DetectorException e) {
            throw e;
        } catch (ConnectException | NoRouteToHostException e) {
            throw new DetectorException("cannot reach the DCU at " + base + " - check the address and that the detector "
                    + "is powered (" + e.getMessage() + ")", e);
        } catch (UnknownHostException e) {
            throw new DetectorException("cannot reach the DCU at " + base + ": unknown host '" + base.host()
                    + "' - check the address", e);
        } catch (SocketTimeoutException e) {
            Duration limit = readTimeout == null ? timeout : readTimeout;
            throw new DetectorException("the DCU at " + base + " did not answer " + what + " within "
                    + seconds(limit) + " - check that the detector is powered and not overloaded", e);
        } catch (InterruptedIOException e) {
            throw new DetectorException(what + " was cancelled (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            if (call.isCanceled()) {
                throw new DetectorException(what + " was cancelled because the detector was closed", e);
            }
            throw new DetectorException("lost the connection to the DCU at " + base + " during " + what + " ("
                    + e.getMessage() + ") - check that the detector is powered and on the network", e);
        } finally {
            inFlight.remove(call);
        }
    }

    private DetectorException httpError(String what, int code, String text) {
        String dcuText = abbreviate(text.strip());
        if (code == 404) {
            return new SimplonHttpException("the DCU at " + base + " has no " + what.substring(what.indexOf(' ') + 1)
                    + " (HTTP 404" + (dcuText.isEmpty() ? "" : ": " + dcuText) + "); check the API version ("
                    + version + ") and the parameter name", code);
        }
        String kind = code >= 500 ? "failed" : "refused";
        return new SimplonHttpException("the DCU " + kind + " " + what + " (HTTP " + code + ")"
                + (dcuText.isEmpty() ? "" : ": " + dcuText), code);
    }

    private JsonNode json(String text, HttpUrl url) throws DetectorException {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new DetectorException("the DCU answered " + url.encodedPath() + " with something that is not JSON: "
                    + abbreviate(text), e);
        }
    }

    /** A PUT answers a JSON list of changed parameter names (older firmware: an empty body). */
    private static List<String> changedList(String text) {
        List<String> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        try {
            JsonNode n = MAPPER.readTree(text);
            if (n.isArray()) {
                n.forEach(e -> out.add(e.asText()));
            }
        } catch (IOException e) {
            // not a list: nothing to report, the PUT itself succeeded
        }
        return out;
    }

    static String abbreviate(String s) {
        return s.length() <= MAX_ERROR_TEXT ? s : s.substring(0, MAX_ERROR_TEXT) + "...";
    }

    private static String seconds(Duration d) {
        return SimplonValue.fmt(d.toMillis() / 1000.0) + " s";
    }

    /** Cancels calls in flight (a blocking trigger) and releases connections. Never throws. */
    @Override
    public void close() {
        inFlight.forEach(Call::cancel);
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
