package org.hutch.app.cli.simulate;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hutch.detector.DetectorState;
import org.hutch.detector.DetectorStatus;
import org.hutch.detector.SeriesWatch;
import org.hutch.detector.PluginOptions;
import org.hutch.detector.simulator.SimulatedDetector;
import org.hutch.detector.simulator.SimulatorConfig;
import org.hutch.model.acquisition.AcquisitionSettings;
import org.hutch.model.acquisition.TriggerMode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hutch bench simulator}: how fast the simulator sends STINS into a PULL sink on loopback, for 200 kB
 * (320x320 uint16) and 2 MB (1024x1024 uint16) frames, uncompressed and bslz4. Prints the median of the
 * repeats and the spread.
 */
@Command(name = "simulator", mixinStandardHelpOptions = true,
        description = "Measures the simulator's send rate into a PULL sink on 127.0.0.1 (200 kB and 2 MB frames, none and bslz4).")
public final class SimulatorBenchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--frames-small", defaultValue = "20000", description = "frames per run of 200 kB (default: ${DEFAULT-VALUE})")
    int framesSmall;

    @Option(names = "--frames-large", defaultValue = "2000", description = "frames per run of 2 MB (default: ${DEFAULT-VALUE})")
    int framesLarge;

    @Option(names = "--repeats", defaultValue = "3", description = "runs per case; the median is reported (default: ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--sink", defaultValue = "jvm", paramLabel = "jvm|thread",
            description = "where the PULL sink runs: another JVM (default) or a thread of this one")
    String sink;

    @Option(names = "--cases", split = ",", paramLabel = "CASE",
            description = "cases to run, of 200k-none, 200k-bslz4, 2m-none, 2m-bslz4 (default: all)")
    List<String> cases;

    private record Case(String name, int rows, int cols, String compression) {
    }

    private static final List<Case> CASES = List.of(
            new Case("200k-none", 320, 320, "none"), new Case("200k-bslz4", 320, 320, "bslz4"),
            new Case("2m-none", 1024, 1024, "none"), new Case("2m-bslz4", 1024, 1024, "bslz4"));

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (repeats < 1 || framesSmall < 1 || framesLarge < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--repeats and --frames-* must be at least 1");
        }
        if (!sink.equals("jvm") && !sink.equals("thread")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--sink must be jvm or thread, not " + sink);
        }
        List<Case> chosen = new ArrayList<>();
        for (Case c : CASES) {
            if (cases == null || cases.contains(c.name())) {
                chosen.add(c);
            }
        }
        if (chosen.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no such case: " + cases);
        }
        out.printf(Locale.ROOT, "simulator -> PULL sink (%s) on 127.0.0.1, STINS, uint16, %d runs per case, %d cores, load %.2f%n",
                sink.equals("jvm") ? "another JVM" : "a thread of this JVM", repeats,
                Runtime.getRuntime().availableProcessors(), loadAverage());
        out.println("case         frames  wire kB/frame  fps median (min..max)       wire GB/s  raw GB/s");
        out.flush();
        for (Case c : chosen) {
            int frames = c.rows() == 320 ? framesSmall : framesLarge;
            double[] fps = new double[repeats];
            double wireBytesPerFrame = 0;
            try (SimulatedDetector detector = SimulatedDetector.open(config(c))) {
                detector.configure(new AcquisitionSettings(0.1, 0.1, frames, 1, TriggerMode.INTERNAL, "", Map.of()));
                for (int r = 0; r < repeats; r++) {
                    PullSink.Result result = runOnce(detector);
                    if (result.messages() != frames) {
                        throw new IllegalStateException(c.name() + ": the sink got " + result.messages() + " of " + frames + " frames");
                    }
                    fps[r] = result.messages() / result.seconds();
                    wireBytesPerFrame = (double) result.bytes() / result.messages();
                }
            }
            double[] sorted = fps.clone();
            Arrays.sort(sorted);
            double median = sorted[sorted.length / 2];
            double raw = c.rows() * c.cols() * 2.0;
            out.printf(Locale.ROOT, "%-11s %7d  %13.1f  %8.0f (%.0f..%.0f)%s  %9.2f  %8.2f%n", c.name(), frames,
                    wireBytesPerFrame / 1e3, median, sorted[0], sorted[sorted.length - 1],
                    " ".repeat(Math.max(0, 14 - String.format(Locale.ROOT, "(%.0f..%.0f)", sorted[0], sorted[sorted.length - 1]).length())),
                    median * wireBytesPerFrame / 1e9, median * raw / 1e9);
            out.flush();
        }
        return 0;
    }

    private PullSink.Result runOnce(SimulatedDetector detector) throws Exception {
        try (SeriesWatch watch = SeriesWatch.on(detector)) {
            return runSeries(detector, watch);
        }
    }

    private PullSink.Result runSeries(SimulatedDetector detector, SeriesWatch watch) throws Exception {
        String endpoint = detector.streamInfo().endpoint();
        CompletableFuture<PullSink.Result> result;
        Process process = null;
        if (sink.equals("thread")) {
            result = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try {
                    result.complete(new PullSink(endpoint, 20000).run(1));
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            }, "hutch-bench-sink");
            t.start();
        } else {
            String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
            process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), PullSink.class.getName(), endpoint, "1")
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            Process p = process;
            result = CompletableFuture.supplyAsync(() -> readResult(p));
        }
        detector.arm();
        DetectorStatus end = watch.await(Duration.ofMinutes(10));
        if (end.state() != DetectorState.READY) {
            throw new IllegalStateException("the series did not finish: " + end);
        }
        PullSink.Result r = result.get(60, TimeUnit.SECONDS);
        if (process != null) {
            process.waitFor(10, TimeUnit.SECONDS);
        }
        return r;
    }

    private static PullSink.Result readResult(Process p) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line = in.readLine();
            if (line == null) {
                throw new IllegalStateException("the sink JVM printed nothing (exit " + p.waitFor() + ")");
            }
            String[] f = line.trim().split(" ");
            return new PullSink.Result(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]), Double.parseDouble(f[3]));
        } catch (Exception e) {
            throw new IllegalStateException("sink JVM: " + e.getMessage(), e);
        }
    }

    private static SimulatorConfig config(Case c) throws Exception {
        return SimulatorConfig.from(PluginOptions.resolve("bench", SimulatorConfig.settings(), Map.of(
                "bind", "tcp://127.0.0.1:0", "shape", c.rows() + "," + c.cols(), "compression", c.compression(),
                "pace", "false", "poolSize", "16", "lingerMs", "10000")));
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new SimulatorBenchCommand()).execute(args));
    }
}
