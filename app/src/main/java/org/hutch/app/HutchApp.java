package org.hutch.app;

import javafx.application.Application;
import javafx.stage.Stage;
import org.hutch.app.settings.AppSettings;
import org.hutch.app.settings.SettingsStore;
import org.hutch.model.concurrent.NamedThreadFactory;

/** The JavaFX application: builds the main window. Launched through {@link Main}. */
public final class HutchApp extends Application {

    private SettingsStore store;
    private AppSettings settings;

    /** Runs on the launcher thread, before the FX thread is busy: reads the settings file. */
    @Override
    public void init() {
        LaunchOptions o = LaunchOptions.get();
        store = new SettingsStore(o.settingsFile() != null ? o.settingsFile() : SettingsStore.defaultFile());
        settings = store.load();
        warmUp();
    }

    /**
     * Loads the HTTP client and JSON classes on a background thread while the window opens, so the
     * first poll of the receiver does not pay for it (it shortens the time to the first live frame).
     */
    private static void warmUp() {
        NamedThreadFactory.start("hutch-warmup", () -> {
            try {
                new okhttp3.OkHttpClient.Builder().build().dispatcher().executorService().shutdown();
                new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"state\":\"idle\",\"series\":{}}");
            } catch (Exception | LinkageError ignored) {
                // only a warm-up: the real calls report their own errors
            }
        });
    }

    @Override
    public void start(Stage stage) {
        MainWindow window = new MainWindow(LaunchOptions.get(), store, settings);
        // Ctrl-C or a kill: the open file is still closed (readable) and the settings kept
        Runtime.getRuntime().addShutdownHook(NamedThreadFactory.thread("hutch-shutdown", () -> {
            try {
                window.closeQuietly().get(20, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                // nothing more can be done while the JVM exits
            }
        }, false));
        window.show(stage);
    }
}
