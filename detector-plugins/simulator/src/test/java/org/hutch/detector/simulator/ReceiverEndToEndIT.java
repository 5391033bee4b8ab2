package org.hutch.detector.simulator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;
import org.hutch.codec.Bslz4Codec;
import org.hutch.detector.DetectorState;
import org.hutch.model.acquisition.AcquisitionSettings;
import org.hutch.model.acquisition.TriggerMode;
import org.hutch.receiver.EmbeddedReceiver;
import org.hutch.receiver.ReceiverConfig;
import org.hutch.stream.Compression;
import org.hutch.testkit.Hdf5ReadBack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Simulator -> embedded receiver (real sockets, real HTTP) -> HDF5 file, read back with the HDF5 library. */
@Timeout(120)
class ReceiverEndToEndIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"stins, none, uint16", "stins, bslz4, uint32", "stream1, bslz4, uint16", "stream2, none, uint32"})
    void everyFrameReachesTheFileInOrder(String format, String compression, String dtype) throws Exception {
        int n = 12;
        try (SimulatedDetector d = Sims.open("format", format, "compression", compression, "dtype", dtype, "poolSize", "16");
             EmbeddedReceiver rx = EmbeddedReceiver.start(ReceiverConfig.builder().endpoint(d.streamInfo().endpoint())
                     .dataDir(dir).build())) {
            AcquisitionSettings s = new AcquisitionSettings(0.01, 0.01, n / 2, 2, TriggerMode.INTS, "sim/run1.h5",
                    Map.of("sample", "LaB6"));
            d.configure(s);
            StateRecorder states = new StateRecorder();
            d.addStateListener(states);
            int from = states.count();
            d.arm();
            for (int t = 0; t < 2; t++) {
                states.await(from, st -> st.state() == DetectorState.ARMED, 10000);
                from = states.count();
                d.trigger();
            }
            states.await(from, st -> st.state() == DetectorState.READY, 20000);
            JsonNode st = awaitStatus(rx, j -> j.path("state").asText().equals("idle")
                    && j.path("series").path("written").asLong() == n);
            assertEquals(n, st.required("series").required("received").asLong(), st.toString());
            assertEquals(0, st.required("series").required("lost").asLong(), st.toString());
            Path file = dir.resolve("sim/run1.h5");
            assertEquals(file.toAbsolutePath().toString(), st.required("series").required("filename").asText());

            assertFramesMatch(d, s, Hdf5ReadBack.read(file, ReceiverConfig.DEFAULT_DSET_NAME), n);
        }
    }

    @Test
    void abortInMidSeriesLeavesAReadableFileWithTheFramesSoFar() throws Exception {
        try (SimulatedDetector d = Sims.open("compression", "bslz4", "poolSize", "64");
             EmbeddedReceiver rx = EmbeddedReceiver.start(ReceiverConfig.builder().endpoint(d.streamInfo().endpoint())
                     .dataDir(dir).seriesTimeout(Duration.ofSeconds(1)).build())) {
            AcquisitionSettings s = new AcquisitionSettings(0.01, 0.03, 200, 1, TriggerMode.INTERNAL, "aborted.h5", Map.of());
            d.configure(s);
            d.arm();
            awaitStatus(rx, j -> j.path("series").path("written").asLong() >= 5);
            d.abort();
            assertEquals(DetectorState.READY, d.state());
            assertTrue(d.status().message().contains("aborted"), d.status().message());
            // no series end: the receiver closes the series after its timeout and says why
            JsonNode st = awaitStatus(rx, j -> j.path("state").asText().equals("error"));
            assertTrue(!st.required("error").asText().isEmpty(), st.toString());
            long written = st.required("series").required("written").asLong();
            assertTrue(written >= 5 && written < 200, st.toString());

            Hdf5ReadBack frames = Hdf5ReadBack.read(dir.resolve("aborted.h5"), ReceiverConfig.DEFAULT_DSET_NAME);
            assertFramesMatch(d, s, frames, (int) written);

            // the next series works
            d.configure(s.withImages(3, 1).withFileName("after.h5").withExposure(0.01, 0.01));
            d.arm();
            JsonNode next = awaitStatus(rx, j -> j.path("state").asText().equals("idle")
                    && j.path("series").path("written").asLong() == 3);
            assertTrue(next.required("series").required("filename").asText().endsWith("after.h5"), next.toString());
            assertTrue(Files.isRegularFile(dir.resolve("after.h5")));
        }
    }

    /** The file holds exactly {@code n} frames, frame i with the pixels the simulator drew for frame i. */
    private static void assertFramesMatch(SimulatedDetector d, AcquisitionSettings s, Hdf5ReadBack frames, int n) throws Exception {
        SimulatorConfig c = d.config();
        assertEquals(n, frames.dims()[0], "frames in the file");
        assertEquals(c.rows(), frames.dims()[1]);
        assertEquals(c.cols(), frames.dims()[2]);
        assertEquals(c.compression() == Compression.BSLZ4, frames.filtered());
        FramePool expected = FramePool.build(d.pattern(), s.exposureTime(), c.dtype(), c.compression(), c.poolSize(),
                c.hotPixels(), c.seed());
        assertTrue(expected.size() >= n || n > 16, "the pool makes every frame distinct");
        int raw = (int) c.frameBytes();
        for (int i = 0; i < n; i++) {
            ByteBuffer want = pixels(ByteBuffer.wrap(expected.blob(i)), c, raw);
            ByteBuffer got = pixels(frames.chunk(i), c, raw);
            assertEquals(want, got, "frame " + i + " in the file");
        }
    }

    private static ByteBuffer pixels(ByteBuffer blob, SimulatorConfig c, int raw) throws Exception {
        return c.compression() == Compression.BSLZ4 ? Bslz4Codec.decompress(blob, c.dtype().bytes(), raw) : blob;
    }

    private static JsonNode awaitStatus(EmbeddedReceiver rx, Predicate<JsonNode> done) throws Exception {
        URI uri = rx.apiUri().resolve("/api/v1/status");
        AtomicReference<JsonNode> last = new AtomicReference<>();
        try {
            // a status request that times out on a loaded machine is asked again, within the same 30 s
            return await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50))
                    .ignoreExceptionsInstanceOf(HttpTimeoutException.class).until(() -> {
                        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        assertEquals(200, r.statusCode(), r.body());
                        last.set(JSON.readTree(r.body()));
                        return last.get();
                    }, done);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("receiver status never matched; last " + last.get(), e);
        }
    }
}
