package org.hutch.receiver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

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

    /** Polls {@code path} until the JSON satisfies {@code done}, at most {@code seconds}; returns the last JSON. */
    static JsonNode awaitJson(URI base, String path, Predicate<JsonNode> done, double seconds)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        JsonNode n = getJson(base, path);
        while (!done.test(n) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            n = getJson(base, path);
        }
        return n;
    }
}
