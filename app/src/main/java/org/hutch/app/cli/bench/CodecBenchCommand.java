package org.hutch.app.cli.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import org.hutch.codec.EigerLikeFrame;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.hutch.codec.Bslz4Codec;

import net.jpountz.lz4.LZ4Factory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hutch bench codec}: bslz4 decode and encode of a synthetic EIGER-like frame, median over
 * timed iterations after a warm-up. Runs on the calling thread; prints one line per measurement.
 */
@Command(name = "codec", mixinStandardHelpOptions = true,
        description = "Benchmark bslz4 decode/encode of a synthetic EIGER-like frame (median ms/frame, MB/s).")
public final class CodecBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--rows", defaultValue = "2162", description = "frame rows (default ${DEFAULT-VALUE})")
    int rows;
    @Option(names = "--cols", defaultValue = "2068", description = "frame columns (default ${DEFAULT-VALUE})")
    int cols;
    @Option(names = "--elem-size", defaultValue = "4", description = "bytes per pixel: 1, 2 or 4 (default ${DEFAULT-VALUE})")
    int elemSize;
    @Option(names = "--warmup", defaultValue = "30", description = "untimed iterations first (default ${DEFAULT-VALUE})")
    int warmup;
    @Option(names = "--iterations", defaultValue = "50", description = "timed iterations (default ${DEFAULT-VALUE})")
    int iterations;

    @Override
    public Integer call() throws Exception {
        if (elemSize != 1 && elemSize != 2 && elemSize != 4) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--elem-size must be 1, 2 or 4");
        }
        ByteBuffer raw = EigerLikeFrame.generate(rows, cols, elemSize, 42);
        int rawBytes = raw.remaining();
        Bslz4Codec.Encoder encoder = new Bslz4Codec.Encoder();
        Bslz4Codec.Decoder decoder = new Bslz4Codec.Decoder();
        ByteBuffer compressed = ByteBuffer.allocate(Bslz4Codec.maxCompressedLength(rawBytes, elemSize));
        ByteBuffer out = ByteBuffer.allocate(rawBytes);
        int size = encoder.compress(raw, elemSize, compressed);
        ByteBuffer chunk = compressed.duplicate().limit(size);
        decoder.decompress(chunk, elemSize, out);
        if (!out.equals(raw)) {
            throw new IllegalStateException("decoded frame differs from the original");
        }
        System.out.printf(Locale.ROOT, "frame %dx%d, %d-byte pixels: %.2f MB raw, %.2f MB bslz4 (ratio %.1f); LZ4: %s%n",
                rows, cols, elemSize, rawBytes / 1e6, size / 1e6, (double) rawBytes / size,
                LZ4Factory.fastestInstance());
        // wall time, and this thread's CPU time: on a shared machine the second tells the codec's own cost
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[][] dec = new double[2][iterations];
        double[][] enc = new double[2][iterations];
        for (int i = 0; i < warmup + iterations; i++) {
            long c0 = threads.getCurrentThreadCpuTime(), t0 = System.nanoTime();
            decoder.decompress(chunk, elemSize, out);
            long c1 = threads.getCurrentThreadCpuTime(), t1 = System.nanoTime();
            encoder.compress(raw, elemSize, compressed);
            long c2 = threads.getCurrentThreadCpuTime(), t2 = System.nanoTime();
            if (i >= warmup) {
                int k = i - warmup;
                dec[0][k] = (t1 - t0) / 1e6;
                dec[1][k] = (c1 - c0) / 1e6;
                enc[0][k] = (t2 - t1) / 1e6;
                enc[1][k] = (c2 - c1) / 1e6;
            }
        }
        report("decode", dec, rawBytes);
        report("encode", enc, rawBytes);
        // the same decode split over two threads (the caller and one pool thread)
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> new Thread(r, "bench-bslz4-decode"));
        try {
            double[][] par = new double[2][iterations];
            for (int i = 0; i < warmup + iterations; i++) {
                long c0 = threads.getCurrentThreadCpuTime(), t0 = System.nanoTime();
                Bslz4Codec.decompressParallel(chunk, elemSize, out, pool, 2);
                long c1 = threads.getCurrentThreadCpuTime(), t1 = System.nanoTime();
                if (i >= warmup) {
                    par[0][i - warmup] = (t1 - t0) / 1e6;
                    par[1][i - warmup] = (c1 - c0) / 1e6;
                }
            }
            report("decode, 2 threads", par, rawBytes);
        } finally {
            pool.shutdownNow();
        }
        System.out.printf(Locale.ROOT, "load average at the end: %.2f on %d cores%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        return 0;
    }

    private static void report(String what, double[][] wallAndCpu, int rawBytes) {
        double wall = median(wallAndCpu[0]), cpu = median(wallAndCpu[1]);
        System.out.printf(Locale.ROOT, "%s: median %.2f ms/frame wall (min %.2f, n=%d), %.0f MB/s of raw pixels;"
                        + " median %.2f ms/frame CPU of the calling thread%n",
                what, wall, min(wallAndCpu[0]), wallAndCpu[0].length, rawBytes / 1e6 / (wall / 1e3), cpu);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new CodecBenchCommand()).execute(args));
    }
}
