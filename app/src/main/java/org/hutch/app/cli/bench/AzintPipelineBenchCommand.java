package org.hutch.app.cli.bench;

import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.hutch.azint.FrameView;
import org.hutch.azint.Geometry;
import org.hutch.azint.Integrator;
import org.hutch.azint.Poni;
import org.hutch.codec.Bslz4Codec;
import org.hutch.codec.EigerLikeFrame;
import org.hutch.model.pixels.PixelType;
import org.hutch.receiver.azint.AzintSetup;
import org.hutch.receiver.pipeline.AzintPipeline;
import org.hutch.receiver.pipeline.PipelineConfig;
import org.hutch.stream.Compression;
import org.hutch.stream.Frame;
import org.hutch.stream.SeriesEnd;
import org.hutch.stream.SeriesStart;
import org.hutch.stream.StreamFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hutch bench azint-pipeline}: frames per second of the full-rate pipeline (bslz4 decompression,
 * full pixel splitting, solid angle, Poisson sigma, NeXus file written) for a 4M (2162x2068) and a 1M
 * (1030x1065) uint32 frame, and the matrix setup time. The machine's load average is printed beside
 * the figures: on a shared machine they are a lower bound.
 */
@Command(name = "azint-pipeline", mixinStandardHelpOptions = true,
        description = "Benchmark the full-rate azint pipeline: 4M and 1M uint32 frames, full splitting, sigma, file "
                + "written; fps and setup time.")
public final class AzintPipelineBenchCommand implements Callable<Integer> {
    private static final Map<String, int[]> SIZES = Map.of("4m", new int[] {2162, 2068}, "1m", new int[] {1030, 1065});

    @Spec
    CommandSpec spec;
    @Option(names = "--size", split = ",", defaultValue = "4m,1m", description = "4m, 1m or both (default ${DEFAULT-VALUE})")
    List<String> sizes;
    @Option(names = "--threads", description = "integration threads (default: the cores, ${DEFAULT-VALUE} here)")
    int threads = Runtime.getRuntime().availableProcessors();
    @Option(names = "--frames", defaultValue = "200", description = "timed frames (default ${DEFAULT-VALUE})")
    int frames;
    @Option(names = "--warmup", defaultValue = "40", description = "untimed frames first (default ${DEFAULT-VALUE})")
    int warmup;
    @Option(names = "--cake", defaultValue = "0", description = "also integrate and write a cake of N azimuth bins "
            + "(default ${DEFAULT-VALUE}: none)")
    int cake;
    @Option(names = "--compression", defaultValue = "bslz4", description = "bslz4 (as detectors send) or none")
    String compression;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "machine: %d cores, load average before: %s%n", Runtime.getRuntime().availableProcessors(),
                loadAverage());
        for (String s : sizes) {
            int[] shape = SIZES.get(s.toLowerCase(Locale.ROOT));
            if (shape == null) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--size: 4m or 1m, not " + s);
            }
            run(out, s, shape[0], shape[1]);
        }
        out.printf(Locale.ROOT, "load average after: %s%n", loadAverage());
        return 0;
    }

    private void run(PrintWriter out, String name, int rows, int cols) throws Exception {
        Poni poni = new Poni(Poni.GENERIC, 75e-6, 75e-6, rows, cols, 0.15, rows * 75e-6 * 0.45, cols * 75e-6 * 0.55,
                0.0, 0.0, 0.0, 1.0e-10);
        AzintSetup setup = AzintSetup.of(poni);
        long t0 = System.nanoTime(), sc0 = cpuNanos();
        Integrator.build(new Geometry(poni), null, setup.settings());
        double setupMs = (System.nanoTime() - t0) / 1e6;
        double setupCpuMs = (cpuNanos() - sc0) / 1e6;

        ByteBuffer raw = EigerLikeFrame.generate(rows, cols, 4, 7);
        boolean bslz4 = compression.equals("bslz4");
        ByteBuffer blob = bslz4 ? Bslz4Codec.compress(raw, 4) : raw;
        Path dir = Files.createTempDirectory("hutch-bench-azpipe");
        try (AzintPipeline p = new AzintPipeline(new PipelineConfig(setup, null, null, dir, threads,
                PipelineConfig.DEFAULT_QUEUE, true, "bench", cake)).start()) {
            p.offer(new SeriesStart(0, 0, StreamFormat.STINS, "bench_" + name + ".h5", (long) (warmup + frames),
                    Map.of(), Map.of()));
            long base = p.counters().integrated();
            for (int i = 0; i < warmup; i++) {
                p.offer(frame(i, rows, cols, blob, bslz4));
            }
            waitFor(p, base + warmup);
            long c0 = cpuNanos();
            long w0 = System.nanoTime();
            for (int i = warmup; i < warmup + frames; i++) {
                p.offer(frame(i, rows, cols, blob, bslz4));
            }
            waitFor(p, base + warmup + frames);
            double seconds = (System.nanoTime() - w0) / 1e9;
            double cpu = (cpuNanos() - c0) / 1e9;
            p.offer(new SeriesEnd(0, warmup + frames + 1));
            out.printf(Locale.ROOT, "%s %dx%d uint32 %s, full splitting, sigma%s, %d threads: %.1f fps (%.2f ms/frame; "
                            + "process CPU %.1f ms/frame), setup %.0f ms (process CPU %.0f ms, first build in this JVM), %d skipped%n",
                    name.toUpperCase(Locale.ROOT), rows, cols, compression, cake > 0 ? ", cake " + cake + " azimuth bins" : "",
                    threads, frames / seconds, 1000 * seconds / frames, 1000 * cpu / frames, setupMs, setupCpuMs,
                    p.counters().skipped());
            out.flush();
            alone(out, name, poni, setup, raw, blob, bslz4, 1000 * cpu / frames);
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /**
     * The same frame decoded and integrated on this thread alone, in the same run (so under the same load):
     * what the pipeline's CPU per frame is made of, and what it costs on top.
     */
    private void alone(PrintWriter out, String name, Poni poni, AzintSetup setup, ByteBuffer raw, ByteBuffer blob,
                       boolean bslz4, double pipelineCpuMs) throws Exception {
        long t0 = System.nanoTime(), sc0 = cpuNanos();
        Integrator it = Integrator.build(new Geometry(poni), null, setup.settings());
        out.printf(Locale.ROOT, "%s setup again (JIT warm): %.0f ms (process CPU %.0f ms)%n", name.toUpperCase(Locale.ROOT),
                (System.nanoTime() - t0) / 1e6, (cpuNanos() - sc0) / 1e6);
        Integrator.Lane lane = it.newLane();
        var result = it.newResult();
        Bslz4Codec.Decoder decoder = new Bslz4Codec.Decoder();
        ByteBuffer pixels = ByteBuffer.allocate(raw.remaining()).order(ByteOrder.LITTLE_ENDIAN);
        int n = Math.max(10, Math.min(frames, 50));
        var threadsBean = java.lang.management.ManagementFactory.getThreadMXBean();
        long c0 = threadsBean.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
            if (bslz4) {
                decoder.decompress(blob.duplicate(), 4, pixels.clear());
            } else {
                pixels.clear().put(raw.duplicate());
            }
        }
        long c1 = threadsBean.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
            lane.integrate(FrameView.of(pixels.clear(), PixelType.UINT32), result);
        }
        long c2 = threadsBean.getCurrentThreadCpuTime();
        double decodeMs = (c1 - c0) / 1e6 / n;
        double integrateMs = (c2 - c1) / 1e6 / n;
        out.printf(Locale.ROOT, "%s alone on one thread, same run%s: decode %.1f ms + integrate %.1f ms = %.1f ms CPU per "
                        + "frame; pipeline CPU per frame / alone = %.2f%n", name.toUpperCase(Locale.ROOT),
                cake > 0 ? " (the curve only, no cake)" : "", decodeMs, integrateMs, decodeMs + integrateMs,
                pipelineCpuMs / (decodeMs + integrateMs));
        out.flush();
    }

    private static Frame frame(long i, int rows, int cols, ByteBuffer blob, boolean bslz4) {
        return new Frame(0, i + 1, i, rows, cols, PixelType.UINT32, bslz4 ? Compression.BSLZ4 : Compression.NONE,
                blob.duplicate(), Map.of());
    }

    private static void waitFor(AzintPipeline p, long integrated) throws InterruptedException {
        while (p.counters().integrated() + p.counters().failed() < integrated) {
            Thread.sleep(2);
        }
        if (p.counters().failed() > 0) {
            throw new IllegalStateException("frames failed: " + p.counters().toJson().get("error"));
        }
    }

    private static long cpuNanos() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean s ? s.getProcessCpuTime() : 0;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
