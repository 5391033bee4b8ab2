package org.hutch.widgets.plot;

import java.nio.IntBuffer;
import java.util.List;
import java.util.Locale;

import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

import org.hutch.model.concurrent.NamedThreadFactory;
import org.hutch.model.curve.RadialUnit;
import org.hutch.widgets.image.Colormap;

/**
 * History of curves as an image: radial coordinate across, one row per curve with the newest at the
 * top, log intensity in the viridis colour map between the 1st and 99.9th percentile of the shown
 * history. Curves are resampled onto the newest curve's x grid. The image is computed off the FX
 * thread.
 */
final class WaterfallView extends BorderPane {

    private final ImageView image = new ImageView();
    private final Pane holder = new Pane(image);
    private final Label left = new Label();
    private final Label right = new Label();
    private final Label info = new Label();
    private List<double[]> rowsX = List.of();
    private List<Curve> shown = List.of();
    private double[] grid = new double[0];
    private RadialUnit unit = RadialUnit.Q_NM;

    WaterfallView() {
        image.setSmooth(false);
        image.setPreserveRatio(false);
        image.fitWidthProperty().bind(holder.widthProperty());
        image.fitHeightProperty().bind(holder.heightProperty());
        holder.setMinSize(50, 50);
        holder.getStyleClass().add("image-area");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox axis = new HBox(6, left, spacer, info, spacer2(), right);
        axis.setPadding(new Insets(2, 4, 2, 4));
        setCenter(holder);
        setBottom(axis);
    }

    private static Region spacer2() {
        Region r = new Region();
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }

    /**
     * Redraws from {@code curves} (oldest first) in {@code unit}; xs are the curves' x in that unit.
     * The image is computed on the "hutch-waterfall-prepare" thread; only the newest request is
     * drawn when requests come faster.
     */
    void show(List<Curve> curves, List<double[]> xs, RadialUnit unit) {
        if (curves.isEmpty()) {
            shown = List.of();
            image.setImage(null);
            left.setText("");
            right.setText("");
            info.setText("no curves yet");
            return;
        }
        request.set(new Request(List.copyOf(curves), List.copyOf(xs), unit));
        if (scheduled.compareAndSet(false, true)) {
            executor.execute(this::prepareNewest);
        }
    }

    private record Request(List<Curve> curves, List<double[]> xs, RadialUnit unit) {
    }

    private record Prepared(Request request, double[] grid, int[] argb) {
    }

    private final java.util.concurrent.atomic.AtomicReference<Request> request = new java.util.concurrent.atomic.AtomicReference<>();
    private final java.util.concurrent.atomic.AtomicBoolean scheduled = new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.concurrent.ExecutorService executor = NamedThreadFactory.singleThreadExecutor("hutch-waterfall-prepare");
    private final org.hutch.widgets.FxHandoff<Prepared> toFx = new org.hutch.widgets.FxHandoff<>(this::display);

    private void prepareNewest() {
        scheduled.set(false);
        Request r = request.getAndSet(null);
        if (r == null) {
            return;
        }
        List<Curve> curves = r.curves();
        List<double[]> xs = r.xs();
        double[] g = xs.get(xs.size() - 1);
        int w = g.length;
        int h = curves.size();
        float[] logs = new float[w * h];
        org.hutch.widgets.image.ValueHistogram histogram = new org.hutch.widgets.image.ValueHistogram();
        for (int row = 0; row < h; row++) {
            Curve c = curves.get(h - 1 - row); // newest at the top
            double[] cx = xs.get(h - 1 - row);
            boolean sameGrid = cx == g || java.util.Arrays.equals(cx, g);
            for (int i = 0; i < w; i++) {
                double v = sameGrid ? c.y()[i] : interpolate(cx, c.y(), g[i]);
                logs[row * w + i] = v > 0 ? (float) Math.log10(v) : Float.NaN;
            }
        }
        histogram.add(logs, logs.length, null, 0);
        double lo = histogram.count() == 0 ? 0 : histogram.percentile(1);
        double hi = histogram.count() == 0 ? 1 : histogram.percentile(99.9);
        if (!(hi > lo)) {
            hi = lo + 1;
        }
        int[] argb = new int[w * h];
        for (int i = 0; i < argb.length; i++) {
            argb[i] = Float.isNaN(logs[i]) ? 0xFF202020 : Colormap.VIRIDIS.colorAt((logs[i] - lo) / (hi - lo), false);
        }
        toFx.offer(new Prepared(r, g, argb));
    }

    private void display(Prepared p) {
        Request r = p.request();
        shown = r.curves();
        rowsX = r.xs();
        unit = r.unit();
        grid = p.grid();
        int w = grid.length;
        int h = shown.size();
        PixelBuffer<IntBuffer> pb = new PixelBuffer<>(w, h, IntBuffer.wrap(p.argb()), PixelFormat.getIntArgbPreInstance());
        image.setImage(new WritableImage(pb));
        left.setText(String.format(Locale.ROOT, "%.4g", grid[0]));
        right.setText(String.format(Locale.ROOT, "%.4g %s", grid[w - 1], unit.unit()));
        info.setText(String.format(Locale.ROOT, "%s across, %d curves (frames %d..%d, newest at the top), log I",
                unit.label(), h, shown.get(0).frame(), shown.get(h - 1).frame()));
    }

    /** Readout for a point of the image (local coordinates), or "" outside. */
    String describe(double x, double y) {
        if (shown.isEmpty() || holder.getWidth() <= 0) {
            return "";
        }
        int h = shown.size();
        int col = (int) (x / holder.getWidth() * grid.length);
        int row = (int) (y / holder.getHeight() * h);
        if (col < 0 || row < 0 || col >= grid.length || row >= h) {
            return "";
        }
        Curve c = shown.get(h - 1 - row);
        double v = interpolate(rowsX.get(h - 1 - row), c.y(), grid[col]);
        return String.format(Locale.ROOT, "frame %d  %s %.5g %s  I %.5g", c.frame(), unit.quantity(), grid[col], unit.unit(), v);
    }

    void dispose() {
        executor.shutdownNow();
    }

    Pane imageHolder() {
        return holder;
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
        int i = java.util.Arrays.binarySearch(x, at);
        if (i >= 0) {
            return y[i];
        }
        int hi = -i - 1;
        int lo = hi - 1;
        double t = (at - x[lo]) / (x[hi] - x[lo]);
        return y[lo] + t * (y[hi] - y[lo]);
    }
}
