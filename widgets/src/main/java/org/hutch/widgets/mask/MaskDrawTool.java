package org.hutch.widgets.mask;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;
import javafx.scene.paint.Color;
import org.hutch.widgets.image.ImageTool;
import org.hutch.widgets.image.OverlayPainter;

/**
 * Draws mask shapes on the image and applies them to a {@link MaskEditor} (FX thread):
 * <ul>
 * <li>circle: press at the centre, drag out the radius, release;</li>
 * <li>rectangle: press at a corner, drag to the opposite one, release;</li>
 * <li>polygon: click each vertex; a double click, or a click on the first vertex, closes it;</li>
 * <li>arc: click three points along a ring (start, a point on the way, end), move the mouse to set
 * the width, click again (as Dioptas draws arcs).</li>
 * </ul>
 * Points come in the coordinates of the frame on screen; {@code scale} says how many detector pixels
 * one of its pixels holds (a reduced live frame), so the mask is always edited at full resolution.
 */
public final class MaskDrawTool implements ImageTool, OverlayPainter {

    public enum Shape { CIRCLE, RECTANGLE, POLYGON, ARC }

    /** Screen pixels within which a click closes a polygon on its first vertex. */
    private static final double CLOSE_PX = 6;

    private final Shape shape;
    private final Supplier<MaskEditor> editor;
    private final DoubleSupplier scale;
    private final Runnable redraw;
    private boolean add = true;
    /** the points so far, {col, row} in the shown frame's coordinates */
    private final List<double[]> points = new ArrayList<>();
    private double[] cursor;
    private double lastScreenScale = 1;

    /**
     * @param editor the mask to edit (asked at each shape's end, so a replaced editor is followed)
     * @param scale  detector pixels per shown pixel
     * @param redraw redraws the overlay (rubber bands)
     */
    public MaskDrawTool(Shape shape, Supplier<MaskEditor> editor, DoubleSupplier scale, Runnable redraw) {
        this.shape = shape;
        this.editor = editor;
        this.scale = scale;
        this.redraw = redraw;
    }

    public Shape shape() {
        return shape;
    }

    /** Add (mask) or remove (unmask) the pixels of the next shapes. */
    public void setAdd(boolean add) {
        this.add = add;
    }

    public boolean isAdd() {
        return add;
    }

    /** Drops a shape half drawn. */
    public void cancel() {
        points.clear();
        cursor = null;
        redraw.run();
    }

    @Override
    public void pressed(double col, double row, MouseEvent e) {
        double[] p = {col, row};
        switch (shape) {
            case CIRCLE, RECTANGLE -> {
                points.clear();
                points.add(p);
                cursor = p;
            }
            case POLYGON -> {
                boolean closes = points.size() >= 3 && (e.getClickCount() >= 2 || nearFirst(p));
                if (closes) {
                    double[] cs = new double[points.size()];
                    double[] rs = new double[points.size()];
                    for (int i = 0; i < cs.length; i++) {
                        cs[i] = points.get(i)[0];
                        rs[i] = points.get(i)[1];
                    }
                    finish(scaled(new MaskShape.Polygon(cs, rs)));
                } else if (e.getClickCount() < 2) {
                    points.add(p);
                }
            }
            case ARC -> {
                if (points.size() < 3) {
                    points.add(p);
                } else {
                    MaskShape s = arc(p);
                    if (s != null) {
                        finish(s);
                    } else {
                        points.clear();
                    }
                }
            }
        }
        redraw.run();
    }

    @Override
    public void dragged(double col, double row, MouseEvent e) {
        cursor = new double[] {col, row};
        redraw.run();
    }

    @Override
    public void released(double col, double row, MouseEvent e) {
        if ((shape == Shape.CIRCLE || shape == Shape.RECTANGLE) && !points.isEmpty()) {
            double[] a = points.get(0);
            MaskShape s = shape == Shape.CIRCLE
                    ? new MaskShape.Circle(a[0], a[1], Math.hypot(col - a[0], row - a[1]))
                    : new MaskShape.Rectangle(a[0], a[1], col, row);
            finish(scaled(s));
        }
    }

    @Override
    public void moved(double col, double row, MouseEvent e) {
        cursor = new double[] {col, row};
        if (!points.isEmpty()) {
            redraw.run();
        }
    }

    private void finish(MaskShape s) {
        points.clear();
        cursor = null;
        MaskEditor ed = editor.get();
        if (ed != null) {
            ed.apply(s, add);
        }
        redraw.run();
    }

    private boolean nearFirst(double[] p) {
        double[] f = points.get(0);
        return Math.hypot(p[0] - f[0], p[1] - f[1]) * lastScreenScale <= CLOSE_PX;
    }

    /** The arc through the three points, as wide as twice the cursor's distance from their circle; null if they are on one line. */
    private MaskShape arc(double[] widthPoint) {
        double f = scale.getAsDouble();
        try {
            MaskShape.Arc thin = MaskShape.Arc.throughThreePoints(points.get(0), points.get(1), points.get(2), 0);
            double width = 2 * Math.max(0.5, Math.abs(Math.hypot(widthPoint[0] - thin.col(), widthPoint[1] - thin.row())
                    - thin.rOuter()));
            MaskShape.Arc a = MaskShape.Arc.throughThreePoints(points.get(0), points.get(1), points.get(2), width);
            return new MaskShape.Arc(a.col() * f, a.row() * f, a.rInner() * f, a.rOuter() * f, a.start(), a.extent());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A shape of shown-frame coordinates in detector coordinates. */
    private MaskShape scaled(MaskShape s) {
        double f = scale.getAsDouble();
        if (f == 1) {
            return s;
        }
        if (s instanceof MaskShape.Circle c) {
            return new MaskShape.Circle(c.col() * f, c.row() * f, c.r() * f);
        }
        if (s instanceof MaskShape.Rectangle r) {
            return new MaskShape.Rectangle(r.col0() * f, r.row0() * f, r.col1() * f, r.row1() * f);
        }
        if (s instanceof MaskShape.Polygon p) {
            double[] cs = p.cols();
            double[] rs = p.rows();
            for (int i = 0; i < cs.length; i++) {
                cs[i] *= f;
                rs[i] *= f;
            }
            return new MaskShape.Polygon(cs, rs);
        }
        return s; // arcs are scaled where they are made
    }

    @Override
    public void paint(GraphicsContext gc, DetectorToScreen map) {
        lastScreenScale = map.scale();
        if (points.isEmpty()) {
            return;
        }
        gc.setStroke(add ? Color.web("#ffd400") : Color.web("#40e0ff"));
        gc.setLineWidth(1.5);
        gc.setLineDashes(6, 4);
        double[] a = points.get(0);
        double[] c = cursor != null ? cursor : a;
        switch (shape) {
            case CIRCLE -> {
                double r = Math.hypot(c[0] - a[0], c[1] - a[1]) * map.scale();
                gc.strokeOval(map.x(a[0], a[1]) - r, map.y(a[0], a[1]) - r, 2 * r, 2 * r);
            }
            case RECTANGLE -> {
                double[] xs = {map.x(a[0], a[1]), map.x(c[0], a[1]), map.x(c[0], c[1]), map.x(a[0], c[1])};
                double[] ys = {map.y(a[0], a[1]), map.y(c[0], a[1]), map.y(c[0], c[1]), map.y(a[0], c[1])};
                gc.strokePolygon(xs, ys, 4);
            }
            case POLYGON, ARC -> {
                int n = points.size() + 1;
                double[] xs = new double[n];
                double[] ys = new double[n];
                for (int i = 0; i < points.size(); i++) {
                    double[] p = points.get(i);
                    xs[i] = map.x(p[0], p[1]);
                    ys[i] = map.y(p[0], p[1]);
                }
                xs[n - 1] = map.x(c[0], c[1]);
                ys[n - 1] = map.y(c[0], c[1]);
                gc.strokePolyline(xs, ys, n);
            }
        }
    }
}
