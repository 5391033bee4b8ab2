package org.hutch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.hutch.app.testing.TestWindows;
import org.hutch.app.testing.Waits;
import org.hutch.detector.eiger.SimplonDcu;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A plugin that needs settings (eiger's URL) is opened through the settings form, against the SIMPLON simulator. */
@ExtendWith(ApplicationExtension.class)
class DetectorSettingsFormIT {

    @TempDir
    static Path dir;

    private MainWindow window;
    private static SimplonDcu dcu;

    @BeforeAll
    static void dcu() throws Exception {
        dcu = SimplonDcu.start();
    }

    @AfterAll
    static void closeDcu() {
        dcu.close();
    }

    @Start
    void start(Stage stage) throws Exception {
        window = TestWindows.show(stage, dir, "simulator:shape=64,64");
    }

    @AfterEach
    void close() throws Exception {
        TestWindows.close(window);
    }

    @Test
    void eigerOpensWithTheUrlTypedIntoItsSettingsForm(FxRobot robot) throws Exception {
        Waits.until(Duration.ofSeconds(30), () -> window.session() != null, () -> window.view().statusLine());
        ComboBox<String> choice = Waits.onFx(() -> robot.lookup("#detector-choice").query());
        WaitForAsyncUtils.asyncFx(() -> choice.setValue("eiger")).get();
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.view().statusLine().contains("then click Open"), window.view().statusLine());
        assertTrue(window.session().labMode() && window.session().detector().name().contains("imulator"),
                "nothing opened while the URL is missing");

        // Open without the URL: the form says what is missing, nothing is opened
        robot.clickOn("#open-detector");
        String error = Waits.onFx(() -> robot.lookup("#detector-settings-error").queryAs(Label.class).getText());
        assertTrue(error.contains("'url'") && error.contains("required"), error);

        TextField url = Waits.onFx(() -> robot.lookup("#detector-settings .text-field").queryAll().stream()
                .map(TextField.class::cast).filter(t -> t.getText().isEmpty()).findFirst().orElseThrow());
        robot.clickOn(url).write(dcu.url());
        robot.clickOn("#open-detector");
        Waits.until(Duration.ofSeconds(60), () -> window.session() != null && window.session().detector() != null
                        && window.session().detector().getClass().getSimpleName().startsWith("Eiger"),
                () -> window.view().statusLine());
        Waits.until(Duration.ofSeconds(20), () -> Waits.onFx(() -> !robot.lookup("#arm").query().isDisabled()),
                () -> "Arm disabled: " + window.view().statusLine());
        assertEquals(dcu.url(), window.settings().detectorOptions().get("eiger").get("url"), "remembered for eiger");
    }
}
