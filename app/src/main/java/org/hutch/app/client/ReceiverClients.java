package org.hutch.app.client;

import java.time.Duration;
import org.hutch.app.AppPreferences;

/** Opens a {@link ReceiverClient}, choosing the API layer the receiver speaks. */
public final class ReceiverClients {

    /** How long one request may take unless told otherwise (app_preferences.properties, receiver_timeout_ms). */
    public static final Duration DEFAULT_TIMEOUT = AppPreferences.load().receiverTimeout();

    private ReceiverClients() {
    }

    public static ReceiverClient connect(String url) throws ReceiverException {
        return connect(url, DEFAULT_TIMEOUT, null);
    }

    public static ReceiverClient connect(String url, Duration timeout) throws ReceiverException {
        return connect(url, timeout, null);
    }

    /**
     * Sets a MAX IV receiver's shared downsample factor ({@code POST /downsample}), which every viewer
     * of that receiver then gets. Only on the user's explicit request. Blocks on the network.
     *
     * @return the factor the receiver reports back
     */
    public static int setSharedDownsample(String url, int factor, Duration timeout) throws ReceiverException {
        try (ReceiverClient c = connectMaxIvLayer(url, timeout)) {
            return ((MaxIvApiClient) c).setSharedDownsample(factor);
        }
    }

    /**
     * Talks to the MAX IV layer only, even when the receiver also has {@code /api/v1} (for comparing the
     * two layers of one receiver, and for receivers whose {@code /api/v1} should be ignored).
     */
    public static ReceiverClient connectMaxIvLayer(String url, Duration timeout) throws ReceiverException {
        HttpTransport http = new HttpTransport(url, timeout, null);
        try {
            MaxIvApiClient.checkStatus(http.json(http.get("/status"), "/status"), http.baseUrl());
            return new MaxIvApiClient(http);
        } catch (ReceiverException | RuntimeException e) {
            http.close();
            throw e;
        }
    }

    /**
     * Probes {@code /api/v1/status}; when it is 404 the receiver is taken for a MAX IV
     * streaming-receiver and {@code /status} must answer. Blocks on the network.
     *
     * @param token bearer token for mutating calls, or {@code null}
     */
    public static ReceiverClient connect(String url, Duration timeout, String token) throws ReceiverException {
        HttpTransport http = new HttpTransport(url, timeout, token);
        try {
            HttpTransport.Reply v1 = http.get("/api/v1/status");
            if (v1.code() == 200) {
                http.json(v1, "/api/v1/status"); // must be JSON, or this is not a receiver
                return new HutchApiClient(http);
            }
            if (v1.code() != 404) {
                throw http.httpError(v1, "/api/v1/status");
            }
            HttpTransport.Reply maxiv = http.get("/status");
            if (maxiv.code() == 404) {
                throw new ReceiverException("no receiver API at " + http.baseUrl()
                        + ": both /api/v1/status and /status answered 404 (wrong URL or port?)");
            }
            MaxIvApiClient.checkStatus(http.json(maxiv, "/status"), http.baseUrl());
            return new MaxIvApiClient(http);
        } catch (ReceiverException | RuntimeException e) {
            http.close();
            throw e;
        }
    }
}
