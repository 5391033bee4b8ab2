package org.hutch.app.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.hutch.codec.Bslz4Codec;
import org.hutch.model.pixels.BlockReduction;
import org.hutch.model.pixels.PixelType;
import org.hutch.model.receiver.ReceiverStatus;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against a receiver that has only MAX IV's API layer. */
class MaxIvApiClientIT {

    @TempDir
    Path dir;

    private static byte[] uint16Ramp(int rows, int cols) {
        ByteBuffer b = ByteBuffer.allocate(rows * cols * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < rows * cols; i++) {
            b.putShort((short) ((i * 7) % 60000));
        }
        return b.array();
    }

    private static byte[] uint32Rings(int rows, int cols) {
        ByteBuffer b = ByteBuffer.allocate(rows * cols * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                b.putInt(r == 3 && c == 5 ? 0xFFFFFFFF : (int) Math.hypot(r - rows / 2.0, c - cols / 2.0) % 17);
            }
        }
        return b.array();
    }

    @Test
    void fallsBackToTheMaxIvApiAndReadsRawFrames() throws Exception {
        try (MaxIvTestServer server = new MaxIvTestServer(0);
             ReceiverClient client = ReceiverClients.connect(server.url())) {
            assertEquals(ApiLayer.MAXIV, client.layer());
            assertFalse(client.supportsAzint());
            assertEquals(ReceiverStatus.State.IDLE, client.status().state());
            assertEquals(FrameResult.Kind.NONE, client.lastFrame(1, BlockReduction.MAX, null).kind());

            byte[] raw = uint16Ramp(40, 60);
            server.setState("running");
            server.putFrame(9, 40, 60, "uint16", "none", raw);
            ReceiverStatus st = client.status();
            assertTrue(st.isRunning());
            assertEquals(10, st.received());

            FrameResult r = client.lastFrame(1, BlockReduction.MAX, null);
            assertEquals(FrameResult.Kind.NEW, r.kind());
            LiveFrame f = r.frame();
            assertEquals(40, f.rows());
            assertEquals(60, f.cols());
            assertEquals(PixelType.UINT16, f.dtype());
            assertEquals(9, f.frame());
            assertEquals((1234 * 7) % 60000, f.value(1234));

            int requests = server.lastFrameRequests();
            assertEquals(FrameResult.Kind.UNCHANGED, client.lastFrame(1, BlockReduction.MAX, r.tag()).kind());
            assertEquals(requests, server.lastFrameRequests(), "an unchanged frame is not downloaded again");

            // asked for 4x: reduced here, the shared factor stays untouched
            LiveFrame small = client.lastFrame(4, BlockReduction.MAX, null).frame();
            assertEquals(10, small.rows());
            assertEquals(15, small.cols());
            assertEquals(0, server.downsamplePosts());
            assertEquals(1, server.sharedDownsample());
        }
    }

    @Test
    void onePollAsksForReceivedFramesOnceAndTheRateComesFromTheCounts() throws Exception {
        try (MaxIvTestServer server = new MaxIvTestServer(0);
             ReceiverClient client = ReceiverClients.connect(server.url())) {
            server.setState("running");
            server.putFrame(9, 40, 60, "uint16", "none", uint16Ramp(40, 60));
            ReceiverStatus first = client.status();
            assertTrue(Double.isNaN(first.fps()), "no rate from a single count");
            assertEquals(-1, first.written(), "written is unknown, not 0");
            int before = server.receivedFramesRequests();
            client.lastFrame(1, BlockReduction.MAX, null);
            assertEquals(before, server.receivedFramesRequests(), "the frame poll reuses the count status() read");

            server.putFrame(29, 40, 60, "uint16", "none", uint16Ramp(40, 60));
            ReceiverStatus second = client.status();
            assertEquals(30, second.received());
            assertTrue(second.fps() > 0, "rate from the counts: " + second.fps());
        }
    }

    @Test
    void decodesBslz4BlobsClientSide() throws Exception {
        byte[] raw = uint32Rings(64, 48);
        byte[] chunk = bytes(Bslz4Codec.compress(ByteBuffer.wrap(raw), 4));
        try (MaxIvTestServer server = new MaxIvTestServer(0);
             ReceiverClient client = ReceiverClients.connect(server.url())) {
            server.putFrame(0, 64, 48, "uint32", "bslz4", chunk);
            LiveFrame f = client.lastFrame(1, BlockReduction.MAX, null).frame();
            assertEquals(PixelType.UINT32, f.dtype());
            ByteBuffer expected = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < 64 * 48; i++) {
                assertEquals(expected.getInt(i * 4) & 0xFFFFFFFFL, (long) f.value(i), "pixel " + i);
            }
            assertEquals(4294967295.0, f.value(3 * 48 + 5));
        }
    }

    @Test
    void readsNumpyPickledFramesOfADownsamplingReceiver() throws Exception {
        byte[] raw = uint16Ramp(40, 60);
        try (MaxIvTestServer server = new MaxIvTestServer(0);
             ReceiverClient client = ReceiverClients.connect(server.url())) {
            server.setSharedDownsample(2); // set by someone else on the beamline
            server.putFrame(4, 40, 60, "uint16", "none", raw);
            LiveFrame f = client.lastFrame(2, BlockReduction.MEAN, null).frame();
            assertEquals(20, f.rows());
            assertEquals(30, f.cols());
            assertEquals(2, f.downsample());
            ByteBuffer in = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
            int r = 7;
            int c = 11;
            int sum = 0;
            for (int dr = 0; dr < 2; dr++) {
                for (int dc = 0; dc < 2; dc++) {
                    sum += in.getShort(((2 * r + dr) * 60 + 2 * c + dc) * 2) & 0xFFFF;
                }
            }
            assertEquals(sum / 4, (int) f.value(r * 30 + c));
            assertEquals(0, server.downsamplePosts());
        }
    }

    @Test
    void theHandBuiltNumpyPickleIsWhatNumpyReads() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        Assumptions.assumeTrue(Files.isExecutable(python), "no /usr/bin/python3: numpy cross-check skipped");
        byte[] raw = uint16Ramp(6, 8);
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("htype", "image");
        h.put("frame", 2);
        h.put("shape", new PythonPickleBytes.Tuple(List.of(6, 8)));
        h.put("type", "uint16");
        byte[] ours = PythonPickleBytes.dumpsList(h, new PythonPickleBytes.NdArray("u2", new int[] {6, 8}, raw));
        Path in = dir.resolve("ours.pickle");
        Files.write(in, ours);
        Files.write(dir.resolve("raw.bin"), raw);
        String script = "import sys, pickle\ntry:\n import numpy as np\nexcept ImportError:\n print('NONUMPY'); sys.exit(0)\n"
                + "raw = open(sys.argv[2], 'rb').read()\n"
                + "a = np.frombuffer(raw, dtype='<u2').reshape(6, 8)\n"
                + "h = {'htype': 'image', 'frame': 2, 'shape': a.shape, 'type': 'uint16'}\n"
                + "theirs = pickle.dumps([h, a])\n"
                + "ours = open(sys.argv[1], 'rb').read()\n"
                + "back = pickle.loads(ours)\n"
                + "print('SAME' if ours == theirs and (back[1] == a).all() else 'DIFFERENT')\n";
        Process p = new ProcessBuilder(python.toString(), "-c", script, in.toString(), dir.resolve("raw.bin").toString())
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes()).trim();
        Assumptions.assumeFalse(out.endsWith("NONUMPY"), "numpy not importable: cross-check skipped");
        assertTrue(out.endsWith("SAME"), out);
    }

    @Test
    void onlyAnExplicitRequestChangesTheSharedFactor() throws Exception {
        try (MaxIvTestServer server = new MaxIvTestServer(0);
             ReceiverClient client = ReceiverClients.connect(server.url())) {
            MaxIvApiClient maxiv = (MaxIvApiClient) client;
            assertEquals(1, maxiv.sharedDownsample());
            assertEquals(3, maxiv.setSharedDownsample(3));
            assertEquals(3, server.sharedDownsample());
            assertEquals(1, server.downsamplePosts());
            assertThrows(ReceiverException.class, () -> maxiv.setSharedDownsample(0));
            assertEquals(4, ReceiverClients.setSharedDownsample(server.url(), 4, Duration.ofSeconds(2)));
            assertEquals(4, server.sharedDownsample());
            assertEquals(2, server.downsamplePosts());
        }
    }

    @Test
    void aServerWithNeitherApiIsReported() throws Exception {
        try (MaxIvTestServer server = new MaxIvTestServer(0)) {
            ReceiverException e = assertThrows(ReceiverException.class,
                    () -> ReceiverClients.connect(server.url() + "/wrong/prefix", Duration.ofSeconds(2)));
            assertTrue(e.getMessage().contains("404"), e.getMessage());
        }
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
