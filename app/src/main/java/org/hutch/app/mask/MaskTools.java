package org.hutch.app.mask;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioButton;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.hutch.app.live.FrameAccumulator;
import org.hutch.app.live.WidgetData;
import org.hutch.app.session.Session;
import org.hutch.app.ui.Choosers;
import org.hutch.app.ui.MainView;
import org.hutch.azint.Poni;
import org.hutch.model.concurrent.NamedThreadFactory;
import org.hutch.widgets.image.ImageFrame;
import org.hutch.widgets.image.ImageTool;
import org.hutch.widgets.mask.MaskDrawTool;
import org.hutch.widgets.mask.MaskEditor;

/**
 * The Mask menu and the "Mask" tab: shapes drawn on the image (circle, rectangle, polygon, arc) in
 * add or remove mode, undo and redo, a threshold below or above a value, hot pixels over N live
 * frames, clear, invert, import and export. The mask is edited at the detector's full resolution in
 * its own pixel coordinates (so display transforms and reduced live frames do not change which pixels a
 * shape covers), shown on the image at once and handed to the session's integration. FX thread, except
 * where said.
 * <p>
 * Node ids: {@code #mask-tab}, {@code #mask-circle}, {@code #mask-rectangle}, {@code #mask-polygon},
 * {@code #mask-arc}, {@code #mask-add}, {@code #mask-remove}, {@code #mask-undo}, {@code #mask-redo},
 * {@code #mask-threshold}, {@code #mask-below}, {@code #mask-above}, {@code #mask-hot-frames},
 * {@code #mask-hot-above}, {@code #mask-hot-factor}, {@code #mask-hot}, {@code #mask-clear},
 * {@code #mask-invert}, {@code #mask-import}, {@code #mask-export}, {@code #mask-dataset},
 * {@code #mask-count}; menu items {@code #menu-mask-...}.
 */
public final class MaskTools {
    private final MainView view;
    private final Supplier<Session> session;
    private final Supplier<Window> owner;
    private final Consumer<String> status;
    private final Executor background = r -> NamedThreadFactory.start("hutch-mask", r);

    private MaskEditor editor;
    private Session editorSession;
    /** the mask last handed to the session (to see a mask loaded another way) */
    private byte[] published;
    private FrameAccumulator collecting;

    private final ToggleGroup shapes = new ToggleGroup();
    private final RadioButton addMode = new RadioButton("add");
    private final RadioButton removeMode = new RadioButton("remove");
    private final TextField threshold = new TextField();
    private final TextField hotFrames = new TextField("10");
    private final TextField hotAbove = new TextField();
    private final TextField hotFactor = new TextField("50");
    private final TextField dataset = new TextField(MaskFiles.NEXUS_MASK);
    private final Label count = new Label("no mask");
    private final Button undo = new Button("Undo");
    private final Button redo = new Button("Redo");

    public MaskTools(MainView view, Supplier<Session> session, Supplier<Window> owner, Consumer<String> status) {
        this.view = view;
        this.session = session;
        this.owner = owner;
        this.status = status;
        buildTab();
        buildMenu();
        view.image().activeToolProperty().addListener((o, a, t) -> {
            if (!(t instanceof MaskDrawTool)) {
                shapes.selectToggle(null); // another part's tool took the mouse
            }
        });
    }

    private void buildTab() {
        FlowPane shapeBar = new FlowPane(4, 4);
        for (MaskDrawTool.Shape s : MaskDrawTool.Shape.values()) {
            ToggleButton b = new ToggleButton(s.name().charAt(0) + s.name().substring(1).toLowerCase(java.util.Locale.ROOT));
            b.setId("mask-" + s.name().toLowerCase(java.util.Locale.ROOT));
            b.setToggleGroup(shapes);
            b.setUserData(s);
            shapeBar.getChildren().add(b);
        }
        shapes.selectedToggleProperty().addListener((o, a, t) -> {
            ImageTool now = view.image().activeToolProperty().get();
            if (t == null) {
                if (now instanceof MaskDrawTool) {
                    view.image().activeToolProperty().set(null);
                }
                return;
            }
            MaskDrawTool tool = new MaskDrawTool((MaskDrawTool.Shape) t.getUserData(), this::editorOrNull,
                    this::shownScale, view.image()::redrawOverlay);
            tool.setAdd(addMode.isSelected());
            if (now instanceof MaskDrawTool old) {
                old.cancel();
                view.image().getOverlayPainters().remove(old);
            }
            view.image().getOverlayPainters().add(tool);
            view.image().activeToolProperty().set(tool);
        });
        view.image().activeToolProperty().addListener((o, a, t) -> {
            if (a instanceof MaskDrawTool old && t != a) {
                view.image().getOverlayPainters().remove(old);
            }
        });
        ToggleGroup mode = new ToggleGroup();
        addMode.setToggleGroup(mode);
        removeMode.setToggleGroup(mode);
        addMode.setSelected(true);
        addMode.setId("mask-add");
        removeMode.setId("mask-remove");
        mode.selectedToggleProperty().addListener((o, a, t) -> {
            if (view.image().activeToolProperty().get() instanceof MaskDrawTool tool) {
                tool.setAdd(addMode.isSelected());
            }
        });
        undo.setId("mask-undo");
        redo.setId("mask-redo");
        undo.setOnAction(e -> undo());
        redo.setOnAction(e -> redo());
        threshold.setId("mask-threshold");
        threshold.setPromptText("value");
        threshold.setPrefColumnCount(7);
        Button below = button("mask-below", "Mask below", () -> threshold(true));
        Button above = button("mask-above", "Mask above", () -> threshold(false));
        hotFrames.setId("mask-hot-frames");
        hotFrames.setPrefColumnCount(3);
        hotAbove.setId("mask-hot-above");
        hotAbove.setPromptText("none");
        hotAbove.setPrefColumnCount(6);
        hotFactor.setId("mask-hot-factor");
        hotFactor.setPrefColumnCount(4);
        Button hot = button("mask-hot", "Mask hot pixels", this::hotPixels);
        dataset.setId("mask-dataset");
        dataset.setPrefColumnCount(22);
        count.setId("mask-count");
        Label how = new Label("Draw with the primary button. Polygon: click the vertices, double-click to close."
                + " Arc: click three points along a ring, move out to the width, click.");
        how.setWrapText(true);
        VBox box = new VBox(8, how,
                shapeBar, new FlowPane(6, 4, addMode, removeMode, undo, redo),
                new FlowPane(6, 4, new Label("Threshold"), threshold, below, above),
                new FlowPane(6, 4, new Label("Hot pixels over"), hotFrames, new Label("frames: above"), hotAbove,
                        new Label("or"), hotFactor, new Label("\u00d7 median"), hot),
                new FlowPane(6, 4, button("mask-clear", "Clear", this::clear), button("mask-invert", "Invert", this::invert)),
                new FlowPane(6, 4, button("mask-import", "Import...", this::importMask),
                        button("mask-export", "Export...", this::exportMask)),
                new FlowPane(6, 4, new Label("HDF5 dataset"), dataset),
                count);
        box.setPadding(new Insets(8));
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(box);
        scroll.setFitToWidth(true);
        Tab tab = new Tab("Mask", scroll);
        tab.setId("mask-tab");
        tab.setClosable(false);
        view.analysisTabs().getTabs().add(tab);
        updateButtons();
    }

    private static Button button(String id, String text, Runnable r) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> r.run());
        return b;
    }

    private void buildMenu() {
        Menu m = view.maskMenu();
        m.getItems().addAll(
                item("menu-mask-tools", "Mask tools", null, this::showTab),
                item("menu-mask-undo", "Undo", new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN), this::undo),
                item("menu-mask-redo", "Redo", new KeyCodeCombination(KeyCode.Y, KeyCombination.SHORTCUT_DOWN), this::redo),
                new SeparatorMenuItem(),
                item("menu-mask-clear", "Clear mask", null, this::clear),
                item("menu-mask-invert", "Invert mask", null, this::invert),
                new SeparatorMenuItem(),
                item("menu-mask-import", "Import mask...", null, this::importMask),
                item("menu-mask-export", "Export mask...", null, this::exportMask));
    }

    private static MenuItem item(String id, String text, KeyCombination key, Runnable r) {
        MenuItem i = new MenuItem(text);
        i.setId(id);
        i.setAccelerator(key);
        i.setOnAction(e -> r.run());
        return i;
    }

    private void showTab() {
        view.analysisTabs().getTabs().stream().filter(t -> "mask-tab".equals(t.getId())).findFirst()
                .ifPresent(t -> view.analysisTabs().getSelectionModel().select(t));
    }

    // ---- the mask being edited

    /**
     * The detector's shape: the frames' for the simulator's built-in geometry (which fits any shape), else
     * the PONI's, else the frame on screen's (then it must not be reduced).
     */
    private int[] detectorShape(Session s) {
        int[] full = s.simulatorGeometry() && s.poller() != null ? s.poller().fullShape() : null;
        if (full != null) {
            return full;
        }
        Poni p = s.poni();
        if (p != null && p.hasShape()) {
            return new int[] {p.rows(), p.cols()};
        }
        ImageFrame f = view.image().shownFrameProperty().get();
        return f == null ? null : new int[] {f.rows(), f.cols()};
    }

    /** The editor of the current session's mask, made afresh for a new session or a mask loaded another way; null (and said why) when none can be. */
    public MaskEditor editorOrNull() {
        Session s = session.get();
        if (s == null) {
            status.accept("mask: no session yet");
            return null;
        }
        int[] shape = detectorShape(s);
        if (shape == null) {
            status.accept("mask: no detector shape yet: load a PONI or wait for the first frame");
            return null;
        }
        byte[] now = s.mask();
        if (editor == null || editorSession != s || editor.rows() != shape[0] || editor.cols() != shape[1]
                || now != published) {
            editor = new MaskEditor(shape[0], shape[1], now != null && now.length == shape[0] * shape[1] ? now : null);
            editorSession = s;
            published = now;
            editor.addListener(this::publish);
        }
        return editor;
    }

    /** How many detector pixels one pixel of the frame on screen holds across. */
    private double shownScale() {
        ImageFrame f = view.image().shownFrameProperty().get();
        MaskEditor e = editor;
        return f == null || e == null ? 1 : (double) e.cols() / f.cols();
    }

    /** A new mask: on the image now, to the integration in the background. */
    private void publish(byte[] mask) {
        Session s = editorSession;
        published = mask;
        updateButtons();
        ImageFrame f = view.image().shownFrameProperty().get();
        if (f != null) {
            view.image().setMask(WidgetData.imageMask(mask, s.poni(), f.rows(), f.cols()));
        }
        int n = 0;
        for (byte b : mask) {
            n += b;
        }
        String what = n + " of " + mask.length + " pixels masked";
        count.setText(what);
        background.execute(() -> {
            try {
                s.setMask(mask, "edited in the app (" + what + ")");
            } catch (RuntimeException e) {
                status.accept("mask not used for the integration: " + e.getMessage());
            }
        });
    }

    private void updateButtons() {
        undo.setDisable(editor == null || !editor.canUndo());
        redo.setDisable(editor == null || !editor.canRedo());
    }

    private void undo() {
        MaskEditor e = editorOrNull();
        if (e != null) {
            e.undo();
        }
    }

    private void redo() {
        MaskEditor e = editorOrNull();
        if (e != null) {
            e.redo();
        }
    }

    private void clear() {
        MaskEditor e = editorOrNull();
        if (e != null) {
            e.clear();
        }
    }

    private void invert() {
        MaskEditor e = editorOrNull();
        if (e != null) {
            e.invert();
        }
    }

    /** Masks (or in remove mode unmasks) the pixels of the frame on screen below or above the threshold. */
    private void threshold(boolean below) {
        MaskEditor e = editorOrNull();
        ImageFrame f = view.image().shownFrameProperty().get();
        if (e == null || f == null) {
            return;
        }
        double t;
        try {
            t = Double.parseDouble(threshold.getText().strip());
        } catch (NumberFormatException ex) {
            status.accept("threshold: not a number: '" + threshold.getText() + "'");
            return;
        }
        if (f.rows() != e.rows() || f.cols() != e.cols()) {
            status.accept("threshold: the frame on screen is reduced (" + f.rows() + "x" + f.cols()
                    + "); a threshold needs the detector's full " + e.rows() + "x" + e.cols());
            return;
        }
        boolean add = addMode.isSelected();
        background.execute(() -> {
            double[] v = new double[f.rows() * f.cols()];
            for (int r = 0, i = 0; r < f.rows(); r++) {
                for (int c = 0; c < f.cols(); c++, i++) {
                    v[i] = f.isInvalid(r, c) ? Double.NaN : f.value(r, c);
                }
            }
            Platform.runLater(() -> {
                if (editor == e) {
                    e.threshold(v, below, t, add);
                    status.accept("mask: pixels " + (below ? "below " : "above ") + t + (add ? " masked" : " unmasked"));
                }
            });
        });
    }

    /** Takes the next N live frames and masks the pixels hot in most of them. */
    private void hotPixels() {
        Session s = session.get();
        if (s == null) {
            return;
        }
        int n;
        double above;
        double factor;
        try {
            n = Integer.parseInt(hotFrames.getText().strip());
            above = hotAbove.getText().isBlank() ? Double.NaN : Double.parseDouble(hotAbove.getText().strip());
            factor = hotFactor.getText().isBlank() ? Double.NaN : Double.parseDouble(hotFactor.getText().strip());
        } catch (NumberFormatException ex) {
            status.accept("hot pixels: the frame count, limit and factor must be numbers");
            return;
        }
        if (Double.isNaN(above) && Double.isNaN(factor)) {
            status.accept("hot pixels: give a limit or a factor of the median");
            return;
        }
        if (collecting != null) {
            s.removeFrameTap(collecting);
        }
        FrameAccumulator acc;
        try {
            acc = new FrameAccumulator(n, above, factor, k -> status.accept("hot pixels: " + k + " of " + n + " frames"));
        } catch (IllegalArgumentException ex) {
            status.accept("hot pixels: " + ex.getMessage());
            return;
        }
        collecting = acc;
        s.addFrameTap(acc);
        status.accept("hot pixels: waiting for " + n + " live frames");
        acc.result().whenComplete((r, ex) -> {
            s.removeFrameTap(acc);
            Platform.runLater(() -> {
                if (ex != null) {
                    status.accept("hot pixels: " + ex.getMessage());
                    return;
                }
                MaskEditor e = editorOrNull();
                if (e == null) {
                    return;
                }
                if (r.rows() != e.rows() || r.cols() != e.cols()) {
                    status.accept("hot pixels: frames of " + r.rows() + "x" + r.cols() + " for a detector of " + e.rows() + "x" + e.cols());
                    return;
                }
                byte[] m = r.hotMask();
                int k = 0;
                for (byte b : m) {
                    k += b;
                }
                e.add(m);
                status.accept("hot pixels: " + k + " pixels hot in more than half of " + r.frames() + " frames masked");
            });
        });
    }

    private void importMask() {
        MaskEditor e = editorOrNull();
        if (e == null) {
            return;
        }
        Choosers.open(owner.get(), "Import mask (.u8, .tif, .mask, .edf, .h5/.nxs)").ifPresent(file -> {
            String ds = dataset.getText().isBlank() ? null : dataset.getText().strip();
            background.execute(() -> {
                try {
                    byte[] m = MaskFiles.read(file, e.rows(), e.cols(), ds);
                    Platform.runLater(() -> {
                        e.replace(m);
                        status.accept("mask imported from " + file);
                    });
                } catch (Exception ex) {
                    status.accept("cannot import " + file.getFileName() + ": " + ex.getMessage());
                }
            });
        });
    }

    private void exportMask() {
        MaskEditor e = editorOrNull();
        if (e == null) {
            return;
        }
        byte[] m = e.mask();
        Choosers.save(owner.get(), "Export mask (.u8, .tif, .mask for Dioptas, .edf, .h5 NeXus)", "mask.h5", List.of())
                .ifPresent(file -> background.execute(() -> {
                    try {
                        MaskFiles.write(file, m, e.rows(), e.cols());
                        status.accept("mask exported to " + file);
                    } catch (Exception ex) {
                        status.accept("cannot export the mask to " + file.getFileName() + ": " + ex.getMessage());
                    }
                }));
    }
}
