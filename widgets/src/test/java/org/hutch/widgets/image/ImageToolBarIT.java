package org.hutch.widgets.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
