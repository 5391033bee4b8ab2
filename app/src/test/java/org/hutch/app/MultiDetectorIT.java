package org.hutch.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import javafx.scene.Node;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.hutch.app.testing.TestWindows;
import org.hutch.app.testing.Waits;
import org.hutch.testkit.Hdf5ReadBack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Two detectors in one window (one tab each, each with its own embedded receiver and folder). */
@ExtendWith(ApplicationExtension.class)
class MultiDetectorIT {

    @TempDir
    static Path dir;

    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = TestWindows.show(stage, dir, new LaunchOptions(null, "simulator:shape=64,64", false,
                dir.resolve("data"), null, 0, List.of("simulator:shape=96,80")));
    }

    @AfterEach
    void close() throws Exception {
        TestWindows.close(window);
    }

    @Test
    void theSecondDetectorAcquiresInItsOwnTab(FxRobot robot) throws Exception {
        List<Workspace> ws = window.workspaces();
        assertEquals(2, ws.size());
        for (Workspace w : ws) {
            Waits.until(Duration.ofSeconds(30), () -> w.session() != null, () -> w.view().statusLine());
        }
        assertNotEquals(ws.get(0).session().receiverUrl(), ws.get(1).session().receiverUrl());
        assertEquals(dir.resolve("data").resolve("detector-2").toAbsolutePath(), ws.get(1).session().dataDir());

        TabPane tabs = Waits.onFx(() -> robot.lookup("#detector-tabs").query());
        WaitForAsyncUtils.asyncFx(() -> tabs.getSelectionModel().select(1)).get();
        WaitForAsyncUtils.waitForFxEvents();
        Node arm = Waits.onFx(() -> ws.get(1).view().panel().lookup("#arm"));
        Node start = Waits.onFx(() -> ws.get(1).view().panel().lookup("#start"));
        Waits.until(Duration.ofSeconds(20), () -> Waits.onFx(() -> !arm.isDisabled()), () -> "Arm disabled");
        robot.clickOn(Waits.onFx(() -> ws.get(1).view().panel().lookup("#images"))).eraseText(4).write("3");
        robot.clickOn(Waits.onFx(() -> ws.get(1).view().panel().lookup("#file-name"))).write("waxs");
        robot.clickOn(arm);
        Waits.until(Duration.ofSeconds(20), () -> Waits.onFx(() -> !start.isDisabled()), () -> ws.get(1).view().statusLine());
        robot.clickOn(start);

        Path file = dir.resolve("data").resolve("detector-2").resolve("waxs.h5");
        Waits.until(Duration.ofSeconds(60), () -> ws.get(1).view().statusLine().contains("all 3 frames written"),
                () -> ws.get(1).view().statusLine());
        assertTrue(Files.isRegularFile(file));
        assertArrayEquals(new long[] {3, 96, 80}, Hdf5ReadBack.shape(file, Hdf5ReadBack.FRAMES));
        assertFalse(Waits.onFx(() -> ws.get(0).view().panel().lookup("#arm").isDisabled()), "the first detector stays ready");
    }
}
