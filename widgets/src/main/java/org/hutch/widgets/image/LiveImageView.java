package org.hutch.widgets.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.IntBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;

import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.scene.transform.Affine;

import org.hutch.model.concurrent.NamedThreadFactory;
import org.hutch.model.pixels.BlockReduction;
import org.hutch.model.pixels.PixelType;
import org.hutch.widgets.FxThread;
import org.hutch.widgets.WidgetStyles;

/**
 * Live detector image: colour maps, linear/log/sqrt scale, percentile / min-max / manual contrast
 * with a histogram, wheel zoom, drag pan, double-click reset, a readout of the pixel under the
 * cursor (with 2&theta;, q, &chi; when a {@link PixelGeometry} is set), invalid and masked pixels in
 * their own colours, q rings, and PNG export.
 * <p>
 * <b>Feeding it:</b> call {@link #setFrame(ImageFrame)} from any thread, as often as frames come;
 * preparation (reduction to screen size, scale, colour map) runs on the view's own background
 * thread "hutch-image-prepare", requests coalesce, and only the newest result reaches the FX thread
 * through an {@link org.hutch.widgets.FxHandoff}, where it is copied into a {@link PixelBuffer}. A
 * producer may equally use its own {@code FxHandoff<ImageFrame>} with {@code view::setFrame}.
 * All properties are FX-thread properties.
 * <p>
 * What the user set (colour map, scale, contrast mode and limits, zoom and pan) survives every new
 * frame of the same shape; a frame of another shape resets only the zoom.
 * <p>
 * Node ids: {@code #image-view} (the image area), {@code #image}, {@code #image-overlay},
 * {@code #histogram}, {@code #readout}, and the tool bar's ids (see {@link ImageToolBar}).
 */
public class LiveImageView extends BorderPane {

    private final ObjectProperty<Colormap> colormap = new SimpleObjectProperty<>(this, "colormap", Colormap.VIRIDIS);
    private final BooleanProperty colormapReversed = new SimpleBooleanProperty(this, "colormapReversed", false);
    private final ObjectProperty<Scale> scale = new SimpleObjectProperty<>(this, "scale", Scale.LINEAR);
    private final ObjectProperty<ContrastMode> contrastMode = new SimpleObjectProperty<>(this, "contrastMode", ContrastMode.PERCENTILE);
    private final DoubleProperty percentileLow = new SimpleDoubleProperty(this, "percentileLow", RenderSettings.DEFAULT_PERCENTILE_LOW);
    private final DoubleProperty percentileHigh = new SimpleDoubleProperty(this, "percentileHigh", RenderSettings.DEFAULT_PERCENTILE_HIGH);
    private final DoubleProperty manualLow = new SimpleDoubleProperty(this, "manualLow", 0);
    private final DoubleProperty manualHigh = new SimpleDoubleProperty(this, "manualHigh", 1);
    private final ObjectProperty<BlockReduction> reduction = new SimpleObjectProperty<>(this, "reduction", BlockReduction.MAX);
    private final ObjectProperty<Color> invalidColor = new SimpleObjectProperty<>(this, "invalidColor", Color.web("#5a6e82"));
    private final ObjectProperty<Color> maskColor = new SimpleObjectProperty<>(this, "maskColor", Color.web("#e020e0"));
    private final BooleanProperty maskOverlayVisible = new SimpleBooleanProperty(this, "maskOverlayVisible", true);
    private final ObjectProperty<Viewport> viewport = new SimpleObjectProperty<>(this, "viewport");
    private final ObjectProperty<PixelGeometry> geometry = new SimpleObjectProperty<>(this, "geometry");
    private final ObservableList<Double> ringQs = FXCollections.observableArrayList();
    private final ObjectProperty<ImageTool> activeTool = new SimpleObjectProperty<>(this, "activeTool");
    private final ObservableList<OverlayPainter> overlayPainters = FXCollections.observableArrayList();
    private final ObjectProperty<Color> ringColor = new SimpleObjectProperty<>(this, "ringColor", Color.web("#ff5050"));
    private final ObjectProperty<DisplayTransform> displayTransform =
            new SimpleObjectProperty<>(this, "displayTransform", DisplayTransform.IDENTITY);

    private final ObjectProperty<java.nio.file.Path> exportFolder = new SimpleObjectProperty<>(this, "exportFolder");
    /** set by {@link #clear}, until the next frame */
    private volatile boolean cleared;
    private final ReadOnlyObjectWrapper<ImageFrame> shownFrame = new ReadOnlyObjectWrapper<>(this, "shownFrame");
    private final ReadOnlyDoubleWrapper shownLow = new ReadOnlyDoubleWrapper(this, "shownLow", Double.NaN);
    private final ReadOnlyDoubleWrapper shownHigh = new ReadOnlyDoubleWrapper(this, "shownHigh", Double.NaN);
    private final ReadOnlyStringWrapper readout = new ReadOnlyStringWrapper(this, "readout", "");

    private final Pane area = new Pane();
    private final ImageView imageView = new ImageView();
    private final Canvas overlay = new Canvas();
    private final HistogramBar histogramBar = new HistogramBar();
    private final Label readoutLabel = new Label();
    private final ImageRenderService renderer = new ImageRenderService(this::show);
    private final ExecutorService helper = NamedThreadFactory.singleThreadExecutor("hutch-image-export-rings");

    private PixelBuffer<IntBuffer> pixelBuffer;
    /** The image on screen; its pixel array is not recycled while it is shown. */
    private volatile PreparedImage shown;
    /** The image last returned by {@link #shownImage()}: its pixel array is never recycled. */
    private final AtomicReference<PreparedImage> handedOut = new AtomicReference<>();
    private double[] ringSegments = new double[0];
    private double dragX;
    private double dragY;

    public LiveImageView() {
        getStyleClass().add("live-image-view");
        WidgetStyles.addTo(this);
        area.setId("image-view");
        imageView.setId("image");
        overlay.setId("image-overlay");
        histogramBar.setId("histogram");
        readoutLabel.setId("readout");
        imageView.setSmooth(false); // zoomed in, image pixels stay sharp squares
        imageView.setPreserveRatio(false);
        overlay.setMouseTransparent(true);
        area.getStyleClass().add("image-area");
        area.setMinSize(100, 100);
        area.setPrefSize(800, 800);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(area.widthProperty());
        clip.heightProperty().bind(area.heightProperty());
        area.setClip(clip);
        overlay.widthProperty().bind(area.widthProperty());
        overlay.heightProperty().bind(area.heightProperty());
        area.getChildren().addAll(imageView, overlay);
        readoutLabel.textProperty().bind(readout.getReadOnlyProperty());
        readoutLabel.setMaxWidth(Double.MAX_VALUE);
        readoutLabel.getStyleClass().add("readout");

        setTop(new ImageToolBar(this));
        setCenter(area);
        setBottom(new VBox(histogramBar, readoutLabel));

        histogramBar.setOnPick(this::pickLow, this::pickHigh);
        installMouse();
        for (ObservableValue<?> p : List.of(colormap, colormapReversed, scale, contrastMode, percentileLow, percentileHigh,
                manualLow, manualHigh, reduction, invalidColor, maskColor, maskOverlayVisible)) {
            p.addListener((obs, o, n) -> renderer.setSettings(settings()));
        }
        viewport.addListener((obs, o, n) -> viewChanged());
        displayTransform.addListener((obs, o, n) -> {
            if (n == null) {
                displayTransform.set(DisplayTransform.IDENTITY);
            } else if (shownFrame.get() != null) {
                resetZoom(); // the old viewport was in the old display's coordinates
                viewChanged();
            } else {
                viewport.set(null); // the next frame is shown whole in the new orientation
            }
        });
        area.widthProperty().addListener((obs, o, n) -> viewChanged());
        area.heightProperty().addListener((obs, o, n) -> viewChanged());
        geometry.addListener((obs, o, n) -> recomputeRings());
        ringQs.addListener((javafx.collections.ListChangeListener<Double>) c -> recomputeRings());
        ringColor.addListener((obs, o, n) -> drawOverlay());
        overlayPainters.addListener((javafx.collections.ListChangeListener<OverlayPainter>) c -> drawOverlay());
        renderer.setSettings(settings());
    }

    // ---- feeding ----------------------------------------------------------------------------

    /** Shows {@code frame} (any thread). Older frames not yet drawn are dropped. */
    public void setFrame(ImageFrame frame) {
        cleared = false;
        renderer.setFrame(java.util.Objects.requireNonNull(frame, "frame"));
    }

    /**
     * Shows nothing until the next {@link #setFrame} (FX thread): for a new receiver or detector, whose
     * image the old one is not. An image still being prepared from the old frame is dropped.
     */
    public void clear() {
        FxThread.check("LiveImageView.clear");
        cleared = true;
        renderer.clearFrame();
        shown = null;
        shownFrame.set(null);
        pixelBuffer = null;
        imageView.setImage(null);
        readout.set("");
    }

    /** Sets or clears (null) the mask (any thread). A mask whose shape differs from the frame's is ignored. */
    public void setMask(ImageMask mask) {
        renderer.setMask(mask);
    }

    /** Shows the whole image again. */
    public void resetZoom() {
        FxThread.check("LiveImageView.resetZoom");
        ImageFrame f = shownFrame.get();
        if (f != null) {
            viewport.set(fullDisplay(f));
        }
    }

    /** Releases the background threads; the view shows nothing new afterwards. */
    public void dispose() {
        renderer.shutdown();
        helper.shutdownNow();
    }

    /**
     * Writes the shown frame at full resolution, with the colour map, scale and contrast limits on
     * screen, to a PNG file (in the background). Must be called on the FX thread.
     */
    public CompletableFuture<Path> exportPng(Path file) {
        FxThread.check("LiveImageView.exportPng");
        return render(null, Integer.MAX_VALUE).thenApply(full -> {
            try {
                PngExport.write(full, file);
            } catch (IOException e) {
                throw new UncheckedIOException("could not write " + file + ": " + e.getMessage(), e);
            }
            return file;
        });
    }

    /**
     * Prepares the region of the shown frame that the viewport shows, with the shown colour map, scale and
     * contrast limits, at full resolution up to {@code maxSide} pixels a side (larger regions are reduced); FX
     * thread, prepared on a helper thread. For exports that add axes and a colour bar.
     */
    public CompletableFuture<PreparedImage> renderViewport(int maxSide) {
        FxThread.check("LiveImageView.renderViewport");
        PreparedImage current = shownImage();
        Viewport vp = viewport.get();
        ImageRegion region = current == null || vp == null ? null
                : ImageRenderService.detectorRegion(vp, transform(), current.frame().rows(), current.frame().cols());
        return render(region, maxSide); // in the detector's own orientation, whatever the display transform
    }

    /** The shown frame's {@code region} (null: the whole frame) prepared as shown, off the FX thread. */
    private CompletableFuture<PreparedImage> render(ImageRegion region, int maxSide) {
        PreparedImage current = shownImage();
        if (current == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no image shown yet"));
        }
        RenderSettings s = current.settings().withManual(current.low(), current.high());
        ImageMask mask = renderer.mask();
        return CompletableFuture.supplyAsync(() -> {
            ImageFrame f = current.frame();
            ImageRegion r = region != null ? region : ImageRegion.whole(f);
            double reduce = Math.max(1, Math.max(r.cols(), r.rows()) / (double) maxSide);
            int w = (int) Math.max(1, Math.round(r.cols() / reduce));
            int h = (int) Math.max(1, Math.round(r.rows() / reduce));
            try (ImagePreparer preparer = new ImagePreparer(1)) {
                return preparer.prepare(f, mask, s, r, w, h, null);
            }
        }, helper);
    }

    /**
     * Puts a prepared image on screen; FX thread only. The view calls this itself through its
     * hand-off; it is public for benchmarks and for callers that prepare images themselves.
     */
    public void show(PreparedImage image) {
        FxThread.check("LiveImageView.show");
        if (cleared) {
            return; // prepared from a frame of before clear()
        }
        ImageFrame previous = shownFrame.get();
        boolean newShape = previous != null && !image.frame().sameShape(previous);
        PreparedImage replaced = shown;
        shown = image;
        shownFrame.set(image.frame());
        shownLow.set(image.low());
        shownHigh.set(image.high());
        // a viewport set before the first frame is kept; a frame of another shape is shown whole
        if (newShape || viewport.get() == null) {
            viewport.set(fullDisplay(image.frame()));
        }
        if (newShape || previous == null) {
            recomputeRings();
        }
        copyToScreen(image);
        // the replaced image's pixels may be prepared over, unless shownImage() gave it out
        if (replaced != null && replaced.argb() != image.argb() && handedOut.get() != replaced) {
            renderer.recycle(replaced.argb());
        }
        placeImage();
        histogramBar.show(image);
    }

    private void copyToScreen(PreparedImage image) {
        int w = image.width();
        int h = image.height();
        if (pixelBuffer == null || pixelBuffer.getWidth() != w || pixelBuffer.getHeight() != h) {
            pixelBuffer = new PixelBuffer<>(w, h, IntBuffer.allocate(w * h), PixelFormat.getIntArgbPreInstance());
            pixelBuffer.getBuffer().put(image.argb(), 0, w * h);
            imageView.setImage(new WritableImage(pixelBuffer));
        } else {
            pixelBuffer.updateBuffer(pb -> {
                IntBuffer buffer = pb.getBuffer();
                buffer.clear();
                buffer.put(image.argb(), 0, w * h);
                return null; // whole buffer changed
            });
        }
    }

    // ---- geometry on screen -----------------------------------------------------------------

    private void viewChanged() {
        ImageFrame f = shownFrame.get();
        Viewport vp = viewport.get();
        if (f != null && vp != null) {
            renderer.setView(new ImageRenderService.ViewState(vp, area.getWidth(), area.getHeight(), f.rows(), f.cols(),
                    transform()));
        }
        placeImage();
    }

    /** The whole frame in display coordinates (rows and columns swapped by a quarter turn). */
    private Viewport fullDisplay(ImageFrame f) {
        DisplayTransform t = transform();
        return Viewport.full(t.displayRows(f.rows(), f.cols()), t.displayCols(f.rows(), f.cols()));
    }

    private DisplayTransform transform() {
        DisplayTransform t = displayTransform.get();
        return t != null ? t : DisplayTransform.IDENTITY;
    }

    /**
     * Positions the shown pixels for the current viewport at once; the sharper render follows. The
     * prepared pixels are in the detector's orientation: the node's affine transform is the same
     * detector-to-screen mapping the overlays use, so flips and turns cost no pixel copy.
     */
    private void placeImage() {
        Viewport vp = viewport.get();
        if (shown == null || vp == null) {
            return;
        }
        ImageRegion r = shown.region();
        OverlayPainter.DetectorToScreen map = detectorToScreen();
        double fw = r.cols() * map.scale();
        double fh = r.rows() * map.scale();
        double x0 = map.x(r.col0(), r.row0());
        double y0 = map.y(r.col0(), r.row0());
        // image-local (u, v) in [0, fw] x [0, fh] is detector (col0 + u / s, row0 + v / s)
        imageView.setX(0);
        imageView.setY(0);
        imageView.setFitWidth(fw);
        imageView.setFitHeight(fh);
        imageView.getTransforms().setAll(new Affine(
                (map.x(r.col1(), r.row0()) - x0) / fw, (map.x(r.col0(), r.row1()) - x0) / fh, x0,
                (map.y(r.col1(), r.row0()) - y0) / fw, (map.y(r.col0(), r.row1()) - y0) / fh, y0));
        drawOverlay();
    }

    private void recomputeRings() {
        PixelGeometry g = geometry.get();
        ImageFrame f = shownFrame.get();
        double[] qs = ringQs.stream().mapToDouble(Double::doubleValue).toArray();
        if (g == null || f == null || qs.length == 0) {
            ringSegments = new double[0];
            drawOverlay();
            return;
        }
        int step = Math.max(1, Math.min(f.rows(), f.cols()) / 256);
        CompletableFuture.supplyAsync(() -> RingContours.segments(g, f.rows(), f.cols(), qs, step), helper)
                .thenAccept(segments -> Platform.runLater(() -> {
                    ringSegments = segments;
                    drawOverlay();
                }));
    }

    private void drawOverlay() {
        GraphicsContext gc = overlay.getGraphicsContext2D();
        double w = area.getWidth();
        double h = area.getHeight();
        gc.clearRect(0, 0, w, h);
        Viewport vp = viewport.get();
        if (vp == null) {
            return;
        }
        OverlayPainter.DetectorToScreen map = detectorToScreen();
        gc.setStroke(ringColor.get());
        gc.setLineWidth(1.2);
        double[] s = ringSegments;
        for (int i = 0; i + 3 < s.length; i += 4) {
            gc.strokeLine(map.x(s[i], s[i + 1]), map.y(s[i], s[i + 1]), map.x(s[i + 2], s[i + 3]), map.y(s[i + 2], s[i + 3]));
        }
        for (OverlayPainter p : overlayPainters) {
            gc.save();
            p.paint(gc, map);
            gc.restore();
        }
    }

    /** The mapping from detector pixel coordinates to overlay coordinates for the current view. */
    public OverlayPainter.DetectorToScreen detectorToScreen() {
        Viewport vp = viewport.get() != null ? viewport.get() : new Viewport(0, 0, 1, 1);
        double w = area.getWidth();
        double h = area.getHeight();
        DisplayTransform t = transform();
        ImageFrame f = shownFrame.get();
        if (t.isIdentity() || f == null) {
            return new OverlayPainter.DetectorToScreen() {
                @Override public double x(double col, double row) { return vp.toScreenX(col, w, h); }
                @Override public double y(double col, double row) { return vp.toScreenY(row, w, h); }
                @Override public double scale() { return vp.scaleIn(w, h); }
            };
        }
        int rows = f.rows();
        int cols = f.cols();
        return new OverlayPainter.DetectorToScreen() {
            @Override public double x(double col, double row) { return vp.toScreenX(t.toDisplay(col, row, rows, cols)[0], w, h); }
            @Override public double y(double col, double row) { return vp.toScreenY(t.toDisplay(col, row, rows, cols)[1], w, h); }
            @Override public double scale() { return vp.scaleIn(w, h); }
        };
    }

    /** Detector pixel coordinates {col, row} (fractional) under the overlay point ({@code x}, {@code y}). */
    public double[] screenToDetector(double x, double y) {
        Viewport vp = viewport.get() != null ? viewport.get() : new Viewport(0, 0, 1, 1);
        double w = area.getWidth();
        double h = area.getHeight();
        double dx = vp.toImageX(x, w, h);
        double dy = vp.toImageY(y, w, h);
        DisplayTransform t = transform();
        ImageFrame f = shownFrame.get();
        return t.isIdentity() || f == null ? new double[] {dx, dy} : t.toDetector(dx, dy, f.rows(), f.cols());
    }

    /** Redraws rings and every overlay painter (after a painter's shapes changed); FX thread. */
    public void redrawOverlay() {
        FxThread.check("redrawOverlay");
        drawOverlay();
    }

    // ---- mouse ------------------------------------------------------------------------------

    private void installMouse() {
        area.addEventHandler(ScrollEvent.SCROLL, e -> {
            Viewport vp = viewport.get();
            if (vp == null || e.getDeltaY() == 0) {
                return;
            }
            // one wheel notch (one text line) zooms by 1.25; pixel-precise touchpads scroll ~40 per notch
            double notches = e.getTextDeltaYUnits() == ScrollEvent.VerticalTextScrollUnits.LINES
                    ? e.getTextDeltaY() : e.getDeltaY() / 40.0;
            double factor = Math.pow(1.25, notches);
            double w = area.getWidth();
            double h = area.getHeight();
            viewport.set(vp.zoomAt(factor, vp.toImageX(e.getX(), w, h), vp.toImageY(e.getY(), w, h)));
            e.consume();
        });
        area.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            dragX = e.getX();
            dragY = e.getY();
            toTool(e, ImageTool::pressed);
        });
        area.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> toTool(e, ImageTool::released));
        area.addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            Viewport vp = viewport.get();
            if (toTool(e, ImageTool::dragged)) {
                updateReadout(e.getX(), e.getY());
                return;
            }
            if (vp == null || e.getButton() != MouseButton.PRIMARY) {
                return;
            }
            double s = vp.scaleIn(area.getWidth(), area.getHeight());
            viewport.set(vp.pan(-(e.getX() - dragX) / s, -(e.getY() - dragY) / s));
            dragX = e.getX();
            dragY = e.getY();
            updateReadout(e.getX(), e.getY());
        });
        area.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && activeTool.get() == null) {
                resetZoom();
            }
        });
        area.addEventHandler(MouseEvent.MOUSE_MOVED, e -> {
            updateReadout(e.getX(), e.getY());
            ImageTool tool = activeTool.get();
            if (tool != null) {
                double[] p = screenToDetector(e.getX(), e.getY());
                tool.moved(p[0], p[1], e);
            }
        });
        area.addEventHandler(MouseEvent.MOUSE_EXITED, e -> readout.set(""));
    }

    private interface ToolCall {
        void call(ImageTool tool, double col, double row, MouseEvent e);
    }

    /** Hands a primary-button event to the active tool; true when a tool took it. */
    private boolean toTool(MouseEvent e, ToolCall call) {
        ImageTool tool = activeTool.get();
        if (tool == null || e.getButton() != MouseButton.PRIMARY) {
            return false;
        }
        double[] p = screenToDetector(e.getX(), e.getY());
        call.call(tool, p[0], p[1], e);
        e.consume();
        return true;
    }

    private void updateReadout(double x, double y) {
        ImageFrame f = shownFrame.get();
        Viewport vp = viewport.get();
        if (f == null || vp == null) {
            return;
        }
        double[] p = screenToDetector(x, y);
        int col = (int) Math.floor(p[0]);
        int row = (int) Math.floor(p[1]);
        if (row < 0 || col < 0 || row >= f.rows() || col >= f.cols()) {
            readout.set("");
            return;
        }
        readout.set(describePixel(f, row, col));
    }

    /** The readout text for one pixel of the shown frame, e.g. "row 12  col 34  value 567". */
    public String describePixel(ImageFrame f, int row, int col) {
        StringBuilder sb = new StringBuilder();
        sb.append("row ").append(row).append("  col ").append(col).append("  value ").append(format(f, row, col));
        ImageMask m = renderer.mask();
        if (m != null && m.fits(f) && m.isMasked(row, col)) {
            sb.append(" (masked)");
        } else if (f.isInvalid(row, col)) {
            sb.append(" (invalid)");
        }
        PixelGeometry g = geometry.get();
        if (g != null) {
            double r = row + 0.5;
            double c = col + 0.5;
            double q = g.q(r, c);
            sb.append(String.format(Locale.ROOT, "  2\u03b8 %.4f\u00b0  q %.5f nm\u207b\u00b9  d %.5f \u00c5  \u03c7 %.3f\u00b0",
                    g.twoTheta(r, c), q, 20 * Math.PI / q, g.chi(r, c))); // d = 2π/q, Å from nm⁻¹
        }
        return sb.toString();
    }

    private static String format(ImageFrame f, int row, int col) {
        if (f.type() == PixelType.UINT64) {
            return Long.toUnsignedString(((long[]) f.data())[row * f.cols() + col]);
        }
        double v = f.value(row, col);
        return f.type().floating() ? String.format(Locale.ROOT, "%.6g", v) : Long.toString((long) v);
    }

    private void pickLow(double v) {
        double hi = shownHigh.get();
        manualHigh.set(hi);
        manualLow.set(v);
        contrastMode.set(ContrastMode.MANUAL);
    }

    private void pickHigh(double v) {
        manualLow.set(shownLow.get());
        manualHigh.set(v);
        contrastMode.set(ContrastMode.MANUAL);
    }

    private RenderSettings settings() {
        double lo = Math.max(0, Math.min(100, percentileLow.get()));
        double hi = Math.max(0, Math.min(100, percentileHigh.get()));
        if (!(lo < hi)) {
            lo = RenderSettings.DEFAULT_PERCENTILE_LOW;
            hi = RenderSettings.DEFAULT_PERCENTILE_HIGH;
        }
        return new RenderSettings(colormap.get(), colormapReversed.get(), scale.get(), contrastMode.get(), lo, hi,
                manualLow.get(), manualHigh.get(), reduction.get(), argb(invalidColor.get()), argb(maskColor.get()),
                maskOverlayVisible.get());
    }

    static int argb(Color c) {
        return ((int) Math.round(c.getOpacity() * 255) << 24) | ((int) Math.round(c.getRed() * 255) << 16)
                | ((int) Math.round(c.getGreen() * 255) << 8) | (int) Math.round(c.getBlue() * 255);
    }

    // ---- properties -------------------------------------------------------------------------

    public ObjectProperty<Colormap> colormapProperty() { return colormap; }
    public Colormap getColormap() { return colormap.get(); }
    public void setColormap(Colormap c) { colormap.set(c); }

    public BooleanProperty colormapReversedProperty() { return colormapReversed; }
    public boolean isColormapReversed() { return colormapReversed.get(); }
    public void setColormapReversed(boolean r) { colormapReversed.set(r); }

    public ObjectProperty<Scale> scaleProperty() { return scale; }
    public Scale getScale() { return scale.get(); }
    public void setScale(Scale s) { scale.set(s); }

    public ObjectProperty<ContrastMode> contrastModeProperty() { return contrastMode; }
    public ContrastMode getContrastMode() { return contrastMode.get(); }
    public void setContrastMode(ContrastMode m) { contrastMode.set(m); }

    /** Low percentile (0..100) for {@link ContrastMode#PERCENTILE}; default 0.1. */
    public DoubleProperty percentileLowProperty() { return percentileLow; }
    /** High percentile (0..100) for {@link ContrastMode#PERCENTILE}; default 99.9. */
    public DoubleProperty percentileHighProperty() { return percentileHigh; }

    /** Low limit for {@link ContrastMode#MANUAL}. */
    public DoubleProperty manualLowProperty() { return manualLow; }
    /** High limit for {@link ContrastMode#MANUAL}. */
    public DoubleProperty manualHighProperty() { return manualHigh; }

    /** Sets manual limits and switches to {@link ContrastMode#MANUAL}. */
    public void setManualContrast(double low, double high) {
        manualLow.set(low);
        manualHigh.set(high);
        contrastMode.set(ContrastMode.MANUAL);
    }

    public ObjectProperty<BlockReduction> reductionProperty() { return reduction; }
    public ObjectProperty<Color> invalidColorProperty() { return invalidColor; }
    public ObjectProperty<Color> maskColorProperty() { return maskColor; }
    public BooleanProperty maskOverlayVisibleProperty() { return maskOverlayVisible; }

    /** The part of the image on screen; set it to zoom/pan programmatically. Reset on a new frame shape. */
    public ObjectProperty<Viewport> viewportProperty() { return viewport; }
    public Viewport getViewport() { return viewport.get(); }
    public void setViewport(Viewport v) { viewport.set(v); }

    /** Diffraction geometry for the 2&theta; / q / &chi; readout and the rings; null for none. */
    public ObjectProperty<PixelGeometry> geometryProperty() { return geometry; }
    public void setGeometry(PixelGeometry g) { geometry.set(g); }
    /** Where the PNG save dialog opens (the data folder); {@code null} = the system's choice. */
    public ObjectProperty<java.nio.file.Path> exportFolderProperty() { return exportFolder; }

    /** q values (nm<sup>-1</sup>) where rings are drawn (needs a geometry). */
    public ObservableList<Double> getRingQs() { return ringQs; }
    /** The mouse tool that takes the primary button; null pans (the default). */
    public ObjectProperty<ImageTool> activeToolProperty() { return activeTool; }
    /** Painters drawn over the image, in order, after the rings. */
    public ObservableList<OverlayPainter> getOverlayPainters() { return overlayPainters; }
    public ObjectProperty<Color> ringColorProperty() { return ringColor; }
    /**
     * Flip and quarter turns of the image on screen (never null; identity by default). The image, the
     * rings, every overlay painter and tool follow; coordinates given to tools and painters, the readout,
     * masks and integration stay the detector's own. Changing it shows the whole image.
     */
    public ObjectProperty<DisplayTransform> displayTransformProperty() { return displayTransform; }
    public DisplayTransform getDisplayTransform() { return transform(); }
    public void setDisplayTransform(DisplayTransform t) { displayTransform.set(t); }

    /** The frame on screen now (null before the first). */
    public ReadOnlyObjectProperty<ImageFrame> shownFrameProperty() { return shownFrame.getReadOnlyProperty(); }
    /** Low contrast limit used for the frame on screen (computed in the automatic modes). */
    public ReadOnlyDoubleProperty shownLowProperty() { return shownLow.getReadOnlyProperty(); }
    /** High contrast limit used for the frame on screen. */
    public ReadOnlyDoubleProperty shownHighProperty() { return shownHigh.getReadOnlyProperty(); }
    /** Readout text of the pixel under the mouse. */
    public ReadOnlyStringProperty readoutProperty() { return readout.getReadOnlyProperty(); }

    /** The image area node (for screen-coordinate mapping in tools and tests). */
    public Pane imageArea() { return area; }

    /**
     * The currently displayed prepared image (null before the first); any thread. Its pixels stay as
     * they are after newer images are shown.
     */
    public PreparedImage shownImage() {
        // marks the image as given out before it is returned: show() reads the mark after replacing
        // shown, so either it sees the mark or this sees the newer image and tries again
        PreparedImage s;
        do {
            s = shown;
            handedOut.set(s);
        } while (s != shown);
        return s;
    }
}
