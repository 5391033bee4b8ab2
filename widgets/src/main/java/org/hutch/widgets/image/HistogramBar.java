package org.hutch.widgets.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleConsumer;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * Histogram of the shown frame (log counts) between its minimum and maximum, with the contrast
 * limits drawn as lines, a level axis below and the largest count at the top left. Pressing sets
 * the nearer limit to the value under the mouse; dragging moves that limit with the mouse.
 */
final class HistogramBar extends Region {

    private final Canvas canvas = new Canvas();
    private PreparedImage image;
    private DoubleConsumer onPickLow = v -> { };
    private DoubleConsumer onPickHigh = v -> { };
    /** the limit a press took hold of, kept while the mouse drags it (it may pass the other one) */
    private boolean draggingLow;
    /** the frame shown at the press: its range maps the mouse for the whole drag, as the range follows the limits */
    private PreparedImage dragged;
    private final List<String> levelLabels = new ArrayList<>();
    private String countsLabel = "";

    /** height of the level axis under the bars */
    private static final double AXIS = 13;
    private static final int TICKS = 5;

    HistogramBar() {
        getChildren().add(canvas);
        setMinHeight(60);
        setPrefHeight(70);
        canvas.setOnMousePressed(e -> press(e.getX()));
        canvas.setOnMouseDragged(e -> drag(e.getX()));
        canvas.setOnMouseReleased(e -> dragged = null);
    }

    void setOnPick(DoubleConsumer low, DoubleConsumer high) {
        onPickLow = low;
        onPickHigh = high;
    }

    void show(PreparedImage prepared) {
        image = prepared;
        draw();
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        draw();
    }

    /** Value at canvas x, on the shown frame's scale. */
    private double valueAt(double x) {
        return valueAt(image, x);
    }

    /** Value at canvas x on {@code image}'s histogram range and scale. */
    private double valueAt(PreparedImage image, double x) {
        double t = Math.max(0, Math.min(1, x / canvas.getWidth()));
        double lo = image.settings().scale().effectiveLow(image.histogramLow(), image.histogramHigh(), image.low());
        double hi = image.histogramHigh();
        switch (image.settings().scale()) {
            case LOG: return Math.exp(Math.log(lo) + t * (Math.log(hi) - Math.log(lo)));
            case SQRT: {
                double a = Math.sqrt(Math.max(lo, 0));
                double b = Math.sqrt(Math.max(hi, 0));
                double s = a + t * (b - a);
                return s * s;
            }
            default: return lo + t * (hi - lo);
        }
    }

    private double xOf(double value) {
        Scale scale = image.settings().scale();
        double lo = scale.effectiveLow(image.histogramLow(), image.histogramHigh(), image.low());
        return scale.position(value, lo, image.histogramHigh()) * canvas.getWidth();
    }

    private void press(double x) {
        if (image == null || image.histogram() == null) {
            return;
        }
        draggingLow = Math.abs(x - xOf(image.low())) <= Math.abs(x - xOf(image.high()));
        dragged = image;
        drag(x);
    }

    private void drag(double x) {
        if (dragged != null) {
            (draggingLow ? onPickLow : onPickHigh).accept(valueAt(dragged, x));
        }
    }

    /** The level axis' labels, left to right, as last drawn (for tests). */
    List<String> levelLabels() {
        return List.copyOf(levelLabels);
    }

    /** The count axis' label, as last drawn (for tests). */
    String countsLabel() {
        return countsLabel;
    }

    private static String level(double v) {
        if (!Double.isFinite(v)) {
            return "?";
        }
        return Math.abs(v) >= 1e5 || (v != 0 && Math.abs(v) < 1e-2) ? String.format(Locale.ROOT, "%.2e", v)
                : new java.math.BigDecimal(String.format(Locale.ROOT, "%.4g", v)).stripTrailingZeros().toPlainString();
    }

    private void draw() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.web("#1e1f22"));
        g.fillRect(0, 0, w, h);
        if (image == null || image.histogram() == null || w <= 0) {
            return;
        }
        long[] bins = image.histogram();
        long maxCount = 0;
        for (long c : bins) {
            maxCount = Math.max(maxCount, c);
        }
        double maxLog = Math.log1p(maxCount);
        double barsH = h - AXIS;
        double bw = w / bins.length;
        g.setFill(Color.web("#8fa8c8"));
        for (int i = 0; i < bins.length; i++) {
            double bh = maxLog > 0 ? Math.log1p(bins[i]) / maxLog * (barsH - 4) : 0;
            g.fillRect(i * bw, barsH - bh, Math.max(1, bw), bh);
        }
        drawAxes(g, w, barsH, maxCount);
        g.setLineWidth(1.5);
        g.setStroke(Color.web("#ffb000"));
        double xl = xOf(image.low());
        double xh = xOf(image.high());
        g.strokeLine(xl, 0, xl, barsH);
        g.strokeLine(xh, 0, xh, barsH);
    }

    /** Level ticks on the frame's scale under the bars, and the largest count (the log axis' top) at the top right. */
    private void drawAxes(GraphicsContext g, double w, double barsH, long maxCount) {
        g.setStroke(Color.web("#9a9da3"));
        g.setFill(Color.web("#c8cacc"));
        g.setLineWidth(1);
        g.setFont(Font.font(9));
        g.strokeLine(0, barsH, w, barsH);
        levelLabels.clear();
        for (int i = 0; i < TICKS; i++) {
            double x = i * w / (TICKS - 1);
            String label = level(valueAt(x));
            levelLabels.add(label);
            double tick = Math.min(x, w - 1); // the right edge's tick inside the canvas
            g.strokeLine(tick, barsH, tick, barsH + 3);
            g.setTextAlign(i == 0 ? TextAlignment.LEFT : i == TICKS - 1 ? TextAlignment.RIGHT : TextAlignment.CENTER);
            g.fillText(label, x, barsH + AXIS - 2);
        }
        countsLabel = maxCount + " counts (log)";
        // at the top right on a backdrop: the low level's handle and the first bins sit at the left edge
        javafx.scene.text.Text t = new javafx.scene.text.Text(countsLabel);
        t.setFont(g.getFont());
        double tw = t.getLayoutBounds().getWidth();
        g.setFill(Color.web("#1e1f22", 0.8));
        g.fillRect(w - tw - 6, 0, tw + 6, 13);
        g.setFill(Color.web("#c8cacc"));
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(countsLabel, w - 3, 10);
    }
}
