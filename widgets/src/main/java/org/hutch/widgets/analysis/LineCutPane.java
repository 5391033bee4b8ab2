package org.hutch.widgets.analysis;

import java.util.List;
import java.util.Locale;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.geometry.Orientation;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

/**
 * The line cut tab (FX thread): the profile along the line (bilinear, one sample per pixel of
 * length), and below it the row and column projections of the selected ROI, or of the region on
 * screen when no ROI is selected.
 * <p>
 * Node ids: {@code #linecut-draw}, {@code #linecut-info}, {@code #linecut-chart},
 * {@code #projection-mode}, {@code #projection-info}, {@code #projection-chart}.
 */
public final class LineCutPane extends BorderPane {

    private final ToggleButton draw = new ToggleButton("Draw line");
    private final Label info = new Label("drag on the image with the line tool");
    private final LinePlot profilePlot = new LinePlot("linecut-chart", "distance", "px", "value");
    private final ComboBox<String> mode = new ComboBox<>();
    /** frames are analysed only while an ROI or a line exists: until then the empty plot says why */
    private final Label projectionInfo = new Label("of the selected ROI, or of the region on screen, once an ROI or a line is drawn");
    private final LinePlot projectionPlot = new LinePlot("projection-chart", "pixel", null, "sum");
    private LineProfile profile;
    private Projections projections;

    LineCutPane(ImageAnalysis analysis) {
        draw.setId("linecut-draw");
        draw.setTooltip(new Tooltip("drag on the image from the start of the line to its end"));
        draw.selectedProperty().addListener((o, a, b) -> analysis.useTool(analysis.lineCutTool(), b));
        analysis.view().activeToolProperty().addListener((o, a, b) -> draw.setSelected(b == analysis.lineCutTool()));
        info.setId("linecut-info");
        info.setWrapText(true);
        mode.setId("projection-mode");
        mode.getItems().setAll("sum", "mean");
        mode.setValue("sum");
        mode.valueProperty().addListener((o, a, b) -> analysis.projectionMeanProperty().set("mean".equals(b)));
        projectionInfo.setId("projection-info");
        projectionInfo.setWrapText(true);
        draw.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        mode.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Label projectionsLabel = new Label("Projections");
        projectionsLabel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox bar = new HBox(6, draw, info);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4));
        HBox projBar = new HBox(6, projectionsLabel, mode, projectionInfo);
        projBar.setAlignment(Pos.CENTER_LEFT);
        projBar.setPadding(new Insets(4));
        BorderPane projections = new BorderPane(projectionPlot, projBar, null, null, null);
        SplitPane split = new SplitPane(profilePlot, projections);
        split.setOrientation(Orientation.VERTICAL);
        setTop(new VBox(bar));
        setCenter(split);
    }

    void show(ImageAnalysis.Result r) {
        profile = r.profile();
        projections = r.projections();
        if (profile != null) {
            LineCut l = r.line();
            info.setText(String.format(Locale.ROOT, "frame %d: (%.1f, %.1f) \u2192 (%.1f, %.1f), %.1f px, %d samples, bilinear%s",
                    r.frameNumber(), l.col0(), l.row0(), l.col1(), l.row1(), profile.length(), profile.samples(),
                    r.binning() == 1 ? "" : " on the frame reduced " + r.binning() + "\u00d7" + r.binning()));
            profilePlot.show(List.of(new LinePlot.Line("profile", Color.web("#00838f"), profile.distance(), profile.value(), false)));
        } else {
            profilePlot.show(List.of());
        }
        if (projections != null) {
            Roi g = projections.region();
            projectionInfo.setText(String.format(Locale.ROOT, "%s of valid pixels over %s: columns %d\u2013%d, rows %d\u2013%d",
                    projections.mean() ? "mean" : "sum", g.name(), g.col0(), g.col1(), g.row0(), g.row1()));
            projectionPlot.chart().getYAxis().setName(projections.mean() ? "mean" : "sum");
            projectionPlot.show(List.of(
                    new LinePlot.Line("rows (across columns)", Color.web("#6a1b9a"), projections.rowIndex(), projections.rows(), false),
                    new LinePlot.Line("columns (down rows)", Color.web("#ef6c00"), projections.colIndex(), projections.cols(), false)));
        } else {
            projectionPlot.show(List.of());
        }
    }

    /** The profile shown now, or null. */
    public LineProfile profile() {
        return profile;
    }

    /** The projections shown now, or null. */
    public Projections projections() {
        return projections;
    }
}
