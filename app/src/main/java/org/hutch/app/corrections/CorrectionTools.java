package org.hutch.app.corrections;

import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.VPos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.stage.Window;
import org.hutch.app.files.ImageFiles;
import org.hutch.app.live.FrameAccumulator;
import org.hutch.app.session.Session;
import org.hutch.app.ui.Choosers;
import org.hutch.app.ui.MainView;
import org.hutch.azint.FrameView;
import org.hutch.model.concurrent.NamedThreadFactory;
import org.hutch.model.curve.RadialUnit;
import org.hutch.widgets.export.CurveFiles;
import org.hutch.widgets.image.OverlayPainter;

/**
 * The Corrections menu and tab: a dark image and a flat field (from an image file, or the mean of the
 * next N live frames) and a 1D background curve (from an .xy, .dat, .chi or CSV file), each with its
 * scale, handed to the session's integration. While any is on, a badge says which ("dark − · flat ÷ ·
 * bg −") on the image and in the title of the 1D tab. Files are read and frames averaged off the FX thread.
 * <p>
 * Node ids: {@code #corrections-tab}, {@code #dark-file}, {@code #dark-live}, {@code #dark-scale},
 * {@code #dark-clear}, {@code #flat-file}, {@code #flat-live}, {@code #flat-clear}, {@code #bg-file},
 * {@code #bg-scale}, {@code #bg-clear}, {@code #live-frames}, {@code #image-dataset},
 * {@code #corrections-state}; menu items {@code #menu-corr-...}.
 */
public final class CorrectionTools {
    private final MainView view;
    private final Supplier<Session> session;
    private final Supplier<Window> owner;
    private final Consumer<String> status;
    private final Executor background = r -> NamedThreadFactory.start("hutch-corrections", r);

    private final TextField darkScale = new TextField("1");
    private final TextField bgScale = new TextField("1");
    private final TextField liveFrames = new TextField("10");
    private final TextField dataset = new TextField("/entry/data/data");
    private final javafx.scene.control.Tab curveTab;
    private final String curveTabText;
    private final Label state = new Label("no corrections");
    /** the badge text the image overlay draws ("" = none); FX thread */
    private String imageBadge = "";
    /** the corrections the badge shows; FX thread */
    private Corrections shown = Corrections.NONE;
    private FrameAccumulator collecting;
    private final Runnable imageChanged;

    /**
     * @param imageChanged shows the frame on screen again through the new corrections (called off the FX thread)
     */
    public CorrectionTools(MainView view, Supplier<Session> session, Supplier<Window> owner, Consumer<String> status,
                           Runnable imageChanged) {
        this.imageChanged = imageChanged;
        this.view = view;
        this.session = session;
        this.owner = owner;
        this.status = status;
        buildTab();
        buildMenu();
        curveTab = view.analysisTabs().getTabs().get(0);
        curveTabText = curveTab.getText();
        view.image().getOverlayPainters().add(this::paintBadge);
        // a new session starts without corrections, and a reduced frame is shown raw: the badge follows each frame shown
        view.image().shownFrameProperty().addListener((o, a, f) -> {
            Session s = session.get();
            if (s != null && (s.corrections() != shown || !imageBadge(shown, f).equals(imageBadge))) {
                show(s.corrections());
            }
        });
    }

    private void buildTab() {
        darkScale.setId("dark-scale");
        bgScale.setId("bg-scale");
        liveFrames.setId("live-frames");
        dataset.setId("image-dataset");
        state.setId("corrections-state");
        state.setWrapText(true);
        for (TextField f : new TextField[] {darkScale, bgScale, liveFrames}) {
            f.setPrefColumnCount(5);
        }
        dataset.setPrefColumnCount(18);
        darkScale.setOnAction(e -> applyScales());
        bgScale.setOnAction(e -> applyScales());
        darkScale.focusedProperty().addListener((o, a, b) -> { if (!b) applyScales(); });
        bgScale.focusedProperty().addListener((o, a, b) -> { if (!b) applyScales(); });
        Label how = new Label("Corrected = (raw \u2212 scale \u00d7 dark) / flat (flat normalised to mean 1; flat \u2264 0: invalid)."
                + " Applies to the app's own integration.");
        how.setWrapText(true);
        VBox box = new VBox(8, how,
                new FlowPane(6, 4, new Label("Dark"), button("dark-file", "From file...", () -> imageFromFile(true)),
                        button("dark-live", "From live frames", () -> imageFromLive(true)),
                        new Label("scale"), darkScale, button("dark-clear", "Off", () -> change(c -> c.withDark(null, c.rows(), c.cols()), "dark off"))),
                new FlowPane(6, 4, new Label("Flat"), button("flat-file", "From file...", () -> imageFromFile(false)),
                        button("flat-live", "From live frames", () -> imageFromLive(false)),
                        button("flat-clear", "Off", () -> change(c -> c.withFlat(null, c.rows(), c.cols()), "flat field off"))),
                new FlowPane(6, 4, new Label("Live frames to average"), liveFrames,
                        new Label("HDF5 dataset"), dataset),
                new Label("1D background (subtracted from the integrated curve):"),
                new FlowPane(6, 4, new Label("Background"), button("bg-file", "From file...", this::backgroundFromFile),
                        new Label("scale"), bgScale, button("bg-clear", "Off", () -> change(c -> c.withBackground(null, null), "background off"))),
                state);
        box.setPadding(new Insets(8));
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(box);
        scroll.setFitToWidth(true);
        Tab tab = new Tab("Corrections", scroll);
        tab.setId("corrections-tab");
        tab.setClosable(false);
        view.analysisTabs().getTabs().add(tab);
    }

    private void buildMenu() {
        view.correctionsMenu().getItems().addAll(
                item("menu-corr-tools", "Corrections panel", () -> view.analysisTabs().getTabs().stream()
                        .filter(t -> "corrections-tab".equals(t.getId())).findFirst()
                        .ifPresent(t -> view.analysisTabs().getSelectionModel().select(t))),
                item("menu-corr-dark-file", "Dark image from file...", () -> imageFromFile(true)),
                item("menu-corr-dark-live", "Dark image from live frames", () -> imageFromLive(true)),
                item("menu-corr-flat-file", "Flat field from file...", () -> imageFromFile(false)),
                item("menu-corr-flat-live", "Flat field from live frames", () -> imageFromLive(false)),
                item("menu-corr-bg-file", "Background curve from file...", this::backgroundFromFile),
                new SeparatorMenuItem(),
                item("menu-corr-off", "All corrections off", () -> change(c -> Corrections.NONE
                        .withDarkScale(c.darkScale()).withBackgroundScale(c.backgroundScale()), "corrections off")));
    }

    private static MenuItem item(String id, String text, Runnable r) {
        MenuItem i = new MenuItem(text);
        i.setId(id);
        i.setOnAction(e -> r.run());
        return i;
    }

    private static Button button(String id, String text, Runnable r) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> r.run());
        return b;
    }

    /** Applies {@code how} to the session's corrections and shows the result (any thread). */
    private void change(UnaryOperator<Corrections> how, String what) {
        Session s = session.get();
        if (s == null) {
            status.accept("corrections: no session yet");
            return;
        }
        Corrections c;
        synchronized (this) {
            c = how.apply(s.corrections());
            s.setCorrections(c);
        }
        status.accept(what);
        background.execute(imageChanged);
        Platform.runLater(() -> show(c));
    }

    private void show(Corrections c) {
        shown = c;
        String b = c.badge();
        curveTab.setText(b.isEmpty() ? curveTabText : curveTabText + "  [" + b + "]");
        curveTab.setStyle(b.isEmpty() ? "" : "-fx-background-color: #ffcdd2;");
        imageBadge = imageBadge(c, view.image().shownFrameProperty().get());
        state.setText(b.isEmpty() ? "no corrections" : "on: " + b);
        view.image().redrawOverlay();
    }

    /**
     * What the badge on the image says of {@code c} for the frame {@code shown}: "image corrected" only when the frame is
     * (the readout then gives corrected values). A frame of another size than the dark/flat, as a large detector's
     * frame reduced for the screen, is shown raw, and the badge says so.
     */
    static String imageBadge(Corrections c, org.hutch.widgets.image.ImageFrame shown) {
        String b = c.badge();
        if (!c.correctsImage()) {
            return b;
        }
        if (shown == null || shown.rows() == c.rows() && shown.cols() == c.cols()) {
            return "image corrected: " + b;
        }
        boolean reduced = shown.rows() > 0 && c.rows() % shown.rows() == 0 && c.rows() / shown.rows() > 1
                && c.cols() / shown.cols() == c.rows() / shown.rows();
        return "image raw (" + (reduced ? "reduced " + c.rows() / shown.rows() + "\u00d7 for the screen"
                : shown.rows() + "\u00d7" + shown.cols() + ", the dark/flat " + c.rows() + "\u00d7" + c.cols())
                + "), 1D: " + b;
    }

    private void paintBadge(javafx.scene.canvas.GraphicsContext gc, OverlayPainter.DetectorToScreen map) {
        String b = imageBadge;
        if (b.isEmpty()) {
            return;
        }
        gc.setFont(Font.font("System", FontWeight.BOLD, 13));
        gc.setTextBaseline(VPos.TOP);
        javafx.scene.text.Text t = new javafx.scene.text.Text(b);
        t.setFont(gc.getFont());
        double w = t.getLayoutBounds().getWidth() + 12;
        gc.setFill(Color.web("#b71c1c", 0.85));
        gc.fillRoundRect(6, 6, w, 20, 6, 6);
        gc.setFill(Color.WHITE);
        gc.fillText(b, 12, 9);
    }

    private void applyScales() {
        double d;
        double b;
        try {
            d = Double.parseDouble(darkScale.getText().strip());
            b = Double.parseDouble(bgScale.getText().strip());
        } catch (NumberFormatException e) {
            status.accept("corrections: a scale must be a number");
            return;
        }
        Session s = session.get();
        if (s != null && (s.corrections().darkScale() != d || s.corrections().backgroundScale() != b)) {
            change(c -> c.withDarkScale(d).withBackgroundScale(b), "dark scale " + d + ", background scale " + b);
        }
    }

    private void imageFromFile(boolean dark) {
        String what = dark ? "dark image" : "flat field";
        String ds = dataset.getText().strip();
        Choosers.open(owner.get(), (dark ? "Dark image" : "Flat field") + " (TIFF, EDF, CBF, HDF5, raw with case.json)")
                .ifPresent(file -> background.execute(() -> {
                    try {
                        ImageFiles.Image im;
                        synchronized (org.hutch.receiver.hdf5.AzintFile.LOCK) { // libhdf5 is shared with the receiver's writer
                            im = ImageFiles.read(file, null, null, ds.isEmpty() ? null : ds, 0);
                        }
                        double[] v = new double[im.rows() * im.cols()];
                        FrameView.of(im.data(), im.type()).read(0, v.length, v);
                        setImage(dark, v, im.rows(), im.cols(), what + " " + file.getFileName());
                    } catch (Exception e) {
                        status.accept("cannot read the " + what + " " + file.getFileName() + ": " + e.getMessage());
                    }
                }));
    }

    private void setImage(boolean dark, double[] v, int rows, int cols, String what) {
        Session s = session.get();
        // the simulator's built-in geometry takes the frames' shape, whatever the PONI's own says
        if (s != null && s.poni() != null && s.poni().hasShape() && !s.simulatorGeometry()
                && (s.poni().rows() != rows || s.poni().cols() != cols)) {
            status.accept(what + " is " + rows + "x" + cols + " but the detector " + s.poni().rows() + "x" + s.poni().cols());
            return;
        }
        try {
            change(c -> dark ? c.withDark(v, rows, cols) : c.withFlat(v, rows, cols), what + " on");
        } catch (IllegalArgumentException e) {
            status.accept(what + ": " + e.getMessage());
        }
    }

    private void imageFromLive(boolean dark) {
        Session s = session.get();
        if (s == null) {
            return;
        }
        int n;
        try {
            n = Integer.parseInt(liveFrames.getText().strip());
        } catch (NumberFormatException e) {
            status.accept("corrections: the number of frames must be a whole number");
            return;
        }
        String what = dark ? "dark image" : "flat field";
        if (collecting != null) {
            s.removeFrameTap(collecting);
        }
        FrameAccumulator acc;
        try {
            // also in the tab: the status line is soon taken by the series' own messages
            acc = new FrameAccumulator(n, Double.NaN, Double.NaN, k -> {
                String progress = what + ": " + k + " of " + n + " live frames";
                status.accept(progress);
                Platform.runLater(() -> state.setText(progress));
            });
        } catch (IllegalArgumentException e) {
            status.accept(what + ": " + e.getMessage());
            return;
        }
        collecting = acc;
        s.addFrameTap(acc);
        status.accept(what + ": waiting for " + n + " live frames");
        state.setText(what + ": waiting for " + n + " live frames");
        acc.result().whenCompleteAsync((r, ex) -> {
            s.removeFrameTap(acc);
            if (ex != null) {
                status.accept(what + ": " + ex.getMessage());
                Platform.runLater(() -> show(shown)); // the tab says again what is on
            } else {
                setImage(dark, r.mean(), r.rows(), r.cols(), what + " (mean of " + r.frames() + " live frames)");
            }
        }, background);
    }

    private void backgroundFromFile() {
        Choosers.open(owner.get(), "Background curve (.xy, .dat, .chi, .csv)").ifPresent(file -> {
            RadialUnit expected = view.plot().unitProperty().get();
            background.execute(() -> readBackground(file, expected));
        });
    }

    private void readBackground(Path file, RadialUnit expected) {
        try {
            CurveFiles.Read r = CurveFiles.read(file, expected != null ? expected : RadialUnit.Q_NM);
            change(c -> c.withBackground(new double[][] {r.radial(), r.intensity()}, r.unit()),
                    "background " + file.getFileName() + " on (" + r.radial().length + " points in " + r.unit().label()
                            + (r.unitFromFile() ? "" : ", the unit on screen") + ")");
        } catch (Exception e) {
            status.accept("cannot read the background " + file.getFileName() + ": " + e.getMessage());
        }
    }
}
