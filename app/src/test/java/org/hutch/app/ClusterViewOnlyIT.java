package org.hutch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;

import javafx.scene.Node;
import javafx.stage.Stage;
import org.hutch.app.client.MaxIvTestServer;
import org.hutch.app.testing.TestWindows;
import org.hutch.app.testing.Waits;
import org.hutch.widgets.image.ImageFrame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Cluster mode against a receiver that has only MAX IV's API (numpy-pickled, downsampled frames), in
 * view-only mode with a detector given: the live view works and no control can change anything.
 */
@ExtendWith(ApplicationExtension.class)
class ClusterViewOnlyIT {

    @TempDir
    static Path dir;

    private static MaxIvTestServer server;
    private MainWindow window;

    @BeforeAll
    static void server() throws Exception {
        server = new MaxIvTestServer(0);
        server.setSharedDownsample(2);
        ByteBuffer b = ByteBuffer.allocate(64 * 80 * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 64 * 80; i++) {
            b.putShort((short) (i % 1000));
        }
        server.setState("running");
        server.putFrame(41, 64, 80, "uint16", "none", b.array());
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Start
    void start(Stage stage) {
        window = TestWindows.show(stage, dir,
                new LaunchOptions(server.url(), "simulator:shape=64,64", true, null, null, 0));
    }

    @AfterEach
    void close() throws Exception {
        TestWindows.close(window);
    }

    @Test
    void watchesAMaxIvReceiverAndNoControlCanChangeAnything(FxRobot robot) throws Exception {
        Waits.until(Duration.ofSeconds(30), () -> window.session() != null, () -> window.view().statusLine());
        Waits.until(Duration.ofSeconds(30), () -> {
            ImageFrame f = window.view().image().shownFrameProperty().get();
            return f != null && f.frameNumber() == 41;
        }, () -> "frame not shown; connection " + window.view().connectionText() + ", " + window.view().statusLine());
        ImageFrame f = WaitForAsyncUtils.asyncFx(() -> window.view().image().shownFrameProperty().get()).get();
        assertEquals(32, f.rows(), "the receiver's own 2x downsampling, read from its numpy pickle");
        assertEquals(40, f.cols());
        assertEquals("connected", window.view().connectionText());
        assertEquals(0, server.downsamplePosts(), "a viewer never changes the shared factor");

        assertTrue(window.session().detector() != null, "a detector was given");
        assertEquals(null, window.session().controller(), "view-only: no controller at all");
        for (Node n : window.view().controls()) {
            assertTrue(Waits.onFx(n::isDisabled), n.getId() + " must be disabled in view-only mode");
        }
        assertTrue(Waits.onFx(() -> robot.lookup("#change-data-dir").query().isDisabled()));
        robot.clickOn("#arm"); // a disabled button does nothing
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(window.session().detector().state().busy(), "the detector was not armed");
        assertTrue(Waits.onFx(() -> robot.lookup("#mode").queryLabeled().getText()).contains("view only"));
    }
}
