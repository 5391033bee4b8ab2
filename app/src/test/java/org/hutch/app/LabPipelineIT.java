package org.hutch.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

import javafx.stage.Stage;
import org.hutch.app.client.AzintCurve;
import org.hutch.app.client.LiveFrame;
import org.hutch.app.client.PipelineClient;
import org.hutch.app.client.ReceiverClient;
import org.hutch.app.client.ReceiverClients;
import org.hutch.app.live.AppIntegrator;
import org.hutch.app.session.Session;
import org.hutch.app.settings.SettingsStore;
import org.hutch.app.testing.Screenshots;
import org.hutch.app.testing.Waits;
import org.hutch.app.ui.Choosers;
import org.hutch.model.curve.RadialUnit;
import org.hutch.model.pixels.BlockReduction;
import org.hutch.widgets.plot.Curve;
import org.hutch.widgets.plot.WaterfallView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Lab mode with its embedded receiver's azint pipeline: real simulator drawing the rings of a real
 * calibration (Pilatus 1M, CeO2 set-up of {@code ../shared/testdata/azint/dev01}), real receiver and
 * pipeline over loopback, the real window. The waterfall gets every frame of a lab series, the plot's
 * curve is the app's own integration of the last frame, and after the user loads another PONI the
 * next series' curves follow it.
 */
@ExtendWith(ApplicationExtension.class)
class LabPipelineIT {
    private static final int FRAMES = 20;
    private static final Path DEV01 = Path.of("..", "..", "shared", "testdata", "azint", "dev01_ceo2_pilatus1m_real")
            .toAbsolutePath().normalize();
    /**
     * Largest difference allowed between the pipeline's curve and the app's, relative to the curve's peak. Both
     * integrate with the same matrix (same PONI, mask, bins, unit, no splitting); the pipeline's curves pass
     * through float32 (relative rounding 6e-8). A wrong geometry or mask moves the curve by percents.
     */
    private static final double TOLERANCE = 1e-6;

    @TempDir
    static Path dir;

    private MainWindow window;

    @Start
    void start(Stage stage) {
        SettingsStore store = new SettingsStore(dir.resolve("settings.json"));
        // the simulator draws the real calibration's rings; the session starts on the simulator's built-in geometry
        window = new MainWindow(new LaunchOptions(null, "simulator:poni=" + DEV01.resolve("geometry.poni"), false,
                dir.resolve("data"), null, 0), store, store.load());
        window.show(stage);
    }

    @AfterEach
    void close() throws Exception {
        Choosers.answerForTests(null);
        WaitForAsyncUtils.asyncFx(() -> window.close()).get().get();
    }

    private static <T> T onFx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get();
    }

    @Test
    void everyFrameOfALabSeriesIsIntegratedWithTheSessionsGeometry(FxRobot robot) throws Exception {
        Waits.until(Duration.ofSeconds(60), () -> window.session() != null, () -> window.view().statusLine());
        Session s = window.session();
        WaterfallView waterfall = Waits.onFx(() -> robot.lookup("#series-waterfall").queryAs(WaterfallView.class));
        Waits.until(Duration.ofSeconds(30), () -> Waits.onFx(() -> waterfall.message().startsWith("Following the azint pipeline")),
                () -> Waits.onFx(waterfall::message));

        LabWorkflowIT.armAndStart(robot, FRAMES, "builtin");
        Curve first = seriesFollowsTheSession(robot, s, waterfall, "builtin");
        PipelineViewsIT.clickTab(robot, "Waterfall");
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.shoot(window.view().analysisTabs(), "waterfall-lab.png");
        PipelineViewsIT.clickTab(robot, "1D");

        // the user loads the real calibration: the pipeline is configured with it before the next series
        Choosers.answerForTests(title -> DEV01.resolve("geometry.poni"));
        robot.clickOn("#load-poni");
        Waits.until(Duration.ofSeconds(30), () -> s.poni() != null && s.poni().wavelength() == 4.066e-11,
                () -> "PONI not loaded: " + window.view().statusLine());
        LabWorkflowIT.armAndStart(robot, FRAMES, "ceo2");
        Curve second = seriesFollowsTheSession(robot, s, waterfall, "ceo2");
        // another wavelength and distance: another q range
        assertTrue(Math.abs(second.x()[second.x().length - 1] - first.x()[first.x().length - 1]) > 1,
                "q range " + first.x()[first.x().length - 1] + " then " + second.x()[second.x().length - 1]);
        PipelineViewsIT.clickTab(robot, "Waterfall");
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.shoot(window.view().analysisTabs(), "waterfall-lab-ceo2.png");
        PipelineViewsIT.clickTab(robot, "1D");

        // another unit on the plot: the next series' pipeline curves come in it
        WaitForAsyncUtils.asyncFx(() -> window.view().plot().setUnit(RadialUnit.TTH_DEG)).get();
        LabWorkflowIT.armAndStart(robot, FRAMES, "ceo2_2th");
        Curve third = seriesFollowsTheSession(robot, s, waterfall, "ceo2_2th");
        assertEquals(RadialUnit.TTH_DEG, third.unit());
    }

    /**
     * Waits for a series of {@link #FRAMES} to be in the waterfall, and for the plot to show its last frame's
     * pipeline curve, then compares that with the app's own integration of the frame with the session's geometry.
     */
    private Curve seriesFollowsTheSession(FxRobot robot, Session s, WaterfallView waterfall, String series)
            throws Exception {
        javafx.scene.control.Labeled caption = Waits.onFx(() -> robot.lookup("#waterfall-info").queryLabeled());
        Waits.until(Duration.ofSeconds(120), () -> Waits.onFx(() -> {
            long[] f = waterfall.shownFrames();
            return caption.getText().startsWith("series " + series + ": ") && f != null && f[1] == FRAMES - 1
                    && waterfall.shownRows() == FRAMES;
        }), () -> Waits.onFx(() -> "waterfall rows " + waterfall.shownRows() + ", caption " + caption.getText()
                + ", message " + waterfall.message()));
        assertEquals(FRAMES, (int) onFx(waterfall::shownRows));
        assertArrayEquals(new long[] {0, FRAMES - 1}, onFx(waterfall::shownFrames));
        assertEquals(0L, (long) onFx(waterfall::shownMissing), "every frame integrated");

        // the last frame at full resolution, as the app fetches it to integrate
        LiveFrame last;
        try (ReceiverClient receiver = ReceiverClients.connect(s.receiverUrl())) {
            last = receiver.lastFrame(1, BlockReduction.MAX, null).frame();
        }
        assertEquals(FRAMES - 1, last.frame(), "the receiver's last frame");
        AzintCurve own = new AppIntegrator(s.poni(), s.mask(), AppIntegrator.DEFAULT_BINS, s.simulatorGeometry(),
                onFx(() -> window.view().plot().unitProperty().get())).integrate(last);
        // the pipeline's own curve of the last frame
        try (PipelineClient pipeline = new PipelineClient(s.receiverUrl(), Duration.ofSeconds(10))) {
            PipelineClient.Curves cs = pipeline.curves(1);
            PipelineClient.Entry e = cs.curves().get(cs.curves().size() - 1);
            assertEquals(FRAMES - 1, e.frame());
            assertEquals(own.unit(), cs.unit(), "the pipeline's unit");
            Curve fromPipeline = new Curve(cs.radial(), e.intensity(), null, cs.unit(), e.frame());
            assertTrue(maxDifference(fromPipeline, own) <= TOLERANCE, "the pipeline's curve differs from the app's by "
                    + maxDifference(fromPipeline, own) + " of its peak");
        }
        // and on the plot
        Waits.until(Duration.ofSeconds(30), () -> {
            Curve c = window.view().plot().curveProperty().get();
            return c != null && c.frame() == FRAMES - 1 && maxDifference(c, own) <= TOLERANCE;
        }, () -> {
            Curve c = window.view().plot().curveProperty().get();
            return c == null ? "no curve" : "plot frame " + c.frame() + ", relative difference " + maxDifference(c, own);
        });
        return onFx(() -> window.view().plot().curveProperty().get());
    }

    /** Largest difference of radial axis and intensity, relative to the peak of each; infinity for another length. */
    private static double maxDifference(Curve c, AzintCurve own) {
        double[] r = own.radial();
        double[] i = own.intensity();
        if (c.x().length != r.length || c.y().length != i.length) {
            return Double.POSITIVE_INFINITY;
        }
        double peakI = 0;
        double peakR = 0;
        for (int k = 0; k < i.length; k++) {
            peakI = Double.isFinite(i[k]) ? Math.max(peakI, Math.abs(i[k])) : peakI;
            peakR = Math.max(peakR, Math.abs(r[k]));
        }
        double worst = 0;
        for (int k = 0; k < i.length; k++) {
            if (Double.isNaN(i[k]) != Double.isNaN(c.y()[k])) {
                return Double.POSITIVE_INFINITY;
            }
            if (!Double.isNaN(i[k])) {
                worst = Math.max(worst, Math.abs(c.y()[k] - i[k]) / peakI);
            }
            worst = Math.max(worst, Math.abs(c.x()[k] - r[k]) / peakR);
        }
        return worst;
    }
}
