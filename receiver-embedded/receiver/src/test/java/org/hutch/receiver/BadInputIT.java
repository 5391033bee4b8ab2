package org.hutch.receiver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hutch.codec.Bslz4Codec;
import org.hutch.model.pixels.PixelType;
import org.hutch.stream.Compression;
import org.hutch.stream.Frame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad input, sent over a real socket: each gives a clear error in both status
 * endpoints, keeps what was already written readable, and the next series works again.
 */
class BadInputIT {
    private static final int ROWS = 16;
    private static final int COLS = 12;

    @TempDir
    Path dir;
    private TestSender tx;
    private EmbeddedReceiver rx;
    private URI api;

    @BeforeEach
    void start() {
        startReceiver(ReceiverConfig.OnExists.ERROR);
    }

    private void startReceiver(ReceiverConfig.OnExists onExists) {
        if (tx == null) {
            tx = new TestSender();
        }
        rx = EmbeddedReceiver.start(ReceiverConfig.builder().endpoint(tx.endpoint()).dataDir(dir)
                .onExists(onExists).seriesTimeout(Duration.ofMillis(1500)).build());
        api = rx.apiUri();
    }

    @AfterEach
    void stop() {
        if (rx != null) {
            rx.close();
        }
        tx.close();
    }

    private Frame frame(long msg, long index) {
        return TestFrames.frame(msg, index, ROWS, COLS, PixelType.UINT16, Compression.BSLZ4, index);
    }

    /** A complete good series: header msg 0, frames 1..n, end n + 1; waits until it is on disk. */
    private void goodSeries(String file, int n) throws Exception {
        tx.send(TestFrames.start(0, file, Map.of()));
        for (int i = 0; i < n; i++) {
            tx.send(frame(i + 1, i));
        }
        tx.send(TestFrames.end(n + 1));
        JsonNode st = Http.awaitJson(api, "/api/v1/status", j -> j.path("state").asText().equals("idle")
                && j.path("series").path("written").asInt() == n, 20);
        assertEquals("idle", st.required("state").asText(), "good series " + file + ": " + st);
        assertEquals(n, st.required("series").required("written").asInt(), "good series " + file + ": " + st);
    }

    /** Waits for the error; checks both layers agree and the reason contains {@code words}. */
    private String awaitError(String words) throws Exception {
        JsonNode st = Http.awaitJson(api, "/status", j -> j.path("state").asText().equals("error"), 15);
        assertEquals("error", st.required("state").asText(), st.toString());
        String reason = st.required("error").asText();
        assertTrue(reason.contains(words), "error should mention '" + words + "': " + reason);
        JsonNode v1 = Http.getJson(api, "/api/v1/status");
        assertEquals("error", v1.required("state").asText());
        assertEquals(reason, v1.required("error").asText());
        return reason;
    }

    /** Frame hashes as written, via H5Dread_chunk + the project's codec (null where no chunk). */
    private List<String> hashes(String file) throws Exception {
        return TestFrames.hashesInFile(dir.resolve(file), ReceiverConfig.DEFAULT_DSET_NAME, PixelType.UINT16);
    }

    private static String expectedHash(long index) {
        return TestFrames.sha256(TestFrames.raw(ROWS, COLS, PixelType.UINT16, index));
    }

    /** After the trouble: the file written before is intact and a new series works (and clears the error). */
    private void earlierFileIntactAndNextSeriesWorks() throws Exception {
        assertEquals(List.of(expectedHash(0), expectedHash(1), expectedHash(2)), hashes("before.h5"));
        goodSeries("after.h5", 2);
        assertEquals(List.of(expectedHash(0), expectedHash(1)), hashes("after.h5"));
        try (var r = Http.get(api, "/status")) {
            assertEquals("{\"state\":\"idle\"}", r.body().string());
        }
    }

    @Test
    void malformedHeader() throws Exception {
        goodSeries("before.h5", 3);
        tx.json("{\"htype\": \"header\", \"msg_number\": 0, \"filename\": \"x.h5\"");
        String reason = awaitError("JSON");
        assertTrue(reason.startsWith("unreadable message"), reason);
        earlierFileIntactAndNextSeriesWorks();
        assertFalse(Files.exists(dir.resolve("x.h5")));
    }

    @Test
    void blobSizeMismatch() throws Exception {
        goodSeries("before.h5", 3);
        tx.send(TestFrames.start(0, "short.h5", Map.of()));
        tx.send(frame(1, 0));
        tx.json("{\"htype\":\"image\",\"msg_number\":2,\"frame\":1,\"shape\":[16,12],\"type\":\"uint16\","
                + "\"compression\":\"none\"}", new byte[ROWS * COLS * 2 - 10]);
        tx.send(frame(3, 2));
        tx.send(TestFrames.end(4));
        String reason = awaitError("384");
        assertTrue(reason.contains("message 2 refused"), reason);
        JsonNode st = Http.awaitJson(api, "/api/v1/status", j -> j.path("series").path("written").asInt() == 2, 10);
        assertEquals(1, st.required("series").required("lost").asInt(), st.toString());
        // a fixed window: any later message that could mark "nothing else happened" is a header or a reset,
        // and those end the very error state under test
        Thread.sleep(300);
        assertEquals("error", Http.getJson(api, "/status").required("state").asText(), "error stays after series_end");
        List<String> h = hashes("short.h5");
        assertEquals(expectedHash(0), h.get(0));
        assertNull(h.get(1), "the refused frame has no chunk");
        assertEquals(expectedHash(2), h.get(2));
        earlierFileIntactAndNextSeriesWorks();
    }

    @Test
    void errorStaysUntilResetOrNextHeader() throws Exception {
        goodSeries("before.h5", 3);
        tx.json("not json at all");
        awaitError("unreadable message");
        // a fixed window, as above: the only messages that could follow as a marker clear the error
        Thread.sleep(300);
        assertEquals("error", Http.getJson(api, "/status").required("state").asText(), "error must persist");
        try (var r = Http.CLIENT.newCall(new okhttp3.Request.Builder().url(api + "/api/v1/reset")
                .post(okhttp3.RequestBody.create(new byte[0], null)).build()).execute()) {
            assertEquals(200, r.code());
            assertEquals("{\"state\":\"idle\"}", r.body().string());
        }
        earlierFileIntactAndNextSeriesWorks();
    }

    @Test
    void unknownCompression() throws Exception {
        goodSeries("before.h5", 3);
        tx.send(TestFrames.start(0, "zstd.h5", Map.of()));
        tx.json("{\"htype\":\"image\",\"msg_number\":1,\"frame\":0,\"shape\":[16,12],\"type\":\"uint16\","
                + "\"compression\":\"zstd\"}", new byte[100]);
        tx.send(TestFrames.end(2));
        awaitError("unknown compression 'zstd'");
        earlierFileIntactAndNextSeriesWorks();
    }

    @Test
    void decompressionWouldExceedTheFrame() throws Exception {
        goodSeries("before.h5", 3);
        tx.send(TestFrames.start(0, "big.h5", Map.of()));
        // a bslz4 chunk of a 32x24 frame announced as 16x12
        ByteBuffer big = Bslz4Codec.compress(TestFrames.raw(32, 24, PixelType.UINT16, 9), 2);
        tx.send(new Frame(0, 1, 0, ROWS, COLS, PixelType.UINT16, Compression.BSLZ4, big, Map.of()));
        tx.send(TestFrames.end(2));
        String reason = awaitError("declares 1536");
        assertTrue(reason.contains("384"), reason);
        earlierFileIntactAndNextSeriesWorks();
    }

    @Test
    void duplicateMessageAndDuplicateFrameNumber() throws Exception {
        goodSeries("before.h5", 3);
        tx.send(TestFrames.start(0, "dup.h5", Map.of()));
        tx.send(frame(1, 0));
        tx.send(frame(1, 0));
        awaitError("duplicate message 1");
        tx.send(frame(2, 0)); // a new message number, but frame 0 again
        tx.send(frame(3, 1));
        tx.send(TestFrames.end(4));
        JsonNode st = Http.awaitJson(api, "/api/v1/status", j -> j.path("series").path("written").asInt() == 2
                && j.path("duplicates").asInt() == 1, 10);
        assertEquals(1, st.required("duplicates").asInt(), st.toString());
        assertEquals(List.of(expectedHash(0), expectedHash(1)), hashes("dup.h5"));
        earlierFileIntactAndNextSeriesWorks();
    }

    @Test
    void missingFrameIsCountedLost() throws Exception {
        goodSeries("before.h5", 3);
        tx.send(TestFrames.start(0, "gap.h5", Map.of()));
        tx.send(frame(1, 0));
        tx.send(frame(2, 1));
        tx.send(frame(4, 3));
        tx.send(TestFrames.end(5));
        String reason = awaitError("lost");
        assertTrue(reason.contains("message 3 never arrived"), reason);
        JsonNode st = Http.awaitJson(api, "/api/v1/status", j -> j.path("series").path("written").asInt() == 3, 10);
        assertEquals(1, st.required("lost").asInt(), st.toString());
        List<String> h = hashes("gap.h5");
        assertEquals(4, h.size());
        assertNull(h.get(2));
        assertEquals(expectedHash(3), h.get(3));
        try (var r = Http.get(api, "/metrics")) {
            assertTrue(r.body().string().contains("\nhutch_receiver_frames_lost_total 1\n"));
        }
        earlierFileIntactAndNextSeriesWorks();
    }

    @Test
    void seriesWithoutEndIsClosedReadableAfterTheTimeout() throws Exception {
        goodSeries("before.h5", 3);
        tx.send(TestFrames.start(0, "noend.h5", Map.of()));
        tx.send(frame(1, 0));
        tx.send(frame(2, 1));
        awaitError("stopped without series_end");
        // closed by the receiver, which is still running: another reader can open it now
        Http.awaitJson(api, "/api/v1/status", j -> j.path("series").path("written").asInt() == 2, 10);
        assertEquals(List.of(expectedHash(0), expectedHash(1)), hashes("noend.h5"));
        earlierFileIntactAndNextSeriesWorks();
    }

    @Test
    void newHeaderBeforeSeriesEndClosesTheOldFile() throws Exception {
        goodSeries("before.h5", 3);
        tx.send(TestFrames.start(0, "cut.h5", Map.of()));
        tx.send(frame(1, 0));
        Http.awaitJson(api, "/received_frames", j -> j.path("value").asInt() == 1, 10);
        earlierFileIntactAndNextSeriesWorks();
        assertEquals(List.of(expectedHash(0)), hashes("cut.h5"));
    }

    @Test
    void existingFileIsAnErrorAndLeftAlone() throws Exception {
        goodSeries("before.h5", 3);
        byte[] original = Files.readAllBytes(dir.resolve("before.h5"));
        tx.send(TestFrames.start(0, "before.h5", Map.of()));
        tx.send(frame(1, 0));
        tx.send(TestFrames.end(2));
        awaitError("already exists");
        // the next series, taken in after the refused one, marks that the refused one is done with
        earlierFileIntactAndNextSeriesWorks();
        assertArrayEquals(original, Files.readAllBytes(dir.resolve("before.h5")));
    }

    @Test
    void existingFileAppendAsMaxivDoes() throws Exception {
        goodSeries("before.h5", 3);
        rx.close();
        startReceiver(ReceiverConfig.OnExists.APPEND);
        tx.send(TestFrames.start(0, "before.h5", Map.of()));
        tx.send(frame(1, 0));
        tx.send(frame(2, 1));
        tx.send(TestFrames.end(3));
        Http.awaitJson(api, "/api/v1/status", j -> j.path("state").asText().equals("idle")
                && j.path("series").path("written").asInt() == 2, 20);
        assertEquals(List.of(expectedHash(0), expectedHash(1), expectedHash(2), expectedHash(0), expectedHash(1)),
                hashes("before.h5"));
    }

    @Test
    void fileNameOutsideTheDataDirectoryIsRefused() throws Exception {
        goodSeries("before.h5", 3);
        Path outside = dir.getParent().resolve("escape-" + System.nanoTime() + ".h5");
        tx.send(TestFrames.start(0, "../" + outside.getFileName(), Map.of()));
        tx.send(frame(1, 0));
        tx.send(TestFrames.end(2));
        awaitError("'..'");
        assertFalse(Files.exists(outside));
        goodSeries("between.h5", 1);
        tx.send(TestFrames.start(0, outside.toString(), Map.of()));
        tx.send(TestFrames.end(1));
        awaitError("outside the data directory");
        assertFalse(Files.exists(outside));
        earlierFileIntactAndNextSeriesWorks();
    }

    @Test
    void unwritablePathIsAClearError() throws Exception {
        // stand-in for a write failure that needs no privileges: the folder it names is a file
        goodSeries("before.h5", 3);
        Files.writeString(dir.resolve("blocker"), "not a folder");
        tx.send(TestFrames.start(0, "blocker/x.h5", Map.of()));
        tx.send(frame(1, 0));
        tx.send(TestFrames.end(2));
        awaitError("cannot create the folder");
        earlierFileIntactAndNextSeriesWorks();
    }

    @Test
    void diskFullKeepsWhatWasWritten() throws Exception {
        Path mnt = Files.createDirectory(dir.resolve("small"));
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", mnt.toString()),
                "cannot mount a 4 MiB tmpfs here (needs root): disk-full test skipped");
        try {
            rx.close();
            rx = EmbeddedReceiver.start(ReceiverConfig.builder().endpoint(tx.endpoint()).dataDir(mnt)
                    .seriesTimeout(Duration.ofSeconds(5)).build());
            api = rx.apiUri();
            // 300 raw frames of 16 kB do not fit in 4 MiB
            tx.send(TestFrames.start(0, "full.h5", Map.of()));
            int n = 300;
            for (int i = 0; i < n; i++) {
                tx.send(TestFrames.frame(i + 1, i, 64, 128, PixelType.UINT16, Compression.NONE, i));
            }
            tx.send(TestFrames.end(n + 1));
            String reason = awaitError("full.h5");
            assertTrue(reason.contains("disk") && reason.contains("full"), reason);
            int written = Http.getJson(api, "/api/v1/status").required("series").required("written").asInt();
            assertTrue(written > 0 && written < n, "written " + written);
            List<String> h = TestFrames.hashesInFile(mnt.resolve("full.h5"), ReceiverConfig.DEFAULT_DSET_NAME,
                    PixelType.UINT16);
            for (int i = 0; i < written; i++) {
                assertEquals(TestFrames.sha256(TestFrames.raw(64, 128, PixelType.UINT16, i)), h.get(i), "frame " + i);
            }
            Files.delete(mnt.resolve("full.h5"));
            tx.send(TestFrames.start(0, "fits.h5", Map.of()));
            tx.send(TestFrames.frame(1, 0, 64, 128, PixelType.UINT16, Compression.NONE, 0));
            tx.send(TestFrames.end(2));
            JsonNode st = Http.awaitJson(api, "/api/v1/status", j -> j.path("state").asText().equals("idle"), 10);
            assertEquals(1, st.required("series").required("written").asInt(), st.toString());
        } finally {
            rx.close();
            rx = null;
            run("umount", mnt.toString());
        }
    }

    private static boolean run(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
