package org.hutch.app;

import javafx.application.Application;
import javafx.stage.Stage;

/** The JavaFX application: builds the main window. Launched through {@link Main}. */
public final class HutchApp extends Application {

    @Override
    public void start(Stage stage) {
        new MainWindow().show(stage);
    }
}
