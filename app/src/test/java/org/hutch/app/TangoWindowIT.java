package org.hutch.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.hutch.app.testing.TestWindows;
import org.hutch.app.testing.Waits;
import org.hutch.detector.tango.ServerProcess;
import org.hutch.testkit.Hdf5ReadBack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The window driving the tango plugin's profiles against test devices in their own process (streaming to the
 * embedded receiver): a series clicked through Arm and Start lands frame for frame on disk, the panel shows only the
 * buttons the device's commands back, and a killed device server leaves the panel saying so with a way out.
 */
@ExtendWith(ApplicationExtension.class)
class TangoWindowIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final List<String> BUTTONS = List.of("#arm", "#start", "#stop", "#abort", "#disarm", "#initialize");

    @TempDir
    Path dir;

    private Stage stage;
    private MainWindow window;
    private ServerProcess server;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void close() throws Exception {
        TestWindows.close(window);
        if (server != null) {
            server.close();
        }
    }

    /** Starts the device server, opens the window in lab mode on it with {@code options}, and waits for the session. */
    private void open(String deviceClass, String options) throws Exception {
        String endpoint = "tcp://127.0.0.1:" + Waits.freePort();
        server = ServerProcess.start(deviceClass, endpoint);
        String spec = "tango:device=" + server.url() + ",stream=" + endpoint + ",pollMs=50," + options;
        window = TestWindows.open(stage, dir, spec, WAIT);
    }

    private static String text(FxRobot robot, String id) {
        return Waits.onFx(() -> robot.lookup(id).queryLabeled().getText());
    }

    private static boolean shown(FxRobot robot, String id) {
        return Waits.onFx(() -> robot.lookup(id).queryButton().isVisible());
    }

    private static boolean usable(FxRobot robot, String id) {
        return Waits.onFx(() -> {
            Button b = robot.lookup(id).queryButton();
            return b.isVisible() && !b.isDisabled();
        });
    }

    private String panel(FxRobot robot) {
        return window.view().statusLine() + " / " + text(robot, "#state-indicator") + " / error: "
                + text(robot, "#error") + " / shown: " + BUTTONS.stream().filter(b -> shown(robot, b)).toList()
                + " / usable: " + BUTTONS.stream().filter(b -> usable(robot, b)).toList();
    }

    private static void fill(FxRobot robot, String mode, String exposure, int images, int triggers, String file) {
        robot.interact(() -> robot.lookup("#trigger-mode").queryComboBox().getSelectionModel().select(mode));
        robot.clickOn("#exposure").eraseText(8).write(exposure);
        robot.clickOn("#period").eraseText(8).write(exposure);
        robot.clickOn("#images").eraseText(8).write(Integer.toString(images));
        robot.clickOn("#triggers").eraseText(8).write(Integer.toString(triggers));
        robot.clickOn("#file-name").eraseText(20).write(file);
    }

    private void armAndStart(FxRobot robot) {
        Waits.until(WAIT, () -> usable(robot, "#arm"), () -> "Arm not enabled: " + panel(robot));
        robot.clickOn("#arm");
        Waits.until(WAIT, () -> usable(robot, "#start"), () -> "Start not enabled after Arm: " + panel(robot));
        robot.clickOn("#start");
    }

    @Test
    void limaInteWithThreeTriggersWritesEveryFrameAndShowsNoStopWithoutAStopCommand(FxRobot robot) throws Exception {
        open("LimaTestDevice", "profile=lima,stop=");
        // the simulator the window starts with also has Arm: wait for LImA's own commands (reset = Initialize)
        Waits.until(WAIT, () -> usable(robot, "#arm") && shown(robot, "#initialize"), () -> panel(robot));
        assertFalse(shown(robot, "#stop") || shown(robot, "#disarm"), "no stop command: " + panel(robot));
        assertTrue(shown(robot, "#abort") && shown(robot, "#initialize"), "abortAcq and reset: " + panel(robot));

        fill(robot, "inte", "0.02", 1, 3, "lima_inte");
        armAndStart(robot);
        Waits.until(WAIT, () -> window.view().statusLine().contains("all 3 frames written"), () -> panel(robot));
        assertArrayEquals(new long[] {3, 8, 8},
                Hdf5ReadBack.shape(dir.resolve("data").resolve("lima_inte.h5"), Hdf5ReadBack.FRAMES));
        Waits.until(WAIT, () -> usable(robot, "#arm"), () -> "Arm not enabled after the series: " + panel(robot));
    }

    @Test
    void aKilledMaxIvEigerServerLeavesTheDeviceLostAndAWayOut(FxRobot robot) throws Exception {
        open("MaxIvEigerTestDevice", "profile=maxiv-eiger");
        Waits.until(WAIT, () -> usable(robot, "#arm"), () -> panel(robot));
        assertTrue(shown(robot, "#stop") && shown(robot, "#abort") && shown(robot, "#disarm"),
                "Cancel, Abort, Disarm: " + panel(robot));
        assertFalse(shown(robot, "#initialize"), "the profile has no initialize command: " + panel(robot));

        fill(robot, "ints", "0.05", 400, 1, "eiger_lost");
        armAndStart(robot);
        Waits.until(WAIT, () -> text(robot, "#state-indicator").startsWith("RUNNING"), () -> panel(robot));
        server.kill();
        Waits.until(WAIT, () -> window.view().statusLine().startsWith("acquisition failed"), () -> panel(robot));
        Waits.until(WAIT, () -> (text(robot, "#error") + window.view().statusLine()).contains("lost"),
                () -> "the panel does not say the device is lost: " + panel(robot));
        assertTrue(usable(robot, "#abort") || usable(robot, "#initialize"), "a way out: " + panel(robot));
    }
}
