package org.hutch.app;

import javafx.application.Application;
import javafx.stage.Stage;
import org.hutch.app.settings.AppSettings;
import org.hutch.app.settings.SettingsStore;

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
    }

    @Override
    public void start(Stage stage) {
        new MainWindow(LaunchOptions.get(), store, settings).show(stage);
    }
}
