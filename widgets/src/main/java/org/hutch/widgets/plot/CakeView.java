package org.hutch.widgets.plot;

import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.hutch.model.concurrent.NamedThreadFactory;
import org.hutch.widgets.FxHandoff;
import org.hutch.widgets.FxThread;
import org.hutch.widgets.WidgetStyles;

/**
 * A cake (azimuth &chi; up, radial coordinate across) as an image: log intensity in viridis between
 * the 1st and 99.9th percentile, cells without a pixel dark grey, &chi; = -180&deg; at the bottom.
 * {@link #setCake} may be called from any thread: the image is computed on its own thread and only
 * the newest cake reaches the screen.
 * <p>
 * Node ids: {@code #cake-image}, {@code #cake-info}, {@code #cake-message}, {@code #cake-readout}.
 */
public final class CakeView extends BorderPane {

    private final ImageArea area = new ImageArea("cake");
    private final Label radialLow = new Label();
    private final Label radialHigh = new Label();
    private final Label chiTop = new Label();
    private final Label chiBottom = new Label();
    private final Label info = new Label();
    private final Label readout = new Label();
    private final ReadOnlyObjectWrapper<Cake> cake = new ReadOnlyObjectWrapper<>(this, "cake");

    private record Prepared(Cake cake, int[] argb, long epoch) {
    }

    private record Pending(Cake cake, long epoch) {
    }

    /** counts messages: a cake given before the newest message is not drawn over it */
    private final java.util.concurrent.atomic.AtomicLong epoch = new java.util.concurrent.atomic.AtomicLong();
    private final AtomicReference<Pending> request = new AtomicReference<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final ExecutorService executor = NamedThreadFactory.singleThreadExecutor("hutch-cake-prepare");
    private final FxHandoff<Prepared> toFx = new FxHandoff<>(this::display);

    public CakeView() {
        WidgetStyles.addTo(this);
        getStyleClass().add("cake-view");
        info.setId("cake-info");
        readout.setId("cake-readout");
        readout.getStyleClass().add("readout");

        Region fill = new Region();
        VBox.setVgrow(fill, Priority.ALWAYS);
        Label chi = new Label("\u03c7 (\u00b0)");
        VBox chiAxis = new VBox(2, chiTop, fill, chi, grow(false), chiBottom);
        chiAxis.setAlignment(Pos.CENTER_RIGHT);
        chiAxis.setPadding(new Insets(0, 4, 0, 4));
        HBox radialAxis = new HBox(6, radialLow, grow(true), radialHigh);
        radialAxis.setPadding(new Insets(2, 4, 0, 4));
        radialLow.setMinWidth(Region.USE_PREF_SIZE);
        radialHigh.setMinWidth(Region.USE_PREF_SIZE);
        info.setWrapText(true);
        info.setPadding(new Insets(0, 4, 2, 4));
        setLeft(chiAxis);
        setCenter(area);
        setBottom(new VBox(radialAxis, info, readout));
        area.readoutTo(readout, this::describe);
    }

    private static Region grow(boolean horizontal) {
        Region r = new Region();
        if (horizontal) {
            HBox.setHgrow(r, Priority.ALWAYS);
        } else {
            VBox.setVgrow(r, Priority.ALWAYS);
        }
        return r;
    }

    /** Shows a new cake (any thread); a cake arriving while an older one is prepared replaces it. */
    public void setCake(Cake c) {
        request.set(new Pending(java.util.Objects.requireNonNull(c, "cake"), epoch.get()));
        if (scheduled.compareAndSet(false, true)) {
            executor.execute(this::prepareNewest);
        }
    }

    /** Clears the image and says why it is empty (FX thread); {@code null} or blank hides the message. */
    public void showMessage(String text) {
        FxThread.check("CakeView.showMessage");
        if (area.message(text)) {
            epoch.incrementAndGet();
            request.set(null);
            cake.set(null);
            area.clearImage();
            for (Label l : new Label[] {radialLow, radialHigh, chiTop, chiBottom, info}) {
                l.setText("");
            }
        }
    }

    /** The message shown in place of the image ({@code ""} = none). */
    public String message() {
        return area.messageText();
    }

    /** The cake on screen, or null. */
    public ReadOnlyObjectProperty<Cake> cakeProperty() {
        return cake.getReadOnlyProperty();
    }

    private void prepareNewest() {
        scheduled.set(false);
        Pending pending = request.getAndSet(null);
        if (pending == null) {
            return;
        }
        Cake c = pending.cake();
        int w = c.radialBins();
        int h = c.azimuthBins();
        float[] logs = new float[w * h];
        for (int row = 0; row < h; row++) {
            int a = h - 1 - row; // the largest chi at the top
            for (int r = 0; r < w; r++) {
                logs[row * w + r] = LogColours.log(c.at(a, r));
            }
        }
        toFx.offer(new Prepared(c, LogColours.argb(logs), pending.epoch()));
    }

    private void display(Prepared p) {
        if (p.epoch() != epoch.get()) {
            return; // a message came after it was given
        }
        Cake c = p.cake();
        area.message(null);
        int w = c.radialBins();
        int h = c.azimuthBins();
        if (w == 0 || h == 0) {
            return;
        }
        area.show(p.argb(), w, h);
        cake.set(c);
        radialLow.setText(String.format(Locale.ROOT, "%.4g", c.radial()[0]));
        radialHigh.setText(String.format(Locale.ROOT, "%.4g %s", c.radial()[w - 1], c.unit().unit()));
        chiTop.setText(String.format(Locale.ROOT, "%.0f", c.azimuth()[h - 1]));
        chiBottom.setText(String.format(Locale.ROOT, "%.0f", c.azimuth()[0]));
        info.setText(String.format(Locale.ROOT, "frame %d: %d \u03c7 x %d %s bins, log I", c.frame(), h, w,
                c.unit().label()));
    }

    /** Readout for a point of the image (local coordinates), or "" outside. */
    String describe(double x, double y) {
        Cake c = cake.get();
        Pane holder = area.holder();
        if (c == null || holder.getWidth() <= 0 || holder.getHeight() <= 0) {
            return "";
        }
        int r = (int) (x / holder.getWidth() * c.radialBins());
        int a = c.azimuthBins() - 1 - (int) (y / holder.getHeight() * c.azimuthBins());
        if (r < 0 || a < 0 || r >= c.radialBins() || a >= c.azimuthBins()) {
            return "";
        }
        return String.format(Locale.ROOT, "%s %.5g %s  \u03c7 %.1f\u00b0  I %.5g", c.unit().quantity(), c.radial()[r],
                c.unit().unit(), c.azimuth()[a], c.at(a, r));
    }

    /** Height and width in pixels of the image on screen (azimuth x radial bins), or null; FX thread. */
    public int[] imageSize() {
        return area.image() == null ? null
                : new int[] {(int) area.image().getHeight(), (int) area.image().getWidth()};
    }

    /** Stops the preparing thread. */
    public void dispose() {
        executor.shutdownNow();
    }
}
