package org.hutch.receiver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.Response;
import org.hutch.model.pixels.PixelType;
import org.hutch.stream.Compression;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Frames large enough to be received into pooled native buffers, through a pool so small that every
 * buffer serves many frames and the heap takes over when it is full: each frame must still read back
 * bit-exact from the file, and the newest frame from the HTTP API, after its buffer was reused. The
 * small high-water mark keeps the sender ahead of the writer, so buffers are refilled while earlier
 * frames still wait to be written (a buffer given back too early shows as a wrong frame).
 */
class PooledFramesIT {
    private static final int ROWS = 512;
    private static final int COLS = 256;
    private static final int SERIES = 2;
    private static final int FRAMES = 40;

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"NONE,UINT16", "NONE,UINT8", "BSLZ4,UINT16", "BSLZ4,UINT32"})
    void framesReadBackBitExactAfterTheirBuffersAreReused(Compression c, PixelType dtype) throws Exception {
        try (TestSender tx = new TestSender();
             EmbeddedReceiver rx = EmbeddedReceiver.start(ReceiverConfig.builder().endpoint(tx.endpoint())
                     .dataDir(dir).queueBytes(1 << 20).receiveHwm(2).build())) {
            for (int s = 0; s < SERIES; s++) {
                String name = "pooled_" + s + ".h5";
                tx.send(TestFrames.start(0, name, Map.of()));
                List<String> sent = new ArrayList<>();
                for (int i = 0; i < FRAMES; i++) {
                    long seed = 1000L * s + i;
                    sent.add(TestFrames.sha256(TestFrames.raw(ROWS, COLS, dtype, seed)));
                    tx.send(TestFrames.frame(i + 1, i, ROWS, COLS, dtype, c, seed));
                }
                tx.send(TestFrames.end(FRAMES + 1));
                long id = s + 1;
                JsonNode st = Http.awaitJson(rx.apiUri(), "/api/v1/status", j -> j.path("state").asText().equals("idle")
                        && j.path("series").path("id").asLong() == id && j.path("series").path("written").asLong() == FRAMES,
                        30);
                assertEquals(FRAMES, st.required("series").required("written").asLong(), st.toString());
                assertEquals(0, st.required("lost").asLong(), st.toString());
                assertEquals(sent, TestFrames.hashesInFile(dir.resolve(name), ReceiverConfig.DEFAULT_DSET_NAME, dtype),
                        "series " + s);
                // the newest frame, copied out of its pooled buffer for viewers
                try (Response r = Http.get(rx.apiUri(), "/api/v1/frames/last")) {
                    assertEquals(200, r.code());
                    assertEquals(Integer.toString(FRAMES - 1), r.header("X-Hutch-Frame"));
                    ByteBuffer want = TestFrames.raw(ROWS, COLS, dtype, 1000L * s + FRAMES - 1);
                    byte[] w = new byte[want.remaining()];
                    want.get(w);
                    assertArrayEquals(w, r.body().bytes(), "series " + s + " last frame");
                }
            }
            long allocated = rx.framePool().allocations();
            assertTrue(allocated > 0, "no frame was received into a pooled buffer");
            assertTrue(allocated < (long) SERIES * FRAMES, "pooled buffers were not reused: " + allocated);
        }
    }
}
