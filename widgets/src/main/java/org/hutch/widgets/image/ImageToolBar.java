package org.hutch.widgets.image;

import java.io.File;
import java.util.Locale;
import java.util.function.DoublePredicate;

import javafx.application.Platform;
import javafx.beans.property.DoubleProperty;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Separator;
import javafx.geometry.Orientation;
import javafx.scene.layout.FlowPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.stage.FileChooser;
import org.hutch.widgets.WidgetStyles;

/**
 * The image view's controls. Ids: {@code #colormap}, {@code #colormap-reversed}, {@code #scale},
 * {@code #contrast-mode}, {@code #percentile-low}, {@code #percentile-high}, {@code #contrast-min},
 * {@code #contrast-max}, {@code #mask-overlay}, {@code #reset-zoom}, {@code #export-png}.
 * Typing a limit into min or max switches the contrast to manual. The controls wrap onto a second
 * row in narrow windows rather than hiding in an overflow menu.
 */
final class ImageToolBar extends FlowPane {


    ImageToolBar(LiveImageView view) {
        ComboBox<Colormap> colormap = new ComboBox<>();
        colormap.setId("colormap");
        colormap.getItems().setAll(Colormap.values());
        colormap.valueProperty().bindBidirectional(view.colormapProperty());

        CheckBox reversed = new CheckBox("reversed");
        reversed.setId("colormap-reversed");
        reversed.selectedProperty().bindBidirectional(view.colormapReversedProperty());

        ComboBox<Scale> scale = new ComboBox<>();
        scale.setId("scale");
        scale.getItems().setAll(Scale.values());
        scale.valueProperty().bindBidirectional(view.scaleProperty());

        ComboBox<ContrastMode> mode = new ComboBox<>();
        mode.setId("contrast-mode");
        mode.getItems().setAll(ContrastMode.values());
        mode.valueProperty().bindBidirectional(view.contrastModeProperty());

        TextField pLow = numberField("percentile-low", 4, "low percentile (%)", view.percentileLowProperty(), null,
                v -> v >= 0 && v < view.percentileHighProperty().get(), "must be at least 0 and below the high percentile");
        TextField pHigh = numberField("percentile-high", 4, "high percentile (%)", view.percentileHighProperty(), null,
                v -> v <= 100 && v > view.percentileLowProperty().get(), "must be at most 100 and above the low percentile");
        Label pLabel = new Label("%");
        // hidden but kept in the layout, so the fields after them do not jump when the mode changes
        pLow.visibleProperty().bind(view.contrastModeProperty().isEqualTo(ContrastMode.PERCENTILE));
        pHigh.visibleProperty().bind(pLow.visibleProperty());
        pLabel.visibleProperty().bind(pLow.visibleProperty());
        // percentiles set from outside (restored settings) are shown, so Tab does not commit the old text
        view.percentileLowProperty().addListener((o, a, b) -> showLimit(pLow, b.doubleValue()));
        view.percentileHighProperty().addListener((o, a, b) -> showLimit(pHigh, b.doubleValue()));

        TextField min = numberField("contrast-min", 8, "low limit (typing one switches to manual)", view.manualLowProperty(), view,
                v -> true, "");
        TextField max = numberField("contrast-max", 8, "high limit (typing one switches to manual)", view.manualHighProperty(), view,
                v -> true, "");
        view.shownLowProperty().addListener((o, a, b) -> showLimit(min, b.doubleValue()));
        view.shownHighProperty().addListener((o, a, b) -> showLimit(max, b.doubleValue()));

        CheckBox mask = new CheckBox("mask");
        mask.setId("mask-overlay");
        mask.selectedProperty().bindBidirectional(view.maskOverlayVisibleProperty());

        Button reset = new Button("Reset zoom");
        reset.setId("reset-zoom");
        reset.setOnAction(e -> view.resetZoom());

        Button export = new Button("PNG\u2026");
        export.setId("export-png");
        export.setTooltip(new Tooltip("Export the frame at full resolution as shown"));
        export.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setInitialFileName("frame.png");
            java.nio.file.Path folder = view.exportFolderProperty().get();
            if (folder != null && java.nio.file.Files.isDirectory(folder)) {
                chooser.setInitialDirectory(folder.toFile());
            }
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
            File file = chooser.showSaveDialog(getScene().getWindow());
            if (file != null) {
                view.exportPng(file.toPath()).whenComplete((p, err) -> Platform.runLater(() ->
                        export.setTooltip(new Tooltip(err == null ? "Saved " + p : "Export failed: " + err.getMessage()))));
            }
        });

        setHgap(6);
        setVgap(4);
        setPadding(new Insets(4, 6, 4, 6));
        setAlignment(Pos.CENTER_LEFT);
        getStyleClass().add("tool-bar");
        WidgetStyles.addTo(this);
        getChildren().addAll(colormap, reversed, scale, new Separator(Orientation.VERTICAL), mode, pLow, pHigh, pLabel,
                new Label("min"), min, new Label("max"), max, new Separator(Orientation.VERTICAL), mask, reset, export);
    }

    /**
     * A text field committing a number to {@code target} on Enter or when focus leaves; bad input is
     * outlined in red with the reason as tooltip and changes nothing.
     */
    private static TextField numberField(String id, int columns, String tip, DoubleProperty target, LiveImageView manualOf,
                                         DoublePredicate valid, String rule) {
        TextField field = new TextField(format(target.get()));
        field.setId(id);
        field.setPrefColumnCount(columns);
        field.setTooltip(new Tooltip(tip));
        Runnable commit = () -> {
            try {
                double v = Double.parseDouble(field.getText().trim());
                if (!Double.isFinite(v)) {
                    throw new NumberFormatException();
                }
                if (!valid.test(v)) {
                    field.pseudoClassStateChanged(WidgetStyles.INVALID, true);
                    field.setTooltip(new Tooltip(field.getText() + ": " + rule));
                    return;
                }
                field.pseudoClassStateChanged(WidgetStyles.INVALID, false);
                field.setTooltip(new Tooltip(tip));
                if (manualOf != null) {
                    // the other limit keeps what is on screen now
                    manualOf.manualLowProperty().set(manualOf.shownLowProperty().get());
                    manualOf.manualHighProperty().set(manualOf.shownHighProperty().get());
                }
                target.set(v);
                if (manualOf != null) {
                    manualOf.setContrastMode(ContrastMode.MANUAL);
                }
            } catch (NumberFormatException ex) {
                field.pseudoClassStateChanged(WidgetStyles.INVALID, true);
                field.setTooltip(new Tooltip("not a number: " + field.getText()));
            }
        };
        field.setOnAction(e -> commit.run());
        field.focusedProperty().addListener((o, was, now) -> {
            if (!now && !field.getText().trim().equals(format(target.get()))) {
                commit.run();
            }
        });
        return field;
    }

    private static void showLimit(TextField field, double v) {
        if (!field.isFocused()) {
            field.setText(format(v));
            field.pseudoClassStateChanged(WidgetStyles.INVALID, false);
        }
    }

    static String format(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e12) {
            return Long.toString((long) v);
        }
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.5g", v)).stripTrailingZeros().toPlainString();
    }
}
