package org.hutch.widgets.plot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

import org.hutch.model.concurrent.NamedThreadFactory;
import org.hutch.model.curve.RadialUnit;
import org.hutch.widgets.FxHandoff;
import org.hutch.widgets.FxThread;
import org.hutch.widgets.WidgetStyles;

/**
 * Curves as an image: radial coordinate across, one row per curve with the newest at the top, log
 * intensity in the viridis colour map between the 1st and 99.9th percentile of what is shown. It
 * shows either the plot's history of polled curves ({@link AzintPlot}'s waterfall, resampled onto the
 * newest curve's x grid), or every frame of a series ({@link #showSeries}): one row per frame in frame
 * order, frames without a curve as dark red rows. A long series is drawn with at most
 * {@link #MAX_IMAGE_ROWS} image rows (neighbouring frames averaged in log). The image is computed off
 * the FX thread; only the newest request is drawn when requests come faster.
 * <p>
 * Node ids: {@code #waterfall-image}, {@code #waterfall-info}, {@code #waterfall-message}.
 */
public final class WaterfallView extends BorderPane {

    /** Most image rows: a screen has fewer, and every redraw touches them all. */
    public static final int MAX_IMAGE_ROWS = 4096;

    private final ImageArea area = new ImageArea("waterfall");
    private final Label left = new Label();
    private final Label right = new Label();
    private final Label info = new Label();
    private final Label readout = new Label();
    /** what is on screen; FX thread */
    private Rows shown;

    /** Rows ready to draw, oldest first; a null row has no curve. */
    private record Rows(String caption, RadialUnit unit, double[] grid, long[] frames, List<float[]> ys) {
    }

    private record Prepared(Rows rows, int[] argb, int imageRows, long epoch) {
    }

    private record Pending(java.util.function.Supplier<Rows> rows, long epoch) {
    }

    /** counts messages: an image asked for before the newest message is not drawn over it */
    private final java.util.concurrent.atomic.AtomicLong epoch = new java.util.concurrent.atomic.AtomicLong();
    private final AtomicReference<Pending> request = new AtomicReference<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final ExecutorService executor = NamedThreadFactory.singleThreadExecutor("hutch-waterfall-prepare");
    private final FxHandoff<Prepared> toFx = new FxHandoff<>(this::display);

    public WaterfallView() {
        WidgetStyles.addTo(this);
        info.setId("waterfall-info");
        // the radial range under the image, the caption on a line of its own (a narrow tab cuts it otherwise)
        HBox axis = new HBox(6, left, grow(), right);
        axis.setPadding(new Insets(2, 4, 0, 4));
        info.setWrapText(true);
        info.setPadding(new Insets(0, 4, 2, 4));
        readout.getStyleClass().add("readout");
        left.setMinWidth(Region.USE_PREF_SIZE);
        right.setMinWidth(Region.USE_PREF_SIZE);
        setCenter(area);
        setBottom(new javafx.scene.layout.VBox(axis, info, readout));
        area.readoutTo(readout, this::describe);
    }

    private static Region grow() {
        Region r = new Region();
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }

    /**
     * The plot's history: {@code curves} oldest first, xs their x in {@code unit}; each is resampled
     * onto the newest curve's grid.
     */
    void show(List<Curve> curves, List<double[]> xs, RadialUnit unit) {
        if (curves.isEmpty()) {
            clear("no curves yet");
            return;
        }
        List<Curve> cs = List.copyOf(curves);
        List<double[]> xcopy = List.copyOf(xs);
        submit(() -> history(cs, xcopy, unit));
    }

    /** Every frame of a series, from any thread (see {@link SeriesRows}); an empty one clears the view. */
    public void showSeries(SeriesRows rows) {
        long[] frames = new long[rows.rows().size()];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = rows.firstFrame() + i;
        }
        String caption = rows.series() == null || rows.series().isBlank() ? "series" : "series " + rows.series();
        submit(() -> new Rows(caption, rows.unit(), rows.grid(), frames, rows.rows()));
    }

    /** Clears the image and says why it is empty (FX thread); {@code null} or blank hides the message. */
    public void showMessage(String text) {
        FxThread.check("WaterfallView.showMessage");
        if (area.message(text)) {
            epoch.incrementAndGet();
            request.set(null);
            shown = null;
            area.clearImage();
            left.setText("");
            right.setText("");
            info.setText("");
        }
    }

    /** The message shown in place of the image ({@code ""} = none). */
    public String message() {
        return area.messageText();
    }

    private void clear(String why) {
        request.set(null);
        shown = null;
        area.clearImage();
        left.setText("");
        right.setText("");
        info.setText(why);
    }

    private void submit(java.util.function.Supplier<Rows> rows) {
        request.set(new Pending(rows, epoch.get()));
        if (scheduled.compareAndSet(false, true)) {
            executor.execute(this::prepareNewest);
        }
    }

    private static Rows history(List<Curve> curves, List<double[]> xs, RadialUnit unit) {
        double[] g = xs.get(xs.size() - 1);
        long[] frames = new long[curves.size()];
        List<float[]> ys = new ArrayList<>(curves.size());
        for (int k = 0; k < curves.size(); k++) {
            Curve c = curves.get(k);
            double[] cx = xs.get(k);
            boolean sameGrid = cx == g || Arrays.equals(cx, g);
            float[] y = new float[g.length];
            for (int i = 0; i < g.length; i++) {
                y[i] = (float) (sameGrid ? c.y()[i] : interpolate(cx, c.y(), g[i]));
            }
            frames[k] = c.frame();
            ys.add(y);
        }
        return new Rows(null, unit, g, frames, ys);
    }

    private void prepareNewest() {
        scheduled.set(false);
        Pending pending = request.getAndSet(null);
        if (pending == null) {
            return;
        }
        Rows r = pending.rows().get();
        long e = pending.epoch();
        int w = r.grid().length;
        int n = r.ys().size();
        if (n == 0 || w == 0) {
            toFx.offer(new Prepared(r, new int[0], 0, e));
            return;
        }
        int h = Math.min(n, MAX_IMAGE_ROWS);
        float[] logs = new float[w * h];
        for (int row = 0; row < h; row++) {
            // image row 0 (top) holds the newest frames; each image row averages the frames [from, to)
            int from = (int) ((long) (h - 1 - row) * n / h);
            int to = (int) ((long) (h - row) * n / h);
            for (int i = 0; i < w; i++) {
                double sum = 0;
                int count = 0;
                boolean anyRow = false;
                for (int k = from; k < to; k++) {
                    float[] y = r.ys().get(k);
                    if (y != null) {
                        anyRow = true;
                        float l = LogColours.log(y[i]);
                        if (!Float.isNaN(l)) {
                            sum += l;
                            count++;
                        }
                    }
                }
                logs[row * w + i] = !anyRow ? Float.NEGATIVE_INFINITY : count == 0 ? Float.NaN : (float) (sum / count);
            }
        }
        toFx.offer(new Prepared(r, LogColours.argb(logs), h, e));
    }

    private void display(Prepared p) {
        if (p.epoch() != epoch.get()) {
            return; // a message came after it was asked for
        }
        if (area.messageShown() && p.rows().caption() != null) {
            area.message(null); // data came after the message: the data counts
        }
        Rows r = p.rows();
        shown = r;
        int w = r.grid().length;
        int n = r.ys().size();
        if (n == 0 || w == 0) {
            clear("no curves yet");
            return;
        }
        area.show(p.argb(), w, p.imageRows());
        left.setText(String.format(Locale.ROOT, "%.4g", r.grid()[0]));
        right.setText(String.format(Locale.ROOT, "%.4g %s", r.grid()[w - 1], r.unit().unit()));
        long missing = r.ys().stream().filter(java.util.Objects::isNull).count();
        if (r.caption() == null) {
            info.setText(String.format(Locale.ROOT, "%s across, %d curves (frames %d..%d, newest at the top), log I",
                    r.unit().label(), n, r.frames()[0], r.frames()[n - 1]));
        } else {
            info.setText(String.format(Locale.ROOT, "%s: %d frames (%d..%d, newest at the top)%s, %s across, log I",
                    r.caption(), n, r.frames()[0], r.frames()[n - 1],
                    missing == 0 ? "" : ", " + missing + " without a curve (red)", r.unit().label()));
        }
    }

    /** Rows (curves or frames) in the image on screen now; FX thread. */
    public int shownRows() {
        return shown == null ? 0 : shown.ys().size();
    }

    /** Rows of the shown data that have no curve; FX thread. */
    public long shownMissing() {
        return shown == null ? 0 : shown.ys().stream().filter(java.util.Objects::isNull).count();
    }

    /** First and last frame on screen, or null; FX thread. */
    public long[] shownFrames() {
        return shown == null || shown.frames().length == 0 ? null
                : new long[] {shown.frames()[0], shown.frames()[shown.frames().length - 1]};
    }

    /** Height in pixels of the image on screen (one per row up to {@link #MAX_IMAGE_ROWS}); FX thread. */
    public int imageHeight() {
        return area.image() == null ? 0 : (int) area.image().getHeight();
    }

    /** Readout for a point of the image (local coordinates), or "" outside. */
    String describe(double x, double y) {
        Rows r = shown;
        Pane holder = area.holder();
        if (r == null || r.ys().isEmpty() || holder.getWidth() <= 0) {
            return "";
        }
        int n = r.ys().size();
        int w = r.grid().length;
        int col = (int) (x / holder.getWidth() * w);
        int k = n - 1 - (int) (y / holder.getHeight() * n);
        if (col < 0 || k < 0 || col >= w || k >= n) {
            return "";
        }
        float[] row = r.ys().get(k);
        if (row == null) {
            return String.format(Locale.ROOT, "frame %d: no curve (skipped)", r.frames()[k]);
        }
        return String.format(Locale.ROOT, "frame %d  %s %.5g %s  I %.5g", r.frames()[k], r.unit().quantity(),
                r.grid()[col], r.unit().unit(), row[col]);
    }

    /** The readout under the image (hover). */
    public String readout() {
        return readout.getText();
    }

    void dispose() {
        executor.shutdownNow();
    }

    Pane imageHolder() {
        return area.holder();
    }

    static double interpolate(double[] x, double[] y, double at) {
        int n = x.length;
        if (n == 0) {
            return Double.NaN;
        }
        if (at <= x[0]) {
            return at == x[0] ? y[0] : Double.NaN;
        }
        if (at >= x[n - 1]) {
            return at == x[n - 1] ? y[n - 1] : Double.NaN;
        }
        int i = Arrays.binarySearch(x, at);
        if (i >= 0) {
            return y[i];
        }
        int hi = -i - 1;
        int lo = hi - 1;
        double t = (at - x[lo]) / (x[hi] - x[lo]);
        return y[lo] + t * (y[hi] - y[lo]);
    }
}
