package org.hutch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import javafx.stage.Stage;
import org.hutch.app.settings.AppSettings;
import org.hutch.app.testing.TestWindows;
import org.hutch.app.testing.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Each detector tab integrates with its own PONI and mask. */
@ExtendWith(ApplicationExtension.class)
class PerTabGeometryIT {

    @TempDir
    static Path dir;

    private MainWindow window;

    private static String poni(int rows, int cols) {
        return "poni_version: 2\nDetector: Detector\nDetector_config: {\"pixel1\": 1e-04, \"pixel2\": 1e-04, \"max_shape\": ["
                + rows + ", " + cols + "]}\nDistance: 0.05\nPoni1: 0.003\nPoni2: 0.003\nRot1: 0\nRot2: 0\nRot3: 0\n"
                + "Wavelength: 1e-10\n";
    }

    @Start
    void start(Stage stage) throws Exception {
        Path saxs = Files.writeString(dir.resolve("saxs.poni"), poni(64, 64));
        Path waxs = Files.writeString(dir.resolve("waxs.poni"), poni(96, 80));
        Path waxsMask = Files.write(dir.resolve("waxs.u8"), new byte[96 * 80]);
        AppSettings s = AppSettings.defaults()
                .withDetectorGeometry("simulator", saxs.toString(), null)
                .withDetectorGeometry("simulator#2", waxs.toString(), waxsMask.toString());
        window = TestWindows.show(stage, dir, new LaunchOptions(null, "simulator:shape=64,64", false,
                dir.resolve("data"), null, 0, List.of("simulator:shape=96,80")), s);
    }

    @AfterEach
    void close() throws Exception {
        TestWindows.close(window);
    }

    @Test
    void eachTabHasItsOwnPoniAndMask() {
        List<Workspace> ws = window.workspaces();
        for (Workspace w : ws) {
            Waits.until(Duration.ofSeconds(30), () -> w.session() != null, () -> w.view().statusLine());
        }
        assertEquals(64, ws.get(0).session().poni().rows());
        assertFalse(ws.get(0).session().hasMask(), "the first tab has no mask");
        assertEquals(96, ws.get(1).session().poni().rows());
        assertEquals(80, ws.get(1).session().poni().cols());
        assertTrue(ws.get(1).session().hasMask(), "the second tab has its mask");
    }
}
