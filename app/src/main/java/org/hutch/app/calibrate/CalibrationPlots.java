package org.hutch.app.calibrate;

import java.util.List;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import org.hutch.azint.Geometry;
import org.hutch.azint.Poni;
import org.hutch.azint.calibration.CalibrationImage;
import org.hutch.azint.calibration.Calibrator;
import org.hutch.azint.calibration.ControlPoint;
import org.hutch.azint.calibration.RingContour;

/**
 * The drawings of the calibration window: the image (log scale) with control points and ring
 * overlay, and the 2θ residuals against azimuth. Only {@link #grey} runs off the FX thread.
 */
final class CalibrationPlots {
    private CalibrationPlots() {
    }

    /** The image in log-scaled grey, excluded pixels dark blue (built on a background thread). */
    static WritableImage grey(CalibrationImage img) {
        int rows = img.rows(), cols = img.cols();
        double max = 1;
        for (int i = 0; i < rows * cols; i++) {
            double v = img.at(i);
            if (v > max) {
                max = v;
            }
        }
        double scale = 255 / Math.log1p(max);
        WritableImage out = new WritableImage(cols, rows);
        PixelWriter w = out.getPixelWriter();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double v = img.at(r, c);
                if (Double.isNaN(v)) {
                    w.setArgb(c, r, 0xFF102040);
                } else {
                    int g = (int) Math.min(255, Math.log1p(Math.max(0, v)) * scale);
                    w.setArgb(c, r, 0xFF000000 | g << 16 | g << 8 | g);
                }
            }
        }
        return out;
    }

    /** The scale from image pixels to canvas pixels, keeping the aspect ratio. */
    static double scale(Canvas canvas, int rows, int cols) {
        return Math.min(canvas.getWidth() / cols, canvas.getHeight() / rows);
    }

    /** Image, expected rings of the geometry (if any), control points, and the beam-centre seed. */
    static void drawImage(Canvas canvas, WritableImage image, Poni geometry, double[] ringTth, List<ControlPoint> points,
                          double[] seed) {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.BLACK);
        g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        if (image == null) {
            return;
        }
        int rows = (int) image.getHeight(), cols = (int) image.getWidth();
        double s = scale(canvas, rows, cols);
        g.drawImage(image, 0, 0, cols * s, rows * s);
        if (geometry != null && ringTth != null) {
            g.setStroke(Color.ORANGERED);
            g.setLineWidth(1);
            for (double t : ringTth) {
                double[][] c = RingContour.points(geometry, t, 360);
                for (int i = 0; i < 360; i++) {
                    int j = (i + 1) % 360;
                    if (!Double.isNaN(c[0][i]) && !Double.isNaN(c[0][j]) && inside(c, i, rows, cols) && inside(c, j, rows, cols)) {
                        g.strokeLine(c[1][i] * s, c[0][i] * s, c[1][j] * s, c[0][j] * s);
                    }
                }
            }
        }
        if (points != null) {
            g.setFill(Color.LIMEGREEN);
            for (ControlPoint p : points) {
                g.fillRect(p.d2() * s - 1, p.d1() * s - 1, 2, 2);
            }
        }
        if (seed != null) {
            g.setStroke(Color.CYAN);
            g.strokeLine(seed[1] * s - 6, seed[0] * s, seed[1] * s + 6, seed[0] * s);
            g.strokeLine(seed[1] * s, seed[0] * s - 6, seed[1] * s, seed[0] * s + 6);
        }
    }

    private static boolean inside(double[][] c, int i, int rows, int cols) {
        return c[0][i] >= 0 && c[0][i] <= rows && c[1][i] >= 0 && c[1][i] <= cols;
    }

    /** The residuals (millidegrees of 2θ) of a calibration against the azimuth χ (degrees). */
    static void drawResiduals(Canvas canvas, Calibrator.Result result) {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth(), h = canvas.getHeight();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setStroke(Color.GREY);
        g.strokeLine(40, h / 2, w, h / 2);
        g.setFill(Color.BLACK);
        g.fillText("2θ residual vs χ", w - 110, 14); // the scale takes the left corner
        if (result == null) {
            return;
        }
        Geometry geo = new Geometry(result.poni());
        double[] res = result.fit().residuals();
        double limit = 1e-9;
        for (double r : res) {
            limit = Math.max(limit, Math.abs(r));
        }
        g.fillText(String.format(java.util.Locale.ROOT, "±%.1f m°", Math.toDegrees(limit) * 1000), 2, 14);
        g.setFill(Color.STEELBLUE);
        List<ControlPoint> pts = result.points();
        for (int i = 0; i < pts.size(); i++) {
            double chi = geo.chi(pts.get(i).d1(), pts.get(i).d2());
            double x = 40 + (chi + Math.PI) / (2 * Math.PI) * (w - 40);
            double y = h / 2 - res[i] / limit * (h / 2 - 4);
            g.fillRect(x - 1, y - 1, 2, 2);
        }
    }
}
