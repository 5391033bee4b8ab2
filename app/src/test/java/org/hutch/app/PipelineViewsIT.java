package org.hutch.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

import javafx.scene.Node;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

import org.hutch.app.acquire.AcquisitionController;
import org.hutch.app.acquire.AcquisitionListener;
import org.hutch.app.client.PipelineClient;
import org.hutch.app.live.LiveCake;
import org.hutch.app.settings.SettingsStore;
import org.hutch.app.testing.Waits;
import org.hutch.azint.Poni;
import org.hutch.detector.Detector;
import org.hutch.detector.DetectorPlugins;
import org.hutch.model.acquisition.AcquisitionSettings;
import org.hutch.model.acquisition.TriggerMode;
import org.hutch.model.concurrent.NamedThreadFactory;
import org.hutch.receiver.EmbeddedReceiver;
import org.hutch.receiver.ReceiverConfig;
import org.hutch.receiver.azint.AzintSetup;
import org.hutch.receiver.pipeline.AzintPipeline;
import org.hutch.receiver.pipeline.CurveHistory;
import org.hutch.receiver.pipeline.PipelineApi;
import org.hutch.receiver.pipeline.PipelineConfig;
import org.hutch.receiver.pipeline.PipelineSource;
import org.hutch.widgets.plot.Cake;
import org.hutch.widgets.plot.CakeView;
import org.hutch.widgets.plot.Curve;
import org.hutch.widgets.plot.WaterfallView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The app following a full-rate azint pipeline: real simulators, real receivers, real pipelines over
 * loopback. Locally the receiver runs the pipeline itself (--azint-all) and the app finds it at the
 * receiver's URL; remotely the pipeline runs on its own port, reading another receiver's forwarder,
 * and the user gives its URL in the connection dialog. The 1D plot shows more curves than the 1 Hz
 * poll could, the waterfall has one row per frame, the cake tab a 360 x 500 cake.
 */
@ExtendWith(ApplicationExtension.class)
class PipelineViewsIT {
    private static final int FRAMES = 60;
    private static final double PERIOD_S = 0.05;
    private static final Path SHOTS = Path.of("target", "screenshots");

    @TempDir
    static Path dir;

    private static Poni poni;
    private static String poniText;
    private static Detector localDetector;
    private static EmbeddedReceiver localReceiver;
    private static AzintPipeline localPipeline;
    private static Detector remoteDetector;
    private static EmbeddedReceiver remoteReceiver;
    private static AzintPipeline remotePipeline;
    private static PipelineSource remoteSource;
    private static PipelineApi remoteApi;

    private MainWindow window;
    /** when the plot showed each curve (System.nanoTime), by frame; FX thread */
    private final Map<Long, Long> curvesShown = new ConcurrentHashMap<>();

    @BeforeAll
    static void receiversAndPipelines() throws Exception {
        // a small detector (256 x 256, rings up to the corners), so a loaded machine keeps up with the series
        poni = new Poni(Poni.GENERIC, 75e-6, 75e-6, 256, 256, 0.03, 0.0096, 0.0096, 0, 0, 0, 1.0332e-10);
        poniText = poni.format();
        Path poniFile = Files.writeString(dir.resolve("small.poni"), poniText);
        String simulator = "simulator:poni=" + poniFile.toAbsolutePath();
        // local: the receiver integrates every frame itself, as `hutch receiver --poni F --azint-all`
        localDetector = DetectorPlugins.open(simulator);
        localReceiver = EmbeddedReceiver.start(ReceiverConfig.builder().endpoint(localDetector.streamInfo().endpoint())
                .dataDir(Files.createDirectories(dir.resolve("local"))).apiPort(0).azint(AzintSetup.of(poni)).build());
        localPipeline = localReceiver.startAzintPipeline(1);
        // remote: a receiver with a forwarder, and a pipeline of its own reading it, as `hutch azint-pipeline`
        remoteDetector = DetectorPlugins.open(simulator);
        remoteReceiver = EmbeddedReceiver.start(ReceiverConfig.builder().endpoint(remoteDetector.streamInfo().endpoint())
                .dataDir(Files.createDirectories(dir.resolve("remote"))).apiPort(0).dataPort(0).build());
        remotePipeline = new AzintPipeline(new PipelineConfig(AzintSetup.of(poni), poniText, null,
                Files.createDirectories(dir.resolve("pipeline")), 1, PipelineConfig.DEFAULT_QUEUE, false, "test"));
        CurveHistory history = new CurveHistory(256);
        remotePipeline.addListener(history);
        remotePipeline.start();
        remoteSource = new PipelineSource("tcp://127.0.0.1:" + remoteReceiver.dataPort(), remotePipeline, 60_000_000_000L);
        NamedThreadFactory.thread("test-azpipe-stream", remoteSource, true).start();
        remoteApi = new PipelineApi(remotePipeline, history, null, null).start("127.0.0.1", 0);
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void stop() {
        remoteSource.close();
        remotePipeline.close();
        remoteApi.close();
        remoteDetector.close();
        remoteReceiver.close();
        localDetector.close();
        localReceiver.close();
    }

    @Start
    void start(Stage stage) {
        SettingsStore store = new SettingsStore(dir.resolve("settings.json"));
        window = new MainWindow(new LaunchOptions(localReceiver.apiUri().toString(), null, false, null, null, 0),
                store, store.load());
        window.show(stage);
        window.view().plot().curveProperty().addListener((o, a, c) -> {
            if (c != null) {
                curvesShown.putIfAbsent(c.frame(), System.nanoTime());
            }
        });
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> window.close()).get().get();
    }

    private static <T> T onFx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get();
    }

    @Test
    void followsThePipelineOfTheReceiver(FxRobot robot) throws Exception {
        Waits.until(Duration.ofSeconds(30), () -> window.session() != null, () -> window.view().statusLine());
        WaterfallView waterfall = Waits.onFx(() -> robot.lookup("#series-waterfall").queryAs(WaterfallView.class));
        // following: it says so, or already shows the series the pipeline has (from another test)
        Waits.until(Duration.ofSeconds(20), () -> Waits.onFx(() -> waterfall.message().startsWith("Following the azint pipeline")
                || waterfall.shownRows() > 0), () -> Waits.onFx(waterfall::message));
        seriesAndViews(robot, localDetector, localReceiver.apiUri().toString(), localPipeline, "local");
    }

    @Test
    void followsAPipelineAtItsOwnUrl(FxRobot robot) throws Exception {
        Waits.until(Duration.ofSeconds(30), () -> window.session() != null, () -> window.view().statusLine());
        String receiverUrl = remoteReceiver.apiUri().toString();
        String pipelineUrl = "http://127.0.0.1:" + remoteApi.port();
        connect(robot, receiverUrl, pipelineUrl);
        WaterfallView waterfall = Waits.onFx(() -> robot.lookup("#series-waterfall").queryAs(WaterfallView.class));
        Waits.until(Duration.ofSeconds(20), () -> Waits.onFx(() -> waterfall.message().contains("Following the azint pipeline at "
                + pipelineUrl) || waterfall.shownRows() > 0), () -> Waits.onFx(waterfall::message));
        seriesAndViews(robot, remoteDetector, receiverUrl, remotePipeline, "remote");
    }

    @Test
    void withoutAPipelineTheTabsSayWhyTheyAreEmpty(FxRobot robot) throws Exception {
        Waits.until(Duration.ofSeconds(30), () -> window.session() != null, () -> window.view().statusLine());
        String receiverUrl = remoteReceiver.apiUri().toString();
        connect(robot, receiverUrl, null); // no pipeline URL: the receiver's own is looked for, and it has none
        WaterfallView waterfall = Waits.onFx(() -> robot.lookup("#series-waterfall").queryAs(WaterfallView.class));
        Waits.until(Duration.ofSeconds(20), () -> Waits.onFx(() -> waterfall.message().startsWith("no azint pipeline at " + receiverUrl)),
                () -> Waits.onFx(waterfall::message));
        String message = Waits.onFx(waterfall::message);
        assertTrue(message.contains("--azint-all"), message);

        try (AcquisitionController c = new AcquisitionController(remoteDetector, receiverUrl, new AcquisitionListener() { })) {
            assertTrue(c.acquire(new AcquisitionSettings(PERIOD_S, PERIOD_S, 5, 1, TriggerMode.INTS, "plain.h5",
                    Map.of()), Duration.ofSeconds(120)).complete());
        }
        // as without a pipeline before: a receiver that does not integrate and no PONI give no curve, and say so
        Waits.until(Duration.ofSeconds(30), () -> Waits.onFx(() -> window.view().plot().message()).startsWith("no geometry"),
                () -> Waits.onFx(() -> window.view().plot().message()));
        clickTab(robot, "Cake");
        CakeView cake = Waits.onFx(() -> robot.lookup("#cake-view").queryAs(CakeView.class));
        Waits.until(Duration.ofSeconds(30), () -> Waits.onFx(cake::message).startsWith("No geometry"), () -> Waits.onFx(cake::message));
        clickTab(robot, "Waterfall");
        WaitForAsyncUtils.waitForFxEvents();
        screenshot("waterfall-no-pipeline");
    }

    @Test
    void theCakeTabShowsThePipelinesCake(FxRobot robot) throws Exception {
        int azimuth = 36; // not LiveCake's 360: a cake made in the app would not pass
        int frames = 20;
        Waits.until(Duration.ofSeconds(30), () -> window.session() != null, () -> window.view().statusLine());
        String receiverUrl = remoteReceiver.apiUri().toString();
        String pipelineUrl = "http://127.0.0.1:" + remoteApi.port();
        remotePipeline.configure(AzintSetup.of(poni), poniText, null, azimuth);
        try {
            connect(robot, receiverUrl, pipelineUrl);
            WaterfallView waterfall = Waits.onFx(() -> robot.lookup("#series-waterfall").queryAs(WaterfallView.class));
            Waits.until(Duration.ofSeconds(20), () -> Waits.onFx(() -> waterfall.message().contains("Following the azint pipeline at "
                    + pipelineUrl) || waterfall.shownRows() > 0), () -> Waits.onFx(waterfall::message));
            clickTab(robot, "Cake");
            try (AcquisitionController c = new AcquisitionController(remoteDetector, receiverUrl, new AcquisitionListener() { })) {
                assertTrue(c.acquire(new AcquisitionSettings(PERIOD_S, PERIOD_S, frames, 1, TriggerMode.INTS, "caked.h5",
                        Map.of()), Duration.ofSeconds(120)).complete());
            }
            // the pipeline's cake of the series' last frame, as the pipeline serves it
            java.util.concurrent.atomic.AtomicReference<PipelineClient.PipelineCake> newest = new java.util.concurrent.atomic.AtomicReference<>();
            try (PipelineClient client = new PipelineClient(pipelineUrl, Duration.ofSeconds(10))) {
                Waits.until(Duration.ofSeconds(60), () -> {
                    try {
                        newest.set(client.cakeLast(null).cake());
                    } catch (org.hutch.app.client.ReceiverException e) {
                        throw new IllegalStateException(e);
                    }
                    return newest.get() != null && newest.get().frame() == frames - 1;
                }, () -> "the pipeline's newest cake: " + (newest.get() == null ? "none" : "frame " + newest.get().frame()));
            }
            PipelineClient.PipelineCake want = newest.get();
            CakeView cake = Waits.onFx(() -> robot.lookup("#cake-view").queryAs(CakeView.class));
            Waits.until(Duration.ofSeconds(30), () -> Waits.onFx(() -> {
                Cake k = cake.cakeProperty().get();
                return k != null && k.frame() == want.frame() && k.azimuthBins() == azimuth;
            }), () -> "cake on screen: " + Waits.onFx(cake::message));
            Cake k = onFx(() -> cake.cakeProperty().get());
            assertEquals(want.radial().length, k.radialBins());
            assertEquals(onFx(() -> window.view().plot().unitProperty().get()), k.unit());
            assertEquals(want.unit(), k.unit(), "the plot's unit is the pipeline's here: no conversion");
            assertArrayEquals(want.azimuth(), k.azimuth(), 1e-9);
            assertArrayEquals(want.radial(), k.radial(), 1e-9);
            double[] asDouble = new double[want.intensity().length];
            for (int i = 0; i < asDouble.length; i++) {
                asDouble[i] = want.intensity()[i];
            }
            assertArrayEquals(asDouble, k.intensity(), "the Cake tab's data is the pipeline's cake");
            assertArrayEquals(new int[] {azimuth, want.radial().length}, onFx(cake::imageSize));
            WaitForAsyncUtils.waitForFxEvents();
            screenshot("cake-pipeline");
        } finally {
            remotePipeline.configure(AzintSetup.of(poni), poniText, null, 0);
        }
    }

    /** Connects to {@code receiverUrl} in the connection dialog, with a pipeline URL or (null) none. */
    private void connect(FxRobot robot, String receiverUrl, String pipelineUrl) {
        robot.clickOn("#connect");
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.ComboBox<String> url = Waits.onFx(() -> robot.lookup("#connect-url").query());
        robot.clickOn(url.getEditor());
        robot.interact(() -> url.getEditor().selectAll());
        robot.write(receiverUrl);
        TextField pipeline = Waits.onFx(() -> robot.lookup("#connect-pipeline-url").query());
        robot.interact(pipeline::clear); // the dialog may offer the URL given last time
        if (pipelineUrl != null) {
            robot.clickOn(pipeline).write(pipelineUrl);
        }
        robot.clickOn("OK");
        Waits.until(Duration.ofSeconds(30), () -> window.session() != null
                && receiverUrl.equals(window.session().receiverUrl()), () -> window.view().statusLine());
    }

    /** Runs a series of {@link #FRAMES} frames and checks the plot, the waterfall and the cake. */
    private void seriesAndViews(FxRobot robot, Detector detector, String receiverUrl, AzintPipeline pipeline,
                                String name) throws Exception {
        long skippedBefore;
        try (AcquisitionController c = new AcquisitionController(detector, receiverUrl, new AcquisitionListener() { })) {
            // a short series first: it warms up the JSON code on both sides, which a loaded machine runs slowly at first
            assertTrue(c.acquire(new AcquisitionSettings(PERIOD_S, PERIOD_S, 10, 1, TriggerMode.INTS, name + "_warm.h5",
                    Map.of()), Duration.ofSeconds(120)).complete());
            WaterfallView w = Waits.onFx(() -> robot.lookup("#series-waterfall").queryAs(WaterfallView.class));
            Waits.until(Duration.ofSeconds(60), () -> Waits.onFx(w::shownRows) == 10, () -> "warm-up rows " + Waits.onFx(w::shownRows));
            curvesShown.clear();
            skippedBefore = pipeline.counters().skipped();
            assertTrue(c.acquire(new AcquisitionSettings(PERIOD_S, PERIOD_S, FRAMES, 1, TriggerMode.INTS, name + ".h5",
                    Map.of()), Duration.ofSeconds(120)).complete());
        }
        WaterfallView waterfall = Waits.onFx(() -> robot.lookup("#series-waterfall").queryAs(WaterfallView.class));
        Waits.until(Duration.ofSeconds(60), () -> {
            long[] f = Waits.onFx(waterfall::shownFrames);
            return f != null && f[1] == FRAMES - 1;
        }, () -> Waits.onFx(() -> "waterfall rows " + waterfall.shownRows() + ", message " + waterfall.message()));
        long skipped = pipeline.counters().skipped() - skippedBefore;

        // the plot followed the pipeline through the series; how many of its curves reach the screen depends on how
        // fast the FX thread draws (the hand-off drops, never queues): PipelineFollowerIT checks the feed's rate
        int shown = curvesShown.size();
        double seconds = (java.util.Collections.max(curvesShown.values()) - java.util.Collections.min(curvesShown.values())) / 1e9;
        System.out.printf("%s: %d pipeline curves on screen in %.1f s%n", name, shown, seconds);
        assertTrue(shown >= 3, shown + " curves shown in " + seconds + " s");
        Curve last = onFx(() -> window.view().plot().curveProperty().get());
        assertEquals(FRAMES - 1, last.frame(), "the plot ends on the series' last frame");

        // the waterfall: one row per frame, in frame order; skipped frames are rows without a curve
        assertEquals(FRAMES, onFx(waterfall::shownRows));
        assertArrayEquals(new long[] {0, FRAMES - 1}, onFx(waterfall::shownFrames));
        assertEquals(skipped, (long) onFx(waterfall::shownMissing), "rows without a curve = frames skipped");
        assertEquals(FRAMES, onFx(waterfall::imageHeight));

        clickTab(robot, "Waterfall");
        WaitForAsyncUtils.waitForFxEvents();
        screenshot("waterfall-" + name);
        clickTab(robot, "1D");
        WaitForAsyncUtils.waitForFxEvents();
        screenshot("1d-" + name);

        // the cake of the live frame, in the plot's unit
        clickTab(robot, "Cake");
        CakeView cake = Waits.onFx(() -> robot.lookup("#cake-view").queryAs(CakeView.class));
        Waits.until(Duration.ofSeconds(60), () -> Waits.onFx(() -> cake.cakeProperty().get()) != null, () -> Waits.onFx(cake::message));
        Cake k = onFx(() -> cake.cakeProperty().get());
        assertEquals(LiveCake.AZIMUTH_BINS, k.azimuthBins());
        assertEquals(LiveCake.RADIAL_BINS, k.radialBins());
        assertEquals(onFx(() -> window.view().plot().unitProperty().get()), k.unit());
        assertArrayEquals(new int[] {LiveCake.AZIMUTH_BINS, LiveCake.RADIAL_BINS}, onFx(cake::imageSize));
        double max = 0;
        for (double v : k.intensity()) {
            max = Math.max(max, v);
        }
        assertTrue(max > 0, "the cake has intensity");
        WaitForAsyncUtils.waitForFxEvents();
        screenshot("cake-" + name);
    }

    /** Clicks the header of the analysis tab called {@code text}. */
    static void clickTab(FxRobot robot, String text) {
        robot.clickOn(Waits.onFx(() -> robot.lookup(".tab-label").match((Node n) -> n instanceof javafx.scene.control.Labeled l
                && text.equals(l.getText())).queryAs(Node.class)));
    }

    /** The analysis tabs as PNG under target/screenshots, to be looked at. */
    private void screenshot(String name) throws Exception {
        TabPane tabs = window.view().analysisTabs();
        WritableImage img = onFx(() -> ((Node) tabs).snapshot(null, null));
        int w = (int) img.getWidth();
        int h = (int) img.getHeight();
        BufferedImage b = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                b.setRGB(x, y, img.getPixelReader().getArgb(x, y));
            }
        }
        ImageIO.write(b, "png", SHOTS.resolve(name + ".png").toFile());
    }
}
