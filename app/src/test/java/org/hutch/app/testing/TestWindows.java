package org.hutch.app.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.hutch.app.LaunchOptions;
import org.hutch.app.MainWindow;
import org.hutch.app.settings.AppSettings;
import org.hutch.app.settings.SettingsStore;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Starts the main window as {@code ./hutch} does, with its settings file ({@code settings.json}) and, in lab mode,
 * its data folder ({@code data}) inside a test's own folder; and closes it, waiting until its sessions have ended.
 */
public final class TestWindows {
    private TestWindows() {
    }

    /** Lab mode on {@code detectorSpec}, frames written below {@code dir/data}. */
    public static LaunchOptions lab(Path dir, String detectorSpec) {
        return new LaunchOptions(null, detectorSpec, false, dir.resolve("data"), null, 0);
    }

    public static SettingsStore store(Path dir) {
        return new SettingsStore(dir.resolve("settings.json"));
    }

    /** On the FX thread (TestFX's {@code @Start}): lab mode on {@code detectorSpec} with the stored settings. */
    public static MainWindow show(Stage stage, Path dir, String detectorSpec) {
        return show(stage, dir, lab(dir, detectorSpec));
    }

    /** On the FX thread: the window as {@code launch} says, with the settings stored in {@code dir}. */
    public static MainWindow show(Stage stage, Path dir, LaunchOptions launch) {
        SettingsStore store = store(dir);
        return show(stage, dir, launch, store.load());
    }

    /** On the FX thread: the window as {@code launch} says, starting from {@code settings}, saving into {@code dir}. */
    public static MainWindow show(Stage stage, Path dir, LaunchOptions launch, AppSettings settings) {
        MainWindow window = new MainWindow(launch, store(dir), settings);
        window.show(stage);
        return window;
    }

    /**
     * From the test thread: shows the window in lab mode on {@code detectorSpec} on the FX thread, then waits up to
     * {@code wait} for its session (a detector that cannot be reached fails here with the window's status line).
     */
    public static MainWindow open(Stage stage, Path dir, String detectorSpec, Duration wait) throws Exception {
        MainWindow window = WaitForAsyncUtils.asyncFx(() -> show(stage, dir, detectorSpec)).get(30, TimeUnit.SECONDS);
        Waits.until(wait, () -> window.session() != null, () -> window.view().statusLine());
        return window;
    }

    /** Closes {@code window} on the FX thread and waits until it has closed; {@code null} is nothing to close. */
    public static void close(MainWindow window) throws Exception {
        if (window != null) {
            WaitForAsyncUtils.asyncFx(() -> window.close()).get().get();
        }
    }
}
