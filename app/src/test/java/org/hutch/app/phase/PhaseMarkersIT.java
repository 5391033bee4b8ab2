package org.hutch.app.phase;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fair_acc.chartfx.plugins.XValueIndicator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.hutch.app.LaunchOptions;
import org.hutch.app.MainWindow;
import org.hutch.app.settings.AppSettings;
import org.hutch.app.testing.Screenshots;
import org.hutch.app.testing.TestWindows;
import org.hutch.app.testing.Waits;
import org.hutch.widgets.plot.AzintPlot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Phase markers through the real main window: Analysis > Phase markers..., a JCPDS file written
 * here loaded, its lines drawn on the 1D plot at the hand-computed q and d of a cubic cell, as rings
 * on the image, and moved by a pressure through the file's Birch-Murnaghan K0 and K0'.
 */
@ExtendWith(ApplicationExtension.class)
class PhaseMarkersIT {
    static {
        System.setProperty("testfx.setup.timeout", "120000");
    }

    /** 128 x 128 pixels of 0.6 mm at 0.1 m, beam in the middle, λ 1.0332 Å: 2θ up to 28° at the corners. */
    static final String PONI_128 = "poni_version: 2\nDetector: Detector\n"
            + "Detector_config: {\"pixel1\": 6e-04, \"pixel2\": 6e-04, \"max_shape\": [128, 128]}\n"
            + "Distance: 0.1\nPoni1: 0.0384\nPoni2: 0.0384\nRot1: 0\nRot2: 0\nRot3: 0\nWavelength: 1.0332e-10\n";

    /** A primitive cubic cell of 8 Å: d(111) 4.6188, d(200) 4.0, d(220) 2.8284 Å. */
    static final String JCPDS = """
            VERSION: 4
            COMMENT: test cubic 8 A
            K0: 100.0
            K0P: 4.0
            SYMMETRY: CUBIC
            A: 8.0
            DIFFRACTION: 4.6188 100 1 1 1
            DIFFRACTION: 4.0000 60 2 0 0
            DIFFRACTION: 2.8284 40 2 2 0
            """;

    @TempDir
    static Path dir;

    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        Path poni = Files.writeString(dir.resolve("det128.poni"), PONI_128);
        AppSettings s = AppSettings.defaults().withDetectorGeometry("simulator", poni.toString(), null);
        window = TestWindows.show(stage, dir, new LaunchOptions(null, "simulator:shape=128,128", false, dir.resolve("data"),
                null, 3), s);
    }

    @AfterEach
    void close() throws Exception {
        TestWindows.close(window);
    }

    /** The marker positions on the plot, sorted. */
    private double[] markers() {
        AzintPlot plot = window.view().plot();
        try {
            return WaitForAsyncUtils.asyncFx(() -> plot.chart().getPlugins().stream().filter(p -> p instanceof XValueIndicator)
                    .mapToDouble(p -> ((XValueIndicator) p).getValue()).sorted().toArray()).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void jcpdsLinesOnThePlotAndImageAndUnderPressure(FxRobot robot) throws Exception {
        Path jcpds = Files.writeString(dir.resolve("cubic8.jcpds"), JCPDS);
        AzintPlot plot = window.view().plot();
        Waits.until(Duration.ofSeconds(60), () -> plot.curveProperty().get() != null, () -> window.view().statusLine());
        Node area = Waits.onFx(() -> robot.lookup("#image-view").query());
        int redBefore = ringColoured(area);

        robot.clickOn("#analysis-menu").clickOn("#phase-markers-item");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#phase-file");
        robot.interact(() -> robot.lookup("#phase-file").queryTextInputControl().setText(jcpds.toString()));
        robot.clickOn("#phase-load");
        Waits.until(Duration.ofSeconds(20), () -> status(robot).startsWith("test cubic 8 A: 3 lines"), () -> status(robot));

        // q (nm⁻¹) = 2π/d·10 with d = a/√(h²+k²+l²)
        double[] d = {8 / Math.sqrt(8), 8 / Math.sqrt(4), 8 / Math.sqrt(3)};
        double[] q = Arrays.stream(d).map(v -> 20 * Math.PI / v).sorted().toArray();
        assertArrayEquals(q, markers(), 1e-9);
        assertArrayEquals(q, Waits.onFx(() -> window.view().image().getRingQs().stream().mapToDouble(Double::doubleValue).sorted().toArray()), 1e-9);

        // the rings on the image: ring-coloured screen pixels appear
        Waits.until(Duration.ofSeconds(10), () -> ringColoured(area) > redBefore + 100, () -> "ring pixels " + redBefore);
        Screenshots.shoot(area, "phase-rings-image.png");

        // the d axis: markers at d itself
        robot.clickOn("#d-axis");
        Waits.until(Duration.ofSeconds(10), () -> Math.abs(markers()[0] - d[0]) < 1e-9, () -> Arrays.toString(markers()));
        assertArrayEquals(Arrays.stream(d).sorted().toArray(), markers(), 1e-9);
        assertEquals("d", Waits.onFx(() -> plot.xAxis().getName()));
        double lastD = WaitForAsyncUtils.asyncFx(() -> {
            var live = plot.chart().getRenderers().stream().flatMap(r -> r.getDatasets().stream())
                    .filter(s -> s.getName().startsWith("frame")).findFirst().orElseThrow();
            return live.get(0, live.getDataCount() - 1);
        }).get();
        double qA = 2 * Math.PI / lastD; // the last bin's d back to q (Å⁻¹)
        // (the d axis leaves out the lowest-q bins, whose d would stretch it: the last points stay aligned)
        double[] qOfBins = Waits.onFx(() -> plot.curveProperty().get().xIn(org.hutch.model.curve.RadialUnit.Q_A));
        assertEquals(qOfBins[qOfBins.length - 1], qA, 1e-9);
        Screenshots.shoot(Waits.onFx(() -> robot.lookup("#azint-plot").query()), "phase-markers-d-axis.png");

        // 10 GPa through K0 100, K0' 4: P = 3K0/2 (x⁻⁷ − x⁻⁵) at the linear scale x the lines moved by
        robot.clickOn("#phase-pressure");
        robot.interact(() -> robot.lookup("#phase-pressure").queryTextInputControl().setText("10"));
        robot.clickOn("#phase-apply");
        Waits.until(Duration.ofSeconds(10), () -> markers()[0] < d[0] - 1e-3, () -> Arrays.toString(markers()));
        double x = markers()[0] / d[0];
        assertEquals(10, 1.5 * 100 * (Math.pow(x, -7) - Math.pow(x, -5)), 1e-6);
        assertEquals(d[2] * x, markers()[2], 1e-9);
        assertTrue(Waits.onFx(() -> robot.lookup("#phase-lines").queryTextInputControl().getText()).contains("(1 1 1)"));
    }

    private static String status(FxRobot robot) {
        return Waits.onFx(() -> robot.lookup("#phase-status").queryAs(Label.class).getText());
    }

    /** Screen pixels of the image area in the ring colour (#ff5050). */
    private static int ringColoured(Node area) {
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage shot;
        try {
            shot = WaitForAsyncUtils.asyncFx(() -> area.snapshot(null, null)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        int n = 0;
        for (int y = 0; y < (int) shot.getHeight(); y++) {
            for (int x = 0; x < (int) shot.getWidth(); x++) {
                int argb = shot.getPixelReader().getArgb(x, y);
                if (Math.abs(((argb >> 16) & 0xff) - 0xff) < 24 && Math.abs(((argb >> 8) & 0xff) - 0x50) < 24 && Math.abs((argb & 0xff) - 0x50) < 24) {
                    n++;
                }
            }
        }
        return n;
    }
}
