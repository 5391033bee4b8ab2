package org.hutch.app.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * GET/POST against one receiver base URL with timeouts, turning every network failure into a
 * {@link ReceiverException} whose message says what is wrong and what to check.
 */
final class HttpTransport implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    /** A fully read response. */
    record Reply(int code, Headers headers, byte[] body) {
        String header(String name) {
            return headers.get(name);
        }
    }

    private final HttpUrl base;
    private final OkHttpClient http;
    private final String token;

    /**
     * @param token bearer token, or {@code null} for the process's {@link ReceiverAccess} (which also
     *              says which certificates https trusts)
     */
    HttpTransport(String baseUrl, Duration timeout, String token) throws ReceiverException {
        this.base = parseBase(baseUrl);
        ReceiverAccess access = ReceiverAccess.current().withToken(token);
        this.token = access.token();
        OkHttpClient.Builder b = new OkHttpClient.Builder()
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .callTimeout(timeout.multipliedBy(3))
                .retryOnConnectionFailure(true); // a stale kept-alive connection is retried once, silently
        access.configure(b);
        this.http = b.build();
    }

    static HttpUrl parseBase(String url) throws ReceiverException {
        if (url == null || url.isBlank()) {
            throw new ReceiverException("no receiver URL given (expected something like http://host:5000)");
        }
        String u = url.trim();
        if (!u.contains("://")) {
            u = "http://" + u;
        }
        HttpUrl parsed = HttpUrl.parse(u);
        if (parsed == null) {
            throw new ReceiverException("'" + url + "' is not a receiver URL (expected something like http://host:5000)");
        }
        // keep a path prefix (a receiver behind an ingress), without the trailing slash
        return parsed.newBuilder().query(null).fragment(null).build();
    }

    String baseUrl() {
        String s = base.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    HttpUrl url(String path, Map<String, String> query) {
        HttpUrl.Builder b = base.newBuilder();
        for (String seg : path.split("/")) {
            if (!seg.isEmpty()) {
                b.addPathSegment(seg);
            }
        }
        // a base URL ending in "/" leaves an empty segment in front; HttpUrl drops it for us
        query.forEach(b::addQueryParameter);
        return b.build();
    }

    Reply get(String path, Map<String, String> query, Map<String, String> headers) throws ReceiverException {
        Request.Builder rb = new Request.Builder().url(url(path, query)).get();
        headers.forEach(rb::header);
        return execute(authorized(rb));
    }

    Reply get(String path) throws ReceiverException {
        return get(path, Map.of(), Map.of());
    }

    Reply post(String path, Map<String, String> query) throws ReceiverException {
        return execute(authorized(new Request.Builder().url(url(path, query)).post(RequestBody.create(new byte[0]))));
    }

    Reply postJson(String path, byte[] json) throws ReceiverException {
        return execute(authorized(new Request.Builder().url(url(path, Map.of()))
                .post(RequestBody.create(json, okhttp3.MediaType.get("application/json")))));
    }

    /** Every request carries the token: an ingress may guard reads too, not only the receiver's POST/PUT. */
    private Request authorized(Request.Builder rb) {
        if (token != null) {
            rb.header("Authorization", "Bearer " + token);
        }
        return rb.build();
    }

    private Reply execute(Request request) throws ReceiverException {
        String where = request.url().toString();
        try (Response r = http.newCall(request).execute()) {
            ResponseBody body = r.body();
            byte[] bytes = body == null ? new byte[0] : body.bytes();
            return new Reply(r.code(), r.headers(), bytes);
        } catch (ConnectException e) {
            throw new ReceiverException("cannot connect to the receiver at " + baseUrl()
                    + ": connection refused (is it running, and is the port right?)", e);
        } catch (UnknownHostException e) {
            throw new ReceiverException("unknown host '" + base.host() + "' in the receiver URL " + baseUrl(), e);
        } catch (NoRouteToHostException e) {
            throw new ReceiverException("no route to " + base.host() + " (network down or firewall?)", e);
        } catch (SSLPeerUnverifiedException | SSLHandshakeException e) {
            throw new ReceiverException("TLS to " + baseUrl() + " failed: its certificate is not trusted here (" + e.getMessage()
                    + "); give the certificate of its CA with --receiver-ca FILE or " + ReceiverAccess.CA_ENV, e);
        } catch (InterruptedIOException e) {
            throw new ReceiverException("the receiver at " + baseUrl() + " did not answer in time (" + where + ")", e);
        } catch (IOException e) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("unexpected end of stream") || m.contains("Connection reset")) {
                throw new ReceiverException("the receiver at " + baseUrl()
                        + " closed the connection (stopped or restarting?)", e);
            }
            throw new ReceiverException("HTTP request to " + where + " failed: " + m, e);
        }
    }

    /** Parses a JSON body, or says clearly that the URL does not look like a receiver. */
    JsonNode json(Reply reply, String path) throws ReceiverException {
        if (reply.code() / 100 != 2) {
            throw httpError(reply, path);
        }
        try {
            JsonNode n = JSON.readTree(reply.body());
            if (n == null || !n.isObject()) {
                throw new ReceiverException(baseUrl() + path + " answered with something that is not a JSON object:"
                        + " is this a receiver URL?");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new ReceiverException(baseUrl() + path + " answered with something that is not JSON ("
                    + snippet(reply.body()) + "): is this a receiver URL?", e);
        } catch (IOException e) {
            throw new ReceiverException("cannot read the answer of " + baseUrl() + path + ": " + e.getMessage(), e);
        }
    }

    ReceiverException httpError(Reply reply, String path) {
        String detail = "";
        try {
            JsonNode n = JSON.readTree(reply.body());
            if (n != null && n.hasNonNull("error")) {
                detail = ": " + n.get("error").asText();
            } else if (n != null && n.hasNonNull("detail")) {
                detail = ": " + n.get("detail").toString();
            }
        } catch (IOException notJson) {
            detail = reply.body().length > 0 ? ": " + snippet(reply.body()) : "";
        }
        String hint = reply.code() == 401 || reply.code() == 403
                ? " (a receiver or ingress that needs a token: give it with --receiver-token-file FILE or "
                        + ReceiverAccess.TOKEN_ENV + ")" : "";
        return new ReceiverException(baseUrl() + path + " answered HTTP " + reply.code() + detail + hint);
    }

    private static String snippet(byte[] body) {
        String s = new String(body, 0, Math.min(body.length, 60), java.nio.charset.StandardCharsets.UTF_8)
                .replaceAll("\\s+", " ").trim();
        return s.isEmpty() ? "empty body" : "'" + s + (body.length > 60 ? "...'" : "'");
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
