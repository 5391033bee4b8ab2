package org.hutch.app.cli.receiver;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hutch.model.pixels.PixelType;
import org.hutch.receiver.ReceiverConfig;
import org.hutch.stream.Compression;
import org.hutch.stream.Frame;
import org.hutch.stream.SeriesStart;
import org.hutch.stream.StinsEncoder;
import org.hutch.stream.StreamFormat;
import org.hutch.testkit.Hdf5ReadBack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import picocli.CommandLine;

/** {@code hutch receiver}: arguments, the ready line, and a clean stop on SIGTERM. */
class ReceiverCommandIT {
    @TempDir
    Path dir;

    private static int exitCode(String... args) {
        CommandLine cl = new CommandLine(new ReceiverCommand());
        cl.setErr(new PrintWriter(new StringWriter()));
        cl.setOut(new PrintWriter(new StringWriter()));
        return cl.execute(args);
    }

    @Test
    void badArgumentsExitWith2() {
        assertEquals(2, exitCode());
        assertEquals(2, exitCode("--stins", "localhost:9999"));
        assertEquals(2, exitCode("--stins", "tcp://127.0.0.1:9999", "--api-host", "0.0.0.0"));
        assertEquals(2, exitCode("--stins", "tcp://127.0.0.1:9999", "--on-exists", "sometimes"));
        assertEquals(2, exitCode("--config", "/no/such/detectors.yaml", "--detector", "x"));
        assertEquals(2, exitCode("--workers", "two"));
    }

    @Test
    void printsTheReadyLineAndStops() throws Exception {
        ReceiverCommand cmd = new ReceiverCommand();
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(cmd);
        cl.setOut(new PrintWriter(out, true));
        int[] code = {-1};
        Thread t = new Thread(() -> code[0] = cl.execute("--stins", "tcp://127.0.0.1:1", "--api-port", "0",
                "--data-dir", dir.toString()), "receiver-command-under-test");
        t.start();
        assertTrue(cmd.ready.await(20, TimeUnit.SECONDS), "no ready line");
        String line = out.toString().trim();
        assertTrue(line.matches("listening api=http://127\\.0\\.0\\.1:\\d+ stream=tcp://127\\.0\\.0\\.1:1"), line);
        URI api = URI.create(line.split(" ")[1].substring("api=".length()));
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(api.resolve("/status")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("{\"state\":\"idle\"}", r.body());
        cmd.stop.countDown();
        t.join(20_000);
        assertEquals(0, code[0]);
    }

    @Test
    void sigtermClosesTheOpenFileCleanly() throws Exception {
        try (ZContext ctx = new ZContext(1)) {
            ZMQ.Socket push = ctx.createSocket(SocketType.PUSH);
            push.setLinger(1000);
            int port = push.bindToRandomPort("tcp://127.0.0.1");
            String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
                    ReceiverCommand.class.getName(), "--stins", "tcp://127.0.0.1:" + port, "--api-port", "0",
                    "--data-dir", dir.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try {
                BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                String line = in.readLine();
                assertTrue(line != null && line.startsWith("listening api="), String.valueOf(line));
                URI api = URI.create(line.split(" ")[1].substring("api=".length()));
                StinsEncoder enc = new StinsEncoder();
                send(push, enc.encode(new SeriesStart(0, 0, StreamFormat.STINS, "sigterm.h5", null,
                        Map.of("filename", "sigterm.h5"), Map.of())));
                for (int i = 0; i < 3; i++) {
                    ByteBuffer raw = ByteBuffer.allocate(8 * 8 * 2);
                    raw.putShort(0, (short) (i + 1));
                    send(push, enc.encode(new Frame(0, i + 1, i, 8, 8, PixelType.UINT16, Compression.NONE, raw, Map.of())));
                }
                HttpClient http = HttpClient.newHttpClient();
                await("3 frames written").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                        .until(() -> http.send(HttpRequest.newBuilder(api.resolve("/api/v1/status")).build(),
                                HttpResponse.BodyHandlers.ofString()).body(), body -> body.contains("\"written\":3"));
                p.destroy(); // SIGTERM, as systemd or Ctrl-C would
                assertTrue(p.waitFor(30, TimeUnit.SECONDS), "receiver did not stop on SIGTERM");
            } finally {
                p.destroyForcibly();
            }
            assertEquals(3, Hdf5ReadBack.shape(dir.resolve("sigterm.h5"), ReceiverConfig.DEFAULT_DSET_NAME)[0]);
        }
    }

    private static void send(ZMQ.Socket s, List<byte[]> parts) {
        for (int i = 0; i < parts.size(); i++) {
            s.send(parts.get(i), i < parts.size() - 1 ? ZMQ.SNDMORE : 0);
        }
    }
}
