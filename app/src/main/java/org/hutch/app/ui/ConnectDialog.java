package org.hutch.app.ui;

import java.util.List;
import java.util.Optional;

import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** Asks for a receiver URL, offering the recent ones, and optionally the URL of an azint pipeline. */
public final class ConnectDialog {
    private ConnectDialog() {
    }

    /** What the user asked for: a receiver, and an azint pipeline's URL or {@code null} (look at the receiver's). */
    public record Choice(String receiverUrl, String pipelineUrl) {
    }

    /** @param pipelineOf the pipeline URL remembered for a receiver URL, or null */
    public static Optional<Choice> ask(Window owner, List<String> recent,
                                       java.util.function.Function<String, String> pipelineOf) {
        Dialog<Choice> d = new Dialog<>();
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
        TextField pipeline = new TextField();
        pipeline.setId("connect-pipeline-url");
        pipeline.setPromptText("empty: the receiver's own (--azint-all), if it runs one");
        url.getEditor().textProperty().addListener((o, a, b) -> {
            String p = b == null ? null : pipelineOf.apply(b.trim());
            pipeline.setText(p == null ? "" : p);
        });
        if (!recent.isEmpty()) {
            String p = pipelineOf.apply(recent.get(0));
            pipeline.setText(p == null ? "" : p);
        }
        VBox box = new VBox(8, new Label("Receiver URL (Hutch or MAX IV streaming-receiver):"), url,
                new Label("The live view follows it; without a detector here, nothing is controlled."),
                new Label("Azint pipeline URL (optional; its curves feed the 1D plot, waterfall):"), pipeline);
        box.setPadding(new Insets(12));
        d.getDialogPane().setContent(box);
        d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        d.setResultConverter(b -> b == ButtonType.OK ? new Choice(url.getEditor().getText().trim(),
                pipeline.getText().isBlank() ? null : pipeline.getText().trim()) : null);
        return d.showAndWait().filter(c -> !c.receiverUrl().isBlank());
    }
}
