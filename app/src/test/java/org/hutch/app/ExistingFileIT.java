package org.hutch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import javafx.scene.Node;
import javafx.stage.Stage;
import org.hutch.app.testing.TestWindows;
import org.hutch.app.testing.Waits;
import org.hutch.widgets.control.ControlState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A file name that is already in the data folder is refused before the detector is armed, with the reason in view. */
@ExtendWith(ApplicationExtension.class)
class ExistingFileIT {

    @TempDir
    static Path dir;

    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data").resolve("taken.h5"), "an earlier series");
        window = TestWindows.show(stage, dir, "simulator:shape=64,64");
    }

    @AfterEach
    void close() throws Exception {
        TestWindows.close(window);
    }

    @Test
    void anExistingFileNameIsRefusedBeforeArming(FxRobot robot) throws Exception {
        Node arm = Waits.onFx(() -> window.view().panel().lookup("#arm"));
        Waits.until(Duration.ofSeconds(30), () -> Waits.onFx(() -> !arm.isDisabled()), () -> "Arm disabled: " + window.view().statusLine());
        robot.clickOn(Waits.onFx(() -> window.view().panel().lookup("#file-name"))).write("taken");
        robot.clickOn(arm);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.view().statusLine().contains("taken.h5 already exists"), window.view().statusLine());
        assertEquals(ControlState.READY, window.view().panel().getState(), "the detector is not armed");
        assertEquals("an earlier series", Files.readString(dir.resolve("data").resolve("taken.h5")));
    }
}
