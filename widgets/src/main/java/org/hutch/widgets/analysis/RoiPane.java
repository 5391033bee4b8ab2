package org.hutch.widgets.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The ROI tab (FX thread): a tool button, a table of each ROI's statistics for the newest frame, and
 * the chosen statistic of every ROI plotted against frame number. Frames fed again (a file browsed
 * back and forth) replace their old values. Moving or resizing an ROI starts its history afresh.
 * <p>
 * Node ids: {@code #roi-draw}, {@code #roi-delete}, {@code #roi-clear-history}, {@code #roi-statistic},
 * {@code #roi-table}, {@code #roi-chart}, {@code #roi-info}.
 */
public final class RoiPane extends BorderPane {

    /** One table row: an ROI and its newest statistics (null until computed). */
    public record Row(Roi roi, PixelStats stats) {
    }

    private final ImageAnalysis analysis;
    private final ToggleButton draw = new ToggleButton("Draw ROI");
    private final ComboBox<PixelStats.Kind> statistic = new ComboBox<>();
    private final TableView<Row> table = new TableView<>();
    private final LinePlot plot = new LinePlot("roi-chart", "frame", null, "sum");
    private final Label info = new Label("draw a rectangle on the image with the ROI tool");
    /** per ROI (name and place): its statistics by frame number */
    private final Map<Roi, NavigableMap<Long, PixelStats>> history = new HashMap<>();
    private ImageAnalysis.Result last;

    RoiPane(ImageAnalysis analysis) {
        this.analysis = analysis;
        draw.setId("roi-draw");
        draw.setTooltip(new Tooltip("drag on the image: a new ROI; inside one: move it; at a corner: resize it; click: select"));
        Button delete = new Button("Delete");
        delete.setId("roi-delete");
        delete.disableProperty().bind(analysis.roiLayer().selectedProperty().lessThan(0));
        delete.setOnAction(e -> analysis.deleteSelectedRoi());
        Button clear = new Button("Clear history");
        clear.setId("roi-clear-history");
        clear.setOnAction(e -> {
            history.clear();
            redraw();
        });
        statistic.setId("roi-statistic");
        statistic.getItems().setAll(PixelStats.Kind.values());
        statistic.setValue(PixelStats.Kind.SUM);
        statistic.valueProperty().addListener((o, a, b) -> redraw());
        draw.selectedProperty().addListener((o, a, b) -> analysis.useTool(analysis.roiTool(), b));
        analysis.view().activeToolProperty().addListener((o, a, b) -> draw.setSelected(b == analysis.roiTool()));
        HBox bar = new HBox(6, draw, delete, new Label("Plot"), statistic, clear);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4));

        table.setId("roi-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.setPrefHeight(130);
        table.getColumns().add(column("ROI", 50, r -> r.roi().name()));
        table.getColumns().add(column("sum", 85, r -> r.stats() == null ? "" : number(r.stats().sum())));
        table.getColumns().add(column("mean", 70, r -> r.stats() == null ? "" : number(r.stats().mean())));
        table.getColumns().add(column("max", 60, r -> r.stats() == null ? "" : number(r.stats().max())));
        table.getColumns().add(column("count", 60, r -> r.stats() == null ? "" : Long.toString(r.stats().count())));
        table.getColumns().add(column("columns \u00d7 rows", 120, r -> r.roi().col0() + "\u2013" + r.roi().col1()
                + " \u00d7 " + r.roi().row0() + "\u2013" + r.roi().row1()));
        table.getSelectionModel().selectedIndexProperty().addListener((o, a, b) -> {
            if (b.intValue() >= 0 && b.intValue() != analysis.roiLayer().selectedProperty().get()) {
                analysis.roiLayer().selectedProperty().set(b.intValue());
                analysis.view().redrawOverlay();
            }
        });
        info.setId("roi-info");
        info.setWrapText(true);
        info.setPadding(new Insets(0, 6, 4, 6)); // in line with the bar's buttons, not against the tab's edge
        table.setPlaceholder(new Label("no ROI yet: draw one on the image"));
        setTop(new VBox(bar, info));
        setCenter(plot);
        setBottom(table);
    }

    private static TableColumn<Row, String> column(String name, double width, java.util.function.Function<Row, String> value) {
        TableColumn<Row, String> c = new TableColumn<>(name);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        c.setSortable(false);
        return c;
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "\u2013";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.6g", v);
    }

    /** The ROI list changed: histories of ROIs no longer there (or moved) are dropped. */
    void roisChanged() {
        history.keySet().retainAll(analysis.roiLayer().rois());
        fillTable();
        redraw();
    }

    void show(ImageAnalysis.Result r) {
        last = r;
        List<Roi> now = analysis.roiLayer().rois();
        for (int i = 0; i < r.rois().size(); i++) {
            Roi roi = r.rois().get(i);
            if (now.contains(roi)) {
                history.computeIfAbsent(roi, k -> new TreeMap<>()).put(r.frameNumber(), r.stats().get(i));
            }
        }
        info.setText("frame " + r.frameNumber() + ": valid pixels only (not masked, not flagged invalid), "
                + (r.binning() == 1 ? "full detector resolution"
                : "on the receiver's frame reduced " + r.binning() + "\u00d7" + r.binning() + " (all there is)"));
        fillTable();
        redraw();
    }

    private void fillTable() {
        List<Row> rows = new ArrayList<>();
        for (Roi roi : analysis.roiLayer().rois()) {
            NavigableMap<Long, PixelStats> h = history.get(roi);
            PixelStats s = null;
            if (h != null && last != null) {
                s = h.get(last.frameNumber());
            }
            rows.add(new Row(roi, s));
        }
        table.getItems().setAll(rows);
        int sel = analysis.roiLayer().selectedProperty().get();
        if (sel >= 0 && sel < rows.size()) {
            table.getSelectionModel().select(sel);
        } else {
            table.getSelectionModel().clearSelection();
        }
    }

    private void redraw() {
        PixelStats.Kind kind = statistic.getValue();
        List<LinePlot.Line> lines = new ArrayList<>();
        List<Roi> rois = analysis.roiLayer().rois();
        for (int i = 0; i < rois.size(); i++) {
            NavigableMap<Long, PixelStats> h = history.get(rois.get(i));
            if (h == null || h.isEmpty()) {
                continue;
            }
            double[] x = new double[h.size()];
            double[] y = new double[h.size()];
            int k = 0;
            for (Map.Entry<Long, PixelStats> e : h.entrySet()) {
                x[k] = e.getKey();
                y[k++] = kind.of(e.getValue());
            }
            lines.add(new LinePlot.Line(rois.get(i).name(), RoiLayer.color(i), x, y, true));
        }
        plot.chart().getYAxis().setName(kind.label().toLowerCase(Locale.ROOT));
        plot.show(lines);
    }

    /** The rows of the table (an ROI and its statistics for the newest frame). */
    public List<Row> rows() {
        return List.copyOf(table.getItems());
    }

    /** The statistics of {@code roi} by frame number, as plotted. */
    public NavigableMap<Long, PixelStats> history(Roi roi) {
        NavigableMap<Long, PixelStats> h = history.get(roi);
        return h == null ? new TreeMap<>() : new TreeMap<>(h);
    }

    /** The plotted lines: for each ROI with values, frame numbers and the chosen statistic. */
    public List<double[][]> plotted() {
        List<double[][]> out = new ArrayList<>();
        for (LinePlot.Line l : plot.lines()) {
            out.add(new double[][] {l.x(), l.y()});
        }
        return out;
    }
}
