package org.hutch.widgets.analysis;

import java.util.function.IntSupplier;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;

import org.hutch.widgets.image.ImageTool;
import org.hutch.widgets.image.LiveImageView;
import org.hutch.widgets.image.OverlayPainter;

/**
 * The line cut of one image view (FX thread): the line, its drawing (with a mark at its start, where
 * the profile's distance is 0), and the tool that draws it by a drag.
 */
public final class LineCutLayer implements OverlayPainter {

    private static final Color COLOR = Color.web("#00e5ff");

    private final ObjectProperty<LineCut> line = new SimpleObjectProperty<>(this, "line");
    private final IntSupplier binning;

    public LineCutLayer(IntSupplier binning) {
        this.binning = binning;
    }

    /** The line, or null for none. */
    public ObjectProperty<LineCut> lineProperty() {
        return line;
    }

    int binning() {
        return Math.max(1, binning.getAsInt());
    }

    @Override
    public void paint(GraphicsContext gc, DetectorToScreen map) {
        LineCut l = line.get();
        if (l == null) {
            return;
        }
        double b = binning();
        double x0 = map.x(l.col0() / b, l.row0() / b);
        double y0 = map.y(l.col0() / b, l.row0() / b);
        double x1 = map.x(l.col1() / b, l.row1() / b);
        double y1 = map.y(l.col1() / b, l.row1() / b);
        gc.setStroke(Color.color(0, 0, 0, 0.6));
        gc.setLineWidth(3.5);
        gc.strokeLine(x0, y0, x1, y1);
        gc.setStroke(COLOR);
        gc.setLineWidth(1.5);
        gc.strokeLine(x0, y0, x1, y1);
        gc.setFill(COLOR);
        gc.fillOval(x0 - 4, y0 - 4, 8, 8);
        gc.strokeOval(x1 - 4, y1 - 4, 8, 8);
    }

    /** A tool that draws the line from the press to the release (a click without a drag keeps the old line). */
    public ImageTool tool(LiveImageView view, Runnable edited) {
        return new ImageTool() {
            private double c0;
            private double r0;
            private boolean moved;

            @Override
            public void pressed(double col, double row, javafx.scene.input.MouseEvent e) {
                c0 = col * binning();
                r0 = row * binning();
                moved = false;
            }

            @Override
            public void dragged(double col, double row, javafx.scene.input.MouseEvent e) {
                moved = true;
                line.set(new LineCut(c0, r0, col * binning(), row * binning()));
                view.redrawOverlay();
            }

            @Override
            public void released(double col, double row, javafx.scene.input.MouseEvent e) {
                if (moved) {
                    line.set(new LineCut(c0, r0, col * binning(), row * binning()));
                    view.redrawOverlay();
                    edited.run();
                }
            }
        };
    }
}
