package org.hutch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.testfx.api.FxAssert.verifyThat;
import static org.testfx.matcher.base.NodeMatchers.isVisible;

import java.nio.file.Path;
import java.time.Duration;

import javafx.stage.Stage;
import org.hutch.app.settings.SettingsStore;
import org.hutch.app.testing.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class MainWindowTest {

    @TempDir
    static Path dir;

    private Stage stage;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        SettingsStore store = new SettingsStore(dir.resolve("settings.json"));
        window = new MainWindow(new LaunchOptions(null, "simulator:shape=128,128", false, dir.resolve("data"),
                null, 0), store, store.load());
        window.show(stage);
    }

    @AfterEach
    void close() throws Exception {
        window.close().get();
    }

    @Test
    void mainWindowShowsWithItsTitleAndStartsLabMode() {
        assertTrue(stage.isShowing(), "main window should be showing");
        assertEquals(MainWindow.TITLE, stage.getTitle());
        verifyThat("#status-line", isVisible());
        Waits.until(Duration.ofSeconds(30), () -> window.session() != null, () -> window.view().statusLine());
        Waits.until(Duration.ofSeconds(30), () -> "connected".equals(window.view().connectionText()),
                () -> window.view().connectionText());
        assertTrue(window.session().labMode());
        assertEquals(dir.resolve("data").toAbsolutePath(), window.session().dataDir());
    }
}
