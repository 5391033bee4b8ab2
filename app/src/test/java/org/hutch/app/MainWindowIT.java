package org.hutch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.testfx.api.FxAssert.verifyThat;
import static org.testfx.matcher.base.NodeMatchers.isVisible;

import java.nio.file.Path;
import java.time.Duration;

import javafx.stage.Stage;
import org.hutch.app.settings.AppSettings;
import org.hutch.app.testing.TestWindows;
import org.hutch.widgets.image.Colormap;
import org.testfx.util.WaitForAsyncUtils;
import org.hutch.app.settings.SettingsStore;
import org.hutch.app.testing.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class MainWindowIT {

    @TempDir
    static Path dir;

    private Stage stage;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = TestWindows.show(stage, dir, "simulator:shape=128,128");
    }

    @AfterEach
    void close() throws Exception {
        TestWindows.close(window);
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

    @Test
    void viewSettingsAreKeptBetweenRuns() throws Exception {
        Waits.until(Duration.ofSeconds(30), () -> window.session() != null, () -> window.view().statusLine());
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.asyncFx(() -> {
            window.view().image().setColormap(Colormap.MAGMA);
            window.view().image().setColormapReversed(true);
            window.view().image().percentileHighProperty().set(99.5);
            window.view().panel().periodProperty().set(0.5);
            window.view().panel().exposureProperty().set(0.25);
        }).get();
        WaitForAsyncUtils.asyncFx(() -> window.close()).get().get();

        AppSettings saved = new SettingsStore(dir.resolve("settings.json")).load();
        assertEquals("MAGMA", saved.colormap());
        assertEquals(Boolean.TRUE, saved.colormapReversed(), "reversed is saved");
        assertEquals(99.5, saved.contrastHighPercentile());
        assertEquals(0.25, ((Number) saved.detectorSettings().get("simulator").get("exposure")).doubleValue());
        assertTrue(saved.layout().width() != null && saved.layout().width() > 0);

        MainWindow next = WaitForAsyncUtils.asyncFx(() -> {
            MainWindow w = new MainWindow(new LaunchOptions(null, "simulator:shape=128,128", false,
                    dir.resolve("data"), null, 0), new SettingsStore(dir.resolve("settings.json")), saved);
            w.show(new Stage());
            return w;
        }).get();
        try {
            Waits.until(Duration.ofSeconds(30), () -> next.session() != null, () -> next.view().statusLine());
            WaitForAsyncUtils.waitForFxEvents();
            assertEquals(Colormap.MAGMA, next.view().image().getColormap());
            assertTrue(next.view().image().colormapReversedProperty().get(), "reversed is restored");
            Waits.until(Duration.ofSeconds(10), () -> next.view().panel().exposureProperty().get() == 0.25,
                    () -> "exposure " + next.view().panel().exposureProperty().get());
        } finally {
            WaitForAsyncUtils.asyncFx(() -> next.close()).get().get();
        }
    }
}
