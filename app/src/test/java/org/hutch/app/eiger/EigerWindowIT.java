package org.hutch.app.eiger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.hutch.app.MainWindow;
import org.hutch.app.client.ReceiverClient;
import org.hutch.app.client.ReceiverClients;
import org.hutch.app.testing.TestWindows;
import org.hutch.app.testing.Waits;
import org.hutch.detector.eiger.SimplonSimulator;
import org.hutch.detector.eiger.SimplonSimulator.Departure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The window driving the eiger plugin against DCUs that depart from the documentation: the panel always offers a
 * way out, and a series either completes bit-exact or ends with the file closed and readable while the app runs.
 */
@ExtendWith(ApplicationExtension.class)
class EigerWindowIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final List<String> BUTTONS = List.of("#arm", "#start", "#stop", "#abort", "#disarm", "#initialize");

    @TempDir
    Path dir;

    private Stage stage;
    private MainWindow window;
    private SimplonSimulator sim;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void close() throws Exception {
        TestWindows.close(window);
        if (sim != null) {
            sim.close();
        }
    }

    /** Opens the window in lab mode on the eiger plugin pointed at the simulator, and waits for the session. */
    private void open(SimplonSimulator s, FxRobot robot) throws Exception {
        sim = s;
        String endpoint = s.streamFrames().endpoint();
        String spec = "eiger:url=" + s.url() + ",stream_endpoint=" + endpoint + ",timeout=3";
        window = TestWindows.open(stage, dir, spec, WAIT);
    }

    private static String text(FxRobot robot, String id) {
        return Waits.onFx(() -> robot.lookup(id).queryLabeled().getText());
    }

    private static boolean usable(FxRobot robot, String id) {
        return Waits.onFx(() -> {
            Button b = robot.lookup(id).queryButton();
            return b.isVisible() && !b.isDisabled();
        });
    }

    private static String panel(FxRobot robot) {
        return text(robot, "#state-indicator") + " / error: " + text(robot, "#error") + " / buttons: "
                + BUTTONS.stream().filter(b -> usable(robot, b)).toList();
    }

    private static void fill(FxRobot robot, String exposure, int images, String file) {
        robot.clickOn("#exposure").eraseText(8).write(exposure);
        robot.clickOn("#period").eraseText(8).write(exposure);
        robot.clickOn("#images").eraseText(8).write(Integer.toString(images));
        robot.clickOn("#file-name").eraseText(20).write(file);
    }

    private static void armAndStart(FxRobot robot) {
        robot.clickOn("#arm");
        Waits.until(WAIT, () -> usable(robot, "#start"), () -> "Start not enabled after Arm: " + panel(robot));
        robot.clickOn("#start");
    }

    @Test
    void aDcuFoundArmedOffersDisarmAndThenAcquiresBitExact(FxRobot robot) throws Exception {
        open(SimplonSimulator.start("1.8.0").depart(Departure.PERMANENTLY_READY), robot);
        Waits.until(WAIT, () -> text(robot, "#state-indicator").startsWith("ARMED"), () -> panel(robot));
        assertTrue(usable(robot, "#disarm") && usable(robot, "#abort") && usable(robot, "#initialize"), panel(robot));
        assertFalse(usable(robot, "#start"), "nothing of ours is armed: " + panel(robot));
        robot.clickOn("#disarm");
        Waits.until(WAIT, () -> usable(robot, "#arm"), () -> "Arm not enabled after Disarm: " + panel(robot));

        fill(robot, "0.02", 5, "found_armed");
        armAndStart(robot);
        Waits.until(WAIT, () -> window.view().statusLine().contains("all 5 frames written"),
                () -> window.view().statusLine() + " / " + panel(robot));
        assertEquals(5, SimplonFiles.exactFrames(dir.resolve("data").resolve("found_armed.h5")));
        Waits.until(WAIT, () -> usable(robot, "#arm"), () -> "Arm not enabled after the series: " + panel(robot));
    }

    @Test
    void anUninitialisedDcuOffersInitialize(FxRobot robot) throws Exception {
        SimplonSimulator s = SimplonSimulator.start("1.8.0");
        s.forceState("na", null);
        open(s, robot);
        Waits.until(WAIT, () -> text(robot, "#error").contains("Initialize"), () -> panel(robot));
        assertTrue(usable(robot, "#initialize"), panel(robot));
        robot.clickOn("#initialize");
        Waits.until(WAIT, () -> usable(robot, "#arm"), () -> "Arm not enabled after Initialize: " + panel(robot));
        assertTrue(s.commands().contains("initialize"), s.commands().toString());
    }

    @Test
    void abortClosesTheFileWhileTheAppRuns(FxRobot robot) throws Exception {
        open(SimplonSimulator.start("1.8.0"), robot);
        Waits.until(WAIT, () -> usable(robot, "#arm"), () -> panel(robot));
        fill(robot, "0.05", 400, "aborted");
        armAndStart(robot);
        try (ReceiverClient client = ReceiverClients.connect(window.session().receiverUrl())) {
            Waits.until(WAIT, () -> {
                try {
                    return client.status().received() >= 3;
                } catch (Exception e) {
                    return false;
                }
            }, () -> "no frames: " + panel(robot));
        }
        robot.clickOn("#abort");
        Waits.until(WAIT, () -> window.view().statusLine().contains("aborted"),
                () -> window.view().statusLine() + " / " + panel(robot));
        long onDisk = SimplonFiles.exactFrames(dir.resolve("data").resolve("aborted.h5"));
        assertTrue(onDisk >= 3 && onDisk < 400, "frames on disk: " + onDisk);
        Waits.until(WAIT, () -> !text(robot, "#progress-text").contains("left"),
                () -> "an aborted series still shows a time left: " + text(robot, "#progress-text"));
        Waits.until(WAIT, () -> usable(robot, "#arm"), () -> "Arm not enabled after Abort: " + panel(robot));
    }

    @Test
    void aDcuDyingMidSeriesLeavesAWayOutAndAReadableFile(FxRobot robot) throws Exception {
        open(SimplonSimulator.start("1.8.0").dieAfterFrames(3), robot);
        Waits.until(WAIT, () -> usable(robot, "#arm"), () -> panel(robot));
        fill(robot, "0.05", 20, "died");
        armAndStart(robot);
        Waits.until(WAIT, () -> window.view().statusLine().startsWith("acquisition failed"),
                () -> window.view().statusLine() + " / " + panel(robot));
        assertTrue(usable(robot, "#abort") || usable(robot, "#initialize"), "a way out: " + panel(robot));
        long onDisk = SimplonFiles.exactFrames(dir.resolve("data").resolve("died.h5"));
        assertTrue(onDisk <= 3, "frames on disk: " + onDisk);
        robot.clickOn("#abort"); // the DCU is gone: Abort says so, and the panel stays usable
        Waits.until(WAIT, () -> text(robot, "#error").contains("abort failed"), () -> panel(robot));
        assertTrue(usable(robot, "#abort") || usable(robot, "#initialize"), "still a way out: " + panel(robot));
    }
}
