package org.hutch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import javafx.stage.Stage;
import org.hutch.app.client.MaxIvTestServer;
import org.hutch.app.settings.AppSettings;
import org.hutch.app.testing.TestWindows;
import org.hutch.app.testing.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** From lab mode to a cluster receiver through the connection dialog; the URL joins the recent ones. */
@ExtendWith(ApplicationExtension.class)
class ConnectDialogIT {

    @TempDir
    static Path dir;

    private MainWindow window;

    @Start
    void start(Stage stage) {
        AppSettings settings = TestWindows.store(dir).load().withReceiverRemembered("http://old-receiver:5000");
        window = TestWindows.show(stage, dir, TestWindows.lab(dir, "simulator:shape=64,64"), settings);
    }

    @AfterEach
    void close() throws Exception {
        TestWindows.close(window);
    }

    @Test
    void connectsToTheTypedReceiver(FxRobot robot) throws Exception {
        try (MaxIvTestServer server = new MaxIvTestServer(0)) {
            server.putFrame(5, 16, 16, "uint16", "none", new byte[16 * 16 * 2]);
            Waits.until(Duration.ofSeconds(30), () -> window.session() != null, () -> window.view().statusLine());
            robot.clickOn("#connect");
            WaitForAsyncUtils.waitForFxEvents();
            javafx.scene.control.ComboBox<String> url = Waits.onFx(() -> robot.lookup("#connect-url").query());
            assertTrue(Waits.onFx(() -> url.getItems().contains("http://old-receiver:5000")), "recent URLs offered");
            robot.clickOn(url.getEditor());
            robot.interact(() -> url.getEditor().selectAll());
            robot.write(server.url());
            robot.clickOn("OK");
            Waits.until(Duration.ofSeconds(30), () -> window.session() != null && !window.session().labMode()
                    && "connected".equals(window.view().connectionText()), () -> window.view().statusLine());
            assertEquals(server.url(), window.session().receiverUrl());
            assertFalse(window.session().labMode());
            assertEquals(server.url(), window.settings().recentReceivers().get(0));
            assertTrue(window.settings().recentReceivers().contains("http://old-receiver:5000"));
            assertEquals(null, window.session().controller(), "watching only: no detector given");
        }
    }
}
