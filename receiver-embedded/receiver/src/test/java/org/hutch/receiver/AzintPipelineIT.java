package org.hutch.receiver;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.hutch.azint.AzintResult;
import org.hutch.azint.FrameView;
import org.hutch.azint.Geometry;
import org.hutch.azint.Integrator;
import org.hutch.azint.Poni;
import org.hutch.model.pixels.PixelType;
import org.hutch.receiver.azint.AzintSetup;
import org.hutch.receiver.pipeline.AzintPipeline;
import org.hutch.receiver.pipeline.Cake;
import org.hutch.receiver.pipeline.CurveHistory;
import org.hutch.receiver.pipeline.PipelineApi;
import org.hutch.receiver.pipeline.PipelineConfig;
import org.hutch.stream.Compression;
import org.hutch.stream.Frame;
import org.hutch.stream.FramePixels;
import org.hutch.testkit.Python;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The full-rate pipeline: every frame integrated on several threads equals the single-frame integrator,
 * rows come out in stream order, the NeXus file reads back with h5py, and a full queue skips (and counts)
 * frames unless it is lossless.
 */
class AzintPipelineIT {
    private static final int ROWS = 195;
    private static final int COLS = 211;
    private static final Poni PONI = new Poni(Poni.GENERIC, 172e-6, 172e-6, ROWS, COLS, 0.08, 0.012, 0.015,
            0.01, -0.02, 0.0, 1.0e-10);

    @TempDir
    Path dir;

    private PipelineConfig config(int threads, int queue, boolean lossless) {
        return new PipelineConfig(AzintSetup.of(PONI), null, null, dir, threads, queue, lossless, "test");
    }

    private static List<Frame> frames(int n) {
        List<Frame> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(TestFrames.frame(i + 1, i, ROWS, COLS, PixelType.UINT32, i % 2 == 0 ? Compression.BSLZ4
                    : Compression.NONE, 100 + i));
        }
        return out;
    }

    private static AzintResult reference(Integrator it, Frame f) throws Exception {
        return it.integrate(FrameView.of(FramePixels.decode(f), f.dtype()));
    }

    private static void assertClose(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        for (int k = 0; k < expected.length; k++) {
            double tol = 1e-6 * Math.max(Math.abs(expected[k]), 1e-300);
            assertEquals(expected[k], actual[k], tol, what + " bin " + k);
        }
    }

    @Test
    void everyFrameIsIntegratedInOrderAsTheIntegratorDoesAndWrittenAsNexus() throws Exception {
        List<Frame> frames = frames(24);
        List<AzintPipeline.IntegratedFrame> got = Collections.synchronizedList(new ArrayList<>());
        Path file = dir.resolve("scan_7_azint.h5");
        try (AzintPipeline p = new AzintPipeline(config(3, 8, true)).start()) {
            p.addListener(got::add);
            p.offer(TestFrames.start(0, "scan_7.h5", Map.of()));
            for (Frame f : frames) {
                assertTrue(p.offer(f));
            }
            p.offer(TestFrames.end(frames.size() + 1));
            await().atMost(Duration.ofSeconds(60)).until(() -> got.size() == frames.size() && !p.busy());
            assertEquals(0, p.counters().skipped());
            assertEquals(frames.size(), p.counters().integrated());
        }
        Integrator it = Integrator.build(new Geometry(PONI), null, AzintSetup.of(PONI).settings());
        for (int i = 0; i < frames.size(); i++) {
            AzintPipeline.IntegratedFrame g = got.get(i);
            assertEquals(i, g.frame(), "in stream order");
            assertEquals(i, g.index());
            AzintResult want = reference(it, frames.get(i));
            assertClose(want.intensity(), g.result().intensity(), "frame " + i + " intensity");
            assertClose(want.sigma(), g.result().sigma(), "frame " + i + " sigma");
        }

        assertTrue(Files.exists(file), "the series' file is " + file);
        Python.assumeH5py();
        String out = Python.check("import sys, h5py, numpy as np\n"
                + "f = h5py.File(sys.argv[1], 'r')\n"
                + "def s(x): return x.decode() if isinstance(x, bytes) else str(x)\n"
                + "print('default', s(f.attrs['default']), s(f['entry'].attrs['default']))\n"
                + "d = f['entry/azint']\n"
                + "print('class', s(f['entry'].attrs['NX_class']), s(d.attrs['NX_class']), s(f['entry/process'].attrs['NX_class']))\n"
                + "print('signal', s(d.attrs['signal']), ','.join(s(a) for a in d.attrs['axes']))\n"
                + "print('units', s(d['radial'].attrs['units']))\n"
                + "print('shape', d['I'].shape, d['sigma'].shape, d['radial'].shape, d['frame_numbers'].shape)\n"
                + "print('frames', ','.join(str(x) for x in d['frame_numbers'][:]))\n"
                + "print('errors_link', bool(np.array_equal(d['I_errors'][:], d['sigma'][:])))\n"
                + "p = f['entry/process']\n"
                + "print('poni', 'Distance: 0.08' in s(p['poni'][()]))\n"
                + "print('prov', s(p['unit'][()]), s(p['normalization'][()]), s(p['polarization'][()]), s(p['mask_sha256'][()]), s(p['version'][()]))\n"
                + "np.savetxt(sys.stdout, d['I'][:, :5], fmt='%.17g')\n", file.toString());
        List<String> lines = out.lines().toList();
        assertEquals("default entry azint", lines.get(0));
        assertEquals("class NXentry NXdata NXprocess", lines.get(1));
        assertEquals("signal I frame_numbers,radial", lines.get(2));
        assertEquals("units 1/nm", lines.get(3));
        int bins = AzintSetup.DEFAULT_BINS;
        assertEquals("shape (24, " + bins + ") (24, " + bins + ") (" + bins + ",) (24,)", lines.get(4));
        StringBuilder order = new StringBuilder();
        for (int i = 0; i < frames.size(); i++) {
            order.append(i == 0 ? "" : ",").append(i);
        }
        assertEquals("frames " + order, lines.get(5));
        assertEquals("errors_link True", lines.get(6));
        assertEquals("poni True", lines.get(7));
        assertEquals("prov q_nm^-1 ratio none none test", lines.get(8));
        for (int i = 0; i < frames.size(); i++) {
            String[] v = lines.get(9 + i).trim().split("\\s+");
            double[] want = got.get(i).result().intensity();
            for (int k = 0; k < 5; k++) {
                assertEquals(want[k], Double.parseDouble(v[k]), 1e-12 * Math.abs(want[k]), "row " + i + " bin " + k);
            }
        }
    }

    @Test
    void aFullQueueSkipsFramesAndCountsThemUnlessLossless() throws Exception {
        List<Frame> frames = frames(30);
        CountDownLatch hold = new CountDownLatch(1);
        int queue = 3;
        long admitted = 0;
        try (AzintPipeline p = new AzintPipeline(config(2, queue, false)).start()) {
            // the writer waits in the first frame's listener, so nothing leaves the queue
            p.addListener(f -> {
                try {
                    hold.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            p.offer(TestFrames.start(0, "overload.h5", Map.of()));
            for (Frame f : frames) {
                admitted += p.offer(f) ? 1 : 0;
            }
            assertTrue(admitted <= queue + 1, admitted + " frames admitted into a queue of " + queue);
            assertEquals(frames.size() - admitted, p.counters().skipped(), "every frame not admitted is counted");
            assertEquals(frames.size(), p.counters().framesIn());
            hold.countDown();
            p.offer(TestFrames.end(31));
            long expect = admitted;
            await().atMost(Duration.ofSeconds(60)).until(() -> p.counters().integrated() == expect && !p.busy());
        }
        Python.assumeH5py();
        String n = Python.check("import sys, h5py\nprint(h5py.File(sys.argv[1], 'r')['entry/azint/I'].shape[0])\n",
                dir.resolve("overload_azint.h5").toString()).strip();
        assertEquals(Long.toString(admitted), n, "the file holds the frames integrated");

        // lossless: the same burst waits for room instead, and nothing is skipped
        try (AzintPipeline p = new AzintPipeline(config(2, 1, true)).start()) {
            p.offer(TestFrames.start(0, "lossless.h5", Map.of()));
            for (Frame f : frames) {
                assertTrue(p.offer(f));
            }
            p.offer(TestFrames.end(31));
            await().atMost(Duration.ofSeconds(60)).until(() -> p.counters().integrated() == frames.size() && !p.busy());
            assertEquals(0, p.counters().skipped());
        }
    }

    @Test
    void insideTheReceiverEveryFrameIsIntegratedBesideTheRawFile() throws Exception {
        int n = 30;
        try (TestSender tx = new TestSender();
             EmbeddedReceiver rx = EmbeddedReceiver.start(ReceiverConfig.builder().endpoint(tx.endpoint())
                     .dataDir(dir).azint(AzintSetup.of(PONI)).build())) {
            try (okhttp3.Response r = Http.get(rx.apiUri(), "/api/v1/pipeline/status")) {
                assertEquals(404, r.code(), "no pipeline before it is started");
            }
            rx.startAzintPipeline(2);
            tx.send(TestFrames.start(0, "inside.h5", Map.of()));
            for (Frame f : frames(n)) {
                tx.send(f);
            }
            tx.send(TestFrames.end(n + 1));
            var st = Http.awaitJson(rx.apiUri(), "/api/v1/pipeline/status",
                    j -> j.path("integrated").asInt() + j.path("skipped").asInt() == n
                            && !j.path("series_open").asBoolean(), 60);
            assertEquals(0, st.required("failed").asInt(), st.toString());
            Http.awaitJson(rx.apiUri(), "/api/v1/status", j -> j.path("series").path("written").asInt() == n, 30);
            long integrated = st.required("integrated").asLong();
            rx.close();
            assertEquals(n, org.hutch.testkit.Hdf5ReadBack.shape(dir.resolve("inside.h5"), ReceiverConfig.DEFAULT_DSET_NAME)[0]);
            assertEquals(integrated, org.hutch.testkit.Hdf5ReadBack.shape(dir.resolve("inside_azint.h5"), "/entry/azint/I")[0]);
        }
    }

    @Test
    void theFileIsReadableWithSwmrWhileTheSeriesRuns() throws Exception {
        Python.assumeH5py();
        List<Frame> frames = frames(5);
        Path file = dir.resolve("growing_azint.h5");
        try (AzintPipeline p = new AzintPipeline(config(2, 8, true)).start()) {
            p.offer(TestFrames.start(0, "growing.h5", Map.of()));
            for (Frame f : frames) {
                p.offer(f);
            }
            // the series is still open: a SWMR reader sees the rows once the writer has flushed them
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> Files.exists(file)
                    && Python.run("import sys, h5py\nf = h5py.File(sys.argv[1], 'r', swmr=True)\n"
                    + "print(f['entry/azint/I'].shape[0], f['entry/azint/frame_numbers'][-1])\n", file.toString())
                    .out().strip().equals("5 4"));
            assertTrue(p.seriesOpen());
            p.offer(TestFrames.end(6));
        }
    }

    /** A listener keeps a cake beyond its call by holding it: its array is reused for a later frame otherwise. */
    private static AzintPipeline.IntegratedFrame withCakeKept(AzintPipeline.IntegratedFrame f) {
        f.cake().retain();
        return f;
    }

    @Test
    void withCakeEachFrameAlsoGetsItsCakeInTheFileAndTheNewestOverHttp() throws Exception {
        int azimuth = 36;
        List<Frame> frames = frames(6);
        List<AzintPipeline.IntegratedFrame> got = Collections.synchronizedList(new ArrayList<>());
        Path file = dir.resolve("caked_azint.h5");
        PipelineConfig cfg = config(2, 8, true).withCake(azimuth);
        byte[] body;
        okhttp3.Headers headers;
        JsonNode json;
        try (AzintPipeline p = new AzintPipeline(cfg).start();
             PipelineApi api = new PipelineApi(p, new CurveHistory(16), null, null).start("127.0.0.1", 0)) {
            URI base = URI.create("http://127.0.0.1:" + api.port());
            try (okhttp3.Response r = Http.get(base, "/api/v1/pipeline/cake/last")) {
                assertEquals(204, r.code(), "a cake is configured, no frame yet");
            }
            p.addListener(f -> got.add(withCakeKept(f)));
            p.offer(TestFrames.start(0, "caked.h5", Map.of()));
            for (Frame f : frames) {
                assertTrue(p.offer(f));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> got.size() == frames.size());
            try (okhttp3.Response r = Http.get(base, "/api/v1/pipeline/cake/last")) {
                assertEquals(200, r.code());
                headers = r.headers();
                body = r.body().bytes();
            }
            json = Http.getJson(base, "/api/v1/pipeline/cake/last?format=json");
            assertEquals(azimuth, Http.getJson(base, "/api/v1/pipeline/status").required("cake_bins").asInt());
            p.offer(TestFrames.end(frames.size() + 1));
        }
        Integrator cakeIt = Integrator.build(new Geometry(PONI), null, cfg.cakeSettings());
        AzintPipeline.IntegratedFrame last = got.get(got.size() - 1);
        for (int i = 0; i < frames.size(); i++) {
            Cake c = got.get(i).cake();
            AzintResult want = reference(cakeIt, frames.get(i));
            assertEquals(azimuth, c.azimuth().length);
            double[] asDouble = new double[c.intensity().length];
            for (int k = 0; k < asDouble.length; k++) {
                asDouble[k] = c.intensity()[k];
            }
            assertClose(want.intensity(), asDouble, "frame " + i + " cake");
        }

        // the newest cake over HTTP: float32 [azimuth][radial] with its shape and axes in headers, and as JSON
        int nR = last.cake().radial().length;
        assertEquals(azimuth + "," + nR, headers.get("X-Hutch-Shape"));
        assertEquals("float32", headers.get("X-Hutch-Dtype"));
        assertEquals(Long.toString(last.frame()), headers.get("X-Hutch-Frame"));
        assertEquals("q_nm^-1", headers.get("X-Hutch-Unit"));
        assertEquals(last.cake().azimuth()[0] + "," + last.cake().azimuth()[azimuth - 1] + "," + azimuth,
                headers.get("X-Hutch-Azimuth"));
        float[] fromHttp = new float[azimuth * nR];
        java.nio.ByteBuffer.wrap(body).order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(fromHttp);
        assertTrue(java.util.Arrays.equals(last.cake().intensity(), fromHttp), "the body is the newest cake");
        assertEquals(last.frame(), json.required("frame").asLong());
        assertEquals(azimuth, json.required("intensity").size());
        assertEquals(nR, json.required("radial").size());
        assertEquals(last.cake().intensity()[5 * nR + 7], (float) json.required("intensity").get(5).get(7).asDouble());

        Python.assumeH5py();
        String out = Python.check("import sys, h5py, numpy as np\n"
                + "f = h5py.File(sys.argv[1], 'r')\n"
                + "def s(x): return x.decode() if isinstance(x, bytes) else str(x)\n"
                + "c = f['entry/cake']\n"
                + "print('class', s(c.attrs['NX_class']), s(c.attrs['signal']), ','.join(s(a) for a in c.attrs['axes']))\n"
                + "print('indices', int(c.attrs['frame_numbers_indices']), int(c.attrs['azimuth_indices']), int(c.attrs['radial_indices']))\n"
                + "print('shape', c['I'].shape, c['I'].dtype, c['azimuth'].shape, c['radial'].shape, c['I'].chunks)\n"
                + "print('units', s(c['azimuth'].attrs['units']), s(c['radial'].attrs['units']))\n"
                + "print('frames', ','.join(str(x) for x in c['frame_numbers'][:]))\n"
                + "print('prov', int(f['entry/process/cake_azimuth_bins'][()]), s(f['entry'].attrs['default']))\n"
                + "np.savetxt(sys.stdout, c['azimuth'][:].reshape(1, -1), fmt='%.17g')\n"
                + "np.savetxt(sys.stdout, c['I'][:, 5, :].astype(np.float64), fmt='%.9g')\n", file.toString());
        List<String> lines = out.lines().toList();
        assertEquals("class NXdata I frame_numbers,azimuth,radial", lines.get(0));
        assertEquals("indices 0 1 2", lines.get(1));
        assertEquals("shape (6, " + azimuth + ", " + nR + ") float32 (" + azimuth + ",) (" + nR + ",) (1, " + azimuth
                + ", " + nR + ")", lines.get(2));
        assertEquals("units degree 1/nm", lines.get(3));
        assertEquals("frames 0,1,2,3,4,5", lines.get(4));
        assertEquals("prov " + azimuth + " azint", lines.get(5));
        String[] chi = lines.get(6).trim().split("\\s+");
        assertEquals(-175.0, Double.parseDouble(chi[0]), 1e-9);
        assertEquals(175.0, Double.parseDouble(chi[azimuth - 1]), 1e-9);
        for (int i = 0; i < frames.size(); i++) {
            String[] v = lines.get(7 + i).trim().split("\\s+");
            float[] want = got.get(i).cake().intensity();
            for (int k = 0; k < nR; k += 97) {
                assertEquals(want[5 * nR + k], Float.parseFloat(v[k]), 0f, "row " + i + " azimuth 5 radial " + k);
            }
        }
    }
}
