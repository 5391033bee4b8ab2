package org.hutch.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.hutch.app.testing.TestWindows;
import org.hutch.app.testing.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** A 1280 px wide window: the top bar shortens the receiver URL and the data folder, never its labels or buttons; the tabs beside the image stay whole. */
@ExtendWith(ApplicationExtension.class)
class TopBarWidthIT {
    @TempDir
    static Path dir;

    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = TestWindows.show(stage, dir, "simulator");
        stage.setWidth(1280);
        stage.setHeight(800);
    }

    @AfterEach
    void close() throws Exception {
        TestWindows.close(window);
    }

    @Test
    void atA1280PixelWidthTheTopBarsLabelsAreWhole(FxRobot robot) throws Exception {
        Waits.until(Duration.ofSeconds(60), () -> window.session() != null, () -> window.view().statusLine());
        robot.interact(() -> { }); // one more layout pass with the session's URL and folder shown
        List<String> cut = Waits.onFx(() -> {
            Pane top = robot.lookup("#top-bar").query();
            top.getScene().getRoot().layout();
            List<String> c = new ArrayList<>();
            for (Node n : top.getChildren()) {
                if (n instanceof Labeled l && n.isVisible() && !"receiver-url".equals(n.getId()) && !"data-dir".equals(n.getId())
                        && l.getWidth() + 0.5 < l.prefWidth(-1)) {
                    c.add("'" + l.getText() + "' " + l.getWidth() + " < " + l.prefWidth(-1));
                }
            }
            return c;
        });
        assertTrue(cut.isEmpty(), "cut at 1280 px: " + cut);
        double width = Waits.onFx(() -> window.view().root().getScene().getWidth());
        assertTrue(width <= 1280, "the window is " + width + " px wide");

        // the tabs beside the image, the first titled as with a dark on, all whole (none scrolled off the row)
        robot.interact(() -> window.view().analysisTabs().getTabs().get(0).setText("1D  [dark \u2212]"));
        robot.interact(() -> { });
        List<String> off = Waits.onFx(() -> {
            javafx.scene.control.TabPane tabs = window.view().analysisTabs();
            javafx.geometry.Bounds pane = tabs.localToScene(tabs.getLayoutBounds());
            List<String> o = new ArrayList<>();
            for (Node t : tabs.lookupAll(".tab")) {
                javafx.geometry.Bounds b = t.localToScene(t.getLayoutBounds());
                if (t.isVisible() && (b.getMinX() < pane.getMinX() - 0.5 || b.getMaxX() > pane.getMaxX() + 0.5)) {
                    o.add(t.lookup(".tab-label") instanceof Labeled l ? l.getText() : t.toString());
                }
            }
            return o;
        });
        assertTrue(off.isEmpty(), "tabs cut at 1280 px: " + off);
        String folder = Waits.onFx(() -> robot.lookup("#data-dir-label").queryLabeled().getText());
        assertTrue(folder.equals("Data folder:"), folder);
    }
}
