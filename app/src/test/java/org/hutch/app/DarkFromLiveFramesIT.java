package org.hutch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import javafx.scene.control.Button;
import javafx.scene.control.Tab;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.hutch.app.corrections.Corrections;
import org.hutch.app.testing.TestWindows;
import org.hutch.app.testing.Waits;
import org.hutch.widgets.image.ImageFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A dark gathered from live frames on a detector large enough to be shown reduced, in lab mode, where the
 * embedded receiver's pipeline gives the curves and the app does not integrate the frames itself: the
 * dark must still take its frames, at full resolution.
 */
@ExtendWith(ApplicationExtension.class)
class DarkFromLiveFramesIT {
    private static final int ROWS = 1400;
    private static final int COLS = 1300;
    private static final int DARK_FRAMES = 3;

    @TempDir
    static Path dir;

    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = TestWindows.show(stage, dir, "simulator:shape=" + ROWS + "," + COLS);
    }

    @AfterEach
    void close() throws Exception {
        TestWindows.close(window);
    }

    @Test
    void aDarkFromLiveFramesOfALargeDetectorIsGatheredAtFullResolution(FxRobot robot) throws Exception {
        Waits.until(Duration.ofSeconds(60), () -> window.session() != null, () -> window.view().statusLine());
        Tab corrections = Waits.onFx(() -> window.view().analysisTabs().getTabs().stream()
                .filter(t -> "corrections-tab".equals(t.getId())).findFirst().orElseThrow());
        robot.interact(() -> window.view().analysisTabs().getSelectionModel().select(corrections));
        TextField frames = Waits.onFx(() -> robot.lookup("#live-frames").query());
        robot.clickOn(frames);
        robot.interact(frames::selectAll);
        robot.write(Integer.toString(DARK_FRAMES));
        robot.clickOn("#dark-live");

        // a series long enough for the 1 Hz live view to see more than DARK_FRAMES new frames
        Button arm = Waits.onFx(() -> robot.lookup("#arm").queryButton());
        Button start = Waits.onFx(() -> robot.lookup("#start").queryButton());
        Waits.until(Duration.ofSeconds(30), () -> Waits.onFx(() -> !arm.isDisabled()), () -> "Arm stays disabled");
        robot.clickOn("#exposure").eraseText(6).write("0.1");
        robot.clickOn("#period").eraseText(6).write("0.1");
        robot.clickOn("#images").eraseText(6).write("100");
        robot.clickOn("#arm");
        Waits.until(Duration.ofSeconds(30), () -> Waits.onFx(() -> !start.isDisabled()), () -> "Start not enabled after Arm");
        robot.clickOn("#start");

        Waits.until(Duration.ofSeconds(90), () -> window.session().corrections().hasDark(),
                () -> "no dark yet: " + Waits.onFx(() -> robot.lookup("#corrections-state").queryLabeled().getText()));
        Corrections c = window.session().corrections();
        assertEquals(ROWS, c.rows(), "the dark has the detector's full size");
        assertEquals(COLS, c.cols());
        assertEquals(ROWS * COLS, c.dark().length);
        String state = Waits.onFx(() -> robot.lookup("#corrections-state").queryLabeled().getText());
        assertTrue(state.contains("dark"), state);
        // and the image on screen is still the reduced one
        ImageFrame shown = Waits.onFx(() -> window.view().image().shownFrameProperty().get());
        assertTrue(shown.rows() < ROWS, "shown reduced: " + shown.rows() + " rows");
    }
}
