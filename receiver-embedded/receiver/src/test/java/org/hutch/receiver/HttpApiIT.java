package org.hutch.receiver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.hutch.model.pixels.BlockReducer;
import org.hutch.model.pixels.BlockReduction;
import org.hutch.model.pixels.PixelType;
import org.hutch.stream.Compression;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both API layers over real HTTP against a receiver fed over a real socket. */
class HttpApiIT {
    @TempDir
    Path dir;

    private static Response post(String url, String auth) throws Exception {
        Request.Builder b = new Request.Builder().url(url).post(RequestBody.create(new byte[0], (MediaType) null));
        if (auth != null) {
            b.header("Authorization", auth);
        }
        return Http.CLIENT.newCall(b.build()).execute();
    }

    @Test
    void maxivLayerAnswersExactly() throws Exception {
        try (TestSender tx = new TestSender();
             EmbeddedReceiver rx = EmbeddedReceiver.start(ReceiverConfig.builder().endpoint(tx.endpoint())
                     .dataDir(dir).build())) {
            var api = rx.apiUri();
            try (Response r = Http.get(api, "/status")) {
                assertEquals("{\"state\":\"idle\"}", r.body().string());
            }
            try (Response r = Http.get(api, "/received_frames")) {
                assertEquals("{\"value\":0}", r.body().string());
            }
            try (Response r = Http.get(api, "/downsample")) {
                assertEquals("{\"value\":1}", r.body().string());
            }
            for (String bad : new String[] {"", "?value=abc", "?value=0"}) {
                try (Response r = post(api + "/downsample" + bad, null)) {
                    assertEquals(422, r.code(), bad);
                    JsonNode j = Http.JSON.readTree(r.body().string());
                    assertEquals("value", j.required("detail").required(0).required("loc").required(1).asText(), j.toString());
                    assertTrue(j.required("detail").required(0).required("msg").asText().length() > 3);
                }
            }
            try (Response r = post(api + "/downsample?value=4", null)) {
                assertEquals(200, r.code());
                assertEquals("{\"value\":4}", r.body().string());
            }
            assertEquals(4, Http.getJson(api, "/downsample").required("value").asInt());

            tx.send(TestFrames.start(0, "a.h5", Map.of()));
            Http.awaitJson(api, "/status", j -> j.path("state").asText().equals("running"), 10);
            for (int i = 0; i < 3; i++) {
                tx.send(TestFrames.frame(i + 1, i, 10, 12, PixelType.UINT16, Compression.BSLZ4, i));
            }
            assertEquals(3, Http.awaitJson(api, "/received_frames", j -> j.path("value").asInt() == 3, 10)
                    .required("value").asInt());
            tx.send(TestFrames.end(4));
            try (Response r = Http.get(api, "/status")) {
                String body = r.body().string();
                assertTrue(body.equals("{\"state\":\"idle\"}") || body.equals("{\"state\":\"running\"}"), body);
            }
            try (Response r = Http.get(api, "/nope")) {
                assertEquals(404, r.code());
                assertTrue(r.body().string().contains("\"error\""));
            }
        }
    }

    @Test
    void framesLastHasHeadersEtagAndReductions() throws Exception {
        try (TestSender tx = new TestSender();
             EmbeddedReceiver rx = EmbeddedReceiver.start(ReceiverConfig.builder().endpoint(tx.endpoint())
                     .dataDir(dir).build())) {
            var api = rx.apiUri();
            try (Response r = Http.get(api, "/api/v1/frames/last")) {
                assertEquals(204, r.code());
            }
            tx.send(TestFrames.start(0, "", Map.of()));
            tx.send(TestFrames.frame(1, 0, 30, 21, PixelType.UINT32, Compression.BSLZ4, 7));
            Http.awaitJson(api, "/received_frames", j -> j.path("value").asInt() == 1, 10);
            ByteBuffer raw = TestFrames.raw(30, 21, PixelType.UINT32, 7);
            String etag;
            Request plain = new Request.Builder().url(api + "/api/v1/frames/last")
                    .header("Accept-Encoding", "gzip").build();
            try (Response r = Http.CLIENT.newCall(plain).execute()) {
                assertEquals(200, r.code());
                assertNull(r.header("Content-Encoding"), "frames must not be gzipped");
                assertEquals("application/octet-stream", r.header("Content-Type"));
                assertEquals("30,21", r.header("X-Hutch-Shape"));
                assertEquals("uint32", r.header("X-Hutch-Dtype"));
                assertEquals("0", r.header("X-Hutch-Frame"));
                assertEquals("1", r.header("X-Hutch-Series"));
                etag = r.header("ETag");
                assertArrayEquals(raw.array(), r.body().bytes());
            }
            Request again = new Request.Builder().url(api + "/api/v1/frames/last").header("If-None-Match", etag).build();
            try (Response r = Http.CLIENT.newCall(again).execute()) {
                assertEquals(304, r.code());
            }
            for (BlockReduction red : BlockReduction.values()) {
                BlockReducer.Image expected = BlockReducer.reduce(raw, 30, 21, PixelType.UINT32, 4, red);
                try (Response r = Http.get(api, "/api/v1/frames/last?downsample=4&reduce=" + red.wireName())) {
                    assertEquals(200, r.code());
                    assertEquals("8,6", r.header("X-Hutch-Shape"));
                    assertEquals(expected.dtype().numpyName(), r.header("X-Hutch-Dtype"));
                    byte[] want = new byte[expected.pixels().remaining()];
                    expected.pixels().duplicate().get(want);
                    assertArrayEquals(want, r.body().bytes(), red.toString());
                }
            }
            // max of a 4x4 block really is the max of its pixels
            try (Response r = Http.get(api, "/api/v1/frames/last?downsample=4")) {
                ByteBuffer b = ByteBuffer.wrap(r.body().bytes()).order(ByteOrder.LITTLE_ENDIAN);
                long m = 0;
                for (int y = 0; y < 4; y++) {
                    for (int x = 0; x < 4; x++) {
                        m = Math.max(m, raw.getInt(4 * (y * 21 + x)) & 0xFFFFFFFFL);
                    }
                }
                assertEquals(m, b.getInt(0) & 0xFFFFFFFFL);
            }
            try (Response r = Http.get(api, "/api/v1/frames/last?downsample=x")) {
                assertEquals(400, r.code());
                assertTrue(Http.JSON.readTree(r.body().string()).required("error").asText().contains("downsample"));
            }
            tx.send(TestFrames.frame(2, 1, 30, 21, PixelType.UINT32, Compression.NONE, 8));
            Http.awaitJson(api, "/received_frames", j -> j.path("value").asInt() == 2, 10);
            try (Response r = Http.CLIENT.newCall(again).execute()) {
                assertEquals(200, r.code(), "a new frame must not be 304");
                assertEquals("1", r.header("X-Hutch-Frame"));
            }
            JsonNode st = Http.getJson(api, "/api/v1/status");
            assertEquals("running", st.required("state").asText());
            assertTrue(st.required("series").required("filename").isNull(), st.toString());
            assertEquals(2, st.required("series").required("received").asInt());
            assertTrue(st.has("rates") && st.required("rates").has("fps") && st.required("queue").has("bytes"), st.toString());
            try (Response r = Http.get(api, "/metrics")) {
                String text = r.body().string();
                assertTrue(r.header("Content-Type").startsWith("text/plain"));
                assertTrue(text.contains("\nhutch_receiver_frames_received_total 2\n"), text);
                assertTrue(text.contains("hutch_receiver_state{state=\"running\"} 1"), text);
            }
        }
    }

    @Test
    void tokenGuardsMutationsAndIsRequiredBeyondLoopback() throws Exception {
        assertThrows(IllegalArgumentException.class,
                () -> ReceiverConfig.builder().apiHost("0.0.0.0").dataDir(dir).build());
        ReceiverConfig.builder().apiHost("0.0.0.0").token("s3cret").dataDir(dir).build();
        try (EmbeddedReceiver rx = EmbeddedReceiver.start(ReceiverConfig.builder().dataDir(dir).token("s3cret")
                .build())) {
            var api = rx.apiUri();
            try (Response r = post(api + "/downsample?value=2", null)) {
                assertEquals(401, r.code());
                assertTrue(r.body().string().contains("Bearer"));
            }
            try (Response r = post(api + "/downsample?value=2", "Bearer wrong")) {
                assertEquals(401, r.code());
            }
            try (Response r = post(api + "/downsample?value=2", "Bearer s3cret")) {
                assertEquals(200, r.code());
            }
            assertEquals(2, Http.getJson(api, "/downsample").required("value").asInt());
        }
    }
}
