package org.hutch.widgets.analysis;

import java.util.function.IntSupplier;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import org.hutch.widgets.image.OverlayPainter;

/**
 * The rectangle ROIs of one image view (FX thread), and their drawing: each ROI as a rectangle with
 * its name, the selected one thicker with corner handles. ROIs are in full-resolution detector
 * pixels; {@code binning} says how many of them one pixel of the shown frame covers.
 */
public final class RoiLayer implements OverlayPainter {

    static final Color[] COLORS = {Color.web("#ffd740"), Color.web("#40c4ff"), Color.web("#69f0ae"),
            Color.web("#ff6e40"), Color.web("#e040fb"), Color.web("#eeff41")};

    private final ObservableList<Roi> rois = FXCollections.observableArrayList();
    private final IntegerProperty selected = new SimpleIntegerProperty(this, "selected", -1);
    private final IntSupplier binning;

    public RoiLayer(IntSupplier binning) {
        this.binning = binning;
    }

    public ObservableList<Roi> rois() {
        return rois;
    }

    /** Index of the selected ROI in {@link #rois()}, or -1. */
    public IntegerProperty selectedProperty() {
        return selected;
    }

    public Roi selectedRoi() {
        int i = selected.get();
        return i >= 0 && i < rois.size() ? rois.get(i) : null;
    }

    /** Detector pixels per shown-frame pixel along a side. */
    public int binning() {
        return Math.max(1, binning.getAsInt());
    }

    /** The colour an ROI is drawn and plotted in. */
    public static Color color(int index) {
        return COLORS[Math.floorMod(index, COLORS.length)];
    }

    /** A name no ROI has yet: "ROI 1", "ROI 2", ... */
    public String freeName() {
        for (int n = 1; ; n++) {
            String name = "ROI " + n;
            if (rois.stream().noneMatch(r -> r.name().equals(name))) {
                return name;
            }
        }
    }

    /** Removes the selected ROI; nothing when none is selected. */
    public void deleteSelected() {
        int i = selected.get();
        if (i >= 0 && i < rois.size()) {
            selected.set(-1);
            rois.remove(i);
        }
    }

    @Override
    public void paint(GraphicsContext gc, DetectorToScreen map) {
        double b = binning();
        gc.setFont(Font.font(12));
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setTextBaseline(VPos.BOTTOM);
        for (int i = 0; i < rois.size(); i++) {
            Roi r = rois.get(i);
            Color c = color(i);
            boolean sel = i == selected.get();
            // corners through the mapping, so a flip or turn draws the same pixels
            double[] xs = {map.x(r.col0() / b, r.row0() / b), map.x(r.col1() / b, r.row0() / b),
                    map.x(r.col1() / b, r.row1() / b), map.x(r.col0() / b, r.row1() / b)};
            double[] ys = {map.y(r.col0() / b, r.row0() / b), map.y(r.col1() / b, r.row0() / b),
                    map.y(r.col1() / b, r.row1() / b), map.y(r.col0() / b, r.row1() / b)};
            gc.setStroke(c);
            gc.setLineWidth(sel ? 2.5 : 1.5);
            gc.strokePolygon(xs, ys, 4);
            if (sel) {
                gc.setFill(c);
                for (int k = 0; k < 4; k++) {
                    gc.fillRect(xs[k] - 3, ys[k] - 3, 6, 6);
                }
            }
            double left = Math.min(Math.min(xs[0], xs[1]), Math.min(xs[2], xs[3]));
            double top = Math.min(Math.min(ys[0], ys[1]), Math.min(ys[2], ys[3]));
            gc.setFill(Color.color(0, 0, 0, 0.55));
            gc.fillRect(left, top - 16, r.name().length() * 7 + 6, 15);
            gc.setFill(c);
            gc.fillText(r.name(), left + 3, top - 2);
        }
    }
}
