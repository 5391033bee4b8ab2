package org.hutch.app.cli.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

import org.hutch.model.pixels.BlockReduction;
import org.hutch.widgets.demo.SyntheticFrames;
import org.hutch.widgets.image.Colormap;
import org.hutch.widgets.image.ContrastMode;
import org.hutch.widgets.image.ImageFrame;
import org.hutch.widgets.image.ImagePreparer;
import org.hutch.widgets.image.ImageRegion;
import org.hutch.widgets.image.LiveImageView;
import org.hutch.widgets.image.PreparedImage;
import org.hutch.widgets.image.RenderSettings;
import org.hutch.widgets.image.Scale;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hutch bench widgets}: how fast a large detector frame reaches the screen. For a uint32
 * frame (Eiger 4M by default) it measures, per update, the preparation off the FX thread (reduce to
 * screen size, percentile contrast, scale, colour map) and the display on the FX thread (copy into
 * the PixelBuffer, place the image), and the used heap after GC over all updates.
 * <p>
 * It starts the JavaFX toolkit itself: run it under a display (Xvfb) or with
 * {@code -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw} (or TestFX's
 * {@code -Dtestfx.headless=true}).
 */
@Command(name = "widgets", mixinStandardHelpOptions = true,
        description = "Benchmark the live image view: preparation off the FX thread, display on it, heap over many updates.")
public final class WidgetsBenchCommand implements Callable<Integer> {

    @Option(names = "--rows", description = "frame rows (default ${DEFAULT-VALUE})")
    int rows = SyntheticFrames.EIGER4M_ROWS;

    @Option(names = "--cols", description = "frame columns (default ${DEFAULT-VALUE})")
    int cols = SyntheticFrames.EIGER4M_COLS;

    @Option(names = "--updates", description = "number of measured updates (default ${DEFAULT-VALUE})")
    int updates = 1000;

    @Option(names = "--warmup", description = "updates before measuring (default ${DEFAULT-VALUE})")
    int warmup = 50;

    @Option(names = "--screen", description = "screen size the frame is reduced to, pixels per side (default ${DEFAULT-VALUE})")
    int screen = 1000;

    @Option(names = "--scale", description = "linear, log or sqrt (default ${DEFAULT-VALUE})")
    Scale scale = Scale.LINEAR;

    @Option(names = "--reduction", description = "max or mean (default ${DEFAULT-VALUE})")
    BlockReduction reduction = BlockReduction.MAX;

    @Option(names = "--threads", description = "threads preparing one image, the caller included (default ${DEFAULT-VALUE})")
    int threads = Math.min(2, Runtime.getRuntime().availableProcessors());

    @Option(names = "--distinct-frames", description = "distinct synthetic frames cycled through (default ${DEFAULT-VALUE})")
    int distinctFrames = 4;

    @Option(names = "--live-rate", description = "frames per second offered in the live-path run (default ${DEFAULT-VALUE}; 0 skips it)")
    double liveRate = 25;

    @Option(names = "--live-seconds", description = "length of the live-path run in seconds (default ${DEFAULT-VALUE})")
    double liveSeconds = 5;

    @Override
    public Integer call() throws Exception {
        if (updates < 1 || warmup < 0 || rows < 1 || cols < 1 || screen < 16 || distinctFrames < 1 || threads < 1) {
            System.err.println("widgets bench: --updates, --rows, --cols, --distinct-frames, --threads must be positive, --screen >= 16");
            return 2;
        }
        System.out.printf(Locale.ROOT, "widgets bench: %dx%d uint32 frame -> %d px screen, %s scale, %s reduction, "
                + "%d updates (+%d warm-up), %d preparing threads, %d CPUs, JDK %s%n", rows, cols, screen, scale, reduction, updates, warmup, threads,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "system load average at start: %.2f%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

        SyntheticFrames source = new SyntheticFrames(rows, cols);
        int[][] data = new int[distinctFrames][];
        for (int i = 0; i < distinctFrames; i++) {
            data[i] = new int[rows * cols];
            source.fill(data[i], i);
        }

        boolean toolkitStartedHere = startToolkit();
        AtomicReference<LiveImageView> viewRef = new AtomicReference<>();
        runOnFx(() -> {
            LiveImageView view = new LiveImageView();
            view.imageArea().setPrefSize(screen, screen);
            Stage stage = new Stage();
            stage.setTitle("hutch bench widgets");
            stage.setScene(new Scene(view));
            stage.show();
            viewRef.set(view);
        });
        LiveImageView view = viewRef.get();

        RenderSettings settings = new RenderSettings(Colormap.VIRIDIS, false, scale, ContrastMode.PERCENTILE,
                RenderSettings.DEFAULT_PERCENTILE_LOW, RenderSettings.DEFAULT_PERCENTILE_HIGH, 0, 1, reduction,
                0xFF5A6E82, 0xFFE020E0, true);
        ImagePreparer preparer = new ImagePreparer(threads);
        // the frame fitted into a screen x screen area, aspect ratio kept, as the view does
        double fit = Math.min(1.0, Math.min(screen / (double) cols, screen / (double) rows));
        int outW = (int) Math.ceil(cols * fit);
        int outH = (int) Math.ceil(rows * fit);
        int[][] buffers = {new int[screen * screen], new int[screen * screen]}; // double buffer
        double[] prepareMs = new double[updates];
        double[] showMs = new double[updates];
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long heapFirst = -1;
        long heapLast = -1;
        long heapMax = 0;
        int samples = 0;
        int w = 0;
        int h = 0;
        for (int i = -warmup; i < updates; i++) {
            int k = Math.floorMod(i, distinctFrames);
            // a new frame object each time, as from a decoder, so nothing is cached between updates
            ImageFrame frame = ImageFrame.ofUInt32(rows, cols, data[k], i);
            long t0 = System.nanoTime();
            PreparedImage prepared = preparer.prepare(frame, null, settings, ImageRegion.whole(frame), outW, outH,
                    buffers[Math.floorMod(i, 2)]);
            long t1 = System.nanoTime();
            AtomicLong fxNanos = new AtomicLong();
            runOnFx(() -> {
                long s0 = System.nanoTime();
                view.show(prepared);
                fxNanos.set(System.nanoTime() - s0);
            });
            w = prepared.width();
            h = prepared.height();
            if (i >= 0) {
                prepareMs[i] = (t1 - t0) / 1e6;
                showMs[i] = fxNanos.get() / 1e6;
                if (i % 100 == 0 || i == updates - 1) {
                    System.gc();
                    long used = memory.getHeapMemoryUsage().getUsed();
                    if (heapFirst < 0) {
                        heapFirst = used;
                    }
                    heapLast = used;
                    heapMax = Math.max(heapMax, used);
                    samples++;
                }
            }
        }
        preparer.close();
        if (liveRate > 0) {
            liveRun(view, data);
        }
        runOnFx(() -> view.getScene().getWindow().hide());
        view.dispose();
        if (toolkitStartedHere) {
            Platform.exit(); // lets the JVM end when the command returns
        }

        System.out.printf(Locale.ROOT, "screen image: %dx%d%n", w, h);
        report("prepare off FX thread (reduce+contrast+scale+colormap)", prepareMs, 30);
        report("show on FX thread (PixelBuffer update + placement)", showMs, 20);
        System.out.printf(Locale.ROOT, "heap after GC: first %.1f MB, last %.1f MB, max %.1f MB over %d samples: "
                        + "last/first = %.3f (target within 10 %%)%n",
                heapFirst / 1e6, heapLast / 1e6, heapMax / 1e6, samples, heapLast / (double) heapFirst);
        return 0;
    }

    /**
     * The real path: a producer thread calls setFrame at --live-rate; the view prepares on its own
     * thread and coalesces, so a slow machine shows fewer frames instead of queueing them.
     */
    private void liveRun(LiveImageView view, int[][] data) throws InterruptedException {
        AtomicLong shown = new AtomicLong();
        runOnFx(() -> view.shownFrameProperty().addListener((o, a, b) -> shown.incrementAndGet()));
        long before = shown.get();
        long periodNanos = (long) (1e9 / liveRate);
        long count = Math.max(1, Math.round(liveRate * liveSeconds));
        long t0 = System.nanoTime();
        for (long i = 0; i < count; i++) {
            long due = t0 + i * periodNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            view.setFrame(ImageFrame.ofUInt32(rows, cols, data[(int) (i % data.length)], 1_000_000 + i));
        }
        double offeredSeconds = (System.nanoTime() - t0) / 1e9;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        AtomicReference<ImageFrame> last = new AtomicReference<>();
        while (System.nanoTime() < deadline) { // until the last frame is on screen
            runOnFx(() -> last.set(view.shownFrameProperty().get()));
            if (last.get() != null && last.get().frameNumber() == 1_000_000 + count - 1) {
                break;
            }
            Thread.sleep(20);
        }
        long n = shown.get() - before;
        System.out.printf(Locale.ROOT, "live path (setFrame from a producer thread, %.0f Hz for %.1f s): offered %d, shown %d "
                + "(%.1f frames/s), dropped by coalescing %d, last frame shown: %s%n", liveRate, offeredSeconds, count, n,
                n / offeredSeconds, count - n, last.get() != null && last.get().frameNumber() == 1_000_000 + count - 1);
    }

    private static void report(String what, double[] ms, double targetMs) {
        double[] s = ms.clone();
        Arrays.sort(s);
        double median = s[s.length / 2];
        System.out.printf(Locale.ROOT, "%-58s median %6.2f ms  p10 %6.2f  p90 %6.2f  max %7.2f  (target <= %.0f ms: %s)%n",
                what, median, s[s.length / 10], s[s.length * 9 / 10], s[s.length - 1], targetMs,
                median <= targetMs ? "met" : "MISSED");
    }

    /** Starts JavaFX unless it runs already; true when this call started it. */
    private static boolean startToolkit() throws InterruptedException {
        if (System.getProperty("headless.geometry") == null) {
            // Monocle's headless screen defaults to 1280x800; the bench window is larger
            System.setProperty("headless.geometry", "1920x1600-32");
        }
        CountDownLatch started = new CountDownLatch(1);
        boolean ours = true;
        try {
            Platform.startup(started::countDown);
        } catch (IllegalStateException alreadyRunning) {
            ours = false;
            started.countDown();
        }
        Platform.setImplicitExit(false);
        if (!started.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("JavaFX toolkit did not start within 30 s");
        }
        return ours;
    }

    private static void runOnFx(Runnable r) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Platform.runLater(() -> {
            try {
                r.run();
            } catch (Throwable t) {
                failure.set(t);
            } finally {
                done.countDown();
            }
        });
        if (!done.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("FX thread did not answer within 30 s");
        }
        if (failure.get() != null) {
            throw new IllegalStateException("failed on the FX thread: " + failure.get(), failure.get());
        }
    }

    /** Runs the benchmark alone: {@code java -cp ... org.hutch.app.cli.bench.WidgetsBenchCommand [options]}. */
    public static void main(String[] args) {
        System.exit(new picocli.CommandLine(new WidgetsBenchCommand()).execute(args));
    }
}
