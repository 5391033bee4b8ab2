package org.hutch.app.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.Window;
import javafx.util.Duration;
import org.hutch.app.corrections.Corrections;
import org.hutch.app.live.AppIntegrator;
import org.hutch.app.live.CurveSource;
import org.hutch.app.live.WidgetData;
import org.hutch.app.session.Session;
import org.hutch.app.ui.Choosers;
import org.hutch.app.ui.MainView;
import org.hutch.azint.Poni;
import org.hutch.model.concurrent.NamedThreadFactory;
import org.hutch.model.curve.RadialUnit;
import org.hutch.widgets.FxHandoff;
import org.hutch.widgets.image.ImageFrame;
import org.hutch.widgets.plot.AzintPlot;
import org.hutch.widgets.plot.Curve;

/**
 * File &gt; Open... and File &gt; Integrate file...: a file's frames in the live view's image, histogram,
 * readout and 1D plot, with a bar above the image that says which file and frame are shown, a frame
 * slider, play at a chosen rate, and Back to live; and the whole file integrated into
 * {@code <name>_azint.h5}, shown as a waterfall. The {@link ViewSource} keeps live frames off the widgets
 * while a file is shown. Node ids: {@code #file-open}, {@code #file-integrate} (menu items),
 * {@code #file-bar}, {@code #file-title}, {@code #frame-slider}, {@code #file-play}, {@code #file-rate},
 * {@code #back-to-live}, {@code #integrate-progress}, {@code #integrate-cancel}. FX thread, except where said.
 */
public final class FileBrowser {
    /** Frames per second offered for play. */
    static final List<Double> RATES = List.of(1.0, 2.0, 5.0, 10.0, 25.0);

    private final MainView view;
    private final Window owner;
    private final ViewSource source;
    private final Supplier<Session> session;
    private final Supplier<Path> poniFile;
    private final Supplier<Path> folder;
    private final Runnable backToLive;
    private final FrameLoader loader;
    private final FxHandoff<FrameLoader.Loaded> loadedToFx;
    private final FxHandoff<String> failedToFx;

    private final javafx.scene.layout.VBox bar = new javafx.scene.layout.VBox(4);
    private final Label title = new Label();
    private final Slider slider = new Slider(1, 1, 1);
    private final ToggleButton play = new ToggleButton("Play");
    private final ComboBox<Double> rate = new ComboBox<>();
    private final ProgressBar progress = new ProgressBar(0);
    private final Button cancel = new Button("Cancel");
    private final Timeline player = new Timeline();

    /** the unit of the plot, read on the loader thread */
    private volatile RadialUnit unit;
    private volatile CurveSource curves;
    private Object curvesKey; // loader thread only
    private int requested = -1;
    private int shown = -1;
    private AtomicBoolean integrating;
    private java.util.function.Consumer<ImageFrame> frameListener = f -> { };

    /**
     * @param session    the live session (its PONI and mask integrate the file's frames)
     * @param poniFile   the PONI file in use, or null (its text goes into an integrated file's provenance)
     * @param folder     where the open dialog starts
     * @param backToLive shows the newest live frame and curve again, once the view source is live
     */
    /** Sees each file frame put on screen (FX thread), e.g. for ROI statistics over the file. */
    public FileBrowser onFrameShown(java.util.function.Consumer<ImageFrame> listener) {
        this.frameListener = java.util.Objects.requireNonNull(listener);
        return this;
    }

    public FileBrowser(MainView view, Window owner, ViewSource source, Supplier<Session> session, Supplier<Path> poniFile,
                       Supplier<Path> folder, Runnable backToLive) {
        this.view = view;
        this.owner = owner;
        this.source = source;
        this.session = session;
        this.poniFile = poniFile;
        this.folder = folder;
        this.backToLive = backToLive;
        this.loadedToFx = new FxHandoff<>(this::show);
        this.failedToFx = new FxHandoff<>(this::frameFailed);
        this.loader = new FrameLoader(this::curveSource, () -> session.get() != null ? session.get().poni() : null,
                this::corrections, loadedToFx::offer, failedToFx::offer);
        buildBar();
    }

    /** Adds File &gt; Open... and Integrate file... and follows the plot's unit and the geometry. */
    public FileBrowser install() {
        MenuItem open = new MenuItem("Open...");
        open.setId("file-open");
        open.setOnAction(e -> chooseAndOpen(null));
        MenuItem integrate = new MenuItem("Integrate file...");
        integrate.setId("file-integrate");
        integrate.setOnAction(e -> integrate());
        view.fileMenu().getItems().addAll(open, integrate);
        unit = view.plot().unitProperty().get();
        view.plot().unitProperty().addListener((o, a, u) -> {
            unit = u;
            reload();
        });
        view.image().geometryProperty().addListener((o, a, g) -> reload()); // a PONI or mask loaded
        return this;
    }

    private void buildBar() {
        bar.setId("file-bar");
        bar.getStyleClass().add("file-bar");
        bar.setPadding(new Insets(4, 8, 4, 8));
        bar.setStyle("-fx-background-color: #fff3cd; -fx-border-color: #e0a800; -fx-border-width: 0 0 2 0;");
        title.setId("file-title");
        title.setStyle("-fx-font-weight: bold;");
        slider.setId("frame-slider");
        slider.setSnapToTicks(true);
        slider.setMajorTickUnit(1);
        slider.setMinorTickCount(0);
        slider.setBlockIncrement(1);
        HBox.setHgrow(slider, Priority.ALWAYS);
        slider.valueProperty().addListener((o, a, b) -> {
            int k = (int) Math.round(b.doubleValue()) - 1;
            FrameFile f = source.file();
            if (f != null && k != requested && k >= 0 && k < f.frames()) {
                requested = k;
                updateTitle(f);
                loader.request(f, k);
            }
        });
        play.setId("file-play");
        play.setTooltip(new Tooltip("play the frames at the chosen rate (frames still being read are skipped)"));
        play.selectedProperty().addListener((o, a, on) -> {
            play.setText(on ? "Pause" : "Play");
            if (on) {
                restartPlayer();
            } else {
                player.stop();
            }
        });
        rate.setId("file-rate");
        rate.getItems().setAll(RATES);
        rate.setValue(5.0);
        rate.setTooltip(new Tooltip("frames per second"));
        rate.valueProperty().addListener((o, a, b) -> {
            if (play.isSelected()) {
                restartPlayer();
            }
        });
        player.setCycleCount(Timeline.INDEFINITE);
        progress.setId("integrate-progress");
        cancel.setId("integrate-cancel");
        cancel.setOnAction(e -> {
            if (integrating != null) {
                integrating.set(true);
                view.setStatusLine("cancelling the integration...");
            }
        });
        showProgress(false);
        Button live = new Button("Back to live");
        live.setId("back-to-live");
        live.setOnAction(e -> backToLive());
        javafx.scene.layout.Region grow = new javafx.scene.layout.Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox top = new HBox(8, title, grow, progress, cancel, live);
        top.setAlignment(Pos.CENTER_LEFT);
        Label fps = new Label("fps");
        HBox frames = new HBox(8, slider, play, rate, fps);
        frames.setAlignment(Pos.CENTER_LEFT);
        for (javafx.scene.layout.Region r : List.of(play, rate, fps, cancel, live, title)) {
            r.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // the slider gives way, never the controls
        }
        bar.getChildren().addAll(top, frames);
    }

    private void restartPlayer() {
        player.stop();
        double fps = rate.getValue() == null ? 5 : rate.getValue();
        player.getKeyFrames().setAll(new KeyFrame(Duration.seconds(1 / fps), e -> step()));
        player.play();
    }

    /** One tick of play: the next frame, once the one asked for is on screen (a slow disk slows play, never queues). */
    private void step() {
        FrameFile f = source.file();
        if (f == null || shown != requested) {
            return;
        }
        int next = (requested + 1) % f.frames();
        slider.setValue(next + 1);
    }

    private void showProgress(boolean on) {
        progress.setVisible(on);
        progress.setManaged(on);
        cancel.setVisible(on);
        cancel.setManaged(on);
    }

    // ---- open

    /** Asks for a file and opens it; then runs {@code then} (FX thread) when it is shown. */
    private void chooseAndOpen(Runnable then) {
        Path start = source.file() != null ? source.file().path().toAbsolutePath().getParent() : folder.get();
        Choosers.imageFile(owner, start).ifPresent(p -> open(p, then));
    }

    /** Opens {@code path} off the FX thread and shows its first frame. */
    public void open(Path path, Runnable then) {
        view.setStatusLine("opening " + path + "...");
        CompletableFuture.supplyAsync(() -> {
            try {
                return FrameFile.open(path, choices -> askDataset(path, choices));
            } catch (IOException e) {
                throw new ImageFiles.BadInput("cannot read " + path.getFileName() + ": " + e.getMessage());
            }
        }, named("hutch-file-open")).whenComplete((f, e) -> Platform.runLater(() -> {
            if (e != null) {
                Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
                error("cannot open " + path.getFileName(), cause instanceof ImageFiles.BadInput
                        ? cause.getMessage() : FrameLoader.message(cause));
            } else if (f.isPresent()) {
                browse(f.get());
                if (then != null) {
                    then.run();
                }
            } else {
                view.setStatusLine("nothing opened");
            }
        }));
    }

    /** Asks the user on the FX thread, from the opening thread. */
    private Optional<String> askDataset(Path path, List<String> choices) {
        CompletableFuture<Optional<String>> answer = new CompletableFuture<>();
        Platform.runLater(() -> answer.complete(Choosers.dataset(owner, path.getFileName().toString(), choices)));
        return answer.join();
    }

    private void browse(FrameFile f) {
        player.stop();
        play.setSelected(false);
        source.show(f);
        if (!view.imageColumn().getChildren().contains(bar)) {
            view.imageColumn().getChildren().add(0, bar);
        }
        slider.setMax(Math.max(1, f.frames()));
        slider.setDisable(f.frames() < 2);
        play.setDisable(f.frames() < 2);
        requested = -1;
        shown = -1;
        view.plot().startNewSeries(); // the live curves' overlay and waterfall are not this file's
        if (slider.getValue() != 1) {
            slider.setValue(1);
        } else {
            requested = 0;
            loader.request(f, 0);
        }
        updateTitle(f);
        view.setStatusLine("browsing " + f.path() + " (" + f.source() + ", " + f.frames() + " frame" + (f.frames() == 1 ? "" : "s")
                + " of " + f.rows() + " x " + f.cols() + " " + f.type().numpyName() + "); live frames are not shown until Back to live");
    }

    private void updateTitle(FrameFile f) {
        title.setText("FILE " + f.name() + "  \u2014  frame " + (Math.max(0, requested) + 1) + " of " + f.frames());
    }

    /** The frame the loader read, on screen (FX thread); a frame of a file no longer shown is dropped. */
    private void show(FrameLoader.Loaded l) {
        if (source.file() != l.file()) {
            return;
        }
        shown = l.index();
        ImageFrame image = l.image();
        view.image().setFrame(image);
        frameListener.accept(image);
        Session s = session.get();
        view.image().setMask(s == null ? null : WidgetData.imageMask(s.mask(), s.poni(), image.rows(), image.cols()));
        if (l.curve() != null) {
            view.plot().setCurve(l.curve());
        } else {
            view.plot().showMessage(l.problem());
        }
    }

    private void frameFailed(String message) {
        view.setStatusLine(message);
        view.plot().showMessage(message);
    }

    /** The browsed frame shown again through the session's new corrections (image and curve); any thread. */
    public void correctionsChanged() {
        Platform.runLater(this::reload);
    }

    /** The frame on screen again: its curve in another unit, or with a new PONI, mask or corrections. */
    private void reload() {
        FrameFile f = source.file();
        if (f != null && requested >= 0) {
            loader.request(f, requested);
        }
    }

    /** The session's corrections (dark, flat, background), applied as to live frames; loader thread. */
    private Corrections corrections() {
        Session s = session.get();
        return s == null ? Corrections.NONE : s.corrections();
    }

    /**
     * The live view's integration (the session's PONI and mask, the plot's unit, the session's corrections as they are
     * at each frame), made again when the PONI, mask or unit changes; loader thread.
     */
    private CurveSource curveSource() {
        Session s = session.get();
        if (s == null || s.poni() == null) {
            return null;
        }
        RadialUnit u = unit != null ? unit : RadialUnit.Q_NM;
        List<Object> key = java.util.Arrays.asList(s.poni(), s.mask(), u);
        if (curves == null || !key.equals(curvesKey)) {
            curves = new AppIntegrator(s.poni(), s.mask(), AppIntegrator.DEFAULT_BINS, !s.poni().hasShape(), u,
                    this::corrections);
            curvesKey = key;
        }
        return curves;
    }

    /** Back to live: the bar goes, live frames and curves are shown again. */
    public void backToLive() {
        player.stop();
        play.setSelected(false);
        source.show(null);
        view.imageColumn().getChildren().remove(bar);
        view.plot().startNewSeries();
        view.plot().showMessage(null);
        view.setStatusLine("live");
        backToLive.run();
    }

    // ---- integrate

    private void integrate() {
        if (integrating != null) {
            view.setStatusLine("an integration is running: cancel it first");
            return;
        }
        FrameFile f = source.file();
        if (f == null) {
            chooseAndOpen(this::integrate);
            return;
        }
        Session s = session.get();
        Poni poni = s == null ? null : s.poni();
        if (poni == null) {
            error("cannot integrate " + f.name(), "no geometry: load a PONI first (the live view's PONI and mask are used)");
            return;
        }
        if (poni.hasShape() && (poni.rows() != f.rows() || poni.cols() != f.cols())) {
            error("cannot integrate " + f.name(), "the PONI is for a " + poni.rows() + " x " + poni.cols() + " detector, but the file's frames are "
                    + f.rows() + " x " + f.cols() + ": load the PONI of the detector that took them");
            return;
        }
        byte[] mask = s.mask();
        RadialUnit u = unit != null ? unit : RadialUnit.Q_NM;
        Path poniPath = poniFile.get();
        AtomicBoolean cancelled = new AtomicBoolean();
        integrating = cancelled;
        progress.setProgress(0);
        showProgress(true);
        view.setStatusLine("integrating " + f.frames() + " frames of " + f.name() + "...");
        FxHandoff<Integer> progressToFx = new FxHandoff<>(n -> {
            progress.setProgress(n / (double) f.frames());
            if (integrating == cancelled && !cancelled.get()) {
                view.setStatusLine("integrating " + f.name() + ": " + n + " of " + f.frames() + " frames");
            }
        });
        String poniText;
        try {
            poniText = poniPath != null && Files.isRegularFile(poniPath) ? Files.readString(poniPath) : null;
        } catch (IOException e) {
            poniText = null; // the geometry's own text goes into the provenance instead
        }
        FileIntegration.start(f, poni, poniText, mask, u, n -> progressToFx.offer(n), cancelled)
                .thenApply(r -> {
                    List<Curve> rows = r.output() == null ? List.of()
                            : AzintOutput.curves(r.output(), u, poni.wavelength() > 0 ? poni.wavelength() * 1e10 : Double.NaN,
                            AzintPlot.MAX_HISTORY);
                    return new Object[] {r, rows};
                })
                .whenComplete((o, e) -> Platform.runLater(() -> {
                    integrating = null;
                    showProgress(false);
                    if (e != null) {
                        error("integration of " + f.name() + " failed", FrameLoader.message(e.getCause() != null ? e.getCause() : e));
                        return;
                    }
                    FileIntegration.Result r = (FileIntegration.Result) o[0];
                    @SuppressWarnings("unchecked")
                    List<Curve> rows = (List<Curve>) o[1];
                    showWaterfall(rows);
                    String where = r.output() != null ? r.output().toString() : "no file";
                    if (r.complete()) {
                        view.setStatusLine("integrated " + r.frames() + " frames of " + f.name() + " into " + where);
                    } else if (r.output() != null && cancelled.get()) {
                        view.setStatusLine("integration cancelled: " + where + " holds the " + r.frames() + " frames integrated so far");
                    } else {
                        error("integration of " + f.name() + " incomplete", r.problem() + (r.output() != null
                                ? " (" + where + " holds " + r.frames() + " frames)" : ""));
                    }
                }));
    }

    /** The integrated rows in the plot's overlay and waterfall, which opens. */
    private void showWaterfall(List<Curve> rows) {
        if (rows.isEmpty()) {
            return;
        }
        AzintPlot plot = view.plot();
        plot.startNewSeries();
        plot.historySizeProperty().set(Math.max(plot.historySizeProperty().get(), Math.min(rows.size(), AzintPlot.MAX_HISTORY)));
        rows.forEach(plot::setCurve);
        plot.waterfallShownProperty().set(true);
    }

    /** Says what went wrong where the user looks: the status line and a dialog (no stack trace). */
    private void error(String what, String why) {
        view.setStatusLine(what + ": " + why);
        Alert a = new Alert(Alert.AlertType.ERROR, why);
        a.initOwner(owner);
        a.setTitle("Hutch");
        a.setHeaderText(what);
        a.getDialogPane().setId("file-error");
        a.show();
    }

    /** Stops the reading thread (window closing); any thread. */
    public void close() {
        loader.close();
    }

    private static Executor named(String name) {
        return r -> NamedThreadFactory.start(name, r);
    }
}
