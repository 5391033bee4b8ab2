package org.hutch.app.cli.receiver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hutch.model.pixels.BlockReducer;
import org.hutch.model.pixels.BlockReduction;
import org.hutch.model.pixels.PixelType;
import org.hutch.model.receiver.ReceiverStatus;
import org.hutch.receiver.EmbeddedReceiver;
import org.hutch.receiver.ReceiverConfig;
import org.hutch.stream.Compression;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hutch bench receiver}: end-to-end throughput over loopback. A load generator in its own
 * process ({@link BenchSender}: STINS, pre-built frames, bslz4 from a pre-compressed pool) pushes one
 * series as fast as the receiver takes it; the receiver in this process writes the HDF5 file. Per case
 * it reports sustained frames/s (first frame received to last frame written), MB/s raw and on the
 * wire, frames lost, and peak RSS of the receiver process (VmHWM, reset before each case). Then it
 * times {@code /api/v1/frames/last?downsample=4} and {@code /last_frame} on 2162x2068 uint32 bslz4 frames.
 */
@Command(name = "receiver", mixinStandardHelpOptions = true,
        description = "Benchmark the stream receiver end to end over loopback (sender in its own process, "
                + "HDF5 writing on), and the live-view endpoints on a 2162x2068 uint32 frame.")
public final class ReceiverBenchCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--frames-small", paramLabel = "N", description = "frames per 320x320 run (default ${DEFAULT-VALUE})")
    int framesSmall = 10_000;

    @Option(names = "--frames-large", paramLabel = "N", description = "frames per 1024x1024 run (default ${DEFAULT-VALUE})")
    int framesLarge = 2_000;

    @Option(names = "--repeat", paramLabel = "R", description = "runs per case; the median is reported (default ${DEFAULT-VALUE})")
    int repeat = 3;

    @Option(names = "--workers", paramLabel = "N", description = "receiver PULL workers (default ${DEFAULT-VALUE}, as MAX IV's reference)")
    int workers = 1;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "where the files go (default: a temporary folder; files are deleted after each run)")
    Path dataDir;

    @Option(names = "--skip-live", description = "skip the /api/v1/frames/last latency part")
    boolean skipLive;

    @Option(names = "--receiver-heap", paramLabel = "SIZE", description = "-Xmx of the receiver process (default ${DEFAULT-VALUE})")
    String receiverHeap = "512m";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Case(String name, int rows, int cols, PixelType dtype, Compression compression, int frames) {
    }

    private record Run(double fps, double seconds, long lost, long written, long peakRssKb, long senderRssKb,
                       long wireBytes) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = dataDir != null ? Files.createDirectories(dataDir) : Files.createTempDirectory("hutch-bench");
        out.printf(Locale.ROOT, "receiver bench: receiver process -Xmx%s, %d worker(s), HDF5 writing on, files in %s, "
                + "%d cores, load %s%n", receiverHeap, workers, dir, Runtime.getRuntime().availableProcessors(),
                loadAverage());
        List<Case> cases = List.of(
                new Case("320x320 uint16 none (200 kB)", 320, 320, PixelType.UINT16, Compression.NONE, framesSmall),
                new Case("320x320 uint16 bslz4", 320, 320, PixelType.UINT16, Compression.BSLZ4, framesSmall),
                new Case("1024x1024 uint16 none (2 MB)", 1024, 1024, PixelType.UINT16, Compression.NONE, framesLarge),
                new Case("1024x1024 uint16 bslz4", 1024, 1024, PixelType.UINT16, Compression.BSLZ4, framesLarge));
        out.println("| case | frames | fps (median) | MB/s raw | MB/s wire | lost | peak RSS receiver | runs (fps) |");
        out.println("|---|---|---|---|---|---|---|---|");
        out.flush();
        for (Case c : cases) {
            List<Run> runs = new ArrayList<>();
            for (int i = 0; i < repeat; i++) {
                runs.add(run(c, dir));
            }
            Run med = runs.stream().sorted((a, b) -> Double.compare(a.fps(), b.fps())).toList().get(runs.size() / 2);
            double raw = (double) c.rows() * c.cols() * c.dtype().bytes();
            long lost = runs.stream().mapToLong(Run::lost).sum();
            long rss = runs.stream().mapToLong(Run::peakRssKb).max().orElse(0);
            out.printf(Locale.ROOT, "| %s | %d | %.0f | %.0f | %.0f | %d | %d MB | %s |%n", c.name(), c.frames(),
                    med.fps(), med.fps() * raw / 1e6, med.fps() * med.wireBytes() / c.frames() / 1e6, lost,
                    rss / 1024, runs.stream().map(r -> String.format(Locale.ROOT, "%.0f", r.fps())).toList());
            out.flush();
        }
        if (!skipLive) {
            live(dir, out);
        }
        if (dataDir == null) {
            deleteTree(dir);
        }
        return 0;
    }

    private Run run(Case c, Path dir) throws Exception {
        String file = "bench-" + System.nanoTime() + ".h5";
        Process sender = startSender(c.rows(), c.cols(), c.dtype(), c.compression(), c.frames(), 0, file);
        Process receiver = null;
        BufferedReader sout = new BufferedReader(new InputStreamReader(sender.getInputStream(), StandardCharsets.UTF_8));
        Writer sin = new OutputStreamWriter(sender.getOutputStream(), StandardCharsets.UTF_8);
        try {
            int port = Integer.parseInt(expect(sout, "port ").trim());
            receiver = startReceiver(port, dir);
            URI status = URI.create(expect(new BufferedReader(new InputStreamReader(receiver.getInputStream(),
                    StandardCharsets.UTF_8)), "listening api=").split(" ")[0]).resolve("/api/v1/status");
            sin.write("go\n");
            sin.flush();
            long first = 0;
            long done;
            long lastProgress = System.nanoTime();
            long lastReceived = -1;
            JsonNode st;
            while (true) {
                st = JSON.readTree(HTTP.send(HttpRequest.newBuilder(status).build(),
                        HttpResponse.BodyHandlers.ofByteArray()).body());
                long now = System.nanoTime();
                JsonNode series = st.path("series");
                long received = series.path("received").asLong();
                if (first == 0 && received > 0) {
                    first = now;
                }
                if (received != lastReceived) {
                    lastReceived = received;
                    lastProgress = now;
                }
                if (!series.isMissingNode() && !series.isNull() && !st.path("state").asText().equals("running")
                        && received + series.path("lost").asLong() >= c.frames()) {
                    done = now;
                    break;
                }
                if (now - lastProgress > 30_000_000_000L) {
                    done = now;
                    break;
                }
                Thread.sleep(5);
            }
            long peak = peakRssKb(Long.toString(receiver.pid()));
            long senderPeak = peakRssKb(Long.toString(sender.pid()));
            long written = st.path("series").path("written").asLong();
            double secs = (done - first) / 1e9;
            // the sender reports the blob bytes it sent once it is done
            String[] sent = expect(sout, "sent ").trim().split(" ");
            long wire = Long.parseLong(sent[sent.length - 1]);
            return new Run((written - 1) / Math.max(secs, 1e-9), secs, c.frames() - written, written, peak, senderPeak,
                    wire);
        } finally {
            sin.write("quit\n");
            sin.flush();
            sender.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            sender.destroyForcibly();
            if (receiver != null) {
                receiver.destroy();
                receiver.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
                receiver.destroyForcibly();
            }
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.filter(p -> p.getFileName().toString().startsWith("bench-")).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private Process startReceiver(int port, Path dir) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx" + receiverHeap, "-cp",
                System.getProperty("java.class.path"), ReceiverCommand.class.getName(),
                "--stins", "tcp://127.0.0.1:" + port, "--workers", Integer.toString(workers), "--api-port", "0",
                "--data-dir", dir.toString(), "--on-exists", "overwrite"));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /**
     * Latency of the live-view endpoints on 2162x2068 uint32 bslz4 frames arriving at 10 fps, polled
     * at 2 Hz as a viewer does; then the cost of preparing one such frame cold (decompress + reduce).
     */
    private void live(Path dir, PrintWriter out) throws Exception {
        int n = 200;
        Process sender = startSender(2162, 2068, PixelType.UINT32, Compression.BSLZ4, n, 10, "");
        BufferedReader sout = new BufferedReader(new InputStreamReader(sender.getInputStream(), StandardCharsets.UTF_8));
        Writer sin = new OutputStreamWriter(sender.getOutputStream(), StandardCharsets.UTF_8);
        List<Double> downsampled = new ArrayList<>();
        List<Double> pickle = new ArrayList<>();
        int changed = 0;
        try {
            int port = Integer.parseInt(expect(sout, "port ").trim());
            try (EmbeddedReceiver rx = EmbeddedReceiver.start(ReceiverConfig.builder()
                    .endpoint("tcp://127.0.0.1:" + port).dataDir(dir).build())) {
                URI last = rx.apiUri().resolve("/api/v1/frames/last?downsample=4");
                URI lastFrame = rx.apiUri().resolve("/last_frame");
                sin.write("go\n");
                sin.flush();
                String prev = null;
                long deadline = System.nanoTime() + 25_000_000_000L;
                while (System.nanoTime() < deadline) {
                    long t0 = System.nanoTime();
                    HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(last).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    double ms = (System.nanoTime() - t0) / 1e6;
                    if (r.statusCode() == 200) {
                        String frame = r.headers().firstValue("X-Hutch-Frame").orElse("");
                        if (prev != null) {
                            // the first answer pays for warming up the JIT
                            downsampled.add(ms);
                            changed += frame.equals(prev) ? 0 : 1;
                        }
                        prev = frame;
                        long t1 = System.nanoTime();
                        HttpResponse<byte[]> p = HTTP.send(HttpRequest.newBuilder(lastFrame).build(),
                                HttpResponse.BodyHandlers.ofByteArray());
                        if (p.statusCode() == 200) {
                            pickle.add((System.nanoTime() - t1) / 1e6);
                        }
                        if (frame.equals(Integer.toString(n - 1))) {
                            break;
                        }
                    }
                    Thread.sleep(500);
                }
            }
        } finally {
            sin.write("quit\n");
            sin.flush();
            sender.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            sender.destroyForcibly();
        }
        List<Double> decode = new ArrayList<>();
        List<Double> reduce = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            java.nio.ByteBuffer raw = BenchSender.pixels(2162, 2068, PixelType.UINT32, 100 + (i % 4));
            org.hutch.stream.Frame f = new org.hutch.stream.Frame(0, 1, i, 2162, 2068, PixelType.UINT32, Compression.BSLZ4,
                    org.hutch.codec.Bslz4Codec.compress(raw, 4), null);
            long t0 = System.nanoTime();
            java.nio.ByteBuffer px = org.hutch.stream.FramePixels.decode(f);
            long t1 = System.nanoTime();
            BlockReducer.reduce(px, 2162, 2068, PixelType.UINT32, 4, BlockReduction.MAX);
            long t2 = System.nanoTime();
            if (i >= 4) {
                decode.add((t1 - t0) / 1e6);
                reduce.add((t2 - t1) / 1e6);
            }
        }
        out.printf(Locale.ROOT, "%n| live view, 2162x2068 uint32 bslz4, frames at 10 fps, polled at 2 Hz | median ms "
                + "| p90 ms | requests |%n|---|---|---|---|%n");
        row(out, "GET /api/v1/frames/last?downsample=4 (" + changed + " answers with a new frame)", downsampled);
        row(out, "GET /last_frame (MAX IV pickle of the bslz4 blob)", pickle);
        row(out, "cold preparation, in process: decompress (FramePixels)", decode);
        row(out, "cold preparation, in process: 4x4 max reduce", reduce);
        out.flush();
    }

    private static void row(PrintWriter out, String what, List<Double> ms) {
        if (ms.isEmpty()) {
            out.printf(Locale.ROOT, "| %s | - | - | 0 |%n", what);
            return;
        }
        double[] a = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %d |%n", what, a[a.length / 2], a[(int) (a.length * 0.9)],
                a.length);
    }

    private static Process startSender(int rows, int cols, PixelType dtype, Compression c, int frames, double fps,
                                       String file) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                BenchSender.class.getName(), Integer.toString(rows), Integer.toString(cols), dtype.numpyName(),
                c.wireName(), Integer.toString(frames), Double.toString(fps), file));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static String expect(BufferedReader r, String prefix) throws IOException {
        String line;
        while ((line = r.readLine()) != null) {
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length());
            }
        }
        throw new IOException("load generator ended before printing '" + prefix + "'");
    }

    private static long peakRssKb(String pid) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (l.startsWith("VmHWM:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static String loadAverage() {
        try {
            return Arrays.toString(Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).split(" "), 3));
        } catch (IOException e) {
            return "?";
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    public static void main(String[] args) {
        System.exit(new picocli.CommandLine(new ReceiverBenchCommand()).execute(args));
    }
}
