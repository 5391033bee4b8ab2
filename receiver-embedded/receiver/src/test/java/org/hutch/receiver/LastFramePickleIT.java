package org.hutch.receiver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import okhttp3.Response;
import org.hutch.codec.pickle.PickleReader;
import org.hutch.model.pixels.BlockReducer;
import org.hutch.model.pixels.BlockReduction;
import org.hutch.model.pixels.PixelType;
import org.hutch.stream.Compression;
import org.hutch.stream.Frame;
import org.hutch.testkit.Python;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MAX IV's /last_frame: a protocol-4 pickle of [header, blob], read by Java and by Python's own pickle. */
class LastFramePickleIT {
    @TempDir
    Path dir;

    private static byte[] lastFrame(URI api) throws Exception {
        try (Response r = Http.get(api, "/last_frame")) {
            assertEquals(200, r.code());
            assertEquals("image/pickle", r.header("Content-Type"));
            return r.body().bytes();
        }
    }

    @Test
    void lastFrameAsMaxivSendsIt() throws Exception {
        try (TestSender tx = new TestSender();
             EmbeddedReceiver rx = EmbeddedReceiver.start(ReceiverConfig.builder().endpoint(tx.endpoint())
                     .dataDir(dir).build())) {
            var api = rx.apiUri();
            List<?> empty = (List<?>) PickleReader.loads(lastFrame(api));
            assertEquals(2, empty.size());
            assertTrue(((Map<?, ?>) empty.get(0)).isEmpty());
            assertEquals(0, ((byte[]) empty.get(1)).length);

            tx.send(TestFrames.start(0, "", Map.of()));
            Frame f = TestFrames.frame(1, 0, 20, 18, PixelType.UINT16, Compression.BSLZ4, 3);
            tx.send(f);
            Http.awaitJson(api, "/received_frames", j -> j.path("value").asInt() == 1, 10);
            byte[] body = lastFrame(api);
            List<?> l = (List<?>) PickleReader.loads(body);
            Map<?, ?> h = (Map<?, ?>) l.get(0);
            assertEquals("image", h.get("htype"));
            assertEquals("bslz4", h.get("compression"));
            assertEquals("uint16", h.get("type"));
            assertEquals(List.of(20L, 18L), ((List<?>) h.get("shape")).stream().map(o -> ((Number) o).longValue()).toList());
            byte[] blob = new byte[f.blob().remaining()];
            f.blob().duplicate().get(blob);
            assertArrayEquals(blob, (byte[]) l.get(1));

            // downsampled by MAX IV's shared factor: block mean, raw, reduced shape
            Http.CLIENT.newCall(new okhttp3.Request.Builder().url(api + "/downsample?value=4")
                    .post(okhttp3.RequestBody.create(new byte[0], null)).build()).execute().close();
            byte[] small = lastFrame(api);
            List<?> d = (List<?>) PickleReader.loads(small);
            Map<?, ?> dh = (Map<?, ?>) d.get(0);
            assertEquals("none", dh.get("compression"));
            assertEquals(List.of(5L, 5L), ((List<?>) dh.get("shape")).stream().map(o -> ((Number) o).longValue()).toList());
            ByteBuffer want = BlockReducer.reduce(TestFrames.raw(20, 18, PixelType.UINT16, 3), 20, 18, PixelType.UINT16, 4,
                    BlockReduction.MEAN).pixels();
            byte[] w = new byte[want.remaining()];
            want.get(w);
            assertArrayEquals(w, (byte[]) d.get(1));

            // Python's own pickle reads it (protocol 4, no numpy needed for [dict, bytes])
            Python.assumeModules();
            Path p = dir.resolve("frame.pickle");
            Files.write(p, body);
            String out = Python.check("import pickle\nh, b = pickle.load(open(" + Python.literal(p.toString()) + ", 'rb'))\n"
                    + "print(h['htype'], h['frame'], h['shape'], h['type'], h['compression'], len(b), type(b).__name__)\n");
            assertEquals("image 0 [20, 18] uint16 bslz4 " + blob.length + " bytes", out.trim());
        }
    }
}
