package org.hutch.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

import javafx.scene.control.Button;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.hutch.app.client.ReceiverClient;
import org.hutch.app.client.ReceiverClients;
import org.hutch.app.live.LivePollerIT;
import org.hutch.app.testing.TestWindows;
import org.hutch.app.testing.Waits;
import org.hutch.model.receiver.ReceiverStatus;
import org.hutch.testkit.Hdf5ReadBack;
import org.hutch.testkit.Python;
import org.hutch.widgets.image.ImageFrame;
import org.hutch.widgets.plot.Curve;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A new user's lab-mode workflow in the real window: real simulator, real embedded receiver over
 * loopback, real HDF5 file. Click Arm, then Start; rings appear, the curve has peaks, the file holds
 * every frame.
 */
@ExtendWith(ApplicationExtension.class)
class LabWorkflowIT {
    private static final int FRAMES = 8;

    @TempDir
    static Path dir;

    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = TestWindows.show(stage, dir, "simulator:shape=256,256");
    }

    @AfterEach
    void close() throws Exception {
        TestWindows.close(window);
    }

    private static <T> T onFx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get();
    }

    /** The text of the labelled node {@code id}, read on the FX thread. */
    private static String text(FxRobot robot, String id) {
        return Waits.onFx(() -> robot.lookup(id).queryLabeled().getText());
    }

    /** Fills in a series of {@code frames} frames 20 ms apart into {@code fileName}, arms and starts it, as a user does. */
    static void armAndStart(FxRobot robot, int frames, String fileName) throws Exception {
        Button arm = Waits.onFx(() -> robot.lookup("#arm").queryButton());
        Button start = Waits.onFx(() -> robot.lookup("#start").queryButton());
        Waits.until(Duration.ofSeconds(20), () -> Waits.onFx(() -> !arm.isDisabled()), () -> "Arm stays disabled");
        assertTrue(Waits.onFx(start::isDisabled), "Start is disabled before Arm");

        robot.clickOn("#exposure").eraseText(6).write("0.02");
        robot.clickOn("#period").eraseText(6).write("0.02");
        robot.clickOn("#images").eraseText(6).write(Integer.toString(frames));
        TextField name = Waits.onFx(() -> robot.lookup("#file-name").query());
        robot.clickOn(name);
        robot.interact(name::selectAll);
        robot.write(fileName);
        robot.clickOn("#arm");
        Waits.until(Duration.ofSeconds(20), () -> Waits.onFx(() -> !start.isDisabled()), () -> "Start not enabled after Arm: "
                + text(robot, "#state-indicator") + " / " + text(robot, "#error"));
        robot.clickOn("#start");
    }

    @Test
    void armStartAndSeeFramesCurveAndFile(FxRobot robot) throws Exception {
        Waits.until(Duration.ofSeconds(30), () -> window.session() != null, () -> window.view().statusLine());
        armAndStart(robot, FRAMES, "gui_series");

        Path file = dir.resolve("data").resolve("gui_series.h5");
        AtomicReference<ReceiverStatus> last = new AtomicReference<>();
        try (ReceiverClient client = ReceiverClients.connect(window.session().receiverUrl())) {
            Waits.until(Duration.ofSeconds(60), () -> {
                try {
                    ReceiverStatus s = client.status();
                    last.set(s);
                    return s.isIdle() && s.written() == FRAMES;
                } catch (Exception e) {
                    return false;
                }
            }, () -> "receiver status " + last.get());
        }
        assertTrue(Files.isRegularFile(file));
        assertArrayEquals(new long[] {FRAMES, 256, 256}, Hdf5ReadBack.shape(file, Hdf5ReadBack.FRAMES));

        Waits.until(Duration.ofSeconds(20), () -> window.view().statusLine().contains("all " + FRAMES + " frames written"),
                () -> window.view().statusLine());
        Waits.until(Duration.ofSeconds(20), () -> text(robot, "#progress-text").contains(FRAMES + " / " + FRAMES)
                || text(robot, "#progress-text").contains(FRAMES + "/" + FRAMES), () -> text(robot, "#progress-text"));

        // the image view shows the last frame, the plot a curve with the rings as peaks
        Waits.until(Duration.ofSeconds(20), () -> {
            ImageFrame f = Waits.onFx(() -> window.view().image().shownFrameProperty().get());
            return f != null && f.frameNumber() == FRAMES - 1;
        }, () -> "shown frame " + window.view().image().shownFrameProperty().get() + ", connection "
                + window.view().connectionText() + ", status " + window.view().statusLine());
        ImageFrame shown = onFx(() -> window.view().image().shownFrameProperty().get());
        assertEquals(256, shown.rows());
        Waits.until(Duration.ofSeconds(30), () -> Waits.onFx(() -> window.view().plot().curveProperty().get()) != null,
                () -> "no curve on the plot");
        Curve c = onFx(() -> window.view().plot().curveProperty().get());
        assertNotNull(c);
        assertTrue(LivePollerIT.peaks(c.y()) >= 2, "peaks: " + LivePollerIT.peaks(c.y()));
        assertTrue(text(robot, "#error").isEmpty(), text(robot, "#error"));
        assertEquals(Integer.toString(FRAMES), Waits.onFx(() -> robot.lookup("#images").queryTextInputControl().getText()));

        // last, as it skips the test where h5py is missing: the reference reader reads every frame
        Python.assumeH5py();
        assertEquals(FRAMES, Python.h5pyFrameCount(file, Hdf5ReadBack.FRAMES));
    }
}
