package org.hutch.widgets.image;

import javafx.scene.canvas.GraphicsContext;

/**
 * Draws shapes given in detector pixel coordinates over the image (ROIs, cuts, mask shapes, phase
 * rings). Painters are called on the FX thread each time the overlay is redrawn: keep them cheap.
 */
@FunctionalInterface
public interface OverlayPainter {

    void paint(GraphicsContext gc, DetectorToScreen map);

    /** Maps detector pixel coordinates ({@code col}, {@code row}, fractional) to overlay coordinates. */
    interface DetectorToScreen {
        double x(double col, double row);

        double y(double col, double row);

        /** Screen pixels per detector pixel at the current zoom. */
        double scale();
    }
}
