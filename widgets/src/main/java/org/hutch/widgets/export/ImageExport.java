package org.hutch.widgets.export;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.hutch.widgets.image.PngExport;
import org.hutch.widgets.image.PreparedImage;
import org.hutch.widgets.image.RenderSettings;
import org.hutch.widgets.image.Scale;

/**
 * The shown image as a figure: the prepared pixels of the viewport (as {@code LiveImageView.renderViewport} gives
 * them), row and column axes in detector pixels, a colour bar with its value scale and scale mode, and a title.
 * Written as PNG or TIFF (by the extension). No JavaFX: runs on any thread.
 */
public final class ImageExport {
    private static final int MIN_SIDE = 480;
    private static final int LEFT = 70;
    private static final int TOP = 44;
    private static final int BOTTOM = 52;
    private static final int BAR_GAP = 24;
    private static final int BAR_WIDTH = 22;
    private static final int RIGHT = BAR_GAP + BAR_WIDTH + 120;

    private ImageExport() {
    }

    /** The image formats by extension: PNG or TIFF. */
    public static String formatOf(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".png")) {
            return "png";
        }
        if (name.endsWith(".tif") || name.endsWith(".tiff")) {
            return "tiff";
        }
        throw new IllegalArgumentException("export the image as .png, .tif or .tiff, not " + file.getFileName());
    }

    /** Draws the figure and writes it as PNG or TIFF by {@code file}'s extension. */
    public static BufferedImage write(PreparedImage image, String title, Path file) throws IOException {
        String format = formatOf(file);
        BufferedImage figure = compose(image, title);
        if (!ImageIO.write(figure, format, file.toFile())) {
            throw new IOException("no " + format.toUpperCase(Locale.ROOT) + " writer available for " + file);
        }
        return figure;
    }

    /** The figure: image scaled up to at least {@value #MIN_SIDE} pixels a side, axes, colour bar, title. */
    public static BufferedImage compose(PreparedImage image, String title) {
        double zoom = Math.max(1, Math.floor(MIN_SIDE / (double) Math.max(image.width(), image.height())));
        int w = (int) (image.width() * zoom);
        int h = (int) (image.height() * zoom);
        BufferedImage out = new BufferedImage(LEFT + w + RIGHT, TOP + h + BOTTOM, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.drawImage(PngExport.toBufferedImage(image), LEFT, TOP, w, h, null);
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(1));
            g.drawRect(LEFT - 1, TOP - 1, w + 1, h + 1);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString(title, LEFT, TOP - 16);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            axes(g, image, w, h);
            colourBar(g, image, LEFT + w + BAR_GAP, h);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Column ticks below, row ticks left, in detector pixel coordinates of the region shown. */
    private static void axes(Graphics2D g, PreparedImage image, int w, int h) {
        FontMetrics fm = g.getFontMetrics();
        int c0 = image.region().col0();
        int c1 = image.region().col1();
        int r0 = image.region().row0();
        int r1 = image.region().row1();
        for (double c : ticks(c0, c1, 6)) {
            int x = LEFT + (int) Math.round((c - c0) / (c1 - c0) * w);
            g.drawLine(x, TOP + h, x, TOP + h + 5);
            String label = label(c);
            g.drawString(label, x - fm.stringWidth(label) / 2, TOP + h + 7 + fm.getAscent());
        }
        String col = "column (pixel)";
        g.drawString(col, LEFT + w / 2 - fm.stringWidth(col) / 2, TOP + h + BOTTOM - 8);
        for (double r : ticks(r0, r1, 6)) {
            int y = TOP + (int) Math.round((r - r0) / (r1 - r0) * h);
            g.drawLine(LEFT - 6, y, LEFT - 1, y);
            String label = label(r);
            g.drawString(label, LEFT - 9 - fm.stringWidth(label), y + fm.getAscent() / 2 - 1);
        }
        Graphics2D turned = (Graphics2D) g.create();
        turned.rotate(-Math.PI / 2);
        String row = "row (pixel)";
        turned.drawString(row, -(TOP + h / 2 + fm.stringWidth(row) / 2), 14);
        turned.dispose();
    }

    /** The colour map from the low limit (bottom) to the high (top), values at ticks, and the scale mode. */
    private static void colourBar(Graphics2D g, PreparedImage image, int x, int h) {
        RenderSettings s = image.settings();
        Scale scale = s.scale();
        double lo = image.low(); // already the scale's effective low (positive for log)
        double hi = image.high();
        for (int i = 0; i < h; i++) {
            double t = 1 - i / (double) Math.max(1, h - 1);
            g.setColor(new Color(s.colormap().colorAt(t, s.reversed()), true));
            g.fillRect(x, TOP + i, BAR_WIDTH, 1);
        }
        g.setColor(Color.BLACK);
        g.drawRect(x - 1, TOP - 1, BAR_WIDTH + 1, h + 1);
        FontMetrics fm = g.getFontMetrics();
        for (double v : valueTicks(scale, lo, hi)) {
            int y = TOP + (int) Math.round((1 - scale.position(v, lo, hi)) * (h - 1));
            g.drawLine(x + BAR_WIDTH, y, x + BAR_WIDTH + 5, y);
            g.drawString(value(v), x + BAR_WIDTH + 8, y + fm.getAscent() / 2 - 1);
        }
        g.drawString(s.colormap() + (s.reversed() ? " reversed" : "") + ", " + scale, x - 4, TOP - 4);
    }

    /** Tick values for the colour bar: nice linear ticks, or decades for a log scale. */
    static List<Double> valueTicks(Scale scale, double lo, double hi) {
        if (!(hi > lo)) {
            return List.of(lo);
        }
        if (scale == Scale.LOG && lo > 0 && hi / lo >= 10) {
            List<Double> out = new ArrayList<>();
            for (double d = Math.pow(10, Math.ceil(Math.log10(lo))); d <= hi * (1 + 1e-12); d *= 10) {
                out.add(d);
            }
            return out;
        }
        return ticks(lo, hi, 6);
    }

    /** About {@code n} round tick positions between {@code lo} and {@code hi} (1, 2 or 5 times a power of ten apart). */
    static List<Double> ticks(double lo, double hi, int n) {
        double raw = (hi - lo) / Math.max(1, n);
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / mag < 1.5 ? mag : raw / mag < 3.5 ? 2 * mag : raw / mag < 7.5 ? 5 * mag : 10 * mag;
        List<Double> out = new ArrayList<>();
        for (double v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) {
            out.add(Math.abs(v) < step * 1e-9 ? 0 : v);
        }
        return out;
    }

    private static String label(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String value(double v) {
        double a = Math.abs(v);
        if (a != 0 && (a >= 1e5 || a < 1e-2)) {
            return String.format(Locale.ROOT, "%.1e", v);
        }
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3g", v);
    }
}
