package org.hutch.receiver;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.hutch.model.pixels.PixelType;
import org.hutch.stream.Compression;
import org.hutch.stream.Frame;
import org.hutch.testkit.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The receiver integrates the newest frame once a PONI is PUT: a synthetic 2162x2068 ring image goes
 * in over STINS and /api/v1/azint/last gives the curve pyFAI computed for it.
 */
class AzintStageIT {
    private static final Path CASE = TestData.path("azint/dev02_eiger4m_synth_nomask");

    @TempDir
    Path dir;

    private static Response put(URI api, String json) throws Exception {
        return Http.CLIENT.newCall(new Request.Builder().url(api + "/api/v1/azint/config")
                .put(RequestBody.create(json, MediaType.get("application/json"))).build()).execute();
    }

    @Test
    void integratesTheNewestFrameLikePyfai() throws Exception {
        assumeTrue(Files.isDirectory(CASE), "azint test data not found: " + CASE + " (skipped)");
        byte[] image;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(CASE.resolve("image.raw.gz")))) {
            image = in.readAllBytes();
        }
        try (TestSender tx = new TestSender();
             EmbeddedReceiver rx = EmbeddedReceiver.start(ReceiverConfig.builder().endpoint(tx.endpoint())
                     .dataDir(dir).build())) {
            var api = rx.apiUri();
            try (Response r = Http.get(api, "/api/v1/azint/last")) {
                assertEquals(204, r.code(), "no integration before it is configured");
            }
            try (Response r = put(api, "{\"bins\": 10}")) {
                assertEquals(400, r.code());
                assertTrue(Http.JSON.readTree(r.body().string()).required("error").asText().contains("poni"));
            }
            ObjectNode cfg = Http.JSON.createObjectNode();
            cfg.put("poni", Files.readString(CASE.resolve("geometry.poni")));
            cfg.put("bins", 2000).put("unit", "q_nm^-1").put("splitting", "full");
            cfg.putArray("range").add(0.01).add(52.24);
            try (Response r = put(api, cfg.toString())) {
                assertEquals(200, r.code());
            }
            try (Response r = put(api, "{\"unit\": \"furlongs\"}")) {
                assertEquals(400, r.code(), "a bad unit is refused");
            }
            tx.send(TestFrames.start(0, "", Map.of()));
            tx.send(new Frame(0, 1, 0, 2162, 2068, PixelType.INT32, Compression.NONE, ByteBuffer.wrap(image), Map.of()));
            JsonNode curve = await("a curve on /api/v1/azint/last").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(200)).until(() -> {
                        try (Response r = Http.get(api, "/api/v1/azint/last")) {
                            return r.code() == 200 ? Http.JSON.readTree(r.body().string()) : null;
                        }
                    }, c -> c != null);
            assertEquals(0, curve.required("frame").asInt());
            assertEquals("q_nm^-1", curve.required("unit").asText());
            JsonNode config = Http.getJson(api, "/api/v1/azint/config");
            assertEquals("ready", config.required("state").asText(), config.toString());
            assertTrue(config.required("matrix_bytes").asLong() > 0);

            List<double[]> ref = new ArrayList<>();
            for (String line : Files.readAllLines(CASE.resolve("ref_q_nm_full_sa.csv")).subList(1, 2001)) {
                ref.add(Arrays.stream(line.split(",")).mapToDouble(Double::parseDouble).toArray());
            }
            assertEquals(ref.size(), curve.required("intensity").size());
            List<Double> rel = new ArrayList<>();
            for (int i = 0; i < ref.size(); i++) {
                double[] row = ref.get(i);
                assertEquals(row[0], curve.required("radial").get(i).asDouble(), 1e-6 * Math.abs(row[0]) + 1e-9);
                if (row[6] > 0 && row[1] != 0) {
                    rel.add(Math.abs(curve.path("intensity").get(i).asDouble() - row[1]) / Math.abs(row[1]));
                }
            }
            rel.sort(null);
            double median = rel.get(rel.size() / 2);
            assertTrue(median < 1e-3, "median relative difference to pyFAI " + median);
            assertTrue(curve.required("sigma").size() == ref.size());
        }
    }
}
