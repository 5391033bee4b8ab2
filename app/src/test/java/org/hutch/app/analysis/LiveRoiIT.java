package org.hutch.app.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

import javafx.scene.control.Button;
import javafx.stage.Stage;

import org.hutch.app.MainWindow;
import org.hutch.app.settings.AppSettings;
import org.hutch.app.settings.SettingsStore;
import org.hutch.app.testing.TestWindows;
import org.hutch.app.testing.Waits;
import org.hutch.widgets.analysis.ImageAnalysis;
import org.hutch.widgets.analysis.PixelStats;
import org.hutch.widgets.analysis.Roi;
import org.hutch.widgets.image.ImageFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A remembered ROI follows a live series of the simulated detector through the embedded receiver:
 * each polled frame's statistics land in the ROI's history under its frame number, and agree with
 * the frame on screen (128 x 128 is shown unreduced).
 */
@ExtendWith(ApplicationExtension.class)
class LiveRoiIT {
    @TempDir
    static Path dir;

    private MainWindow window;
    private static final Roi ROI = new Roi("ROI 1", 10, 20, 60, 50);

    @Start
    void start(Stage stage) {
        SettingsStore store = TestWindows.store(dir);
        AppSettings remembered = AppSettings.defaults().withDetectorSettings("simulator", Map.of("display", Map.of(
                "quarterTurns", 0, "mirrored", false,
                "rois", List.of(Map.of("name", ROI.name(), "col0", ROI.col0(), "row0", ROI.row0(), "col1", ROI.col1(), "row1", ROI.row1())))));
        store.save(remembered);
        window = TestWindows.show(stage, dir, "simulator:shape=128,128");
    }

    @AfterEach
    void close() throws Exception {
        TestWindows.close(window);
    }

    @Test
    void liveFramesFeedTheRoiHistory(FxRobot robot) throws Exception {
        Waits.until(Duration.ofSeconds(60), () -> window.session() != null, () -> window.view().statusLine());
        ImageAnalysis analysis = window.workspaces().get(0).analysis().analysis();
        assertEquals(List.of(ROI), List.copyOf(analysis.roiLayer().rois()), "restored at start");
        Button arm = Waits.onFx(() -> robot.lookup("#arm").queryAs(Button.class));
        Button start = Waits.onFx(() -> robot.lookup("#start").queryAs(Button.class));
        Waits.until(Duration.ofSeconds(30), () -> Waits.onFx(() -> !arm.isDisabled()), () -> "Arm stays disabled");
        robot.clickOn("#exposure").eraseText(6).write("0.2");
        robot.clickOn("#period").eraseText(6).write("0.2");
        robot.clickOn("#images").eraseText(6).write("40");
        robot.clickOn("#file-name").write("roi_live");
        robot.clickOn("#arm");
        Waits.until(Duration.ofSeconds(30), () -> Waits.onFx(() -> !start.isDisabled()), () -> "Start not enabled: " + window.view().statusLine());
        robot.clickOn("#start");

        Waits.until(Duration.ofSeconds(60), () -> analysis.roiPane().history(ROI).size() >= 3,
                () -> "live ROI history " + analysis.roiPane().history(ROI).keySet());
        // the frame on screen and its statistics, once both are of the same frame
        Waits.until(Duration.ofSeconds(30), () -> {
            ImageFrame f = window.view().image().shownFrameProperty().get();
            return f != null && analysis.roiPane().history(ROI).containsKey(f.frameNumber());
        }, () -> "statistics of the frame on screen");
        ImageFrame f = WaitForAsyncUtils.asyncFx(() -> window.view().image().shownFrameProperty().get()).get();
        assertEquals(128, f.rows(), "shown unreduced");
        NavigableMap<Long, PixelStats> h = analysis.roiPane().history(ROI);
        PixelStats s = h.get(f.frameNumber());
        assertNotNull(s);
        double sum = 0;
        long count = 0;
        for (int r = ROI.row0(); r < ROI.row1(); r++) {
            for (int c = ROI.col0(); c < ROI.col1(); c++) {
                if (!f.isInvalid(r, c)) {
                    sum += f.value(r, c);
                    count++;
                }
            }
        }
        assertEquals(sum, s.sum(), 0);
        assertEquals(count, s.count());
        assertEquals(1, s.binning(), "full resolution");
    }
}
