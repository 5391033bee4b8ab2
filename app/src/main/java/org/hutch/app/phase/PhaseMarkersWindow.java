package org.hutch.app.phase;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.hutch.app.ui.MainView;
import org.hutch.azint.calibration.Calibrant;
import org.hutch.azint.calibration.phase.Phase;
import org.hutch.azint.calibration.phase.PhaseFiles;
import org.hutch.azint.calibration.phase.Reflection;
import org.hutch.model.concurrent.NamedThreadFactory;
import org.hutch.widgets.image.LiveImageView;
import org.hutch.widgets.plot.PlotMarkers;

/**
 * Phase markers: phases from JCPDS or CIF files or the calibrants, each with a lattice scale (or a
 * pressure through its equation of state), drawn as vertical lines on the 1D plot and as rings on
 * the image (at their q). Files are read on a background thread; everything else is FX thread.
 */
public final class PhaseMarkersWindow {
    /** Rings drawn on the image per phase at most (the strongest first lines; the image would be a grey disc otherwise). */
    static final int MAX_RINGS = 40;
    private static final Color[] COLOURS = {Color.web("#e6194b"), Color.web("#3cb44b"), Color.web("#4363d8"), Color.web("#f58231"),
        Color.web("#911eb4"), Color.web("#42d4f4")};

    /** A phase as shown: its lattice scale and the pressure that set it (NaN when the scale was typed). */
    record Shown(Phase phase, double scale, double pressure, Color colour) {
        @Override
        public String toString() {
            String state = Double.isNaN(pressure) ? String.format(Locale.ROOT, "scale %.4f", scale)
                    : String.format(Locale.ROOT, "%.2f GPa, scale %.4f", pressure, scale);
            return phase.name() + " (" + state + ")";
        }
    }

    private final Stage stage = new Stage();
    private final LiveImageView image;
    private final PlotMarkers markers;
    private final TextField file = new TextField();
    private final ComboBox<String> calibrant = new ComboBox<>();
    private final ListView<Shown> list = new ListView<>();
    private final TextField scale = new TextField("1");
    private final TextField pressure = new TextField();
    private final TextArea lines = new TextArea();
    private final Label status = new Label("load a JCPDS or CIF file, or add a calibrant");
    private int added;

    public PhaseMarkersWindow(Window owner, LiveImageView image, PlotMarkers markers) {
        this.image = image;
        this.markers = markers;
        file.setId("phase-file");
        file.setPromptText(".jcpds or .cif file");
        file.setPrefColumnCount(28);
        Button open = new Button("Open...");
        open.setId("phase-open");
        open.setOnAction(e -> {
            FileChooser c = new FileChooser();
            c.setTitle("Phase file");
            c.getExtensionFilters().add(new FileChooser.ExtensionFilter("JCPDS or CIF", "*.jcpds", "*.cif", "*.JCPDS", "*.CIF"));
            java.io.File f = c.showOpenDialog(stage);
            if (f != null) {
                file.setText(f.getPath());
                load();
            }
        });
        Button load = new Button("Load");
        load.setId("phase-load");
        load.setOnAction(e -> load());
        calibrant.setId("phase-calibrant");
        calibrant.getItems().setAll(Calibrant.names());
        calibrant.getSelectionModel().select("CeO2");
        Button addCalibrant = new Button("Add calibrant");
        addCalibrant.setId("phase-add-calibrant");
        addCalibrant.setOnAction(e -> Calibrant.byName(calibrant.getValue()).ifPresent(c -> add(Phase.of(c))));
        list.setId("phase-list");
        list.setPrefHeight(120);
        list.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> showSelected());
        scale.setId("phase-scale");
        scale.setPrefColumnCount(6);
        pressure.setId("phase-pressure");
        pressure.setPromptText("GPa");
        pressure.setPrefColumnCount(6);
        Button apply = new Button("Apply");
        apply.setId("phase-apply");
        apply.setOnAction(e -> applyToSelected());
        scale.setOnAction(e -> applyToSelected());
        pressure.setOnAction(e -> applyToSelected());
        Button remove = new Button("Remove");
        remove.setId("phase-remove");
        remove.setOnAction(e -> {
            Shown s = list.getSelectionModel().getSelectedItem();
            if (s != null) {
                list.getItems().remove(s);
                redraw();
            }
        });
        lines.setId("phase-lines");
        lines.setEditable(false);
        lines.setPrefRowCount(10);
        lines.setStyle("-fx-font-family: monospace;");
        status.setId("phase-status");
        FlowPane fileRow = new FlowPane(6, 6, open, file, load);
        FlowPane calibrantRow = new FlowPane(6, 6, new Label("Calibrant"), calibrant, addCalibrant);
        FlowPane stateRow = new FlowPane(6, 6, new Label("Lattice scale"), scale, new Label("or pressure"), pressure, apply, remove);
        for (FlowPane p : List.of(fileRow, calibrantRow, stateRow)) {
            p.setAlignment(Pos.CENTER_LEFT);
        }
        VBox root = new VBox(6, fileRow, calibrantRow, list, stateRow, lines, status);
        root.setPadding(new Insets(8));
        root.setId("phase-root");
        stage.setTitle("Hutch phase markers");
        stage.setScene(new Scene(root, 560, 480));
        if (owner != null) {
            stage.initOwner(owner);
        }
    }

    /** Adds "Phase markers..." to the main window's Analysis menu; one window, made on first use. */
    public static void install(MainView view) {
        MenuItem item = new MenuItem("Phase markers...");
        item.setId("phase-markers-item");
        PhaseMarkersWindow[] one = new PhaseMarkersWindow[1];
        item.setOnAction(e -> {
            if (one[0] == null) {
                one[0] = new PhaseMarkersWindow(view.root().getScene().getWindow(), view.image(), new PlotMarkers(view.plot()));
            }
            one[0].stage.show();
            one[0].stage.toFront();
        });
        view.analysisMenu().getItems().add(item);
    }

    public Stage stage() {
        return stage;
    }

    private void load() {
        String path = file.getText().strip();
        if (path.isEmpty()) {
            status.setText("give a .jcpds or .cif file");
            return;
        }
        status.setText("reading " + path + "...");
        NamedThreadFactory.start("hutch-phase-load", () -> {
            try {
                Phase p = PhaseFiles.read(Path.of(path));
                Platform.runLater(() -> add(p));
            } catch (Exception e) {
                Platform.runLater(() -> status.setText("cannot read " + path + ": " + e.getMessage()));
            }
        });
    }

    private void add(Phase p) {
        Shown s = new Shown(p, 1, Double.NaN, COLOURS[added++ % COLOURS.length]);
        list.getItems().add(s);
        list.getSelectionModel().select(s);
        status.setText(String.format(Locale.ROOT, "%s: %d lines%s", p.name(), p.reflections().size(),
                p.hasEquationOfState() ? String.format(Locale.ROOT, ", K0 %.1f GPa, K0' %.2f", p.k0(), p.k0p()) : ""));
        redraw();
    }

    /** The typed pressure (when given) or lattice scale goes to the selected phase. */
    private void applyToSelected() {
        int i = list.getSelectionModel().getSelectedIndex();
        if (i < 0) {
            status.setText("select a phase first");
            return;
        }
        Shown s = list.getItems().get(i);
        try {
            Shown next;
            if (!pressure.getText().isBlank()) {
                double p = Double.parseDouble(pressure.getText().strip());
                next = new Shown(s.phase(), s.phase().scaleAtPressure(p), p, s.colour());
            } else {
                double v = Double.parseDouble(scale.getText().strip());
                if (!(v > 0)) {
                    throw new IllegalArgumentException("the lattice scale must be positive");
                }
                next = new Shown(s.phase(), v, Double.NaN, s.colour());
            }
            list.getItems().set(i, next);
            list.getSelectionModel().select(i);
            status.setText(next.toString());
            redraw();
        } catch (NumberFormatException e) {
            status.setText("the scale and the pressure are numbers: " + e.getMessage());
        } catch (RuntimeException e) {
            status.setText(e.getMessage());
        }
    }

    private void showSelected() {
        Shown s = list.getSelectionModel().getSelectedItem();
        if (s == null) {
            lines.setText("");
            return;
        }
        scale.setText(String.format(Locale.ROOT, "%.5f", s.scale()));
        pressure.setText(Double.isNaN(s.pressure()) ? "" : String.format(Locale.ROOT, "%.3f", s.pressure()));
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-12s %10s %12s %8s%n", "hkl", "d (Å)", "q (nm⁻¹)", "I"));
        List<Reflection> r = s.phase().reflections();
        double[] d = s.phase().dSpacings(s.scale());
        for (int i = 0; i < d.length; i++) {
            sb.append(String.format(Locale.ROOT, "%-12s %10.5f %12.5f %8.1f%n", r.get(i).hkl(), d[i], 20 * Math.PI / d[i],
                    r.get(i).intensity()));
        }
        lines.setText(sb.toString());
    }

    /** Puts every phase's lines on the plot and its first rings on the image. */
    private void redraw() {
        List<PlotMarkers.Lines> sets = new ArrayList<>();
        List<Double> rings = new ArrayList<>();
        for (Shown s : list.getItems()) {
            double[] d = s.phase().dSpacings(s.scale());
            String[] labels = s.phase().reflections().stream().map(Reflection::hkl).toArray(String[]::new);
            sets.add(new PlotMarkers.Lines(s.phase().name(), s.colour(), d, labels));
            for (int i = 0; i < Math.min(MAX_RINGS, d.length); i++) {
                rings.add(20 * Math.PI / d[i]); // q in nm⁻¹
            }
        }
        markers.set(sets);
        image.getRingQs().setAll(rings);
        showSelected();
    }
}
