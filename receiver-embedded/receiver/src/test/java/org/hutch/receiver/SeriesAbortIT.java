package org.hutch.receiver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.hutch.model.pixels.PixelType;
import org.hutch.stream.Compression;
import org.hutch.testkit.Python;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/v1/series/abort} over real HTTP against a receiver fed over a real socket: the open
 * series' file is closed at once, readable by h5py while the receiver runs, marked incomplete; later
 * frames of it never reach the next series.
 */
class SeriesAbortIT {
    private static final int ROWS = 16;
    private static final int COLS = 12;
    private static final String TOKEN = "s3cret";

    @TempDir
    Path dir;

    private static Response abort(URI api, String auth) throws Exception {
        Request.Builder b = new Request.Builder().url(api.resolve("/api/v1/series/abort").toString())
                .post(RequestBody.create(new byte[0], (MediaType) null));
        if (auth != null) {
            b.header("Authorization", auth);
        }
        return Http.CLIENT.newCall(b.build()).execute();
    }

    private static JsonNode abortJson(URI api) throws Exception {
        try (Response r = abort(api, "Bearer " + TOKEN)) {
            assertEquals(200, r.code());
            return Http.JSON.readTree(r.body().string());
        }
    }

    private static String hash(long index) {
        return TestFrames.sha256(TestFrames.raw(ROWS, COLS, PixelType.UINT16, index));
    }

    @Test
    void abortClosesTheOpenSeriesReadableAndMarkedIncomplete() throws Exception {
        Python.assumeH5py();
        try (TestSender tx = new TestSender();
             EmbeddedReceiver rx = EmbeddedReceiver.start(ReceiverConfig.builder().endpoint(tx.endpoint())
                     .dataDir(dir).token(TOKEN).seriesTimeout(Duration.ofSeconds(60)).build())) {
            URI api = rx.apiUri();
            try (Response r = abort(api, null)) {
                assertEquals(401, r.code(), "abort changes state: it needs the token");
            }
            assertEquals("{\"aborted\":false}", abortJson(api).toString(), "nothing open: nothing to abort");

            tx.send(TestFrames.start(0, "cut.h5", Map.of()));
            for (int i = 0; i < 3; i++) {
                tx.send(TestFrames.frame(i + 1, i, ROWS, COLS, PixelType.UINT16, Compression.BSLZ4, i));
            }
            JsonNode running = Http.awaitJson(api, "/api/v1/status",
                    j -> j.path("series").path("written").asInt() == 3, 20);
            assertEquals("running", running.required("state").asText());
            assertTrue(running.required("series").required("end").isNull(), running.toString());

            JsonNode a = abortJson(api);
            Path file = dir.resolve("cut.h5").toAbsolutePath();
            assertTrue(a.required("aborted").asBoolean(), a.toString());
            assertEquals(running.required("series").required("id").asLong(), a.required("series").asLong());
            assertEquals(file.toString(), a.required("filename").asText());
            assertEquals(3, a.required("written").asInt());

            JsonNode st = Http.getJson(api, "/api/v1/status");
            assertEquals("idle", st.required("state").asText(), st.toString());
            assertEquals("aborted", st.required("series").required("end").asText());
            assertEquals(3, st.required("series").required("written").asInt());
            assertEquals(file.toString(), st.required("series").required("filename").asText());
            assertEquals("{\"aborted\":false}", abortJson(api).toString(), "a second abort finds nothing open");

            // the file is closed now, while the receiver runs: h5py opens it and reads every frame written
            String out = Python.h5pyFrameHashes(file, ReceiverConfig.DEFAULT_DSET_NAME);
            assertTrue(out.contains("shape 3," + ROWS + "," + COLS), out);
            for (int i = 0; i < 3; i++) {
                assertTrue(out.contains(i + " " + hash(i) + "\n"), "frame " + i + ":\n" + out);
            }
            String attrs = Python.check("import h5py\n"
                    + "f = h5py.File(" + Python.literal(file.toString()) + ", 'r')\n"
                    + "e = f['/entry'].attrs\n"
                    + "r = e['end_reason']\n"
                    + "print('incomplete', int(e['incomplete']), e['incomplete'].dtype)\n"
                    + "print('end_reason', r.decode() if isinstance(r, bytes) else r)\n");
            assertTrue(attrs.contains("incomplete 1 uint8"), attrs);
            assertTrue(attrs.contains("end_reason aborted"), attrs);

            // the rest of the aborted series is still on its way: dropped and counted, never in the next file
            for (int i = 3; i < 5; i++) {
                tx.send(TestFrames.frame(i + 1, i, ROWS, COLS, PixelType.UINT16, Compression.BSLZ4, 100 + i));
            }
            tx.send(TestFrames.end(6));
            tx.send(TestFrames.start(0, "next.h5", Map.of()));
            for (int i = 0; i < 2; i++) {
                tx.send(TestFrames.frame(i + 1, i, ROWS, COLS, PixelType.UINT16, Compression.BSLZ4, i));
            }
            tx.send(TestFrames.end(3));
            JsonNode next = Http.awaitJson(api, "/api/v1/status", j -> j.path("state").asText().equals("idle")
                    && "complete".equals(j.path("series").path("end").asText()), 20);
            assertEquals(2, next.required("series").required("written").asInt(), next.toString());
            assertEquals(2, next.required("series").required("received").asInt(), next.toString());
            assertTrue(next.required("error").isNull(), next.toString());
            String nextOut = Python.h5pyFrameHashes(dir.resolve("next.h5"), ReceiverConfig.DEFAULT_DSET_NAME);
            assertTrue(nextOut.contains("shape 2," + ROWS + "," + COLS), nextOut);
            assertTrue(nextOut.contains("0 " + hash(0) + "\n") && nextOut.contains("1 " + hash(1) + "\n"), nextOut);
            try (Response r = Http.get(api, "/metrics")) {
                assertTrue(r.body().string().contains("hutch_receiver_dropped_after_abort_total 3"),
                        "two frames and the end of the aborted series are counted");
            }
        }
    }
}
