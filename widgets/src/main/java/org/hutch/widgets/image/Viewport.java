package org.hutch.widgets.image;

/**
 * The part of the image the user looks at, in continuous image coordinates: x along columns, y along
 * rows, pixel (r, c) covering [c, c+1) x [r, r+1). Immutable; zoom and pan return new viewports.
 */
public record Viewport(double x, double y, double width, double height) {

    /** Smallest viewport side in pixels: zooming stops at a few pixels across. */
    public static final double MIN_SIDE = 4;

    public Viewport {
        if (!(width > 0 && height > 0)) {
            throw new IllegalArgumentException("viewport must have a positive size, got " + width + "x" + height);
        }
    }

    /** The whole image. */
    public static Viewport full(int rows, int cols) {
        return new Viewport(0, 0, cols, rows);
    }

    /** Zooms by {@code factor} (> 1 zooms in) keeping the image point (x, y) fixed on screen. */
    public Viewport zoomAt(double factor, double px, double py) {
        double w = Math.max(MIN_SIDE, width / factor);
        double h = Math.max(MIN_SIDE, height / factor);
        double fx = w / width;
        double fy = h / height;
        return new Viewport(px - (px - x) * fx, py - (py - y) * fy, w, h);
    }

    /** Moves the viewport by (dx, dy) image pixels. */
    public Viewport pan(double dx, double dy) {
        return new Viewport(x + dx, y + dy, width, height);
    }

    /** The whole pixels this viewport touches inside a rows x cols image, or null when it shows none. */
    public ImageRegion region(int rows, int cols) {
        int c0 = (int) Math.max(0, Math.floor(x));
        int r0 = (int) Math.max(0, Math.floor(y));
        int c1 = (int) Math.min(cols, Math.ceil(x + width));
        int r1 = (int) Math.min(rows, Math.ceil(y + height));
        return c1 > c0 && r1 > r0 ? new ImageRegion(r0, c0, r1, c1) : null;
    }

    /** Screen pixels per image pixel when this viewport is fitted into an area (aspect ratio kept). */
    public double scaleIn(double areaWidth, double areaHeight) {
        return Math.min(areaWidth / width, areaHeight / height);
    }

    /** Screen x of image x in an area of the given size (viewport centred). */
    public double toScreenX(double imageX, double areaWidth, double areaHeight) {
        double s = scaleIn(areaWidth, areaHeight);
        return (areaWidth - width * s) / 2 + (imageX - x) * s;
    }

    /** Screen y of image y in an area of the given size (viewport centred). */
    public double toScreenY(double imageY, double areaWidth, double areaHeight) {
        double s = scaleIn(areaWidth, areaHeight);
        return (areaHeight - height * s) / 2 + (imageY - y) * s;
    }

    /** Image x (column coordinate) under screen x. */
    public double toImageX(double screenX, double areaWidth, double areaHeight) {
        double s = scaleIn(areaWidth, areaHeight);
        return x + (screenX - (areaWidth - width * s) / 2) / s;
    }

    /** Image y (row coordinate) under screen y. */
    public double toImageY(double screenY, double areaWidth, double areaHeight) {
        double s = scaleIn(areaWidth, areaHeight);
        return y + (screenY - (areaHeight - height * s) / 2) / s;
    }
}
