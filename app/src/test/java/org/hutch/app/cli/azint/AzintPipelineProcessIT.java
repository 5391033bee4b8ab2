package org.hutch.app.cli.azint;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hutch.app.cli.receiver.ReceiverCommand;
import org.hutch.azint.Poni;
import org.hutch.model.pixels.PixelType;
import org.hutch.receiver.ReceiverConfig;
import org.hutch.stream.Compression;
import org.hutch.stream.Frame;
import org.hutch.stream.SeriesEnd;
import org.hutch.stream.SeriesStart;
import org.hutch.stream.StinsEncoder;
import org.hutch.stream.StreamFormat;
import org.hutch.testkit.Hdf5ReadBack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A receiver and the azint pipeline in two processes, as at a beamline: the pipeline reads the receiver's
 * forwarder and integrates every frame the receiver wrote, and SIGTERM leaves both files complete.
 */
class AzintPipelineProcessIT {
    private static final int ROWS = 96;
    private static final int COLS = 80;
    private static final int FRAMES = 40;

    @TempDir
    Path dir;

    private static Process java(Class<?> main, String... args) throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(javaBin, "-Xmx512m", "-cp",
                System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static String firstLine(Process p) throws Exception {
        String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertTrue(line != null && line.startsWith("listening api="), String.valueOf(line));
        return line;
    }

    private static String word(String line, String key) {
        for (String w : line.split(" ")) {
            if (w.startsWith(key + "=")) {
                return w.substring(key.length() + 1);
            }
        }
        throw new AssertionError(key + " not in " + line);
    }

    private static void send(ZMQ.Socket push, List<byte[]> parts) {
        for (int i = 0; i < parts.size(); i++) {
            assertTrue(push.send(parts.get(i), i < parts.size() - 1 ? ZMQ.SNDMORE : 0), "send timed out");
        }
    }

    private static String get(HttpClient http, URI api, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(api.resolve(path)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void aPipelineProcessIntegratesEveryFrameTheReceiverProcessForwards() throws Exception {
        Path poni = dir.resolve("det.poni");
        Files.writeString(poni, new Poni(Poni.GENERIC, 172e-6, 172e-6, ROWS, COLS, 0.05, 0.008, 0.007, 0, 0, 0, 1e-10)
                .format());
        HttpClient http = HttpClient.newHttpClient();
        StinsEncoder enc = new StinsEncoder();
        try (ZContext ctx = new ZContext(1)) {
            ZMQ.Socket push = ctx.createSocket(SocketType.PUSH);
            push.setLinger(1000);
            push.setSendTimeOut(10_000);
            int port = push.bindToRandomPort("tcp://127.0.0.1", 20000, 32000);
            Process rx = java(ReceiverCommand.class, "--stins", "tcp://127.0.0.1:" + port, "--api-port", "0",
                    "--data-port", "0", "--data-dir", dir.toString());
            Process pipe = null;
            try {
                String data = word(firstLine(rx), "data");
                pipe = java(AzintPipelineCommand.class, "--stream", data, "--poni", poni.toString(), "--data-dir",
                        dir.toString(), "--lossless", "--threads", "2");
                URI api = URI.create(word(firstLine(pipe), "api"));
                // the forwarder sends only once its client is connected: empty series until one reaches the pipeline
                for (int i = 0; i < 100 && get(http, api, "/api/v1/pipeline/status").contains("\"series\":null"); i++) {
                    send(push, enc.encode(new SeriesStart(0, 0, StreamFormat.STINS, "", null, Map.of("filename", ""), Map.of())));
                    send(push, enc.encode(new SeriesEnd(0, 1)));
                    Thread.sleep(200);
                }
                send(push, enc.encode(new SeriesStart(0, 0, StreamFormat.STINS, "scan.h5", (long) FRAMES,
                        Map.of("filename", "scan.h5"), Map.of())));
                for (int i = 0; i < FRAMES; i++) {
                    ByteBuffer raw = ByteBuffer.allocate(ROWS * COLS * 4).order(ByteOrder.LITTLE_ENDIAN);
                    for (int p = 0; p < ROWS * COLS; p++) {
                        raw.putInt(p * 4, (p * 7 + i) % 50);
                    }
                    send(push, enc.encode(new Frame(0, i + 1, i, ROWS, COLS, PixelType.UINT32, Compression.NONE, raw,
                            Map.of())));
                }
                send(push, enc.encode(new SeriesEnd(0, FRAMES + 1)));
                await("every frame integrated").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                        .until(() -> get(http, api, "/api/v1/pipeline/status"),
                                s -> s.contains("\"integrated\":" + FRAMES + ",") && s.contains("\"series_open\":false"));
                String status = get(http, api, "/api/v1/pipeline/status");
                assertTrue(status.contains("\"skipped\":0,"), status);
                pipe.destroy(); // SIGTERM
                rx.destroy();
                assertTrue(pipe.waitFor(30, TimeUnit.SECONDS), "pipeline did not stop on SIGTERM");
                assertTrue(rx.waitFor(30, TimeUnit.SECONDS), "receiver did not stop on SIGTERM");
            } finally {
                rx.destroyForcibly();
                if (pipe != null) {
                    pipe.destroyForcibly();
                }
            }
        }
        assertEquals(FRAMES, Hdf5ReadBack.shape(dir.resolve("scan.h5"), ReceiverConfig.DEFAULT_DSET_NAME)[0]);
        long[] shape = Hdf5ReadBack.shape(dir.resolve("scan_azint.h5"), "/entry/azint/I");
        assertEquals(FRAMES, shape[0], "one row per frame");
        assertEquals(1000, shape[1]);
    }
}
