package org.hutch.receiver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.hutch.azint.AzintResult;
import org.hutch.azint.FrameView;
import org.hutch.azint.Geometry;
import org.hutch.azint.Integrator;
import org.hutch.azint.Poni;
import org.hutch.model.concurrent.NamedThreadFactory;
import org.hutch.receiver.azint.AzintSetup;
import org.hutch.receiver.pipeline.AzintPipeline;
import org.hutch.receiver.pipeline.CurveHistory;
import org.hutch.receiver.pipeline.PipelineApi;
import org.hutch.receiver.pipeline.PipelineConfig;
import org.hutch.receiver.pipeline.PipelineSource;
import org.hutch.receiver.pipeline.Republisher;
import org.hutch.stream.Frame;
import org.hutch.stream.FramePixels;
import org.hutch.stream.StreamDecoder;
import org.hutch.stream.StreamDecoders;
import org.hutch.stream.ZmqDump;
import org.hutch.testkit.Python;
import org.hutch.testkit.TestData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.ZContext;

/**
 * The pipeline reads the real DECTRIS captures (Stream V1 from an EIGER 1M, Stream V2 CBOR) from a PUSH
 * socket, integrates every frame into {@code <series>_azint.h5}, republishes each curve on its PUB port
 * (JSON header + float32 arrays) and reports them over HTTP, where a token guards the configuration.
 */
class PipelineSourceIT {
    /** An EIGER-like geometry with no detector shape: the frames' shape is taken */
    private static final Poni PONI = new Poni(Poni.GENERIC, 75e-6, 75e-6, 0, 0, 0.12, 0.04, 0.038, 0, 0, 0, 1.0e-10);

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"eiger1m-stream-v1", "stream-v2"})
    void integratesEveryFrameOfARealCapture(String capture) throws Exception {
        Path dump = TestData.path("streams").resolve(capture + ".zmqdump");
        assumeTrue(Files.isRegularFile(dump), "test data not found: " + dump + " (skipped)");
        JsonNode expected = Http.JSON.readTree(TestData.path("streams").resolve(capture + ".expected.json").toFile());
        int n = expected.size();
        List<List<byte[]>> messages = new ArrayList<>(ZmqDump.readAll(dump));
        if (capture.contains("v1")) {
            // the header appendix names no file: name one, as the Tango device does
            List<byte[]> header = new ArrayList<>(messages.get(0));
            header.set(header.size() - 1, "{\"filename\": \"eiger-v1.h5\"}".getBytes(StandardCharsets.UTF_8));
            messages.set(0, header);
        }
        PipelineConfig cfg = new PipelineConfig(AzintSetup.of(PONI), null, null, dir, 2, 8, true, "test");
        AzintPipeline pipeline = new AzintPipeline(cfg);
        CurveHistory history = new CurveHistory(32);
        Republisher pub = new Republisher("127.0.0.1", 0);
        List<AzintPipeline.IntegratedFrame> got = java.util.Collections.synchronizedList(new ArrayList<>());
        pipeline.addListener(history);
        pipeline.addListener(pub);
        pipeline.addListener(got::add);
        pipeline.start();
        try (ZContext ctx = new ZContext(1);
             TestSender tx = new TestSender();
             PipelineApi api = new PipelineApi(pipeline, history, pub.port(), "s3cret").start("127.0.0.1", 0)) {
            RepublishSubscriber sub = new RepublishSubscriber(ctx, pub.port(), pipeline);
            PipelineSource source = new PipelineSource(tx.endpoint(), pipeline, 60_000_000_000L);
            Thread reader = NamedThreadFactory.thread("test-azpipe-stream", source, false);
            reader.start();
            for (List<byte[]> m : messages) {
                tx.parts(m);
            }
            URI base = URI.create("http://127.0.0.1:" + api.port());
            JsonNode st = Http.awaitJson(base, "/api/v1/pipeline/status",
                    j -> j.path("integrated").asInt() == n && !j.path("series_open").asBoolean(), 60);
            assertEquals(n, st.required("frames_in").asInt(), st.toString());
            assertEquals(0, st.required("skipped").asInt(), st.toString());
            assertEquals(0, st.required("failed").asInt(), st.toString());

            JsonNode curves = Http.getJson(base, "/api/v1/pipeline/curves?n=3");
            assertEquals(3, curves.required("curves").size());
            assertEquals(n - 1, curves.required("curves").get(2).required("frame").asInt());
            assertEquals(AzintSetup.DEFAULT_BINS, curves.required("radial").size());

            // republished: a JSON header then float32 radial, I, sigma (what arrived after the subscription)
            boolean sawFrame = false;
            RepublishSubscriber.Message m = sub.nextFrame();
            if (m != null) {
                sawFrame = true;
                JsonNode head = m.header();
                List<float[]> arrays = new ArrayList<>(m.arrays().values());
                assertEquals(3, arrays.size(), head.toString());
                assertEquals("[\"radial\",\"I\",\"sigma\"]", head.required("arrays").toString());
                assertTrue(!head.has("cake_shape"), "no cake, no cake parts: " + head);
                int frame = head.required("frame").asInt();
                assertEquals(AzintSetup.DEFAULT_BINS, arrays.get(1).length);
                JsonNode all = Http.getJson(base, "/api/v1/pipeline/curves?n=32").required("curves");
                JsonNode same = null;
                for (JsonNode c : all) {
                    if (c.required("frame").asInt() == frame) {
                        same = c;
                    }
                }
                assertTrue(same != null, "frame " + frame + " in " + all);
                for (int k = 0; k < arrays.get(1).length; k += 97) {
                    assertEquals((float) same.required("intensity").get(k).asDouble(), arrays.get(1)[k], "bin " + k);
                }
            }
            assertTrue(sawFrame, "no frame republished");

            // the configuration changes only with the token
            MediaType json = MediaType.get("application/json");
            try (Response r = Http.CLIENT.newCall(new Request.Builder().url(base + "/api/v1/pipeline/config")
                    .post(RequestBody.create("{\"bins\": 500}", json)).build()).execute()) {
                assertEquals(401, r.code());
            }
            try (Response r = Http.CLIENT.newCall(new Request.Builder().url(base + "/api/v1/pipeline/config")
                    .header("Authorization", "Bearer s3cret").post(RequestBody.create("{\"bins\": 500}", json)).build())
                    .execute()) {
                assertEquals(200, r.code(), r.body().string());
            }
            assertEquals(500, Http.getJson(base, "/api/v1/pipeline/config").required("bins").asInt());
            source.close();
            reader.join(10_000);
        } finally {
            pipeline.close();
        }
        String name = capture.contains("v1") ? "eiger-v1_azint.h5" : null;
        Path file;
        try (var s = Files.list(dir)) {
            file = name != null ? dir.resolve(name) : s.filter(p -> p.toString().endsWith("_azint.h5")).findFirst().orElseThrow();
        }
        assertTrue(Files.exists(file), file + " in " + List.of(dir.toFile().list()));
        Python.assumeH5py();
        String out = Python.check("import sys, h5py\nd = h5py.File(sys.argv[1], 'r')['entry/azint']\n"
                + "print(d['I'].shape[0], ','.join(str(x) for x in d['frame_numbers'][:]))\n", file.toString()).strip();
        StringBuilder frames = new StringBuilder();
        for (int i = 0; i < n; i++) {
            frames.append(i == 0 ? "" : ",").append(expected.get(i).required("image").asInt());
        }
        assertEquals(n + " " + frames, out);
        assertCurvesAreTheIntegrators(messages, got);
    }

    /** Every frame's curve (bslz4 decoded row by row in the pipeline) equals the single-frame integrator's. */
    private static void assertCurvesAreTheIntegrators(List<List<byte[]>> messages, List<AzintPipeline.IntegratedFrame> got)
            throws Exception {
        StreamDecoder decoder = StreamDecoders.autoDetecting();
        Integrator it = null;
        int compared = 0;
        for (List<byte[]> m : messages) {
            if (!(decoder.decode(m) instanceof Frame f)) {
                continue;
            }
            if (it == null) {
                it = Integrator.build(new Geometry(PONI.withShape(f.rows(), f.cols()), f.rows(), f.cols()), null,
                        AzintSetup.of(PONI).settings());
            }
            AzintResult want = it.integrate(FrameView.of(FramePixels.decode(f), f.dtype()));
            AzintPipeline.IntegratedFrame g = got.stream().filter(x -> x.frame() == f.frame()).findFirst().orElseThrow();
            for (int k = 0; k < want.size(); k++) {
                double tol = 1e-6 * Math.max(Math.abs(want.intensity()[k]), 1e-300);
                assertEquals(want.intensity()[k], g.result().intensity()[k], tol, "frame " + f.frame() + " bin " + k);
                assertEquals(want.sigma()[k], g.result().sigma()[k], 1e-6 * Math.max(want.sigma()[k], 1e-300),
                        "frame " + f.frame() + " sigma " + k);
            }
            compared++;
        }
        assertEquals(got.size(), compared, "every integrated frame compared");
    }
}
