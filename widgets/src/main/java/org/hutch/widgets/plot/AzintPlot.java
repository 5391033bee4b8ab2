package org.hutch.widgets.plot;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Spinner;
import javafx.scene.control.ToggleButton;
import javafx.scene.image.Image;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.StackPane;
import javafx.stage.FileChooser;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.Axis;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.plugins.DataPointTooltip;
import io.fair_acc.chartfx.plugins.Screenshot;
import io.fair_acc.chartfx.plugins.Zoomer;
import io.fair_acc.chartfx.renderer.ErrorStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.chartfx.utils.WriteFxImage;
import io.fair_acc.dataset.DataSet;
import io.fair_acc.dataset.locks.DefaultDataSetLock;
import io.fair_acc.dataset.spi.DoubleDataSet;
import io.fair_acc.dataset.spi.DoubleErrorDataSet;
import io.fair_acc.dataset.utils.DataSetStyleBuilder;

import org.hutch.model.curve.RadialUnit;
import org.hutch.widgets.FxHandoff;
import org.hutch.widgets.FxThread;
import org.hutch.widgets.WidgetStyles;

/**
 * Live azimuthal-integration plot (ChartFX): intensity versus q (nm<sup>-1</sup> or &Aring;<sup>-1</sup>)
 * or 2&theta;, linear or log y, optional error band, a frozen reference curve, an overlay of the
 * last N curves, a waterfall (history) view, a hover readout, CSV and PNG export. Live updates keep
 * the user's zoom (drag a rectangle to zoom, "Reset zoom" to follow the data again).
 * <p>
 * <b>Feeding it:</b> {@link #setCurve(Curve)} may be called from any thread; it goes through an
 * internal {@link FxHandoff}, so only the newest curve reaches the FX thread when curves come faster
 * than the screen draws; every curve still enters the history (overlay, waterfall).
 * <p>
 * Node ids: {@code #azint-plot} (the chart), {@code #waterfall}, {@code #plot-readout}, {@code #unit},
 * {@code #log-y}, {@code #error-band}, {@code #overlay-count}, {@code #freeze-reference},
 * {@code #clear-reference}, {@code #plot-reset-zoom}, {@code #waterfall-toggle}, {@code #export-csv},
 * {@code #export-plot-png}.
 */
public class AzintPlot extends BorderPane {

    private static final String LIVE_STYLE =
            DataSetStyleBuilder.newInstance().setLineColor("#1f6fc5").setLineWidth(1.6).setFill("#1f6fc555").build();
    private static final String REFERENCE_STYLE =
            DataSetStyleBuilder.newInstance().setLineColor("#d81b60").setLineWidth(1.4).setLineDashes(6, 4).build();

    /** Most curves kept for the overlay and the waterfall. */
    public static final int MAX_HISTORY = 500;
    /** The d axis shows d up to this many times the curve's smallest d (q down to 1/this of its largest). */
    static final double D_AXIS_SPAN = 10;

    private final ObjectProperty<RadialUnit> unit = new SimpleObjectProperty<>(this, "unit", RadialUnit.Q_NM);
    /** The x axis in d-spacing (Å), from q or from 2θ with the curve's wavelength. */
    private final BooleanProperty dAxis = new SimpleBooleanProperty(this, "dAxis", false);
    private final BooleanProperty logY = new SimpleBooleanProperty(this, "logY", false);
    private final BooleanProperty errorBand = new SimpleBooleanProperty(this, "errorBand", true);
    private final IntegerProperty overlayCount = new SimpleIntegerProperty(this, "overlayCount", 0);
    private final IntegerProperty historySize = new SimpleIntegerProperty(this, "historySize", 200);
    private final BooleanProperty waterfallShown = new SimpleBooleanProperty(this, "waterfallShown", false);
    private final ReadOnlyObjectWrapper<Curve> curve = new ReadOnlyObjectWrapper<>(this, "curve");
    private final ReadOnlyObjectWrapper<Curve> reference = new ReadOnlyObjectWrapper<>(this, "reference");
    private final ReadOnlyStringWrapper readout = new ReadOnlyStringWrapper(this, "readout", "");
    private final ObjectProperty<Path> exportFolder = new SimpleObjectProperty<>(this, "exportFolder");
    /** comment lines written at the top of an exported CSV (what the curve was made from), or empty */
    private final javafx.beans.property.StringProperty csvDescription =
            new javafx.beans.property.SimpleStringProperty(this, "csvDescription", "");

    private final DefaultNumericAxis xAxis = new DefaultNumericAxis("q", "nm\u207b\u00b9");
    private final DefaultNumericAxis yAxis = new DefaultNumericAxis("I", "a.u.");
    private final XYChart chart = new XYChart(xAxis, yAxis);
    private final Zoomer zoomer = new Zoomer();
    /** ChartFX's own label of the data point under the cursor, drawn on the chart. */
    private final DataPointTooltip pointTooltip = new DataPointTooltip();
    /** ChartFX's screenshot (clipboard or file buttons in the chart's tool bar, and the PNG export). */
    private final Screenshot screenshot = new Screenshot();
    private final ErrorDataSetRenderer liveRenderer = new ErrorDataSetRenderer();
    private final ErrorDataSetRenderer backgroundRenderer = new ErrorDataSetRenderer();
    private final WaterfallView waterfall = new WaterfallView();
    /*
     * The data sets live as long as the plot and take each new curve with set(...), which reuses
     * their arrays. ChartFX's HistoryDataSetRenderer is not used for the overlay: it keeps copies of
     * what it rendered (so curves the screen skipped would be missing), its depth is fixed when it
     * is made, and its copies are not data sets of the chart (no names, no legend entries).
     */
    private DoubleErrorDataSet liveSet = newLiveSet();
    private DoubleDataSet referenceSet = newReferenceSet();
    /** Overlay data sets, index 0 for the newest earlier curve; grown as the overlay count needs. */
    private final List<DoubleDataSet> overlaySets = new ArrayList<>();
    private final Deque<Curve> history = new ArrayDeque<>();
    private final Label readoutLabel = new Label();
    /** Why there is no curve (no geometry, a PONI that does not fit), shown where the curve would be. */
    private final Label message = new Label();
    private final FxHandoff<Curve> handoff = new FxHandoff<>(this::showCurve);
    /** Curves offered but not yet taken into the history by the FX thread. */
    private final java.util.concurrent.ConcurrentLinkedQueue<Curve> arrived = new java.util.concurrent.ConcurrentLinkedQueue<>();

    public AzintPlot() {
        getStyleClass().add("azint-plot");
        WidgetStyles.addTo(this);
        chart.setId("azint-plot");
        waterfall.setId("waterfall");
        readoutLabel.setId("plot-readout");
        chart.setAnimated(false);
        chart.setLegendVisible(true);
        xAxis.setAutoRangePadding(0.0);
        yAxis.setAutoRangePadding(0.05);
        xAxis.setAnimated(false);
        yAxis.setAnimated(false);
        zoomer.setSliderVisible(false);
        zoomer.setAnimated(false);
        chart.getPlugins().addAll(zoomer, pointTooltip, screenshot);

        chart.getRenderers().clear();
        backgroundRenderer.setDrawMarker(false);
        backgroundRenderer.setErrorStyle(ErrorStyle.NONE);
        backgroundRenderer.setPointReduction(false);
        liveRenderer.setDrawMarker(false);
        liveRenderer.setPointReduction(false);
        chart.getRenderers().addAll(backgroundRenderer, liveRenderer);

        message.setId("plot-message");
        message.getStyleClass().add("plot-message");
        message.setWrapText(true);
        message.setVisible(false);
        message.setMouseTransparent(true);
        StackPane views = new StackPane(chart, waterfall, message);
        chart.visibleProperty().bind(waterfallShown.not());
        waterfall.visibleProperty().bind(waterfallShown);
        setTop(buildToolBar());
        setCenter(views);
        readoutLabel.textProperty().bind(readout.getReadOnlyProperty());
        readoutLabel.getStyleClass().add("readout");
        readoutLabel.setMaxWidth(Double.MAX_VALUE);
        setBottom(readoutLabel);

        chart.addEventFilter(MouseEvent.MOUSE_MOVED, e -> readout.set(describePoint(e.getSceneX(), e.getSceneY())));
        chart.addEventFilter(MouseEvent.MOUSE_EXITED, e -> readout.set(""));
        waterfall.imageHolder().addEventHandler(MouseEvent.MOUSE_MOVED, e -> readout.set(waterfall.describe(e.getX(), e.getY())));

        logY.addListener((o, a, b) -> {
            yAxis.setLogAxis(b);
            yAxis.setAutoRanging(true);
        });
        errorBand.addListener((o, a, b) -> liveRenderer.setErrorStyle(b ? ErrorStyle.ERRORSURFACE : ErrorStyle.NONE));
        liveRenderer.setErrorStyle(ErrorStyle.ERRORSURFACE);
        unit.addListener((o, a, b) -> {
            resetZoom(); // the numbers on the x axis change meaning
            redrawAll();
        });
        dAxis.addListener((o, a, b) -> {
            // d runs backwards along a curve: the renderers must not bisect x for the visible range
            liveRenderer.setAssumeSortedData(!b);
            backgroundRenderer.setAssumeSortedData(!b);
            resetZoom();
            redrawAll();
        });
        overlayCount.addListener((o, a, b) -> redrawAll());
        historySize.addListener((o, a, b) -> {
            trimHistory();
            redrawAll();
        });
        waterfallShown.addListener((o, a, b) -> redrawAll());
        updateAxisLabel();
    }

    private Node buildToolBar() {
        ComboBox<RadialUnit> unitBox = new ComboBox<>();
        unitBox.setId("unit");
        unitBox.getItems().setAll(RadialUnit.values());
        unitBox.setConverter(new javafx.util.StringConverter<>() {
            @Override public String toString(RadialUnit u) { return u == null ? "" : u.label(); }
            @Override public RadialUnit fromString(String s) { return null; }
        });
        unitBox.valueProperty().bindBidirectional(unit);
        CheckBox d = new CheckBox("d (\u00c5)");
        d.setId("d-axis");
        d.selectedProperty().bindBidirectional(dAxis);
        CheckBox log = new CheckBox("log I");
        log.setId("log-y");
        log.selectedProperty().bindBidirectional(logY);
        CheckBox errors = new CheckBox("error band");
        errors.setId("error-band");
        errors.selectedProperty().bindBidirectional(errorBand);
        Spinner<Integer> overlay = new Spinner<>(0, 50, overlayCount.get());
        overlay.setId("overlay-count");
        overlay.setPrefWidth(70);
        // a typed count counts: committed on Enter (the spinner's own) and when the field loses focus
        overlay.setEditable(true);
        overlay.getEditor().focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                commitTyped(overlay);
            }
        });
        overlay.valueProperty().addListener((o, a, b) -> overlayCount.set(b));
        overlayCount.addListener((o, a, b) -> overlay.getValueFactory().setValue(b.intValue()));
        // short labels, so the bar fits two rows beside the image at 1600 px (the tooltips say more)
        Button freeze = new Button("Freeze ref.");
        freeze.setId("freeze-reference");
        freeze.setTooltip(new javafx.scene.control.Tooltip("keep the curve on screen as a dashed reference"));
        freeze.setOnAction(e -> freezeReference());
        freeze.disableProperty().bind(curve.isNull());
        Button clear = new Button("Clear ref.");
        clear.setId("clear-reference");
        clear.setTooltip(new javafx.scene.control.Tooltip("remove the reference curve"));
        clear.setOnAction(e -> clearReference());
        clear.disableProperty().bind(reference.isNull());
        Button reset = new Button("Reset zoom");
        reset.setId("plot-reset-zoom");
        reset.setOnAction(e -> resetZoom());
        ToggleButton waterfallToggle = new ToggleButton("Waterfall");
        waterfallToggle.setId("waterfall-toggle");
        waterfallToggle.selectedProperty().bindBidirectional(waterfallShown);
        Button csv = new Button("CSV\u2026");
        csv.setId("export-csv");
        csv.setOnAction(e -> chooseAndExport("curve.csv", "CSV", "*.csv", true));
        Button png = new Button("PNG\u2026");
        png.setId("export-plot-png");
        png.setOnAction(e -> chooseAndExport("azint.png", "PNG image", "*.png", false));

        FlowPane bar = new FlowPane(6, 4, unitBox, d, log, errors, new Label("overlay last"), overlay,
                new Separator(Orientation.VERTICAL), freeze, clear, reset, waterfallToggle,
                new javafx.scene.layout.HBox(6, new Separator(Orientation.VERTICAL), csv, png)); // export buttons wrap together
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 6, 4, 6));
        bar.getStyleClass().add("tool-bar");
        return bar;
    }

    /** Takes the number typed into a spinner; anything else puts its value back in the field. */
    private static void commitTyped(Spinner<Integer> spinner) {
        String text = spinner.getEditor().getText().trim();
        try {
            int v = Integer.parseInt(text);
            javafx.scene.control.SpinnerValueFactory.IntegerSpinnerValueFactory f =
                    (javafx.scene.control.SpinnerValueFactory.IntegerSpinnerValueFactory) spinner.getValueFactory();
            f.setValue(Math.max(f.getMin(), Math.min(f.getMax(), v)));
        } catch (NumberFormatException e) {
            // not a number: the value stays
        }
        spinner.getEditor().setText(String.valueOf(spinner.getValue()));
    }

    private void chooseAndExport(String name, String description, String pattern, boolean csv) {
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName(name);
        Path folder = exportFolder.get();
        if (folder != null && Files.isDirectory(folder)) {
            chooser.setInitialDirectory(folder.toFile());
        }
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(description, pattern));
        java.io.File file = chooser.showSaveDialog(getScene().getWindow());
        if (file == null) {
            return;
        }
        try {
            if (csv) {
                exportCsv(file.toPath());
            } else {
                exportPng(file.toPath());
            }
            readout.set("saved " + file);
        } catch (IOException | RuntimeException ex) {
            readout.set("export failed: " + ex.getMessage());
        }
    }

    // ---- feeding ----------------------------------------------------------------------------

    /**
     * Shows a new curve (any thread). Every curve enters the history (overlay and waterfall), even
     * when the screen only shows the newest of several that came quickly.
     */
    public void setCurve(Curve c) {
        java.util.Objects.requireNonNull(c, "curve");
        arrived.add(c);
        while (arrived.size() > MAX_HISTORY) {
            arrived.poll();
        }
        handoff.offer(c);
    }

    /**
     * Says why no curve is shown, in place of the curve (FX thread); the curve on screen is taken
     * away, since it no longer belongs to what the user loaded. {@code null} or blank clears it.
     */
    public void showMessage(String text) {
        FxThread.check("AzintPlot.showMessage");
        boolean show = text != null && !text.isBlank();
        message.setText(show ? text : "");
        message.setVisible(show);
        if (show) {
            arrived.clear();
            curve.set(null);
            redrawAll();
        }
    }

    /** The message shown in place of the curve ({@code ""} = none). */
    public String message() {
        return message.getText();
    }

    private void showCurve(Curve newest) {
        message.setVisible(false);
        message.setText("");
        // take the curves that came before this one; later ones wait for their own delivery
        for (Curve earlier = arrived.poll(); earlier != null && earlier != newest; earlier = arrived.poll()) {
            history.addLast(earlier);
        }
        Curve c = newest;
        Curve previous = curve.get();
        if (previous != null && previous.unit() != c.unit() && !c.convertibleTo(unit.get())) {
            unit.set(c.unit());
        } else if (previous == null && !c.convertibleTo(unit.get())) {
            unit.set(c.unit());
        }
        curve.set(c);
        history.addLast(c);
        trimHistory();
        redrawAll();
    }

    private void trimHistory() {
        int keep = Math.max(1, Math.min(MAX_HISTORY, Math.max(historySize.get(), overlayCount.get() + 1)));
        while (history.size() > keep) {
            history.removeFirst();
        }
    }

    /** The x values drawn for the points from {@link #firstShown} on: d (Å) on the d axis, else the axis unit. */
    private double[] xOf(Curve c) {
        return showsD(c) ? dFrom(c, firstShown(c)) : xInUnit(c);
    }

    /** d = 2π/q (Å) of the bins from {@code from} on. */
    private static double[] dFrom(Curve c, int from) {
        double[] q = c.xIn(RadialUnit.Q_A);
        double[] d = new double[q.length - from];
        for (int i = from; i < q.length; i++) {
            d[i - from] = 2 * Math.PI / q[i];
        }
        return d;
    }

    /** The curve's x in the plot's unit (its own when it cannot be converted). */
    private double[] xInUnit(Curve c) {
        return c.convertibleTo(unit.get()) ? c.xIn(unit.get()) : c.x();
    }

    /**
     * The first point drawn. On the d axis d = 2π/q grows without bound towards q = 0, so the
     * leading empty bins (behind the beam stop) and the bins below {@link #D_AXIS_SPAN}-th of the
     * largest q are left out: otherwise auto-range stretches the axis to thousands of Å and
     * squeezes every ring into its first pixels. On the other axes every point is drawn.
     */
    private int firstShown(Curve c) {
        if (!showsD(c) || c.size() == 0) {
            return 0;
        }
        double[] q = c.xIn(RadialUnit.Q_A);
        double[] y = c.y();
        double qMin = q[q.length - 1] / D_AXIS_SPAN;
        int from = 0;
        while (from < q.length - 1 && (y[from] == 0 || !Double.isFinite(y[from]) || !(q[from] >= qMin))) {
            from++;
        }
        return from;
    }

    /** {@code values} from the first point drawn on. */
    private double[] shown(Curve c, double[] values) {
        int from = firstShown(c);
        return from == 0 ? values : java.util.Arrays.copyOfRange(values, from, values.length);
    }

    /** True when the x axis shows d for this curve (d axis on, and the curve can give q). */
    private boolean showsD(Curve c) {
        return dAxis.get() && c != null && c.convertibleTo(RadialUnit.Q_A);
    }

    /** Puts the curves into the chart's data sets (and the waterfall when shown); FX thread. */
    private void redrawAll() {
        updateAxisLabel();
        Curve c = curve.get();
        if (c != null) {
            double[] s = shown(c, c.sigma() != null ? c.sigma() : new double[c.size()]);
            double[] x = xOf(c);
            liveSet = writable(liveSet, AzintPlot::newLiveSet);
            liveSet.setName("frame " + c.frame());
            liveSet.set(x, shown(c, c.y()), s, s, x.length, true);
            showOnly(liveRenderer, List.of(liveSet));
        } else {
            showOnly(liveRenderer, List.of());
        }
        List<DataSet> background = new ArrayList<>(overlayDataSets());
        Curve ref = reference.get();
        if (ref != null) {
            referenceSet = writable(referenceSet, AzintPlot::newReferenceSet);
            double[] x = xOf(ref);
            referenceSet.set(x, shown(ref, ref.y()), x.length, true);
            background.add(referenceSet);
        }
        showOnly(backgroundRenderer, background);
        if (waterfallShown.get()) {
            List<Curve> curves = new ArrayList<>(history);
            List<double[]> xs = new ArrayList<>(curves.size());
            for (Curve h : curves) {
                xs.add(showsD(h) ? dFrom(h, 0) : xInUnit(h)); // one x per bin, as the waterfall has a column per bin
            }
            waterfall.show(curves, xs, c == null || c.convertibleTo(unit.get()) ? unit.get() : c.unit());
        }
    }

    private static DoubleErrorDataSet newLiveSet() {
        DoubleErrorDataSet set = new DoubleErrorDataSet("live");
        set.setStyle(LIVE_STYLE);
        return set;
    }

    private static DoubleDataSet newReferenceSet() {
        DoubleDataSet set = new DoubleDataSet("reference");
        set.setStyle(REFERENCE_STYLE);
        return set;
    }

    /**
     * The data set itself, or a fresh one when it is still read-locked outside a layout pass: a
     * renderer that failed can leave ChartFX's lock held (seen under GTK), and writing to the data
     * set on the FX thread would then wait forever.
     */
    private static <D extends DataSet> D writable(D set, Supplier<D> fresh) {
        if (set.lock() instanceof DefaultDataSetLock<?> lock && lock.getReaderCount() > 0) {
            return fresh.get();
        }
        return set;
    }

    /** Sets the renderer's data sets only when they are other objects than now, so the chart keeps its nodes. */
    private static void showOnly(ErrorDataSetRenderer renderer, List<? extends DataSet> sets) {
        ObservableList<DataSet> shown = renderer.getDatasets();
        boolean same = shown.size() == sets.size();
        for (int i = 0; same && i < sets.size(); i++) {
            same = shown.get(i) == sets.get(i);
        }
        if (!same) {
            shown.setAll(sets);
        }
    }

    /** Data sets for the N curves before the live one, fading with age (oldest first, so drawn first). */
    private List<DataSet> overlayDataSets() {
        List<Curve> older = new ArrayList<>(history);
        if (!older.isEmpty()) {
            older.remove(older.size() - 1); // the live curve is drawn by the live renderer
        }
        int n = Math.min(overlayCount.get(), older.size());
        while (overlaySets.size() < n) {
            overlaySets.add(new DoubleDataSet("overlay"));
        }
        List<DataSet> sets = new ArrayList<>(n);
        for (int i = n - 1; i >= 0; i--) { // i = 0 is the newest older curve
            Curve h = older.get(older.size() - 1 - i);
            DoubleDataSet ds = writable(overlaySets.get(i), () -> new DoubleDataSet("overlay"));
            overlaySets.set(i, ds);
            ds.setName("frame " + h.frame());
            double[] x = xOf(h);
            ds.set(x, shown(h, h.y()), x.length, true);
            double alpha = 0.65 * (1.0 - i / (double) (n + 1));
            ds.setStyle(DataSetStyleBuilder.instance().setLineColor(90, 90, 90, alpha).setLineWidth(1.0).build());
            sets.add(ds);
        }
        return sets;
    }

    private void updateAxisLabel() {
        Curve c = curve.get();
        RadialUnit u = c == null || c.convertibleTo(unit.get()) ? unit.get() : c.unit();
        xAxis.setName(showsD(c) ? "d" : u.quantity());
        xAxis.setUnit(showsD(c) ? "\u00c5" : u.unit());
    }

    // ---- actions ----------------------------------------------------------------------------

    /** Keeps the current curve as the reference (drawn dashed); FX thread. */
    public void freezeReference() {
        FxThread.check("AzintPlot.freezeReference");
        if (curve.get() != null) {
            reference.set(curve.get());
            redrawAll();
        }
    }

    /** Removes the reference curve; FX thread. */
    public void clearReference() {
        FxThread.check("AzintPlot.clearReference");
        reference.set(null);
        redrawAll();
    }

    /** Follows the data again (undoes the user's zoom); FX thread. */
    public void resetZoom() {
        FxThread.check("AzintPlot.resetZoom");
        zoomer.zoomOrigin();
        xAxis.setAutoRanging(true);
        yAxis.setAutoRanging(true);
        xAxis.invalidateRange();
        yAxis.invalidateRange();
    }

    /** Stops the waterfall's background thread; the plot shows nothing new in the waterfall afterwards. */
    public void dispose() {
        waterfall.dispose();
    }

    /** Removes the history (overlay and waterfall); FX thread. */
    public void clearHistory() {
        FxThread.check("AzintPlot.clearHistory");
        Curve c = curve.get();
        history.clear();
        if (c != null) {
            history.add(c);
        }
        redrawAll();
    }

    /**
     * Removes the whole history, the curve on screen included (FX thread): that curve ends a series
     * that is over, and the overlay and waterfall start afresh with the next series' first curve.
     */
    public void startNewSeries() {
        FxThread.check("AzintPlot.startNewSeries");
        history.clear();
        redrawAll();
    }

    /**
     * Writes the live curve as CSV in the unit on screen: a comment line with the frame, a header
     * {@code q_nm^-1,I,sigma} (2theta_deg / q_A^-1 for the other units; no sigma column without
     * errors; a reference column when a reference is frozen and on the same grid).
     */
    // Not ChartFX's DataSetUtils.writeDataSetToFile: it writes its own layout ("#key : value" lines,
    // columns "$index, x, y, eyn, eyp", one data set per file), without the unit in the header or
    // the reference column, and users read this file with numpy.loadtxt(..., delimiter=",").
    public void exportCsv(Path file) throws IOException {
        Curve c = curve.get();
        if (c == null) {
            throw new IllegalStateException("no curve to export yet");
        }
        RadialUnit u = c.convertibleTo(unit.get()) ? unit.get() : c.unit();
        double[] x = xInUnit(c); // the file's column is in the unit, also while the plot shows d
        Curve ref = reference.get();
        boolean withRef = ref != null && ref.size() == c.size();
        double[] refX = withRef ? xInUnit(ref) : null;
        if (withRef) {
            for (int i = 0; i < x.length && withRef; i++) {
                withRef = Math.abs(refX[i] - x[i]) <= 1e-9 * Math.max(1, Math.abs(x[i]));
            }
        }
        String column = switch (u) {
            case Q_NM -> "q_nm^-1";
            case Q_A -> "q_A^-1";
            case TTH_DEG -> "2theta_deg";
        };
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("# hutch azimuthal integration, frame " + c.frame() + "\n");
            w.write("# unit: " + u.pyfaiName() + "\n");
            for (String line : csvDescription.get().split("\n")) {
                if (!line.isBlank()) {
                    w.write("# " + line.strip() + "\n");
                }
            }
            w.write(column + ",I" + (c.hasSigma() ? ",sigma" : "") + (withRef ? ",I_reference" : "") + "\n");
            for (int i = 0; i < x.length; i++) {
                StringBuilder line = new StringBuilder();
                line.append(num(x[i])).append(',').append(num(c.y()[i]));
                if (c.hasSigma()) {
                    line.append(',').append(num(c.sigma()[i]));
                }
                if (withRef) {
                    line.append(',').append(num(ref.y()[i]));
                }
                w.write(line.append('\n').toString());
            }
        }
    }

    private static String num(double v) {
        return Double.toString(v).replace("Infinity", "inf");
    }

    /**
     * Writes what is on screen (plot or waterfall, without the tool bars) as PNG; FX thread. The plot
     * is taken by ChartFX's {@link Screenshot}, the waterfall (not a chart) as a snapshot.
     */
    public void exportPng(Path file) throws IOException {
        FxThread.check("AzintPlot.exportPng");
        Image image = waterfallShown.get() ? waterfall.snapshot(null, null) : screenshot.getScreenshot();
        WriteFxImage.savePng(image, file.toFile());
    }

    /** Readout text for a scene point over the chart: the cursor position and the nearest live point. */
    String describePoint(double sceneX, double sceneY) {
        Point2D px = ((Node) xAxis).sceneToLocal(sceneX, sceneY);
        Point2D py = ((Node) yAxis).sceneToLocal(sceneX, sceneY);
        if (px == null || py == null) {
            return "";
        }
        double x = xAxis.getValueForDisplay(px.getX());
        double y = yAxis.getValueForDisplay(py.getY());
        Curve c = curve.get();
        RadialUnit u = c == null || c.convertibleTo(unit.get()) ? unit.get() : c.unit();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%s %.5g %s  I %.5g", showsD(c) ? "d" : u.quantity(), x,
                showsD(c) ? "\u00c5" : u.unit(), y));
        double[] cx = c == null ? null : xOf(c);
        if (c != null && c.size() > 0 && liveSet.getDataCount() == cx.length) {
            int best = liveSet.getIndex(DataSet.DIM_X, x);
            int bin = best + firstShown(c);
            sb.append(String.format(Locale.ROOT, "   nearest: %s %.5g  I %.5g", showsD(c) ? "d" : u.quantity(), cx[best],
                    c.y()[bin]));
            if (c.hasSigma()) {
                sb.append(String.format(Locale.ROOT, " \u00b1 %.3g", c.sigma()[bin]));
            }
        }
        return sb.toString();
    }

    // ---- properties -------------------------------------------------------------------------

    /** Unit of the x axis; curves in q convert between nm<sup>-1</sup> and &Aring;<sup>-1</sup>, to 2&theta; only with a wavelength. */
    public ObjectProperty<RadialUnit> unitProperty() { return unit; }
    public void setUnit(RadialUnit u) { unit.set(u); }
    /** True to show the x axis as d-spacing in &Aring; (the unit box still says what the curves are converted from). */
    public BooleanProperty dAxisProperty() { return dAxis; }
    /** Where the save dialogs open (the data folder); {@code null} = the system's choice. */
    public ObjectProperty<Path> exportFolderProperty() { return exportFolder; }
    /** What the curve was made from (PONI, mask, series, file), one "key: value" a line, for the CSV's comment lines. */
    public javafx.beans.property.StringProperty csvDescriptionProperty() { return csvDescription; }
    public BooleanProperty logYProperty() { return logY; }
    public void setLogY(boolean b) { logY.set(b); }
    /** Whether the live curve's sigma is drawn as a band. */
    public BooleanProperty errorBandProperty() { return errorBand; }
    /** How many earlier curves are drawn behind the live one (0 = none). */
    public IntegerProperty overlayCountProperty() { return overlayCount; }
    /** Curves kept for the waterfall (at most {@link #MAX_HISTORY}). */
    public IntegerProperty historySizeProperty() { return historySize; }
    /** True shows the waterfall instead of the curve plot. */
    public BooleanProperty waterfallShownProperty() { return waterfallShown; }
    /** The curve on screen now. */
    public ReadOnlyObjectProperty<Curve> curveProperty() { return curve.getReadOnlyProperty(); }
    /** The frozen reference curve, or null. */
    public ReadOnlyObjectProperty<Curve> referenceProperty() { return reference.getReadOnlyProperty(); }
    /** Hover readout text. */
    public ReadOnlyStringProperty readoutProperty() { return readout.getReadOnlyProperty(); }
    /** Curves in the history now (oldest first). */
    public List<Curve> history() { return List.copyOf(history); }
    /** The ChartFX chart, for styling or extra plugins. */
    public XYChart chart() { return chart; }
    public Axis xAxis() { return xAxis; }
    public Axis yAxis() { return yAxis; }
}
