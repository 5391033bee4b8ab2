package org.hutch.app.cli.azint;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;
import org.hutch.azint.AzintResult;
import org.hutch.azint.FrameView;
import org.hutch.azint.Geometry;
import org.hutch.azint.IntegrationSettings;
import org.hutch.azint.Integrator;
import org.hutch.azint.Parallel;
import org.hutch.azint.Poni;
import org.hutch.azint.Splitting;
import org.hutch.model.curve.RadialUnit;
import org.hutch.model.pixels.PixelType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hutch bench azint}: matrix setup time, per-frame time with and without sigma, and matrix
 * memory for a 2162x2068 frame (the dev02/dev03 reference images when present, else synthetic).
 */
@Command(name = "azint", mixinStandardHelpOptions = true,
        description = "Benchmark azimuthal integration: 2162x2068 image, q, solid angle, sigma, matrix setup and per-frame medians.")
public final class AzintBenchCommand implements Callable<Integer> {
    /** The dev02 geometry of the reference data, used for the synthetic image too. */
    static final String DEV02_PONI = """
            poni_version: 2
            Detector: Detector
            Detector_config: {"pixel1": 7.5e-05, "pixel2": 7.5e-05, "max_shape": [2162, 2068]}
            Distance: 0.16
            Poni1: 0.0812
            Poni2: 0.0775
            Rot1: 0.0045
            Rot2: -0.0025
            Rot3: 0.0
            Wavelength: 7.2932e-11
            """;

    @Spec
    CommandSpec spec;

    @Option(names = "--case", paramLabel = "DIR", description = "reference case directory (image.raw.gz, geometry.poni, optional mask.u8.gz); "
            + "default: ../shared/testdata/azint/dev02_eiger4m_synth_nomask if present, else a synthetic image")
    Path caseDir;

    @Option(names = "--bins", defaultValue = "2000", description = "radial bins (default ${DEFAULT-VALUE})")
    int bins;

    @Option(names = "--split", defaultValue = "full", description = "full, none or N (default ${DEFAULT-VALUE})")
    String split;

    @Option(names = "--frames", defaultValue = "50", description = "timed frames per variant (default ${DEFAULT-VALUE})")
    int frames;

    @Option(names = "--warmup", defaultValue = "15", description = "untimed frames first (default ${DEFAULT-VALUE})")
    int warmup;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = caseDir != null ? caseDir : defaultCase();
        Poni poni;
        byte[] mask = null;
        ByteBuffer image;
        String source;
        if (dir != null) {
            poni = Poni.read(dir.resolve("geometry.poni"));
            image = ByteBuffer.wrap(gunzip(dir.resolve("image.raw.gz"))).order(ByteOrder.LITTLE_ENDIAN);
            Path m = dir.resolve("mask.u8.gz");
            if (Files.exists(m)) {
                mask = gunzip(m);
            }
            source = dir.getFileName().toString();
        } else {
            poni = Poni.parse(DEV02_PONI);
            image = synthetic(new Geometry(poni));
            source = "synthetic rings";
        }
        Geometry g = new Geometry(poni);
        FrameView frame = FrameView.of(image, PixelType.INT32);
        IntegrationSettings s = IntegrationSettings.defaults(bins).withUnit(RadialUnit.Q_NM).withSplitting(Splitting.parse(split));
        out.printf("azint benchmark: %dx%d int32 (%s), %d bins, %s, split %s, solid angle, %d threads, %d cores%n",
                g.rows(), g.cols(), source, bins, s.unit(), s.splitting(), Parallel.threads(), Runtime.getRuntime().availableProcessors());
        out.printf("load average before: %.2f%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        out.flush();

        long[] setups = new long[2];
        Integrator withSigma = null;
        for (int i = 0; i < setups.length; i++) {
            withSigma = null; // let the previous matrix go before building the next
            withSigma = Integrator.build(g, mask, s);
            setups[i] = withSigma.setupNanos();
        }
        out.printf("matrix setup: first %.0f ms, second %.0f ms (JIT warm)%n", setups[0] / 1e6, setups[1] / 1e6);
        out.printf("matrix: %d non-zero weights (%.2f per pixel), %.1f MB"
                        + " + %.1f MB solid-angle array%n",
                withSigma.entries(), (double) withSigma.entries() / g.pixels(), withSigma.matrixBytes() / 1e6,
                withSigma.normalizationBytes() / 1e6);
        double[] with = time(withSigma, frame);
        out.printf("per frame with sigma:    median %.2f ms  (min %.2f, p90 %.2f) over %d frames; CPU %.2f ms/frame (all threads)%n",
                with[0], with[1], with[2], frames, with[3]);
        out.flush();
        Integrator noSigma = Integrator.build(g, mask, s.withErrors(false));
        double[] without = time(noSigma, frame);
        out.printf("per frame without sigma: median %.2f ms  (min %.2f, p90 %.2f) over %d frames; CPU %.2f ms/frame (all threads)%n",
                without[0], without[1], without[2], frames, without[3]);
        out.printf("load average after: %.2f%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        out.printf("reference (same machine kind): pyFAI 0.21.3 full split CSR 132-143 ms/frame; azint N=4 43-45 ms with errors, "
                + "21-23 ms without; azint setup 2.5-4.3 s%n");
        out.flush();
        return 0;
    }

    private double[] time(Integrator it, FrameView frame) {
        AzintResult r = it.newResult();
        for (int i = 0; i < warmup; i++) {
            it.integrate(frame, r);
        }
        double[] ms = new double[frames];
        long cpu0 = processCpuNanos();
        for (int i = 0; i < frames; i++) {
            long t0 = System.nanoTime();
            it.integrate(frame, r);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        double cpuMs = (processCpuNanos() - cpu0) / 1e6 / frames;
        Arrays.sort(ms);
        return new double[] {ms[frames / 2], ms[0], ms[Math.min(frames - 1, (int) (0.9 * frames))], cpuMs};
    }

    /** CPU time of this process (all threads), or 0 where the JVM cannot tell. */
    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    private static Path defaultCase() {
        Path root = Path.of(System.getProperty("hutch.root", "."));
        for (String c : new String[] {"dev02_eiger4m_synth_nomask", "dev03_eiger2_4m_synth_masked"}) {
            Path d = root.resolve("../shared/testdata/azint").resolve(c).normalize();
            if (Files.exists(d.resolve("image.raw.gz"))) {
                return d;
            }
        }
        return null;
    }

    static byte[] gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
            return in.readAllBytes();
        }
    }

    /** Poisson-noisy rings on a low background, as int32 little-endian. */
    static ByteBuffer synthetic(Geometry g) {
        double[] q = g.radialArray(RadialUnit.Q_NM);
        ByteBuffer b = ByteBuffer.allocate(4 * q.length).order(ByteOrder.LITTLE_ENDIAN);
        Random rnd = new Random(42);
        for (int p = 0; p < q.length; p++) {
            double mean = 2 + 50 * Math.exp(-0.5 * Math.pow(((q[p] % 5.0) - 2.5) / 0.05, 2));
            b.putInt(4 * p, poisson(rnd, mean));
        }
        return b;
    }

    private static int poisson(Random rnd, double mean) {
        if (mean > 30) {
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * rnd.nextGaussian()));
        }
        double l = Math.exp(-mean), p = 1;
        int k = 0;
        do {
            k++;
            p *= rnd.nextDouble();
        } while (p > l);
        return k - 1;
    }
}
