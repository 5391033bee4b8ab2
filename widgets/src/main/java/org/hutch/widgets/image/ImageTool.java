package org.hutch.widgets.image;

import javafx.scene.input.MouseEvent;

/**
 * A mouse tool on the image (ROI, line cut, mask drawing, ring picking). While a tool is active in
 * {@link LiveImageView#activeToolProperty()}, the primary button goes to it instead of panning; the
 * wheel still zooms. Coordinates are the detector's own pixel coordinates ({@code col} across,
 * {@code row} down, fractional, pixel centres at +0.5), whatever display transform is on.
 */
public interface ImageTool {

    void pressed(double col, double row, MouseEvent e);

    void dragged(double col, double row, MouseEvent e);

    void released(double col, double row, MouseEvent e);

    /** Mouse moves without a button (rubber bands of polygons); nothing by default. */
    default void moved(double col, double row, MouseEvent e) {
    }
}
