package org.hutch.widgets.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;

import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

import org.hutch.widgets.image.ImageFrame;
import org.hutch.widgets.image.LiveImageView;
import org.hutch.widgets.image.Viewport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The view shows a frame reduced 2 x 2 (as the live view does for large detectors) while the analysis
 * gets the full frame: an ROI dragged on screen is kept in full-resolution detector pixels and its
 * statistics come from the full frame.
 */
@ExtendWith(ApplicationExtension.class)
class ReducedViewRoiIT {
    private static final int ROWS = 120;
    private static final int COLS = 100;
    private LiveImageView view;
    private ImageAnalysis analysis;

    @Start
    void start(Stage stage) {
        view = new LiveImageView();
        analysis = new ImageAnalysis(view);
        stage.setScene(new Scene(new BorderPane(view, null, analysis.roiPane(), null, null), 1000, 700));
        stage.show();
    }

    @AfterEach
    void dispose() {
        analysis.dispose();
        view.dispose();
    }

    @Test
    void roiOnAReducedViewIsInDetectorPixels(FxRobot robot) throws Exception {
        int[] full = new int[ROWS * COLS];
        for (int i = 0; i < full.length; i++) {
            full[i] = i % 7 + (i / COLS);
        }
        int[] reduced = new int[(ROWS / 2) * (COLS / 2)];
        for (int r = 0; r < ROWS / 2; r++) {
            for (int c = 0; c < COLS / 2; c++) {
                reduced[r * (COLS / 2) + c] = full[2 * r * COLS + 2 * c];
            }
        }
        analysis.frameShown(3, ImageFrame.ofInt32(ROWS, COLS, full, 3));
        view.setFrame(ImageFrame.ofInt32(ROWS / 2, COLS / 2, reduced, 3));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.shownImage() != null);
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> view.activeToolProperty().set(analysis.roiTool()));
        // from detector (20, 30) to (70, 90): shown-frame (10, 15) to (35, 45)
        robot.drag(shown(10, 15), MouseButton.PRIMARY).moveTo(shown(20, 30)).moveTo(shown(35, 45)).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        Roi roi = analysis.roiLayer().rois().get(0);
        assertEquals(20, roi.col0(), 1);
        assertEquals(30, roi.row0(), 1);
        assertEquals(70, roi.col1(), 1);
        assertEquals(90, roi.row1(), 1);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> analysis.roiPane().history(roi).containsKey(3L));
        double sum = 0;
        for (int r = roi.row0(); r < roi.row1(); r++) {
            for (int c = roi.col0(); c < roi.col1(); c++) {
                sum += full[r * COLS + c];
            }
        }
        PixelStats s = analysis.roiPane().history(roi).get(3L);
        assertEquals(sum, s.sum(), 0);
        assertEquals((long) roi.cols() * roi.rows(), s.count());
    }

    private Point2D shown(double col, double row) {
        Viewport vp = view.getViewport();
        double w = view.imageArea().getWidth();
        double h = view.imageArea().getHeight();
        return view.imageArea().localToScreen(vp.toScreenX(col, w, h), vp.toScreenY(row, w, h));
    }
}
