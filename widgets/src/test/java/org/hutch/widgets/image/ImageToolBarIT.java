package org.hutch.widgets.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;

import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.input.MouseButton;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The image tool bar shows what the view holds, and stays in place when the contrast mode changes. */
@ExtendWith(ApplicationExtension.class)
class ImageToolBarIT {

    private LiveImageView view;

    @Start
    void start(Stage stage) {
        view = new LiveImageView();
        stage.setScene(new Scene(view, 900, 600));
        stage.show();
    }

    @AfterEach
    void dispose() {
        view.dispose();
    }

    @Test
    void restoredPercentilesAreShownAndTabKeepsThem(FxRobot robot) {
        robot.interact(() -> {
            view.percentileLowProperty().set(2.5);
            view.percentileHighProperty().set(97);
        });
        TextField low = robot.lookup("#percentile-low").queryAs(TextField.class);
        TextField high = robot.lookup("#percentile-high").queryAs(TextField.class);
        assertEquals("2.5", low.getText());
        assertEquals("97", high.getText());
        robot.clickOn(low).type(KeyCode.TAB);
        robot.clickOn(high).type(KeyCode.TAB);
        assertEquals(2.5, view.percentileLowProperty().get(), "Tab out of the low field keeps the restored value");
        assertEquals(97, view.percentileHighProperty().get(), "Tab out of the high field keeps the restored value");
    }

    @Test
    void theLimitFieldsStayInPlaceWhenTheContrastModeChanges(FxRobot robot) {
        Node min = robot.lookup("#contrast-min").query();
        double before = min.localToScene(0, 0).getX();
        robot.interact(() -> view.setContrastMode(ContrastMode.MANUAL));
        assertEquals(before, min.localToScene(0, 0).getX(), 0.5, "min field moved");
    }

    @Test
    void theHistogramHasAxesAndItsMarkersDragTheLevels(FxRobot robot) throws Exception {
        int[] d = new int[25 * 40];
        for (int i = 0; i < d.length; i++) {
            d[i] = i; // levels 0..999, one pixel each
        }
        robot.interact(() -> view.setContrastMode(ContrastMode.MIN_MAX));
        Thread source = new Thread(() -> view.setFrame(ImageFrame.ofUInt32(25, 40, d, 1)), "test-frame-source");
        source.start();
        source.join(10_000);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.shownImage() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(999, view.shownHighProperty().get(), 2, "min/max contrast");
        HistogramBar bar = robot.lookup("#histogram").queryAs(HistogramBar.class);
        List<String> levels = bar.levelLabels();
        assertEquals(5, levels.size(), levels.toString());
        assertEquals("0", levels.get(0));
        assertEquals(999, Double.parseDouble(levels.get(4)), 2, levels.toString());
        assertTrue(bar.countsLabel().contains("counts"), bar.countsLabel());

        // take the max marker at the right edge and drag it to 30 % of the width, holding the button
        Bounds b = bar.localToScreen(bar.getBoundsInLocal());
        double y = b.getMinY() + 15;
        robot.drag(new Point2D(b.getMaxX() - 2, y), MouseButton.PRIMARY)
                .moveTo(new Point2D(b.getMinX() + 0.3 * b.getWidth(), y));
        WaitForAsyncUtils.waitForFxEvents();
        try {
            assertEquals(ContrastMode.MANUAL, view.getContrastMode());
            assertEquals(300, view.manualHighProperty().get(), 20, "max follows the mouse while dragging");
            assertEquals(0, view.manualLowProperty().get(), "min stays");
            TextField max = robot.lookup("#contrast-max").queryAs(TextField.class);
            assertEquals(view.manualHighProperty().get(), Double.parseDouble(max.getText()), 0.5, max.getText());
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Math.abs(view.shownHighProperty().get() - 300) <= 20);
        } finally {
            robot.release(MouseButton.PRIMARY);
        }
    }
}
