package org.hutch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.testfx.api.FxAssert.verifyThat;
import static org.testfx.matcher.base.NodeMatchers.isVisible;

import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class MainWindowTest {

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        new HutchApp().start(stage);
    }

    @Test
    void mainWindowShowsWithItsTitle() {
        assertTrue(stage.isShowing(), "main window should be showing");
        assertEquals(MainWindow.TITLE, stage.getTitle());
        verifyThat("#status-line", isVisible());
    }
}
