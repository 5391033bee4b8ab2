package org.hutch.azint.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.hutch.azint.AzintResult;
import org.hutch.azint.FrameView;
import org.hutch.azint.Geometry;
import org.hutch.azint.IntegrationSettings;
import org.hutch.azint.Integrator;
import org.hutch.azint.Poni;
import org.hutch.model.curve.RadialUnit;
import org.hutch.azint.Splitting;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Integration of one 2162x2068 (EIGER 4M) frame: 2000 q bins, solid angle, full pixel splitting,
 * with and without sigma (the settings of {@code ./hutch bench azint}). The matrix is built once in
 * the setup; only the per-frame integration is timed. Run (see the README):
 * {@code mvn -o -pl receiver-embedded/azint test-compile exec:exec@jmh -Djmh.args=IntegrationBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class IntegrationBenchmark {
    /** The dev02 geometry of the azint reference data. */
    private static final String PONI = """
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

    @Param({"true", "false"})
    public boolean sigma;

    private Integrator integrator;
    private FrameView frame;
    private AzintResult result;

    @Setup
    public void setup() {
        Geometry g = new Geometry(Poni.parse(PONI));
        IntegrationSettings s = IntegrationSettings.defaults(2000).withUnit(RadialUnit.Q_NM)
                .withSplitting(Splitting.parse("full")).withErrors(sigma);
        integrator = Integrator.build(g, null, s);
        frame = FrameView.of(rings(g));
        result = integrator.newResult();
    }

    @Benchmark
    public AzintResult integrate() {
        integrator.integrate(frame, result);
        return result;
    }

    /** Noisy powder rings every 5 nm^-1 on a low background. */
    private static int[] rings(Geometry g) {
        double[] q = g.radialArray(RadialUnit.Q_NM);
        int[] counts = new int[q.length];
        Random rnd = new Random(42);
        for (int p = 0; p < q.length; p++) {
            double mean = 2 + 50 * Math.exp(-0.5 * Math.pow(((q[p] % 5.0) - 2.5) / 0.05, 2));
            counts[p] = (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * rnd.nextGaussian()));
        }
        return counts;
    }
}
