package org.hutch.app.calibrate;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.hutch.app.files.ImageFiles;
import org.hutch.azint.FrameView;
import org.hutch.azint.Poni;
import org.hutch.azint.calibration.Calibrant;
import org.hutch.azint.calibration.CalibrationImage;
import org.hutch.azint.calibration.Calibrator;
import org.hutch.azint.calibration.ControlPoint;
import org.hutch.azint.calibration.DetectorLayout;
import org.hutch.azint.calibration.PoniFiles;
import org.hutch.azint.calibration.Refinement;
import org.hutch.azint.calibration.RingPicker;
import org.hutch.model.concurrent.NamedThreadFactory;

/**
 * The calibration window: load a calibrant image, pick the calibrant, wavelength and detector, seed
 * the beam centre by a click (or type it) with a distance, and optionally pick rings by hand (a
 * click on a ring with the ring tool takes its peaks around the click as that ring's points, which
 * seed the refinement; the remove tool takes picked points off again), refine, see the refined rings over the
 * image and the residuals against azimuth, remove bad points by a right click (the fit is redone
 * on the remaining ones), then save the PONI, which goes to the live integration
 * through {@code onSaved}. Loading and refining run on named background threads; the FX thread
 * only draws.
 */
public final class CalibrationWindow {
    private static final String AUTO = "from the image shape";
    /** Pixels between the peaks picked along a clicked ring. */
    private static final double PICK_SPACING = 4;
    /** A right click removes the nearest control point within this many image pixels. */
    private static final double REMOVE_RADIUS = 6;

    private final Stage stage = new Stage();
    private final TextField imagePath = field("calib-image", "image file", 28);
    private final TextField maskPath = field("calib-mask", "mask file (optional)", 16);
    private final ComboBox<String> calibrant = new ComboBox<>();
    private final TextField wavelength = field("calib-wavelength", "Å", 6);
    private final ComboBox<String> detector = new ComboBox<>();
    private final TextField distance = field("calib-distance", "mm", 6);
    private final TextField centre = field("calib-centre", "row, col (click)", 10);
    private final TextField outPath = field("calib-out", "PONI file to save", 24);
    private final Button load = new Button("Load");
    private final Button refine = new Button("Refine");
    private final Button save = new Button("Save and use");
    private final Label status = new Label("load a calibrant image");
    private final ToggleGroup tools = new ToggleGroup();
    private final ToggleButton centreTool = tool("Beam centre", "calib-tool-centre");
    private final ToggleButton ringTool = tool("Pick ring", "calib-tool-ring");
    private final ToggleButton removeTool = tool("Remove point", "calib-tool-remove");
    private final Spinner<Integer> ringNumber = new Spinner<>(1, 99, 1);
    private final Button clearPicks = new Button("Clear picks");
    private final Canvas imageCanvas = new Canvas(480, 480);
    private final Canvas residualCanvas = new Canvas(480, 120);
    private final Consumer<Path> onSaved;

    // written and read on the FX thread only
    private CalibrationImage image;
    private DetectorLayout layout;
    private WritableImage grey;
    private Calibrator.Result result;
    private Calibrant resultCalibrant;
    private double[] seed;
    /** Points picked by hand on rings (ring index 0-based), which seed the next refinement. */
    private final List<ControlPoint> picked = new ArrayList<>();

    /** @param onSaved receives the saved PONI file (on the FX thread) */
    public CalibrationWindow(Window owner, Consumer<Path> onSaved) {
        this.onSaved = onSaved;
        calibrant.setId("calib-calibrant");
        calibrant.getItems().setAll(Calibrant.names());
        calibrant.getSelectionModel().select("CeO2");
        detector.setId("calib-detector");
        detector.getItems().add(AUTO);
        detector.getItems().addAll(DetectorLayout.names());
        detector.getSelectionModel().select(AUTO);
        load.setId("calib-load");
        refine.setId("calib-refine");
        save.setId("calib-save");
        status.setId("calib-status");
        imageCanvas.setId("calib-canvas");
        residualCanvas.setId("calib-residuals");
        refine.setDisable(true);
        save.setDisable(true);
        Button browse = new Button("Open...");
        browse.setOnAction(e -> {
            FileChooser c = new FileChooser();
            c.setTitle("Calibrant image");
            java.io.File f = c.showOpenDialog(stage);
            if (f != null) {
                imagePath.setText(f.getPath());
                loadImage();
            }
        });
        load.setOnAction(e -> loadImage());
        refine.setOnAction(e -> refine());
        save.setOnAction(e -> save());
        centreTool.setSelected(true);
        ringNumber.setId("calib-ring");
        ringNumber.setPrefWidth(70);
        ringNumber.setEditable(true);
        clearPicks.setId("calib-clear-picks");
        clearPicks.setOnAction(e -> {
            picked.clear();
            status.setText("picked points cleared");
            redraw();
        });
        imageCanvas.setOnMouseClicked(e -> {
            if (grey == null) {
                return;
            }
            double s = CalibrationPlots.scale(imageCanvas, image.rows(), image.cols());
            double d1 = e.getY() / s, d2 = e.getX() / s;
            if (e.getButton() == javafx.scene.input.MouseButton.SECONDARY || removeTool.isSelected()) {
                removePointNear(d1, d2);
            } else if (ringTool.isSelected()) {
                pickRing(d1, d2, ringNumber.getValue() - 1);
            } else {
                seed = new double[] {d1, d2};
                centre.setText(String.format(Locale.ROOT, "%.1f, %.1f", seed[0], seed[1]));
                redraw();
            }
        });
        FlowPane inputs = new FlowPane(6, 6, browse, imagePath, maskPath, load, new Label("Calibrant"), calibrant, new Label("λ"),
                wavelength, new Label("Detector"), detector, new Label("Distance"), distance, new Label("Beam centre"), centre, refine);
        inputs.setAlignment(Pos.CENTER_LEFT);
        inputs.getChildren().addAll(outPath, save);
        FlowPane toolBar = new FlowPane(6, 6, new Label("Click tool"), centreTool, ringTool, new Label("ring"), ringNumber, removeTool,
                clearPicks);
        toolBar.setAlignment(Pos.CENTER_LEFT);
        inputs.setPrefWrapLength(900);
        VBox top = new VBox(6, inputs, toolBar, status);
        top.setPadding(new Insets(6));
        // kept within a 1280 x 800 screen
        BorderPane root = new BorderPane(imageCanvas, top, null, residualCanvas, null);
        root.setId("calibration-root");
        stage.setTitle("Hutch calibration");
        stage.setScene(new Scene(root));
        if (owner != null) {
            stage.initOwner(owner);
        }
        redraw();
    }

    private ToggleButton tool(String text, String id) {
        ToggleButton b = new ToggleButton(text);
        b.setId(id);
        b.setToggleGroup(tools);
        return b;
    }

    /** Picks the peaks of the ring under the click (background thread) and adds them to the seeds as ring {@code ring}. */
    private void pickRing(double d1, double d2, int ring) {
        CalibrationImage im = image;
        status.setText("picking ring " + (ring + 1) + "...");
        NamedThreadFactory.start("hutch-calibration-pick", () -> {
            List<ControlPoint> found = RingPicker.pick(im, d1, d2, ring, PICK_SPACING);
            Platform.runLater(() -> {
                if (im != image) {
                    return; // another image was loaded meanwhile
                }
                picked.addAll(found);
                long rings = picked.stream().mapToInt(ControlPoint::ring).distinct().count();
                status.setText(found.isEmpty() ? "no ring peaks near the click: click on a ring"
                        : String.format(Locale.ROOT, "%d peaks picked on ring %d; %d picked points on %d rings seed the refinement",
                        found.size(), ring + 1, picked.size(), rings));
                redraw();
            });
        });
    }

    private static TextField field(String id, String prompt, int columns) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.setPrefColumnCount(columns);
        return f;
    }

    public void show() {
        stage.show();
    }

    public Stage stage() {
        return stage;
    }

    /** The last calibration, or null (FX thread). */
    public Calibrator.Result result() {
        return result;
    }

    private void loadImage() {
        String path = imagePath.getText().strip();
        String mask = maskPath.getText().strip();
        String det = detector.getValue();
        if (path.isEmpty()) {
            status.setText("give an image file");
            return;
        }
        status.setText("loading " + path + "...");
        refine.setDisable(true);
        NamedThreadFactory.start("hutch-calibration-load", () -> {
            try {
                ImageFiles.Image im = ImageFiles.read(Path.of(path), null, null);
                DetectorLayout d = layoutFor(det, im.rows(), im.cols());
                byte[] m = mask.isEmpty() ? null : ImageFiles.readMask(Path.of(mask), im.rows(), im.cols(), null);
                CalibrationImage ci = CalibrationImage.of(FrameView.of(im.data(), im.type()), im.rows(), im.cols(), m, d);
                WritableImage g = CalibrationPlots.grey(ci);
                Platform.runLater(() -> {
                    image = ci;
                    layout = d;
                    grey = g;
                    result = null;
                    picked.clear();
                    seed = new double[] {ci.rows() / 2.0, ci.cols() / 2.0};
                    if (centre.getText().isBlank()) {
                        centre.setText(String.format(Locale.ROOT, "%.1f, %.1f", seed[0], seed[1]));
                    }
                    status.setText(String.format(Locale.ROOT, "%d x %d image, detector %s: click the beam centre, give λ and distance, Refine",
                            ci.rows(), ci.cols(), d.name()));
                    refine.setDisable(false);
                    save.setDisable(true);
                    redraw();
                });
            } catch (Exception e) {
                Platform.runLater(() -> status.setText("cannot load " + path + ": " + e.getMessage()));
            }
        });
    }

    private static DetectorLayout layoutFor(String choice, int rows, int cols) {
        if (choice != null && !choice.equals(AUTO)) {
            DetectorLayout d = DetectorLayout.byName(choice).orElseThrow();
            if (d.rows() != rows || d.cols() != cols) {
                throw new IllegalArgumentException("the image is " + rows + " x " + cols + ", " + d.name() + " " + d.rows() + " x " + d.cols());
            }
            return d;
        }
        return DetectorLayout.names().stream().map(n -> DetectorLayout.byName(n).orElseThrow())
                .filter(d -> d.rows() == rows && d.cols() == cols).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no known detector is " + rows + " x " + cols + ": choose one"));
    }

    private void refine() {
        Poni guess;
        Calibrant cal;
        try {
            cal = Calibrant.resolve(calibrant.getValue());
            double wl = Double.parseDouble(wavelength.getText().strip()) / 1e10;
            double dist = Double.parseDouble(distance.getText().strip()) / 1e3;
            String[] rc = centre.getText().split(",");
            double b1 = Double.parseDouble(rc[0].strip()), b2 = Double.parseDouble(rc[1].strip());
            seed = new double[] {b1, b2};
            guess = new Poni(layout.poniName(), layout.pixel1(), layout.pixel2(), layout.rows(), layout.cols(), dist,
                    b1 * layout.pixel1(), b2 * layout.pixel2(), 0, 0, 0, wl);
        } catch (Exception e) {
            status.setText("check the inputs: wavelength (Å), distance (mm), beam centre 'row, col': " + e.getMessage());
            return;
        }
        CalibrationImage im = image;
        List<ControlPoint> seeds = List.copyOf(picked);
        status.setText("refining...");
        refine.setDisable(true);
        NamedThreadFactory.start("hutch-calibration-refine", () -> {
            try {
                long t0 = System.nanoTime();
                Calibrator.Result r = seeds.isEmpty() ? Calibrator.calibrate(im, cal, guess, Calibrator.Options.defaults())
                        : Calibrator.calibrate(im, cal, guess, seeds, Calibrator.Options.defaults());
                double seconds = (System.nanoTime() - t0) / 1e9;
                Platform.runLater(() -> {
                    result = r;
                    resultCalibrant = cal;
                    status.setText(summary(r, seconds));
                    refine.setDisable(false);
                    save.setDisable(false);
                    redraw();
                });
            } catch (Exception e) {
                Platform.runLater(() -> {
                    status.setText("calibration failed: " + e.getMessage());
                    refine.setDisable(false);
                });
            }
        });
    }

    /** Drops the control point nearest to (d1, d2) if within a few pixels, and refits without picking again. */
    private void removePointNear(double d1, double d2) {
        if (result == null) {
            int nearest = nearest(picked, d1, d2);
            if (nearest < 0) {
                status.setText("no picked point within " + (int) REMOVE_RADIUS + " pixels of the click");
                return;
            }
            picked.remove(nearest);
            status.setText(picked.size() + " picked points left");
            redraw();
            return;
        }
        List<ControlPoint> pts = new ArrayList<>(result.points());
        int nearest = nearest(pts, d1, d2);
        if (nearest < 0) {
            status.setText("no control point within " + (int) REMOVE_RADIUS + " pixels of the click");
            return;
        }
        pts.remove(nearest);
        Calibrator.Result before = result;
        Calibrant cal = resultCalibrant;
        NamedThreadFactory.start("hutch-calibration-refit", () -> {
            try {
                long t0 = System.nanoTime();
                Refinement.Result fit = Refinement.refine(before.poni(), pts, cal.dSpacings(), before.fit().sigma().keySet());
                Calibrator.Result r = new Calibrator.Result(fit.poni(), fit, pts, before.rings(), before.rounds());
                double seconds = (System.nanoTime() - t0) / 1e9;
                Platform.runLater(() -> {
                    result = r;
                    status.setText(summary(r, seconds));
                    redraw();
                });
            } catch (Exception e) {
                Platform.runLater(() -> status.setText("refit failed: " + e.getMessage()));
            }
        });
    }

    /** Index of the point nearest to (d1, d2) within the removal radius, or -1. */
    private static int nearest(List<ControlPoint> pts, double d1, double d2) {
        int nearest = -1;
        double best = REMOVE_RADIUS;
        for (int i = 0; i < pts.size(); i++) {
            double d = Math.hypot(pts.get(i).d1() - d1, pts.get(i).d2() - d2);
            if (d < best) {
                best = d;
                nearest = i;
            }
        }
        return nearest;
    }

    private static String summary(Calibrator.Result r, double seconds) {
        Poni p = r.poni();
        return String.format(Locale.ROOT, "RMS %.2e rad (%.2f px), %d points on %d rings, %.1f s | dist %.3f mm, poni1 %.3f mm, "
                        + "poni2 %.3f mm, rot1 %.4f°, rot2 %.4f°",
                r.rms(), r.rms() * p.dist() / p.pixel1(), r.points().size(), r.rings(), seconds, p.dist() * 1e3, p.poni1() * 1e3,
                p.poni2() * 1e3, Math.toDegrees(p.rot1()), Math.toDegrees(p.rot2()));
    }

    private void save() {
        String path = outPath.getText().strip();
        if (path.isEmpty()) {
            FileChooser c = new FileChooser();
            c.setTitle("Save the PONI");
            c.getExtensionFilters().add(new FileChooser.ExtensionFilter("PONI files", "*.poni"));
            java.io.File f = c.showSaveDialog(stage);
            if (f == null) {
                return;
            }
            path = f.getPath();
            outPath.setText(path);
        }
        Path file = Path.of(path);
        String text = PoniFiles.format(result, resultCalibrant);
        NamedThreadFactory.start("hutch-calibration-save", () -> {
            try {
                Files.writeString(file, text, StandardCharsets.UTF_8);
                Platform.runLater(() -> {
                    status.setText("saved " + file + "; the live integration uses it");
                    onSaved.accept(file);
                });
            } catch (Exception e) {
                Platform.runLater(() -> status.setText("cannot save " + file + ": " + e.getMessage()));
            }
        });
    }

    private void redraw() {
        Poni p = result != null ? result.poni() : null;
        double[] tth = null;
        if (p != null) {
            double[] all = resultCalibrant.tth(p.wavelength());
            tth = java.util.Arrays.copyOf(all, Math.min(all.length, result.rings()));
        }
        List<ControlPoint> pts = result != null ? result.points() : new ArrayList<>();
        CalibrationPlots.drawImage(imageCanvas, grey, p, tth, pts, seed);
        if (grey != null && result == null) {
            // the hand-picked seeds, until a refinement replaces them with its control points
            double s = CalibrationPlots.scale(imageCanvas, image.rows(), image.cols());
            javafx.scene.canvas.GraphicsContext g = imageCanvas.getGraphicsContext2D();
            g.setFill(javafx.scene.paint.Color.YELLOW);
            for (ControlPoint c : picked) {
                g.fillRect(c.d2() * s - 1.5, c.d1() * s - 1.5, 3, 3);
            }
        }
        CalibrationPlots.drawResiduals(residualCanvas, result);
    }
}
