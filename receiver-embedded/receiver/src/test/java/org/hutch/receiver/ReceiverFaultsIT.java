package org.hutch.receiver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hutch.model.pixels.PixelType;
import org.hutch.stream.Compression;
import org.hutch.stream.DectrisV1Encoder;
import org.hutch.stream.DectrisV2Encoder;
import org.hutch.stream.Frame;
import org.hutch.stream.SeriesEnd;
import org.hutch.stream.SeriesStart;
import org.hutch.stream.StreamEncoder;
import org.hutch.stream.StreamFormat;
import org.hutch.stream.StreamMessage;
import org.hutch.testkit.Python;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Fault injection over a real socket and real HTTP, one test per receiver defect that lost good frames:
 * each bad input is refused with a reason, what was written is read back by h5py, and the next good
 * series is complete and bit-exact.
 */
class ReceiverFaultsIT {
    private static final int ROWS = 16;
    private static final int COLS = 12;

    @TempDir
    Path dir;
    private TestSender tx;
    private EmbeddedReceiver rx;
    private URI api;

    @BeforeEach
    void start() {
        tx = new TestSender();
        rx = EmbeddedReceiver.start(ReceiverConfig.builder().endpoint(tx.endpoint()).dataDir(dir)
                .seriesTimeout(Duration.ofSeconds(30)).build());
        api = rx.apiUri();
    }

    @AfterEach
    void stop() {
        if (rx != null) {
            rx.close();
        }
        tx.close();
    }

    private static Frame frame(long msg, long index, long seed) {
        return TestFrames.frame(msg, index, ROWS, COLS, PixelType.UINT16, Compression.BSLZ4, seed);
    }

    private static String hash(long seed) {
        return TestFrames.sha256(TestFrames.raw(ROWS, COLS, PixelType.UINT16, seed));
    }

    private static Frame withBlob(Frame f, ByteBuffer blob) {
        return new Frame(f.series(), f.msgNumber(), f.frame(), f.rows(), f.cols(), f.dtype(), f.compression(), blob,
                f.header());
    }

    private JsonNode awaitSeriesEnd() {
        return Http.awaitJson(api, "/api/v1/status", j -> !j.path("series").path("end").isMissingNode()
                && !j.path("series").path("end").isNull(), 20);
    }

    /** A complete good STINS series; checks it is on disk bit-exact (h5py) and the receiver is idle. */
    private void goodSeries(String file, int n) throws Exception {
        tx.send(TestFrames.start(0, file, Map.of()));
        for (int i = 0; i < n; i++) {
            tx.send(frame(i + 1, i, i));
        }
        tx.send(TestFrames.end(n + 1));
        JsonNode st = Http.awaitJson(api, "/api/v1/status", j -> j.path("state").asText().equals("idle")
                && j.path("series").path("filename").asText().endsWith(file)
                && j.path("series").path("written").asInt() == n, 20);
        assertEquals(n, st.required("series").required("written").asInt(), st.toString());
        assertH5py(file, n, seeds(0, n));
    }

    private static List<Long> seeds(long from, int n) {
        List<Long> s = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            s.add(from + i);
        }
        return s;
    }

    /** h5py reads every frame of the file: {@code n} frames, frame i has the pixels of seed {@code seeds[i]} (null: no chunk). */
    private void assertH5py(String file, int n, List<Long> seeds) throws Exception {
        Python.assumeH5py();
        String out = Python.h5pyFrameHashes(dir.resolve(file), ReceiverConfig.DEFAULT_DSET_NAME);
        assertTrue(out.contains("shape " + n + "," + ROWS + "," + COLS), file + ":\n" + out);
        for (int i = 0; i < n; i++) {
            if (seeds.get(i) != null) {
                assertTrue(out.contains(i + " " + hash(seeds.get(i)) + "\n"), file + " frame " + i + ":\n" + out);
            }
        }
    }

    private String awaitError(String words) {
        JsonNode st = Http.awaitJson(api, "/api/v1/status", j -> j.path("error").asText("").contains(words), 20);
        return st.required("error").asText();
    }

    /** Defect 1: a truncated bslz4 blob, and one whose header claims 1 TiB, are refused, never stored. */
    @Test
    void corruptBslz4IsNeverStored() throws Exception {
        tx.send(TestFrames.start(0, "corrupt.h5", Map.of()));
        tx.send(frame(1, 0, 0));
        Frame truncated = frame(2, 1, 1);
        ByteBuffer b = truncated.blob();
        tx.send(withBlob(truncated, ByteBuffer.wrap(bytes(b), 0, b.remaining() - 9).slice()));
        Frame huge = frame(3, 2, 2);
        byte[] h = bytes(huge.blob());
        ByteBuffer.wrap(h).putLong(0, 1L << 40);
        tx.send(withBlob(huge, ByteBuffer.wrap(h)));
        tx.send(frame(4, 3, 3));
        tx.send(TestFrames.end(5));
        awaitSeriesEnd();
        assertTrue(awaitError("bslz4").contains("bslz4"));
        List<String> hashes = TestFrames.hashesInFile(dir.resolve("corrupt.h5"), ReceiverConfig.DEFAULT_DSET_NAME,
                PixelType.UINT16);
        assertEquals(hash(0), hashes.get(0));
        assertNull(hashes.get(1), "the truncated blob must not be stored");
        assertNull(hashes.get(2), "the blob whose header claims 1 TiB must not be stored");
        assertEquals(hash(3), hashes.get(3));
        // h5py reads the whole dataset (no chunk it cannot decode), and the next series is fine
        assertH5py("corrupt.h5", 4, java.util.Arrays.asList(0L, null, null, 3L));
        goodSeries("after.h5", 3);
    }

    /** Defect 1, Stream V1: a truncated bslz4 image is refused in its place (message frame + 1), not left as a hole. */
    @Test
    void corruptBslz4InStreamV1IsRefusedInItsPlace() throws Exception {
        DectrisV1Encoder enc = new DectrisV1Encoder();
        tx.parts(enc.encode(new SeriesStart(5, 0, StreamFormat.DECTRIS_V1, "v1.h5", 3L, Map.of(),
                Map.of("nimages", 3, "ntrigger", 1, "header_appendix", Map.of("filename", "v1.h5")))));
        tx.parts(enc.encode(framed(5, 1, 0, 0)));
        Frame bad = framed(5, 2, 1, 1);
        tx.parts(enc.encode(withBlob(bad, ByteBuffer.wrap(bytes(bad.blob()), 0, bad.blob().remaining() - 9).slice())));
        tx.parts(enc.encode(framed(5, 3, 2, 2)));
        tx.parts(enc.encode(new SeriesEnd(5, 4)));
        JsonNode st = awaitSeriesEnd();
        assertTrue(st.required("error").asText().startsWith("message 2 refused"), st.toString());
        assertTrue(st.required("error").asText().contains("bslz4"), st.toString());
        assertEquals(2, st.required("series").required("written").asInt(), st.toString());
        assertH5py("v1.h5", 3, java.util.Arrays.asList(0L, null, 2L));
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return a;
    }

    /** Defect 3: frame numbers near and beyond 2^31 are refused; the writer lives on and closes the file. */
    @Test
    void frameNumberNearIntMaxIsRefused() throws Exception {
        tx.send(TestFrames.start(0, "big.h5", Map.of()));
        tx.send(frame(1, 0, 0));
        tx.send(frame(2, Integer.MAX_VALUE, 7));
        tx.send(frame(3, (1L << 31) + 5, 8));
        tx.send(frame(4, 1, 1));
        tx.send(TestFrames.end(5));
        awaitSeriesEnd();
        awaitError("frame");
        assertH5py("big.h5", 2, List.of(0L, 1L));
        goodSeries("after.h5", 3);
    }

    /**
     * Defect 4: after an input that used to kill the writer, status never shows a healthy-looking series that
     * writes nothing: the next series is written, and the one after.
     */
    @Test
    void noInputLeavesADeadWriterBehind() throws Exception {
        tx.send(TestFrames.start(0, "killer.h5", Map.of()));
        tx.send(frame(1, Integer.MAX_VALUE - 1, 0));
        tx.send(TestFrames.end(2));
        awaitSeriesEnd();
        goodSeries("next1.h5", 3);
        goodSeries("next2.h5", 2);
        try (var r = Http.get(api, "/metrics")) {
            assertTrue(r.body().string().contains("hutch_receiver_thread_deaths_total 0"));
        }
    }

    /** Defect 4: a thread that does die is reported in both status endpoints and counted in /metrics. */
    @Test
    void aDeadThreadIsReportedUntilRestart() throws Exception {
        rx.threads().start("hutch-fault-victim", () -> {
            throw new IllegalStateException("injected failure");
        });
        JsonNode v1 = Http.awaitJson(api, "/api/v1/status", j -> j.path("dead_threads").size() == 1, 10);
        assertEquals("error", v1.required("state").asText());
        assertTrue(v1.required("error").asText().contains("hutch-fault-victim"), v1.toString());
        assertTrue(v1.required("dead_threads").get(0).asText().contains("injected failure"), v1.toString());
        // a new series does not clear it: the receiver is not whole until it is restarted
        tx.send(TestFrames.start(0, "later.h5", Map.of()));
        tx.send(frame(1, 0, 0));
        tx.send(TestFrames.end(2));
        awaitSeriesEnd();
        JsonNode maxiv = Http.getJson(api, "/status");
        assertEquals("error", maxiv.required("state").asText(), maxiv.toString());
        assertTrue(maxiv.required("error").asText().contains("hutch-fault-victim"), maxiv.toString());
        try (var r = Http.get(api, "/metrics")) {
            assertTrue(r.body().string().contains("hutch_receiver_thread_deaths_total 1"));
        }
    }

    /** Defect 6: an image sent before a header is never adopted by the next series, in all three formats. */
    @ParameterizedTest
    @EnumSource(StreamFormat.class)
    void strayImageBeforeHeaderIsNotAdopted(StreamFormat format) throws Exception {
        StreamEncoder enc = format == StreamFormat.DECTRIS_V1 ? new DectrisV1Encoder()
                : format == StreamFormat.DECTRIS_V2 ? new DectrisV2Encoder() : null;
        long series = format == StreamFormat.STINS ? 0 : 41;
        send(enc, framed(series - (format == StreamFormat.STINS ? 0 : 1), 1, 0, 999));
        Thread.sleep(200); // the stray is alone on the wire, as when a detector is reconfigured
        Map<String, Object> meta = new HashMap<>();
        meta.put("header_appendix", Map.of("filename", "good.h5"));
        meta.put("user_data", Map.of("filename", "good.h5"));
        SeriesStart start = format == StreamFormat.STINS ? TestFrames.start(0, "good.h5", Map.of())
                : new SeriesStart(series, 0, format, "good.h5", 3L, Map.of(), format == StreamFormat.DECTRIS_V1
                ? Map.of("nimages", 3, "ntrigger", 1, "header_appendix", Map.of("filename", "good.h5"))
                : Map.of("user_data", Map.of("filename", "good.h5")));
        send(enc, start);
        for (int i = 0; i < 3; i++) {
            send(enc, framed(series, i + 1, i, i));
        }
        send(enc, new SeriesEnd(series, 4));
        JsonNode st = Http.awaitJson(api, "/api/v1/status", j -> j.path("series").path("filename").asText()
                .endsWith("good.h5") && j.path("series").path("written").asInt() == 3
                && j.path("state").asText().equals("idle"), 20);
        assertEquals(0, st.required("series").required("lost").asInt(), st.toString());
        assertH5py("good.h5", 3, List.of(0L, 1L, 2L));
    }

    /** Defect 2: a frame above the byte budget is refused before anyone decodes it (no view allocates it). */
    @Test
    void frameAboveTheByteBudgetIsRefused() throws Exception {
        rx.close();
        rx = EmbeddedReceiver.start(ReceiverConfig.builder().endpoint(tx.endpoint()).dataDir(dir)
                .queueBytes(2 << 20).build());
        api = rx.apiUri();
        tx.send(TestFrames.start(0, "huge.h5", Map.of()));
        // 1024 x 1024 uint32 = 4 MiB decompressed, a few KiB on the wire: valid, but above the 2 MiB budget
        tx.send(TestFrames.frame(1, 0, 1024, 1024, PixelType.UINT32, Compression.BSLZ4, 5));
        tx.send(TestFrames.end(2));
        awaitSeriesEnd();
        assertTrue(awaitError("maximum frame").contains("4194304 bytes"));
        try (var r = Http.get(api, "/api/v1/frames/last")) {
            assertEquals(204, r.code(), "the refused frame is not offered for viewing");
        }
        goodSeries("after.h5", 2);
    }

    /** Defect 5: a V2 start whose flatfield claims 16 GiB in a few bytes: the series is still written. */
    @Test
    void v2StartWithALyingFlatfieldKeepsTheSeries() throws Exception {
        DectrisV2Encoder enc = new DectrisV2Encoder();
        ByteBuffer few = org.hutch.codec.Bslz4Codec.compress(ByteBuffer.allocate(64), 4);
        var flat = new org.hutch.stream.PixelArray(List.of(65536, 65536), PixelType.FLOAT32, Compression.BSLZ4, few);
        Map<String, Object> meta = new HashMap<>();
        meta.put("flatfield", flat);
        meta.put("user_data", Map.of("filename", "flat.h5"));
        tx.parts(enc.encode(new SeriesStart(9, 0, StreamFormat.DECTRIS_V2, "flat.h5", 3L, Map.of(), meta)));
        for (int i = 0; i < 3; i++) {
            tx.parts(enc.encode(framed(9, i + 1, i, i)));
        }
        tx.parts(enc.encode(new SeriesEnd(9, 4)));
        JsonNode st = awaitSeriesEnd();
        assertTrue(st.required("error").asText().contains("flatfield"), st.toString());
        assertEquals(3, st.required("series").required("written").asInt(), st.toString());
        assertH5py("flat.h5", 3, List.of(0L, 1L, 2L));
        goodSeries("after.h5", 2);
    }

    /** Defect 8: twenty clients that ask for a large frame and never read cannot stall status or control. */
    @Test
    void slowReadersCannotStallStatus() throws Exception {
        tx.send(TestFrames.start(0, "big.h5", Map.of()));
        tx.send(TestFrames.frame(1, 0, 2048, 2048, PixelType.UINT32, Compression.BSLZ4, 3));
        tx.send(TestFrames.end(2));
        Http.awaitJson(api, "/api/v1/status", j -> j.path("series").path("written").asInt() == 1, 20);
        List<java.net.Socket> readers = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                java.net.Socket s = new java.net.Socket();
                s.setReceiveBufferSize(4096);
                s.connect(new java.net.InetSocketAddress(api.getHost(), api.getPort()));
                s.getOutputStream().write(("GET /api/v1/frames/last HTTP/1.1\r\nHost: x\r\n\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                readers.add(s);
            }
            // while they hold their downloads, status and control answer (a bound, not a measurement)
            okhttp3.OkHttpClient quick = Http.CLIENT.newBuilder().callTimeout(Duration.ofSeconds(5)).build();
            for (int i = 0; i < 5; i++) {
                try (var r = quick.newCall(new okhttp3.Request.Builder().url(api.resolve("/api/v1/status").toString())
                        .build()).execute()) {
                    assertEquals(200, r.code());
                }
                try (var r = quick.newCall(new okhttp3.Request.Builder().url(api.resolve("/status").toString())
                        .build()).execute()) {
                    assertEquals(200, r.code());
                }
            }
            try (var r = Http.get(api, "/metrics")) {
                String m = r.body().string();
                assertTrue(m.matches("(?s).*hutch_receiver_downloads_refused_total [1-9].*"), m);
            }
        } finally {
            for (java.net.Socket s : readers) {
                s.close();
            }
        }
    }

    /** Smaller: a header's file name cannot leave the data directory through a symbolic link. */
    @Test
    void symlinkOutOfTheDataDirectoryIsNotFollowed(@TempDir Path outside) throws Exception {
        java.nio.file.Files.createSymbolicLink(dir.resolve("out"), outside);
        tx.send(TestFrames.start(0, "out/escaped.h5", Map.of()));
        tx.send(frame(1, 0, 0));
        tx.send(TestFrames.end(2));
        assertTrue(awaitError("symbolic link").contains("outside the data directory"));
        assertTrue(!java.nio.file.Files.exists(outside.resolve("escaped.h5")), "nothing written outside");
        goodSeries("after.h5", 2);
    }

    /** Smaller: the scheme name of Authorization is case-insensitive. */
    @Test
    void bearerSchemeIsCaseInsensitive() throws Exception {
        rx.close();
        rx = EmbeddedReceiver.start(ReceiverConfig.builder().endpoint(tx.endpoint()).dataDir(dir).token("tok").build());
        api = rx.apiUri();
        var wrong = new okhttp3.Request.Builder().url(api.resolve("/api/v1/reset").toString())
                .post(okhttp3.RequestBody.create(new byte[0], (okhttp3.MediaType) null))
                .header("Authorization", "bearer nope").build();
        try (var r = Http.CLIENT.newCall(wrong).execute()) {
            assertEquals(401, r.code(), "a wrong token is refused whatever the scheme's case");
        }
        for (String auth : List.of("Bearer tok", "bearer tok", "BEARER tok")) {
            var req = new okhttp3.Request.Builder().url(api.resolve("/api/v1/reset").toString())
                    .post(okhttp3.RequestBody.create(new byte[0], (okhttp3.MediaType) null))
                    .header("Authorization", auth).build();
            try (var r = Http.CLIENT.newCall(req).execute()) {
                assertEquals(200, r.code(), auth);
            }
        }
    }

    /** Smaller: /metrics gives the last error's Unix time to the millisecond, not rounded to 10^4 s. */
    @Test
    void metricsLastErrorTimestampIsPrecise() throws Exception {
        tx.json("{\"htype\": \"header\"");
        JsonNode st = Http.awaitJson(api, "/api/v1/status", j -> j.path("state").asText().equals("error"), 20);
        double expected = java.time.Instant.parse(st.required("error_time").asText()).toEpochMilli() / 1000.0;
        try (var r = Http.get(api, "/metrics")) {
            String m = r.body().string();
            var matcher = java.util.regex.Pattern.compile("(?m)^hutch_receiver_last_error_timestamp_seconds (\\S+)$")
                    .matcher(m);
            assertTrue(matcher.find(), m);
            assertEquals(expected, Double.parseDouble(matcher.group(1)), 1.0, m);
        }
    }

    private static Frame framed(long series, long msg, long index, long seed) {
        Frame f = frame(msg, index, seed);
        return new Frame(series, msg, index, f.rows(), f.cols(), f.dtype(), f.compression(), f.blob(), f.header());
    }

    private void send(StreamEncoder enc, StreamMessage m) {
        if (enc == null) {
            tx.send(m);
        } else {
            tx.parts(enc.encode(m));
        }
    }
}
