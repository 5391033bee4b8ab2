package org.hutch.app.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.hutch.app.LaunchOptions;
import org.hutch.app.MainWindow;
import org.hutch.app.settings.SettingsStore;
import org.hutch.app.testing.Waits;
import org.hutch.azint.Poni;
import org.hutch.testkit.TestData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The calibration flow in the real window: open it from the main window, load the real CeO2 image
 * and its mask, pick the calibrant, give λ and distance, click the beam centre on the image,
 * refine, save; the live integration of the main window then uses the saved PONI.
 */
@ExtendWith(ApplicationExtension.class)
class CalibrationWindowIT {
    static {
        // the lab-mode main window can take longer than TestFX's default setup wait on a loaded machine
        System.setProperty("testfx.setup.timeout", "120000");
    }

    @TempDir
    static Path dir;

    private MainWindow window;

    @Start
    void start(Stage stage) {
        SettingsStore store = new SettingsStore(dir.resolve("settings.json"));
        window = new MainWindow(new LaunchOptions(null, "simulator:shape=128,128", false, dir.resolve("data"), null, 0), store,
                store.load());
        window.show(stage);
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> window.close()).get().get();
    }

    private static String status(FxRobot robot) {
        return Waits.onFx(() -> robot.lookup("#calib-status").queryAs(Label.class).getText());
    }

    /** The control point count of the status line. */
    private static int points(String status) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+) points").matcher(status);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** Fills a text field (long paths typed key by key take minutes on a loaded machine). */
    private static void type(FxRobot robot, String id, String text) {
        robot.clickOn(id);
        robot.interact(() -> robot.lookup(id).queryTextInputControl().setText(text));
    }

    @Test
    void loadPickRefineSaveAndTheLiveIntegrationUsesIt(FxRobot robot) throws Exception {
        Path dev = TestData.require("azint/dev01_ceo2_pilatus1m_real");
        Waits.until(Duration.ofSeconds(30), () -> window.session() != null, () -> window.view().statusLine());
        robot.clickOn("#calibrate");
        WaitForAsyncUtils.waitForFxEvents();
        type(robot, "#calib-image", dev.resolve("image.raw.gz").toString());
        type(robot, "#calib-mask", dev.resolve("mask.u8.gz").toString());
        robot.clickOn("#calib-load");
        Waits.until(Duration.ofSeconds(60), () -> status(robot).contains("1043 x 981"), () -> status(robot));
        assertTrue(status(robot).contains("Pilatus1M"), status(robot));
        robot.clickOn("#calib-calibrant").clickOn("LaB6").clickOn("#calib-calibrant").clickOn("CeO2");
        type(robot, "#calib-wavelength", "0.4066");
        type(robot, "#calib-distance", "213.6");
        // the beam centre clicked 20 pixels off the true one (row 530.5, column 487.3 on the image as stored)
        Canvas canvas = Waits.onFx(() -> robot.lookup("#calib-canvas").queryAs(Canvas.class));
        double s = Math.min(canvas.getWidth() / 981, canvas.getHeight() / 1043);
        robot.moveTo(canvas).moveBy(507.3 * s - canvas.getWidth() / 2, 550.5 * s - canvas.getHeight() / 2).clickOn();
        String centre = Waits.onFx(() -> robot.lookup("#calib-centre").queryTextInputControl().getText());
        assertTrue(centre.matches("5[45]\\d\\.\\d, 50\\d\\.\\d"), centre);
        robot.clickOn("#calib-refine");
        Waits.until(Duration.ofSeconds(180), () -> status(robot).startsWith("RMS") || status(robot).startsWith("calibration failed"),
                () -> status(robot));
        assertTrue(status(robot).startsWith("RMS"), status(robot));
        String refined = status(robot);

        // a right click on the first ring, at the right of the beam centre, removes one control point and refits
        Poni mirroredRef = Poni.read(dev.resolve("geometry.poni"));
        mirroredRef = new Poni(mirroredRef.detector(), mirroredRef.pixel1(), mirroredRef.pixel2(), mirroredRef.rows(), mirroredRef.cols(),
                mirroredRef.dist(), mirroredRef.rows() * mirroredRef.pixel1() - mirroredRef.poni1(), mirroredRef.poni2(),
                mirroredRef.rot1(), -mirroredRef.rot2(), -mirroredRef.rot3(), mirroredRef.wavelength());
        double tth0 = org.hutch.azint.calibration.Calibrant.byName("CeO2").orElseThrow().tth(mirroredRef.wavelength())[0];
        double[][] ring = org.hutch.azint.calibration.RingContour.points(mirroredRef, tth0, 4); // χ = −180°, −90°, 0°, 90°
        robot.moveTo(canvas).moveBy(ring[1][2] * s - canvas.getWidth() / 2, ring[0][2] * s - canvas.getHeight() / 2)
                .clickOn(javafx.scene.input.MouseButton.SECONDARY);
        int before = points(refined);
        Waits.until(Duration.ofSeconds(60), () -> status(robot).startsWith("RMS") && points(status(robot)) == before - 1,
                () -> status(robot));

        Path out = dir.resolve("calibrated.poni");
        type(robot, "#calib-out", out.toString());
        robot.clickOn("#calib-save");
        Waits.until(Duration.ofSeconds(30), () -> Files.exists(out) && window.session().poni() != null
                && "Pilatus1M".equals(window.session().poni().detector()), () -> status(robot));
        Poni saved = Poni.read(out);
        Poni live = window.session().poni();
        assertEquals(saved, live);
        // the pyFAI geometry of this image in its stored row order (see CalibratorTest): within the bounds
        Poni ref = Poni.read(dev.resolve("geometry.poni"));
        assertEquals(ref.dist(), saved.dist(), 1e-3 * ref.dist());
        assertEquals(ref.rows() * ref.pixel1() - ref.poni1(), saved.poni1(), 0.3 * ref.pixel1());
        assertEquals(-ref.rot2(), saved.rot2(), Math.toRadians(0.05));
    }

    /**
     * Seeding by hand: with the ring tool, clicks on the first and third CeO2 rings pick their
     * peaks; the remove tool takes one off; the refinement from a beam centre 40 pixels and a
     * distance 10 mm off (outside the coarse search) then lands on the reference, and is saved.
     */
    @Test
    void ringsPickedByHandSeedTheRefinement(FxRobot robot) throws Exception {
        Path dev = TestData.require("azint/dev01_ceo2_pilatus1m_real");
        Waits.until(Duration.ofSeconds(30), () -> window.session() != null, () -> window.view().statusLine());
        robot.clickOn("#calibrate");
        WaitForAsyncUtils.waitForFxEvents();
        type(robot, "#calib-image", dev.resolve("image.raw.gz").toString());
        type(robot, "#calib-mask", dev.resolve("mask.u8.gz").toString());
        robot.clickOn("#calib-load");
        Waits.until(Duration.ofSeconds(60), () -> status(robot).contains("1043 x 981"), () -> status(robot));
        type(robot, "#calib-wavelength", "0.4066");
        type(robot, "#calib-distance", "198.65");
        type(robot, "#calib-centre", "570.5, 447.3"); // 40 pixels off in both directions

        Poni ref = Poni.read(dev.resolve("geometry.poni"));
        Poni mirrored = new Poni(ref.detector(), ref.pixel1(), ref.pixel2(), ref.rows(), ref.cols(), ref.dist(),
                ref.rows() * ref.pixel1() - ref.poni1(), ref.poni2(), ref.rot1(), -ref.rot2(), -ref.rot3(), ref.wavelength());
        double[] tth = org.hutch.azint.calibration.Calibrant.byName("CeO2").orElseThrow().tth(ref.wavelength());
        Canvas canvas = Waits.onFx(() -> robot.lookup("#calib-canvas").queryAs(Canvas.class));
        double s = Math.min(canvas.getWidth() / 981, canvas.getHeight() / 1043);
        robot.clickOn("#calib-tool-ring");
        int total = 0;
        for (int ring : new int[] {1, 3}) {
            robot.interact(() -> robot.lookup("#calib-ring").queryAs(javafx.scene.control.Spinner.class).getValueFactory().setValue(ring));
            double[][] at = org.hutch.azint.calibration.RingContour.points(mirrored, tth[ring - 1], 8); // index 4: χ = 0
            robot.moveTo(canvas).moveBy(at[1][4] * s - canvas.getWidth() / 2, at[0][4] * s - canvas.getHeight() / 2).clickOn();
            int before = total;
            Waits.until(Duration.ofSeconds(30), () -> picked(status(robot)) > before, () -> status(robot));
            total = picked(status(robot));
        }
        assertTrue(status(robot).contains("on 2 rings"), status(robot));
        assertTrue(total >= 24, status(robot));
        robot.clickOn("#calib-tool-remove");
        double[][] first = org.hutch.azint.calibration.RingContour.points(mirrored, tth[0], 8);
        robot.moveTo(canvas).moveBy(first[1][4] * s - canvas.getWidth() / 2, first[0][4] * s - canvas.getHeight() / 2).clickOn();
        int all = total;
        Waits.until(Duration.ofSeconds(10), () -> status(robot).equals((all - 1) + " picked points left"), () -> status(robot));
        org.hutch.app.testing.Screenshots.shoot(Waits.onFx(() -> robot.lookup("#calibration-root").query()), "calibration-picked.png");

        robot.clickOn("#calib-refine");
        Waits.until(Duration.ofSeconds(180), () -> status(robot).startsWith("RMS") || status(robot).startsWith("calibration failed"),
                () -> status(robot));
        assertTrue(status(robot).startsWith("RMS"), status(robot));
        org.hutch.app.testing.Screenshots.shoot(Waits.onFx(() -> robot.lookup("#calibration-root").query()), "calibration-refined.png");
        Path out = dir.resolve("picked.poni");
        type(robot, "#calib-out", out.toString());
        robot.clickOn("#calib-save");
        Waits.until(Duration.ofSeconds(30), () -> Files.exists(out) && window.session().poni() != null
                && "Pilatus1M".equals(window.session().poni().detector()), () -> status(robot));
        Poni saved = Poni.read(out);
        assertEquals(saved, window.session().poni());
        assertEquals(mirrored.dist(), saved.dist(), 1e-3 * mirrored.dist());
        double[] bc = new org.hutch.azint.Geometry(saved).beamCentre(), bcRef = new org.hutch.azint.Geometry(mirrored).beamCentre();
        assertTrue(Math.hypot(bc[0] - bcRef[0], bc[1] - bcRef[1]) < 0.3, java.util.Arrays.toString(bc) + " vs " + java.util.Arrays.toString(bcRef));
    }

    /** The picked point count of the status line ("... N picked points on ..."). */
    private static int picked(String status) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+) picked points").matcher(status);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }
}
