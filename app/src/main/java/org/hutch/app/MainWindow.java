package org.hutch.app;

import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

/** The main window: live image and curve in the centre, detector control at the side. */
public final class MainWindow {

    public static final String TITLE = "Hutch";

    public void show(Stage stage) {
        BorderPane root = new BorderPane();
        root.setId("main-root");
        Label status = new Label("Hutch " + HutchVersion.get() + " — lab mode");
        status.setId("status-line");
        status.setPadding(new Insets(4, 8, 4, 8));
        root.setBottom(status);
        stage.setTitle(TITLE);
        stage.setScene(new Scene(root, 1280, 800));
        stage.show();
    }
}
