package org.hutch.app.mask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.hutch.app.MainWindow;
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
 * A mask made on a lab simulator of another shape than its built-in PONI's 1024x1024: the built-in geometry
 * takes the frames' shape, so the mask must have the detector's full 1400x1300 pixels, not the PONI's, nor
 * those of the frame reduced for the screen.
 */
@ExtendWith(ApplicationExtension.class)
class MaskOnOtherShapeIT {
    private static final int ROWS = 1400;
    private static final int COLS = 1300;

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

    private static String get(java.net.URI uri) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(uri).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aMaskOnASimulatorOfAnotherShapeHasTheFramesShape(FxRobot robot) throws Exception {
        Waits.until(Duration.ofSeconds(60), () -> window.session() != null, () -> window.view().statusLine());
        Button arm = Waits.onFx(() -> robot.lookup("#arm").queryButton());
        Button start = Waits.onFx(() -> robot.lookup("#start").queryButton());
        Waits.until(Duration.ofSeconds(30), () -> Waits.onFx(() -> !arm.isDisabled()), () -> "Arm stays disabled");
        robot.clickOn("#exposure").eraseText(6).write("0.1");
        robot.clickOn("#period").eraseText(6).write("0.1");
        robot.clickOn("#images").eraseText(6).write("20");
        robot.clickOn("#arm");
        Waits.until(Duration.ofSeconds(30), () -> Waits.onFx(() -> !start.isDisabled()), () -> "Start not enabled after Arm");
        robot.clickOn("#start");
        Waits.until(Duration.ofSeconds(60), () -> Waits.onFx(() -> window.view().image().shownFrameProperty().get() != null),
                () -> "no frame on screen: " + window.view().statusLine());
        // the pipeline runs: a new mask goes to it over HTTP
        java.net.URI config = java.net.URI.create(window.session().receiverUrl() + "/api/v1/pipeline/config");
        Waits.until(Duration.ofSeconds(30), () -> get(config).contains("\"poni\""), () -> "no pipeline: " + get(config));
        robot.clickOn("#mask-tab");
        robot.clickOn("#mask-invert"); // every pixel masked

        Waits.until(Duration.ofSeconds(30), () -> window.session().mask() != null,
                () -> "no mask: " + window.view().statusLine());
        byte[] mask = window.session().mask();
        assertEquals(ROWS * COLS, mask.length, "the mask has the detector's " + ROWS + "x" + COLS + " pixels");
        for (byte b : mask) {
            assertEquals(1, b);
        }
        // and the lab receiver's azint pipeline takes it (a config of 1.8 MB of JSON)
        Waits.until(Duration.ofSeconds(30), () -> !get(config).contains("\"mask_sha256\":\"none\""),
                () -> "the pipeline has no mask: " + get(config) + "; " + window.view().statusLine());
        String count = Waits.onFx(() -> robot.lookup("#mask-count").queryLabeled().getText());
        assertTrue(count.contains(Integer.toString(ROWS * COLS)) || count.contains(String.format("%,d", ROWS * COLS)), count);
        ImageFrame shown = Waits.onFx(() -> window.view().image().shownFrameProperty().get());
        assertNotNull(shown);
        assertTrue(shown.rows() < ROWS, "shown reduced: " + shown.rows() + " rows");
    }
}
