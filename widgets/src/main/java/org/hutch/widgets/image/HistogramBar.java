package org.hutch.widgets.image;

import java.util.function.DoubleConsumer;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;

/**
 * Histogram of the shown frame (log counts) between its minimum and maximum, with the contrast
 * limits drawn as lines. Clicking sets the nearer limit to the value under the mouse.
 */
final class HistogramBar extends Region {

    private final Canvas canvas = new Canvas();
    private PreparedImage image;
    private DoubleConsumer onPickLow = v -> { };
    private DoubleConsumer onPickHigh = v -> { };

    HistogramBar() {
        getChildren().add(canvas);
        setMinHeight(48);
        setPrefHeight(56);
        canvas.setOnMouseClicked(e -> pick(e.getX()));
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

    private void pick(double x) {
        if (image == null || image.histogram() == null) {
            return;
        }
        double v = valueAt(x);
        if (Math.abs(x - xOf(image.low())) <= Math.abs(x - xOf(image.high()))) {
            onPickLow.accept(v);
        } else {
            onPickHigh.accept(v);
        }
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
        double maxLog = 0;
        for (long c : bins) {
            maxLog = Math.max(maxLog, Math.log1p(c));
        }
        double bw = w / bins.length;
        g.setFill(Color.web("#8fa8c8"));
        for (int i = 0; i < bins.length; i++) {
            double bh = maxLog > 0 ? Math.log1p(bins[i]) / maxLog * (h - 4) : 0;
            g.fillRect(i * bw, h - bh, Math.max(1, bw), bh);
        }
        g.setLineWidth(1.5);
        g.setStroke(Color.web("#ffb000"));
        double xl = xOf(image.low());
        double xh = xOf(image.high());
        g.strokeLine(xl, 0, xl, h);
        g.strokeLine(xh, 0, xh, h);
    }
}
