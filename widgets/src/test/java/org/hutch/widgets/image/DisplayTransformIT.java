package org.hutch.widgets.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Flips and quarter turns move the picture, the overlays and the readout together; detector coordinates stay. */
@ExtendWith(ApplicationExtension.class)
class DisplayTransformIT {

    private static final int ROWS = 60;
    private static final int COLS = 100;
    private LiveImageView view;
    /** screen points the overlay painter was last asked to draw detector (col 70, row 10)'s centre at */
    private volatile double[] painted;

    @Start
    void start(Stage stage) {
        view = new LiveImageView();
        view.getOverlayPainters().add((gc, map) -> painted = new double[] {map.x(70.5, 10.5), map.y(70.5, 10.5)});
        stage.setScene(new Scene(view, 900, 760));
        stage.show();
    }

    @AfterEach
    void dispose() {
        view.dispose();
    }

    /** Where the display puts detector point (col, row), worked out here from the definition (mirror, then turns). */
    private static double[] displayPoint(DisplayTransform t, double col, double row) {
        double x = t.mirrored() ? COLS - col : col;
        double y = row;
        return switch (t.quarterTurns()) {
            case 0 -> new double[] {x, y};
            case 1 -> new double[] {ROWS - y, x};
            case 2 -> new double[] {COLS - x, ROWS - y};
            default -> new double[] {y, COLS - x};
        };
    }

    /** The area point of detector (col, row) with the whole display image fitted and centred in the area. */
    private Point2D areaPoint(DisplayTransform t, double col, double row) {
        double dw = t.swapsAxes() ? ROWS : COLS;
        double dh = t.swapsAxes() ? COLS : ROWS;
        double aw = view.imageArea().getWidth();
        double ah = view.imageArea().getHeight();
        double s = Math.min(aw / dw, ah / dh);
        double[] d = displayPoint(t, col, row);
        return new Point2D((aw - dw * s) / 2 + d[0] * s, (ah - dh * s) / 2 + d[1] * s);
    }

    private int colourAt(FxRobot robot, Point2D areaPoint) {
        int[] argb = new int[1];
        robot.interact(() -> {
            WritableImage img = view.imageArea().snapshot(null, null);
            argb[0] = img.getPixelReader().getArgb((int) areaPoint.getX(), (int) areaPoint.getY());
        });
        return argb[0];
    }

    @Test
    void readoutImageAndOverlaysFollowEveryFlipAndTurn(FxRobot robot) throws Exception {
        int[] d = new int[ROWS * COLS];
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < COLS; c++) {
                d[r * COLS + c] = r * 1000 + c;
            }
        }
        view.setFrame(ImageFrame.ofUInt32(ROWS, COLS, d, 1));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.shownImage() != null);
        WaitForAsyncUtils.waitForFxEvents();
        int colour = colourAt(robot, areaPoint(DisplayTransform.IDENTITY, 70.5, 10.5));
        for (int k = 0; k < 4; k++) {
            for (boolean m : new boolean[] {false, true}) {
                DisplayTransform t = new DisplayTransform(k, m);
                robot.interact(() -> view.setDisplayTransform(t));
                WaitForAsyncUtils.waitForFxEvents();
                Point2D p = areaPoint(t, 70.5, 10.5);
                robot.moveTo(view.imageArea().localToScreen(p));
                WaitForAsyncUtils.waitForFxEvents();
                assertTrue(view.readoutProperty().get().startsWith("row 10  col 70  value 10070"),
                        t + ": " + view.readoutProperty().get());
                double[] got = view.screenToDetector(p.getX(), p.getY());
                assertEquals(70.5, got[0], 1e-9, t + " col");
                assertEquals(10.5, got[1], 1e-9, t + " row");
                robot.interact(view::redrawOverlay);
                assertEquals(p.getX(), painted[0], 1e-9, t + " overlay x");
                assertEquals(p.getY(), painted[1], 1e-9, t + " overlay y");
                assertEquals(colour, colourAt(robot, p), t + ": the picture shows pixel (10, 70) there");
                // a corner pixel, as a second point of the picture
                Point2D corner = areaPoint(t, 0.5, 0.5);
                assertEquals(colourAt(robot, areaPoint(t, 0.5, 0.5)), colourAt(robot, corner));
            }
        }
    }
}
