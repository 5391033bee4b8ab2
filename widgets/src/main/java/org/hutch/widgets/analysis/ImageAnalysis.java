package org.hutch.widgets.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.ListChangeListener;

import org.hutch.model.concurrent.NamedThreadFactory;
import org.hutch.widgets.FxHandoff;
import org.hutch.widgets.FxThread;
import org.hutch.widgets.image.ImageFrame;
import org.hutch.widgets.image.ImageMask;
import org.hutch.widgets.image.ImageTool;
import org.hutch.widgets.image.LiveImageView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ROIs, a line cut and row/column projections on one image view. The shapes live in the view's
 * overlay (detector pixel coordinates, so flips and turns of the display do not move them); the
 * numbers are computed on the background thread {@value #THREAD} from the frames given to
 * {@link #frameShown}, at the resolution given there, not from the view's possibly reduced frame.
 * The newest frame wins: frames arriving while one is computed replace each other, and the result
 * reaches the FX thread through an {@link FxHandoff}.
 */
public final class ImageAnalysis {
    public static final String THREAD = "hutch-roi-stats";
    private static final Logger LOG = LoggerFactory.getLogger(ImageAnalysis.class);

    /** A frame to analyse: its pixels cover {@code binning x binning} detector pixels each. */
    private record Input(long frameNumber, ImageFrame pixels, int binning) {
    }

    /** What to compute, as the FX thread last set it. */
    private record Shapes(List<Roi> rois, LineCut line, Roi projectionRegion, boolean projectionMean) {
    }

    /** What one frame gave: statistics in the order of {@code rois}, profile and projections (null when none). */
    record Result(long frameNumber, int binning, List<Roi> rois, List<PixelStats> stats, LineCut line,
                  LineProfile profile, Projections projections) {
    }

    private final LiveImageView view;
    private final RoiLayer roiLayer;
    private final LineCutLayer lineLayer;
    private final RoiTool roiTool;
    private final ImageTool lineTool;
    private final RoiPane roiPane;
    private final LineCutPane linePane;
    private final BooleanProperty projectionMean = new SimpleBooleanProperty(this, "projectionMean", false);
    private final BooleanBinding active;
    private Runnable onEdited = () -> { };

    private final AtomicReference<Input> newest = new AtomicReference<>();
    private final AtomicReference<ImageMask> mask = new AtomicReference<>();
    private final AtomicReference<Shapes> shapes = new AtomicReference<>(new Shapes(List.of(), null, null, false));
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final ExecutorService executor = NamedThreadFactory.singleThreadExecutor(THREAD);
    private final FxHandoff<Result> toFx;

    /** Builds the layers, tools and panes for {@code view} (FX thread); the overlays are added to the view. */
    public ImageAnalysis(LiveImageView view) {
        FxThread.check("ImageAnalysis");
        this.view = Objects.requireNonNull(view, "view");
        roiLayer = new RoiLayer(this::viewBinning);
        lineLayer = new LineCutLayer(this::viewBinning);
        roiTool = new RoiTool(view, roiLayer, this::edited);
        lineTool = lineLayer.tool(view, this::edited);
        roiPane = new RoiPane(this);
        linePane = new LineCutPane(this);
        toFx = new FxHandoff<>(this::showResult);
        view.getOverlayPainters().addAll(roiLayer, lineLayer);
        roiLayer.rois().addListener((ListChangeListener<Roi>) c -> shapesChanged());
        roiLayer.selectedProperty().addListener((o, a, b) -> shapesChanged());
        lineLayer.lineProperty().addListener((o, a, b) -> shapesChanged());
        projectionMean.addListener((o, a, b) -> shapesChanged());
        view.viewportProperty().addListener((o, a, b) -> {
            if (roiLayer.selectedRoi() == null) {
                shapesChanged(); // the projections follow the region on screen
            }
        });
        active = Bindings.isNotEmpty(roiLayer.rois()).or(lineLayer.lineProperty().isNotNull());
    }

    // ---- feeding (any thread)

    /**
     * The frame now shown, with its number, at full detector resolution: live frames and frames of a
     * browsed file alike (any thread; cheap: the work is queued, older frames not yet analysed are dropped).
     */
    public void frameShown(long frameNumber, ImageFrame pixels) {
        frameShown(frameNumber, pixels, 1);
    }

    /**
     * As {@link #frameShown(long, ImageFrame)} for a frame the receiver only gives reduced: each of its
     * pixels covers {@code binning x binning} detector pixels; the ROI tab says so.
     */
    public void frameShown(long frameNumber, ImageFrame pixels, int binning) {
        newest.set(new Input(frameNumber, Objects.requireNonNull(pixels, "pixels"), Math.max(1, binning)));
        request();
    }

    /** The mask at full detector resolution (null = none); any thread. A mask of another shape is ignored. */
    public void setMask(ImageMask fullResolution) {
        mask.set(fullResolution);
        request();
    }

    // ---- FX side

    public RoiLayer roiLayer() {
        return roiLayer;
    }

    public LineCutLayer lineCutLayer() {
        return lineLayer;
    }

    /** The tool that draws, moves and resizes ROIs. */
    public ImageTool roiTool() {
        return roiTool;
    }

    /** The tool that draws the line cut. */
    public ImageTool lineCutTool() {
        return lineTool;
    }

    /** The "ROI" tab's content: statistics per ROI and their plot against frame number. */
    public RoiPane roiPane() {
        return roiPane;
    }

    /** The "Line cut" tab's content: the profile, and row and column projections. */
    public LineCutPane lineCutPane() {
        return linePane;
    }

    /** Whether projections are means (else sums) over the valid pixels. */
    public BooleanProperty projectionMeanProperty() {
        return projectionMean;
    }

    /** True while there is an ROI or a line: only then are frames worth analysing. */
    public BooleanBinding activeProperty() {
        return active;
    }

    /** Runs after the user drew, moved, resized or deleted a shape (to remember them); FX thread. */
    public void setOnEdited(Runnable r) {
        onEdited = r != null ? r : () -> { };
    }

    /** Replaces the ROIs and the line (restoring remembered ones); FX thread. */
    public void setShapes(List<Roi> rois, LineCut line) {
        roiLayer.selectedProperty().set(-1);
        roiLayer.rois().setAll(rois);
        lineLayer.lineProperty().set(line);
        view.redrawOverlay();
    }

    /** Deletes the selected ROI. */
    public void deleteSelectedRoi() {
        roiLayer.deleteSelected();
        view.redrawOverlay();
        edited();
    }

    /** Activates or deactivates one of the tools (only one tool is active at a time on a view). */
    void useTool(ImageTool tool, boolean on) {
        if (on) {
            view.activeToolProperty().set(tool);
        } else if (view.activeToolProperty().get() == tool) {
            view.activeToolProperty().set(null);
        }
    }

    LiveImageView view() {
        return view;
    }

    /** Releases the background thread. */
    public void dispose() {
        executor.shutdownNow();
    }

    private void edited() {
        onEdited.run();
    }

    /** Detector pixels per pixel of the frame on screen (the live view may show a reduced frame). */
    private int viewBinning() {
        ImageFrame shown = view.shownFrameProperty().get();
        Input in = newest.get();
        if (shown == null || in == null) {
            return 1;
        }
        long detectorRows = (long) in.pixels().rows() * in.binning();
        return (int) Math.max(1, Math.round((double) detectorRows / shown.rows()));
    }

    private void shapesChanged() {
        Roi region = roiLayer.selectedRoi();
        if (region == null) {
            region = shownRegion();
        }
        shapes.set(new Shapes(List.copyOf(roiLayer.rois()), lineLayer.lineProperty().get(), region, projectionMean.get()));
        roiPane.roisChanged();
        request();
    }

    /** The detector pixels on screen now, or null before a frame is shown. */
    private Roi shownRegion() {
        ImageFrame f = view.shownFrameProperty().get();
        if (f == null) {
            return null;
        }
        double w = view.imageArea().getWidth();
        double h = view.imageArea().getHeight();
        double[] a = view.screenToDetector(0, 0);
        double[] b = view.screenToDetector(w, h);
        int bin = viewBinning();
        int c0 = (int) Math.max(0, Math.floor(Math.min(a[0], b[0])));
        int r0 = (int) Math.max(0, Math.floor(Math.min(a[1], b[1])));
        int c1 = (int) Math.min(f.cols(), Math.ceil(Math.max(a[0], b[0])));
        int r1 = (int) Math.min(f.rows(), Math.ceil(Math.max(a[1], b[1])));
        return c1 > c0 && r1 > r0 ? new Roi("shown region", c0 * bin, r0 * bin, c1 * bin, r1 * bin) : null;
    }

    private void request() {
        if (newest.get() != null && scheduled.compareAndSet(false, true)) {
            try {
                executor.execute(this::analyseNewest);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                scheduled.set(false); // disposed
            }
        }
    }

    private void analyseNewest() {
        scheduled.set(false);
        Input in = newest.get();
        Shapes s = shapes.get();
        if (in == null) {
            return;
        }
        try {
            toFx.offer(analyse(in.frameNumber(), in.pixels(), in.binning(), maskFor(in), s));
        } catch (RuntimeException e) {
            LOG.error("could not analyse frame {}", in.frameNumber(), e);
        }
    }

    /** The mask at the input's resolution: the full one, or null for a reduced frame (the frame's own invalid pixels still count). */
    private ImageMask maskFor(Input in) {
        ImageMask m = mask.get();
        return m != null && in.binning() == 1 && m.fits(in.pixels()) ? m : null;
    }

    static Result analyse(long frameNumber, ImageFrame f, int binning, ImageMask m, Shapes s) {
        List<PixelStats> stats = new ArrayList<>(s.rois().size());
        for (Roi r : s.rois()) {
            stats.add(PixelStats.of(f, m, r, binning));
        }
        LineCut l = s.line();
        LineProfile profile = l == null ? null : LineProfile.bilinear(f, m, l.col0(), l.row0(), l.col1(), l.row1(), binning);
        Projections p = s.projectionRegion() == null ? null : Projections.of(f, m, s.projectionRegion(), binning, s.projectionMean());
        return new Result(frameNumber, binning, s.rois(), stats, l, profile, p);
    }

    private void showResult(Result r) {
        roiPane.show(r);
        linePane.show(r);
    }
}
