package org.hutch.widgets.analysis;

import javafx.scene.input.MouseEvent;

import org.hutch.widgets.image.ImageTool;
import org.hutch.widgets.image.LiveImageView;

/**
 * Draws, moves and resizes rectangle ROIs: a drag from a corner of the selected ROI (or any ROI)
 * resizes it, a drag from inside one moves it, a drag elsewhere draws a new one; a click selects the
 * ROI under it (or none). Deleting is {@link RoiLayer#deleteSelected()} (the ROI tab's button).
 */
public final class RoiTool implements ImageTool {

    /** How near a corner, in screen pixels, a press grabs it. */
    static final double GRAB = 7;

    private enum Mode { NONE, DRAW, MOVE, RESIZE }

    private final LiveImageView view;
    private final RoiLayer layer;
    private final Runnable edited;
    private Mode mode = Mode.NONE;
    private int index = -1;
    private double startCol;
    private double startRow;
    /** the corner that stays put while resizing, in detector pixels */
    private double anchorCol;
    private double anchorRow;
    private Roi before;

    /** @param edited runs when a press-drag-release changed an ROI (FX thread) */
    public RoiTool(LiveImageView view, RoiLayer layer, Runnable edited) {
        this.view = view;
        this.layer = layer;
        this.edited = edited;
    }

    @Override
    public void pressed(double col, double row, MouseEvent e) {
        int b = layer.binning();
        double c = col * b;
        double r = row * b;
        startCol = c;
        startRow = r;
        double grab = GRAB / view.detectorToScreen().scale() * b;
        int sel = layer.selectedProperty().get();
        for (int pass = 0; pass < 2; pass++) { // the selected ROI's corners first
            for (int i = 0; i < layer.rois().size(); i++) {
                if ((pass == 0) != (i == sel)) {
                    continue;
                }
                Roi roi = layer.rois().get(i);
                double[][] corners = {{roi.col0(), roi.row0()}, {roi.col1(), roi.row0()}, {roi.col1(), roi.row1()}, {roi.col0(), roi.row1()}};
                for (int k = 0; k < 4; k++) {
                    if (Math.abs(corners[k][0] - c) <= grab && Math.abs(corners[k][1] - r) <= grab) {
                        double[] opposite = corners[(k + 2) % 4];
                        anchorCol = opposite[0];
                        anchorRow = opposite[1];
                        start(Mode.RESIZE, i);
                        return;
                    }
                }
            }
        }
        for (int i = layer.rois().size() - 1; i >= 0; i--) {
            if (layer.rois().get(i).contains(c, r)) {
                start(Mode.MOVE, i);
                return;
            }
        }
        mode = Mode.DRAW;
        index = -1;
        before = null;
    }

    private void start(Mode m, int i) {
        mode = m;
        index = i;
        before = layer.rois().get(i);
        layer.selectedProperty().set(i);
        view.redrawOverlay();
    }

    @Override
    public void dragged(double col, double row, MouseEvent e) {
        int b = layer.binning();
        double c = col * b;
        double r = row * b;
        switch (mode) {
            case DRAW -> {
                Roi roi = Roi.spanning(index >= 0 ? layer.rois().get(index).name() : layer.freeName(), startCol, startRow, c, r);
                if (index < 0) {
                    if (roi.isEmpty()) {
                        return;
                    }
                    layer.rois().add(roi);
                    index = layer.rois().size() - 1;
                    layer.selectedProperty().set(index);
                } else {
                    layer.rois().set(index, roi);
                }
            }
            case MOVE -> layer.rois().set(index, before.movedBy((int) Math.round(c - startCol), (int) Math.round(r - startRow)));
            case RESIZE -> layer.rois().set(index, Roi.spanning(before.name(), anchorCol, anchorRow, c, r));
            default -> {
                return;
            }
        }
        view.redrawOverlay();
    }

    @Override
    public void released(double col, double row, MouseEvent e) {
        Mode m = mode;
        mode = Mode.NONE;
        if (m == Mode.DRAW && index < 0) { // a click: select what is under it
            int found = -1;
            for (int i = layer.rois().size() - 1; i >= 0 && found < 0; i--) {
                if (layer.rois().get(i).contains(startCol, startRow)) {
                    found = i;
                }
            }
            layer.selectedProperty().set(found);
            view.redrawOverlay();
            return;
        }
        if (index >= 0 && index < layer.rois().size() && layer.rois().get(index).isEmpty()) {
            if (before != null) {
                layer.rois().set(index, before); // resized to nothing: keep what was there
            } else {
                layer.rois().remove(index);
                layer.selectedProperty().set(-1);
            }
        }
        index = -1;
        view.redrawOverlay();
        if (m != Mode.NONE) {
            edited.run();
        }
    }
}
