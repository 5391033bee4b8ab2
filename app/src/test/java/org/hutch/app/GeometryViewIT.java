package org.hutch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.hutch.app.cli.azint.AzintCommand;
import org.hutch.app.settings.AppSettings;
import org.hutch.app.testing.TestWindows;
import org.hutch.app.testing.Waits;
import org.hutch.model.curve.RadialUnit;
import org.hutch.testkit.Hdf5ReadBack;
import org.hutch.widgets.image.LiveImageView;
import org.hutch.widgets.image.PreparedImage;
import org.hutch.widgets.plot.Curve;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import picocli.CommandLine;

/**
 * The detector's PONI and mask as the user sees them: the mask drawn on the live image (and in its
 * readout), and the 1D curve in 2&theta; with the axis {@code hutch azint --unit 2th_deg} gives.
 */
@ExtendWith(ApplicationExtension.class)
class GeometryViewIT {

    @TempDir
    static Path dir;

    private MainWindow window;

    /** The simulator's geometry on a 128 x 128 detector of 0.6 mm pixels (the same rings, 8 x coarser). */
    static final String PONI_128 = "poni_version: 2\nDetector: Detector\n"
            + "Detector_config: {\"pixel1\": 6e-04, \"pixel2\": 6e-04, \"max_shape\": [128, 128]}\n"
            + "Distance: 0.1\nPoni1: 0.0384\nPoni2: 0.0384\nRot1: 0\nRot2: 0\nRot3: 0\nWavelength: 1.0332e-10\n";

    @Start
    void start(Stage stage) throws Exception {
        Path poni = Files.writeString(dir.resolve("det128.poni"), PONI_128);
        byte[] m = new byte[128 * 128];
        for (int i = 0; i < 40 * 128; i++) {
            m[i] = 1; // the top 40 rows
        }
        Path mask = Files.write(dir.resolve("top40.u8"), m);
        AppSettings s = AppSettings.defaults().withDetectorGeometry("simulator", poni.toString(), mask.toString());
        window = TestWindows.show(stage, dir, new LaunchOptions(null, "simulator:shape=128,128", false,
                dir.resolve("data"), null, 3), s);
    }

    @AfterEach
    void close() throws Exception {
        TestWindows.close(window);
    }

    @Test
    void theMaskIsDrawnOnTheImageAndTheCurveFollowsTheUnitIn2Theta(FxRobot robot) throws Exception {
        LiveImageView image = window.view().image();
        Waits.until(Duration.ofSeconds(60), () -> window.view().statusLine().contains("all 3 frames written"),
                () -> window.view().statusLine());
        Waits.until(Duration.ofSeconds(20), () -> image.shownImage() != null, () -> "no image shown");
        javafx.scene.paint.Color mc = image.maskColorProperty().get();
        int maskArgb = 0xFF000000 | (int) Math.round(mc.getRed() * 255) << 16 | (int) Math.round(mc.getGreen() * 255) << 8
                | (int) Math.round(mc.getBlue() * 255);

        // the prepared image has the mask colour in the masked rows only
        Waits.until(Duration.ofSeconds(10), () -> pixel(image.shownImage(), 10, 64) == maskArgb,
                () -> "masked pixel drawn as " + Integer.toHexString(pixel(image.shownImage(), 10, 64)));
        assertTrue(pixel(image.shownImage(), 100, 64) != maskArgb, "an unmasked pixel is drawn as data");
        Node area = Waits.onFx(() -> robot.lookup("#image-view").query());
        assertTrue(maskColoured(robot, area) > 100, "mask colour on screen");

        // the readout says so
        Bounds b = Waits.onFx(() -> area.localToScreen(area.getBoundsInLocal()));
        double side = Math.min(b.getWidth(), b.getHeight());
        robot.moveTo(new javafx.geometry.Point2D(b.getCenterX(), b.getCenterY() - 0.2 * side));
        Waits.until(Duration.ofSeconds(5), () -> image.readoutProperty().get().contains("(masked)"),
                () -> "readout: " + image.readoutProperty().get());

        // the mask checkbox takes it away
        robot.clickOn("#mask-overlay");
        Waits.until(Duration.ofSeconds(10), () -> pixel(image.shownImage(), 10, 64) != maskArgb,
                () -> "masked pixel still in the mask colour with the overlay off");
        assertEquals(0, maskColoured(robot, area), "no mask colour on screen with the overlay off");

        // 2theta: the curve is integrated in 2theta, on the axis of hutch azint --unit 2th_deg
        WaitForAsyncUtils.asyncFx(() -> window.view().plot().setUnit(RadialUnit.TTH_DEG)).get();
        Waits.until(Duration.ofSeconds(20), () -> {
            Curve c = window.view().plot().curveProperty().get();
            return c != null && c.unit() == RadialUnit.TTH_DEG;
        }, () -> "curve unit " + window.view().plot().curveProperty().get().unit());
        Curve c = window.view().plot().curveProperty().get();
        assertEquals(RadialUnit.TTH_DEG, window.view().plot().unitProperty().get());
        Path file;
        try (Stream<Path> files = Files.list(window.session().dataDir())) {
            file = files.filter(f -> f.toString().endsWith(".h5")).findFirst().orElseThrow();
        }
        Path csv = dir.resolve("azint.csv");
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new AzintCommand());
        cl.setErr(new PrintWriter(err, true));
        int rc = cl.execute("--poni", dir.resolve("det128.poni").toString(), "--image", file.toString(),
                "--dataset", Hdf5ReadBack.FRAMES, "--frame", "0", // the axis depends on the geometry and mask only
                "--mask", dir.resolve("top40.u8").toString(), "--unit", "2th_deg", "--split", "none", "--out", csv.toString());
        assertEquals(0, rc, err.toString());
        List<String> lines = Files.readAllLines(csv).stream().filter(l -> !l.startsWith("#")).toList();
        assertTrue(lines.get(0).startsWith("radial_2th_deg"), lines.get(0));
        assertEquals(c.size(), lines.size() - 1, "bins");
        for (int i = 0; i < c.size(); i++) {
            double x = Double.parseDouble(lines.get(i + 1).split(",")[0]);
            assertEquals(x, c.x()[i], 1e-9 * Math.max(1, Math.abs(x)), "2theta of bin " + i);
        }
    }

    /** The colour drawn for image pixel (row, col) (the centre of its output block). */
    private static int pixel(PreparedImage p, int row, int col) {
        int y = (int) ((row + 0.5) * p.height() / p.region().rows());
        int x = (int) ((col + 0.5) * p.width() / p.region().cols());
        return p.argb()[y * p.width() + x];
    }

    /** How many screen pixels of the image area have the mask colour (#e020e0), in a snapshot of the real scene. */
    private static int maskColoured(FxRobot robot, Node area) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage shot = WaitForAsyncUtils.asyncFx(() -> area.snapshot(null, null)).get();
        int n = 0;
        for (int y = 0; y < (int) shot.getHeight(); y++) {
            for (int x = 0; x < (int) shot.getWidth(); x++) {
                int argb = shot.getPixelReader().getArgb(x, y);
                int r = (argb >> 16) & 0xff;
                int g = (argb >> 8) & 0xff;
                int bl = argb & 0xff;
                if (Math.abs(r - 0xe0) < 8 && Math.abs(g - 0x20) < 8 && Math.abs(bl - 0xe0) < 8) {
                    n++;
                }
            }
        }
        return n;
    }
}
