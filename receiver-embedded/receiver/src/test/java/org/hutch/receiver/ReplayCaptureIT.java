package org.hutch.receiver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hutch.model.pixels.PixelType;
import org.hutch.stream.ZmqDump;
import org.hutch.testkit.Python;
import org.hutch.testkit.TestData;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Replays the two real DECTRIS captures (Stream V1 from an EIGER 1M, Stream V2 CBOR) on a real PUSH
 * socket into a receiver that recognises the format by itself, and checks every written frame's
 * decompressed pixels against the SHA-256 computed with numpy + the reference bitshuffle.
 */
class ReplayCaptureIT {
    @TempDir
    Path dir;

    static Path streams() {
        return TestData.path("streams");
    }

    @ParameterizedTest
    @CsvSource({"eiger1m-stream-v1,1", "eiger1m-stream-v1,2", "stream-v2,1", "stream-v2,2"})
    void replayWritesTheExpectedPixels(String capture, int workers) throws Exception {
        Path dump = streams().resolve(capture + ".zmqdump");
        assumeTrue(Files.isRegularFile(dump), "test data not found: " + dump + " (skipped)");
        JsonNode expected = Http.JSON.readTree(streams().resolve(capture + ".expected.json").toFile());
        List<List<byte[]>> messages = new ArrayList<>(ZmqDump.readAll(dump));
        if (capture.contains("v1")) {
            // the capture's header appendix names no file ("filename": ""): name one, as the Tango device does
            List<byte[]> header = new ArrayList<>(messages.get(0));
            header.set(header.size() - 1, "{\"filename\": \"eiger-v1.h5\", \"rotate\": 0}"
                    .getBytes(StandardCharsets.UTF_8));
            messages.set(0, header);
        }
        try (TestSender tx = new TestSender();
             EmbeddedReceiver rx = EmbeddedReceiver.start(ReceiverConfig.builder().endpoint(tx.endpoint())
                     .workers(workers).dataDir(dir).build())) {
            for (List<byte[]> m : messages) {
                tx.parts(m);
            }
            int n = expected.size();
            JsonNode st = Http.awaitJson(rx.apiUri(), "/api/v1/status",
                    j -> !j.path("state").asText().equals("running") && j.path("series").path("written").asInt() == n,
                    30);
            assertEquals("idle", st.required("state").asText(), st.toString());
            assertEquals(n, st.required("series").required("received").asInt(), st.toString());
            assertEquals(0, st.required("lost").asInt(), st.toString());
        }
        Path file;
        try (Stream<Path> s = Files.list(dir)) {
            file = s.filter(p -> p.toString().endsWith(".h5")).findFirst().orElseThrow();
        }
        List<String> java = TestFrames.hashesInFile(file, ReceiverConfig.DEFAULT_DSET_NAME, PixelType.UINT32);
        assertEquals(expected.size(), java.size());
        for (JsonNode e : expected) {
            assertEquals(e.required("sha256").asText(), java.get(e.required("image").asInt()), "frame " + e.required("image"));
        }
        Python.assumeH5py();
        String out = Python.h5pyFrameHashes(file, ReceiverConfig.DEFAULT_DSET_NAME);
        JsonNode first = expected.get(0);
        assertTrue(out.contains("shape " + expected.size() + "," + first.required("shape").get(0).asInt() + ","
                + first.path("shape").get(1).asInt()), out);
        for (JsonNode e : expected) {
            assertTrue(out.contains(e.required("image").asInt() + " " + e.required("sha256").asText() + "\n"),
                    "h5py frame " + e.path("image") + ":\n" + out);
        }
    }
}
