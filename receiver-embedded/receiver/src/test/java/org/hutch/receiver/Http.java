package org.hutch.receiver;

import static org.awaitility.Awaitility.await;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.awaitility.core.ConditionTimeoutException;

/** A small HTTP client for tests (OkHttp, as the app uses). */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();
    static final OkHttpClient CLIENT = new OkHttpClient.Builder().readTimeout(30, TimeUnit.SECONDS).build();

    private Http() {
    }

    static JsonNode getJson(URI base, String path) throws IOException {
        try (Response r = CLIENT.newCall(new Request.Builder().url(base.resolve(path).toString()).build()).execute()) {
            return JSON.readTree(r.body().bytes());
        }
    }

    static Response get(URI base, String path) throws IOException {
        return CLIENT.newCall(new Request.Builder().url(base.resolve(path).toString()).build()).execute();
    }

    /** Polls {@code path} until the JSON satisfies {@code done}, at most {@code seconds}; returns that JSON. */
    static JsonNode awaitJson(URI base, String path, Predicate<JsonNode> done, double seconds) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        try {
            return await().atMost(Duration.ofMillis((long) (seconds * 1000))).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(50)).until(() -> {
                        last.set(getJson(base, path));
                        return last.get();
                    }, done);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(path + " did not match within " + seconds + " s; last " + last.get(), e);
        }
    }
}
