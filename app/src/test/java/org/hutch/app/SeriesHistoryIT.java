package org.hutch.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.hutch.app.settings.AppSettings;
import org.hutch.app.testing.TestWindows;
import org.hutch.app.testing.Waits;
import org.hutch.widgets.plot.AzintPlot;
import org.hutch.widgets.plot.Curve;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The plot's overlay and waterfall start afresh with each series: no curve of the series before stays in them. */
@ExtendWith(ApplicationExtension.class)
class SeriesHistoryIT {

    @TempDir
    static Path dir;

    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        Path poni = Files.writeString(dir.resolve("det128.poni"), GeometryViewIT.PONI_128);
        AppSettings s = AppSettings.defaults().withDetectorGeometry("simulator", poni.toString(), null);
        window = TestWindows.show(stage, dir, new LaunchOptions(null, "simulator:shape=128,128", false,
                dir.resolve("data"), null, 3), s);
    }

    @AfterEach
    void close() throws Exception {
        TestWindows.close(window);
    }

    @Test
    void aNewSeriesStartsTheOverlayAndWaterfallAfresh(FxRobot robot) throws Exception {
        AzintPlot plot = window.view().plot();
        Waits.until(Duration.ofSeconds(60), () -> window.view().statusLine().contains("all 3 frames written"),
                () -> window.view().statusLine());
        Waits.until(Duration.ofSeconds(20), () -> plot.curveProperty().get() != null, () -> "no curve");
        List<Curve> first = WaitForAsyncUtils.asyncFx(plot::history).get();
        assertTrue(!first.isEmpty());

        Button arm = Waits.onFx(() -> robot.lookup("#arm").queryButton());
        Button start = Waits.onFx(() -> robot.lookup("#start").queryButton());
        Waits.until(Duration.ofSeconds(20), () -> Waits.onFx(() -> !arm.isDisabled()), () -> "Arm disabled: " + window.view().statusLine());
        robot.clickOn("#file-name").write("second");
        robot.clickOn("#arm");
        Waits.until(Duration.ofSeconds(20), () -> Waits.onFx(() -> !start.isDisabled()), () -> "Start not enabled: " + window.view().statusLine());
        robot.clickOn("#start");
        Waits.until(Duration.ofSeconds(60), () -> {
            Curve c = plot.curveProperty().get();
            return c != null && !first.contains(c);
        }, () -> "no curve of the second series: " + window.view().statusLine());
        WaitForAsyncUtils.waitForFxEvents();
        List<Curve> now = WaitForAsyncUtils.asyncFx(plot::history).get();
        assertTrue(now.stream().noneMatch(first::contains),
                "curves of the first series still in the history: " + now.size() + " curves, " + first.size() + " of before");
    }
}
