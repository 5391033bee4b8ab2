package org.hutch.receiver;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.hutch.model.pixels.PixelType;
import org.hutch.stream.Compression;
import org.hutch.stream.Frame;
import org.hutch.testkit.Python;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A receiver killed with SIGKILL while a series arrives: the file opens afterwards and
 * every frame older than the writer's last periodic flush reads back bit-exact.
 */
class CrashRecoveryIT {
    private static final int ROWS = 32;
    private static final int COLS = 24;
    private static final int SEEDS = 20;

    @TempDir
    Path dir;

    @Test
    void framesFlushedBeforeSigkillStayReadable() throws Exception {
        Python.assumeH5py();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try (TestSender tx = new TestSender()) {
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    ReceiverChild.class.getName(), tx.endpoint(), dir.toString()).redirectErrorStream(true).start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                        StandardCharsets.UTF_8));
                String line;
                URI api = null;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("API ")) {
                        api = URI.create(line.substring(4).trim());
                        break;
                    }
                }
                assertTrue(api != null, "the child receiver did not start");
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }));
                drain.setDaemon(true);
                drain.start();
                tx.send(TestFrames.start(0, "crash.h5", Map.of()));
                // a steady stream (about 200 fps) that is still arriving when the process is killed: the writer's
                // queue is never empty for long, which was the only time it flushed
                List<Frame> frames = new ArrayList<>();
                for (int i = 0; i < SEEDS; i++) {
                    frames.add(TestFrames.frame(0, i, ROWS, COLS, PixelType.UINT16, Compression.BSLZ4, i));
                }
                AtomicBoolean sending = new AtomicBoolean(true);
                Thread sender = new Thread(() -> {
                    for (int i = 0; i < 20_000 && sending.get(); i++) {
                        Frame f = frames.get(i % SEEDS);
                        tx.send(new Frame(0, i + 1, i, f.rows(), f.cols(), f.dtype(), f.compression(), f.blob(),
                                f.header()));
                        LockSupport.parkNanos(5_000_000L);
                    }
                }, "crash-test-sender");
                sender.start();
                try {
                    // well past the first 2 s flush of the series
                    Http.awaitJson(api, "/api/v1/status", j -> j.path("series").path("written").asInt() >= 800, 60);
                } finally {
                    child.destroyForcibly(); // SIGKILL while frames arrive: no shutdown hook, no close
                    sending.set(false);
                    sender.join(10_000);
                }
            } finally {
                child.destroyForcibly();
                child.waitFor(20, TimeUnit.SECONDS);
            }
        }
        String py = Python.check("import h5py, hdf5plugin, hashlib, numpy as np\n"
                + "f = h5py.File(" + Python.literal(dir.resolve("crash.h5").toString()) + ", 'r')\n"
                + "d = f['/entry/instrument/detector/data']\n"
                + "print('frames', d.shape[0])\n"
                + "for i in range(d.shape[0]):\n"
                + "    print(i, hashlib.sha256(np.ascontiguousarray(d[i]).astype('<u2').tobytes()).hexdigest())\n");
        int frames = Integer.parseInt(py.lines().filter(l -> l.startsWith("frames ")).findFirst().orElseThrow()
                .substring(7).trim());
        assertTrue(frames >= 1, "frames older than the last flush must be readable:\n" + py);
        List<String> lines = py.lines().toList();
        for (int i = 0; i < frames; i++) {
            String want = i + " " + TestFrames.sha256(TestFrames.raw(ROWS, COLS, PixelType.UINT16, i % SEEDS));
            assertTrue(lines.contains(want), "frame " + i + " differs:\n" + py);
        }
    }
}
