package org.hutch.app.ui;

import java.util.List;
import java.util.Optional;

import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** Asks for a receiver URL, offering the recent ones. */
public final class ConnectDialog {
    private ConnectDialog() {
    }

    public static Optional<String> ask(Window owner, List<String> recent) {
        Dialog<String> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle("Connect to a receiver");
        ComboBox<String> url = new ComboBox<>();
        url.setId("connect-url");
        url.setEditable(true);
        url.getItems().setAll(recent);
        url.setPrefWidth(380);
        url.setPromptText("http://host:5000");
        if (!recent.isEmpty()) {
            url.getEditor().setText(recent.get(0));
        }
        VBox box = new VBox(8, new Label("Receiver URL (Hutch or MAX IV streaming-receiver):"), url,
                new Label("The live view follows it; without a detector here, nothing is controlled."));
        box.setPadding(new Insets(12));
        d.getDialogPane().setContent(box);
        d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        d.setResultConverter(b -> b == ButtonType.OK ? url.getEditor().getText().trim() : null);
        return d.showAndWait().filter(s -> !s.isBlank());
    }
}
