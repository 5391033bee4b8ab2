package org.hutch.widgets.image;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.hutch.widgets.FxHandoff;
import org.hutch.model.concurrent.NamedThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares the newest frame with the newest settings and view on one named background thread
 * ("hutch-image-prepare"), coalescing requests, and hands each result to the FX thread through an
 * {@link FxHandoff}. Output arrays are recycled through a small pool so that steady streaming does
 * not churn the heap.
 */
final class ImageRenderService {

    private static final Logger LOG = LoggerFactory.getLogger(ImageRenderService.class);
    /** Output size used before the view has been laid out. */
    private static final int UNLAID_OUT_SIZE = 1024;

    /** What the FX side last told us about the view: the viewport refers to an image of rows x cols. */
    record ViewState(Viewport viewport, double areaWidth, double areaHeight, int rows, int cols,
                     DisplayTransform transform) {
    }

    /**
     * The whole detector pixels a viewport in display coordinates touches, or null when it shows none:
     * the display rectangle's corners taken back to the detector (a flip or quarter turn keeps it a rectangle).
     */
    static ImageRegion detectorRegion(Viewport vp, DisplayTransform t, int rows, int cols) {
        double[] a = t.toDetector(vp.x(), vp.y(), rows, cols);
        double[] b = t.toDetector(vp.x() + vp.width(), vp.y() + vp.height(), rows, cols);
        Viewport d = new Viewport(Math.min(a[0], b[0]), Math.min(a[1], b[1]),
                Math.max(Math.abs(b[0] - a[0]), 1e-9), Math.max(Math.abs(b[1] - a[1]), 1e-9));
        return d.region(rows, cols);
    }

    private final AtomicReference<ImageFrame> frame = new AtomicReference<>();
    private final AtomicReference<ImageMask> mask = new AtomicReference<>();
    private final AtomicReference<RenderSettings> settings = new AtomicReference<>(RenderSettings.defaults());
    private final AtomicReference<ViewState> view = new AtomicReference<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final ExecutorService executor = NamedThreadFactory.singleThreadExecutor("hutch-image-prepare");
    private final ImagePreparer preparer = new ImagePreparer();
    private final ConcurrentLinkedQueue<int[]> pool = new ConcurrentLinkedQueue<>();
    private final FxHandoff<PreparedImage> toFx;

    ImageRenderService(Consumer<PreparedImage> onFxThread) {
        toFx = new FxHandoff<>(onFxThread);
    }

    void setFrame(ImageFrame f) {
        frame.set(f);
        request();
    }

    /** Forgets the frame: nothing more is prepared until the next one. */
    void clearFrame() {
        frame.set(null);
    }

    ImageFrame frame() {
        return frame.get();
    }

    void setMask(ImageMask m) {
        mask.set(m);
        request();
    }

    ImageMask mask() {
        return mask.get();
    }

    void setSettings(RenderSettings s) {
        settings.set(s);
        request();
    }

    void setView(ViewState v) {
        view.set(v);
        request();
    }

    /** Gives an output array back for reuse once its pixels have been copied to the screen. */
    void recycle(int[] argb) {
        if (pool.size() < 3) {
            pool.offer(argb);
        }
    }

    void shutdown() {
        executor.shutdownNow();
        preparer.close();
    }

    private void request() {
        if (frame.get() != null && scheduled.compareAndSet(false, true)) {
            executor.execute(this::prepareNewest);
        }
    }

    private void prepareNewest() {
        scheduled.set(false); // requests from now on schedule another run
        ImageFrame f = frame.get();
        if (f == null) {
            return;
        }
        try {
            ViewState v = view.get();
            ImageRegion region = ImageRegion.whole(f);
            int outW = UNLAID_OUT_SIZE;
            int outH = UNLAID_OUT_SIZE;
            if (v != null && v.areaWidth() > 0 && v.areaHeight() > 0) {
                // a frame of a new shape is shown whole: the FX side resets the zoom when it arrives
                DisplayTransform t = v.transform();
                Viewport vp = v.rows() == f.rows() && v.cols() == f.cols() ? v.viewport()
                        : Viewport.full(t.displayRows(f.rows(), f.cols()), t.displayCols(f.rows(), f.cols()));
                region = detectorRegion(vp, t, f.rows(), f.cols());
                if (region == null) {
                    return; // panned away from the image: nothing to draw
                }
                double s = vp.scaleIn(v.areaWidth(), v.areaHeight());
                outW = (int) Math.ceil(region.cols() * s);
                outH = (int) Math.ceil(region.rows() * s);
                if (s >= 2) { // zoomed in: whole output pixels per image pixel keep the squares sharp
                    int k = (int) Math.floor(s);
                    outW = region.cols() * k;
                    outH = region.rows() * k;
                }
            }
            int[] target = pool.poll();
            PreparedImage image = preparer.prepare(f, mask.get(), settings.get(), region, outW, outH, target);
            if (target != null && image.argb() != target) {
                recycle(target);
            }
            toFx.offer(image);
        } catch (RuntimeException e) {
            LOG.error("could not prepare {} for display", f, e);
        }
    }
}
