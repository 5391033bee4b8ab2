package org.hutch.app.files;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

import javafx.stage.Stage;
import org.hutch.app.LaunchOptions;
import org.hutch.app.MainWindow;
import org.hutch.app.live.AppIntegrator;
import org.hutch.app.settings.AppSettings;
import org.hutch.app.settings.SettingsStore;
import org.hutch.app.testing.Screenshots;
import org.hutch.app.testing.Waits;
import org.hutch.app.ui.Choosers;
import org.hutch.azint.FrameView;
import org.hutch.azint.Geometry;
import org.hutch.azint.Integrator;
import org.hutch.azint.Poni;
import org.hutch.model.curve.RadialUnit;
import org.hutch.testkit.TestData;
import org.hutch.widgets.image.ImageFrame;
import org.hutch.widgets.plot.Curve;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A dark image on while a file is browsed (File &gt; Open...): the image shows (raw - dark) and the curve is the
 * integration of the corrected image, as for live frames; the corrections switched off show the raw file again.
 * The real CeO2 image (Pilatus 1M, int32, gaps at -1) with its PONI and mask, opened as EDF.
 */
@ExtendWith(ApplicationExtension.class)
class BrowsedFileCorrectionsIT {
    private static final Path DEV01 = TestData.path("azint/dev01_ceo2_pilatus1m_real");
    private static final int ROWS = 1043, COLS = 981;

    @TempDir
    static Path dir;

    private MainWindow window;
    private final Deque<Path> picks = new ArrayDeque<>();

    @Start
    void start(Stage stage) {
        Choosers.answerForTests(title -> picks.poll());
        SettingsStore store = new SettingsStore(dir.resolve("settings.json"));
        AppSettings s = AppSettings.defaults();
        if (Files.isDirectory(DEV01)) {
            s = s.withDetectorGeometry("simulator", DEV01.resolve("geometry.poni").toString(), DEV01.resolve("mask.u8.gz").toString());
        }
        window = new MainWindow(new LaunchOptions(null, "simulator:shape=" + ROWS + "," + COLS, false, dir.resolve("data"),
                null, 0), store, s);
        window.show(stage);
    }

    @AfterEach
    void close() throws Exception {
        Choosers.answerForTests(null);
        WaitForAsyncUtils.asyncFx(() -> window.close()).get().get();
    }

    @Test
    void aDarkCorrectsTheBrowsedFramesImageAndCurve(FxRobot robot) throws Exception {
        assumeTrue(Files.isDirectory(DEV01), "reference data absent: " + DEV01);
        int[] px = new int[ROWS * COLS];
        ByteBuffer.wrap(ImageFiles.bytes(DEV01.resolve("image.raw.gz"))).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(px);
        int[] darkPx = new int[px.length];
        for (int i = 0; i < darkPx.length; i++) {
            darkPx[i] = 3 + i % 7; // a dark with structure, so a wrong pixel order shows
        }
        Path image = Files.write(dir.resolve("ceo2.edf"), FileFormatsIT.edf(px));
        Path dark = Files.write(dir.resolve("dark.edf"), FileFormatsIT.edf(darkPx));
        Waits.until(Duration.ofSeconds(60), () -> window.session() != null && window.session().poni() != null,
                () -> window.view().statusLine());
        Poni poni = window.session().poni();
        byte[] mask = window.session().mask();
        double[] raw = new double[px.length];
        double[] corrected = new double[px.length];
        for (int i = 0; i < px.length; i++) {
            raw[i] = px[i] < 0 ? Double.NaN : px[i]; // the detector's gap flags are invalid
            corrected[i] = raw[i] - darkPx[i];
        }
        double[] rawCurve = integrate(poni, mask, raw);
        double[] correctedCurve = integrate(poni, mask, corrected);

        // the dark first, then the file: the file's frame comes corrected
        picks.add(dark);
        robot.clickOn("#corrections-tab");
        robot.clickOn("#dark-file");
        Waits.until(Duration.ofSeconds(30), () -> window.session().corrections().hasDark(), () -> window.view().statusLine());
        picks.add(image);
        robot.clickOn("#file-menu");
        robot.clickOn("#file-open");
        int row = 500;
        int col = 400;
        int p = row * COLS + col;
        assertTrue(px[p] >= 0, "a pixel of the sensor, not a gap");
        Waits.until(Duration.ofSeconds(30), () -> shownPixel(row, col) == corrected[p],
                () -> "pixel (" + row + ", " + col + ") shown " + shownPixel(row, col) + ", raw " + raw[p] + ", corrected " + corrected[p]);
        Waits.until(Duration.ofSeconds(30), () -> close(correctedCurve, curveOfFile()),
                () -> "curve of the browsed frame: " + diff(correctedCurve, curveOfFile()) + "; plot: " + Waits.onFx(() -> window.view().plot().message()));
        Screenshots.shoot(Waits.onFx(() -> window.view().root()), "browsed-file-dark.png");

        // all corrections off: the browsed frame is shown again as it is in the file
        robot.clickOn("#corrections-menu");
        robot.clickOn("#menu-corr-off");
        Waits.until(Duration.ofSeconds(30), () -> shownPixel(row, col) == raw[p],
                () -> "pixel (" + row + ", " + col + ") shown " + shownPixel(row, col) + ", raw " + raw[p]);
        Waits.until(Duration.ofSeconds(30), () -> close(rawCurve, curveOfFile()),
                () -> "curve without corrections: " + diff(rawCurve, curveOfFile()));
    }

    private double shownPixel(int row, int col) {
        ImageFrame f = Waits.onFx(() -> window.view().image().shownFrameProperty().get());
        return f == null || f.rows() != ROWS ? Double.NaN : f.value(row, col);
    }

    /** The plot's curve once it is the browsed frame's (frame 0), else null. */
    private double[] curveOfFile() {
        Curve c = Waits.onFx(() -> window.view().plot().curveProperty().get());
        return c != null && c.frame() == 0 ? c.y() : null;
    }

    /** The live view's integration (1000 bins in q, no pixel splitting) of {@code pixels}, NaN = invalid. */
    private static double[] integrate(Poni poni, byte[] mask, double[] pixels) {
        Integrator in = Integrator.build(new Geometry(poni, ROWS, COLS), mask,
                AppIntegrator.curveSettings(AppIntegrator.DEFAULT_BINS, RadialUnit.Q_NM));
        return in.integrate(FrameView.ofCorrected(pixels)).intensity();
    }

    private static boolean close(double[] want, double[] got) {
        return "equal".equals(diff(want, got));
    }

    private static String diff(double[] want, double[] got) {
        if (got == null || got.length != want.length) {
            return "lengths " + want.length + " and " + (got == null ? "none" : got.length);
        }
        for (int i = 0; i < want.length; i++) {
            boolean bothNaN = Double.isNaN(want[i]) && Double.isNaN(got[i]);
            if (!bothNaN && !(Math.abs(want[i] - got[i]) <= 1e-9 * Math.max(1, Math.abs(want[i])))) {
                return "bin " + i + ": expected " + want[i] + ", got " + got[i];
            }
        }
        return "equal";
    }
}
