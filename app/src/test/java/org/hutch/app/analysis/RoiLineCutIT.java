package org.hutch.app.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.NavigableMap;
import java.util.zip.GZIPInputStream;

import javax.imageio.ImageIO;

import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;

import org.hutch.app.LaunchOptions;
import org.hutch.app.MainWindow;
import org.hutch.app.settings.SettingsStore;
import org.hutch.app.testing.Waits;
import org.hutch.testkit.TestData;
import org.hutch.widgets.analysis.ImageAnalysis;
import org.hutch.widgets.analysis.LineCut;
import org.hutch.widgets.analysis.LineProfile;
import org.hutch.widgets.analysis.PixelStats;
import org.hutch.widgets.analysis.Projections;
import org.hutch.widgets.analysis.Roi;
import org.hutch.widgets.analysis.RoiPane;
import org.hutch.widgets.image.DisplayTransform;
import org.hutch.widgets.image.ImageFrame;
import org.hutch.widgets.image.ImageMask;
import org.hutch.widgets.image.LiveImageView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * ROIs, a line cut with projections, and flips and turns in the app's window, on the real CeO2
 * image of dev01 (Pilatus 1M, 1043 x 981, module gaps -1 and bad pixels -2, with its mask), fed
 * as a browsed file would feed it. Everything is checked against sums and interpolations worked out
 * here on the raw pixels.
 */
@ExtendWith(ApplicationExtension.class)
class RoiLineCutIT {
    private static final int ROWS = 1043;
    private static final int COLS = 981;
    private static final Path SHOTS = Path.of("target", "screenshots");

    @TempDir
    static Path dir;
    private static int[] pixels;
    private static byte[] maskBytes;

    private MainWindow window;

    @BeforeAll
    static void load() throws IOException {
        Path dev = TestData.require("azint/dev01_ceo2_pilatus1m_real");
        ByteBuffer b = ByteBuffer.wrap(gunzip(dev.resolve("image.raw.gz"))).order(ByteOrder.LITTLE_ENDIAN);
        pixels = new int[ROWS * COLS];
        b.asIntBuffer().get(pixels);
        maskBytes = gunzip(dev.resolve("mask.u8.gz"));
        assertEquals(ROWS * COLS, maskBytes.length);
    }

    private static byte[] gunzip(Path p) throws IOException {
        try (InputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(p)))) {
            return in.readAllBytes();
        }
    }

    @Start
    void start(Stage stage) {
        window = open(stage);
    }

    private static MainWindow open(Stage stage) {
        SettingsStore store = new SettingsStore(dir.resolve("settings.json"));
        MainWindow w = new MainWindow(new LaunchOptions(null, "simulator:shape=128,128", false, dir.resolve("data"), null, 0),
                store, store.load());
        stage.setX(0);
        stage.setY(0);
        stage.setWidth(1270); // inside Monocle's headless screen of 1280 x 800
        stage.setHeight(790);
        w.show(stage);
        return w;
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> window.close()).get().get();
    }

    private static boolean valid(int i) {
        return maskBytes[i] == 0 && pixels[i] >= 0;
    }

    private static ImageFrame frame(long number, int factor) {
        int[] d = pixels.clone();
        for (int i = 0; i < d.length; i++) {
            if (d[i] >= 0) {
                d[i] *= factor;
            }
        }
        return ImageFrame.ofInt32(ROWS, COLS, d, number);
    }

    private static ImageMask mask() {
        boolean[] m = new boolean[maskBytes.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = maskBytes[i] != 0;
        }
        return new ImageMask(ROWS, COLS, m);
    }

    /** Shows a frame the way a browsed file does: into the view and to the analysis. */
    private void feed(long number, int factor) {
        ImageFrame f = frame(number, factor);
        window.view().image().setFrame(f);
        window.workspaces().get(0).analysis().analysis().frameShown(number, f);
    }

    /** The screen point of detector (col, row) with the whole image fitted in the area, for a display of dw x dh. */
    private Point2D screenPoint(double x, double y, double dw, double dh) {
        LiveImageView v = window.view().image();
        double aw = v.imageArea().getWidth();
        double ah = v.imageArea().getHeight();
        double s = Math.min(aw / dw, ah / dh);
        return v.imageArea().localToScreen((aw - dw * s) / 2 + x * s, (ah - dh * s) / 2 + y * s);
    }

    private Point2D unturned(double col, double row) {
        return screenPoint(col, row, COLS, ROWS);
    }

    @Test
    void roiAndLineCutDrawnOnTheRealImageGiveTheRightNumbersAndAreKeptPerDetector(FxRobot robot) throws Exception {
        Waits.until(Duration.ofSeconds(60), () -> window.session() != null, () -> window.view().statusLine());
        ImageAnalysis analysis = window.workspaces().get(0).analysis().analysis();
        analysis.setMask(mask());
        window.view().image().setMask(mask());
        feed(7, 1);
        Waits.until(Duration.ofSeconds(20), () -> window.view().image().shownFrameProperty().get() != null
                && window.view().image().shownFrameProperty().get().frameNumber() == 7, () -> "frame 7 on screen");
        WaitForAsyncUtils.waitForFxEvents();

        // an ROI dragged across the first rings and a module gap, right of the beam centre
        robot.clickOn("Analysis").clickOn("Draw ROIs");
        robot.drag(unturned(560, 420), javafx.scene.input.MouseButton.PRIMARY).moveTo(unturned(700, 520))
                .moveTo(unturned(760, 560)).release(javafx.scene.input.MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        List<Roi> rois = analysis.roiLayer().rois();
        assertEquals(1, rois.size(), "one ROI drawn");
        Roi roi = rois.get(0);
        assertEquals("ROI 1", roi.name());
        assertEquals(560, roi.col0(), 3);
        assertEquals(420, roi.row0(), 3);
        assertEquals(760, roi.col1(), 3);
        assertEquals(560, roi.row1(), 3);

        double sum = 0;
        double max = Double.NEGATIVE_INFINITY;
        long count = 0;
        long gaps = 0;
        for (int r = roi.row0(); r < roi.row1(); r++) {
            for (int c = roi.col0(); c < roi.col1(); c++) {
                int i = r * COLS + c;
                if (valid(i)) {
                    sum += pixels[i];
                    max = Math.max(max, pixels[i]);
                    count++;
                } else {
                    gaps++;
                }
            }
        }
        assertTrue(gaps > 0, "the ROI crosses masked pixels");
        RoiPane pane = analysis.roiPane();
        Waits.until(Duration.ofSeconds(20), () -> pane.rows().size() == 1 && pane.rows().get(0).stats() != null
                && pane.rows().get(0).roi().equals(roi), () -> "statistics of " + roi + ": " + pane.rows());
        PixelStats s = pane.rows().get(0).stats();
        assertEquals(sum, s.sum(), 0);
        assertEquals(count, s.count());
        assertEquals(max, s.max(), 0);
        assertEquals(sum / count, s.mean(), 1e-9);
        assertEquals(7, s.frame());

        // a second frame of the series: the plot gets its point
        feed(8, 2);
        Waits.until(Duration.ofSeconds(20), () -> pane.history(roi).size() == 2, () -> "history " + pane.history(roi));
        NavigableMap<Long, PixelStats> h = pane.history(roi);
        assertEquals(2 * sum, h.get(8L).sum(), 0);
        WaitForAsyncUtils.waitForFxEvents();
        List<double[][]> plotted = pane.plotted();
        assertEquals(1, plotted.size());
        assertEquals(7, plotted.get(0)[0][0], 0);
        assertEquals(8, plotted.get(0)[0][1], 0);
        assertEquals(2 * sum, plotted.get(0)[1][1], 0);
        robot.clickOn("#roi-statistic").clickOn("COUNT");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(count, pane.plotted().get(0)[1][0], 0);
        shoot(robot, window.view().root(), "roi.png");

        // projections of the selected ROI on frame 8 (values doubled)
        Projections p = analysis.lineCutPane().projections();
        Waits.until(Duration.ofSeconds(20), () -> analysis.lineCutPane().projections() != null
                && analysis.lineCutPane().projections().region().equals(roi), () -> "projections");
        p = analysis.lineCutPane().projections();
        assertEquals(roi.rows(), p.rows().length);
        assertEquals(roi.cols(), p.cols().length);
        for (int r = roi.row0(); r < roi.row1(); r++) {
            double rs = 0;
            for (int c = roi.col0(); c < roi.col1(); c++) {
                rs += valid(r * COLS + c) ? 2.0 * pixels[r * COLS + c] : 0;
            }
            assertEquals(rs, p.rows()[r - roi.row0()], 0, "row " + r);
        }
        for (int c = roi.col0(); c < roi.col1(); c++) {
            double cs = 0;
            for (int r = roi.row0(); r < roi.row1(); r++) {
                cs += valid(r * COLS + c) ? 2.0 * pixels[r * COLS + c] : 0;
            }
            assertEquals(cs, p.cols()[c - roi.col0()], 0, "column " + c);
        }

        // a line cut across the beam centre and through the rings
        robot.clickOn("Analysis").clickOn("Draw a line cut");
        robot.drag(unturned(300, 300), javafx.scene.input.MouseButton.PRIMARY).moveTo(unturned(500, 450))
                .moveTo(unturned(700, 650)).release(javafx.scene.input.MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        LineCut line = analysis.lineCutLayer().lineProperty().get();
        assertNotNull(line, "a line drawn");
        assertEquals(300, line.col0(), 3);
        assertEquals(650, line.row1(), 3);
        Waits.until(Duration.ofSeconds(20), () -> analysis.lineCutPane().profile() != null
                && analysis.lineCutPane().profile().length() == line.length(), () -> "profile");
        LineProfile profile = analysis.lineCutPane().profile();
        int n = (int) Math.ceil(line.length()) + 1;
        assertEquals(n, profile.samples());
        int nan = 0;
        for (int i = 0; i < n; i++) {
            double t = (double) i / (n - 1);
            double want = 2 * bilinear(line.col0() + t * (line.col1() - line.col0()), line.row0() + t * (line.row1() - line.row0()));
            if (Double.isNaN(want)) {
                nan++;
                assertTrue(Double.isNaN(profile.value()[i]), "sample " + i + " touches a masked pixel");
            } else {
                assertEquals(want, profile.value()[i], 1e-9 * Math.max(1, Math.abs(want)), "sample " + i);
            }
        }
        assertTrue(nan > 0 && nan < n / 2, "the line crosses a gap: " + nan + " of " + n);
        robot.clickOn("#linecut-tab");
        WaitForAsyncUtils.waitForFxEvents();
        shoot(robot, window.view().root(), "linecut.png");

        // flips and turns: the readout under a screen point names the detector pixel shown there
        LiveImageView v = window.view().image();
        robot.interact(() -> v.activeToolProperty().set(null));
        robot.clickOn("View").clickOn("Rotate 90\u00b0 clockwise");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(new DisplayTransform(1, false), v.getDisplayTransform());
        // a quarter clockwise: detector (col, row) is shown at (ROWS - row, col) of a ROWS x COLS display
        checkReadout(robot, ROWS - 300.5, 700.5, ROWS, COLS, (x, y) -> y, (x, y) -> ROWS - x, 300, 700);
        checkOverlay(screenPoint(ROWS - roi.row0(), roi.col0(), ROWS, COLS), roi.col0(), roi.row0());
        shoot(robot, window.view().root(), "rotated.png");
        robot.clickOn("View").clickOn("Flip horizontally");
        WaitForAsyncUtils.waitForFxEvents();
        // then mirrored left-right on screen: (row, col), the transpose
        checkReadout(robot, 300.5, 700.5, ROWS, COLS, (x, y) -> y, (x, y) -> x, 300, 700);
        checkReadout(robot, 90.5, 20.5, ROWS, COLS, (x, y) -> y, (x, y) -> x, 90, 20);
        checkOverlay(screenPoint(roi.row1(), roi.col1(), ROWS, COLS), roi.col1(), roi.row1());
        shoot(robot, window.view().root(), "transposed.png");
        DisplayTransform transposed = v.getDisplayTransform();

        // the ROI is moved by a drag inside it, on the turned display: it moves in detector pixels
        robot.clickOn("#roi-tab");
        robot.clickOn("#roi-draw");
        Point2D inside = screenPoint((roi.row0() + roi.row1()) / 2.0, (roi.col0() + roi.col1()) / 2.0, ROWS, COLS);
        Point2D moved = screenPoint((roi.row0() + roi.row1()) / 2.0 + 40, (roi.col0() + roi.col1()) / 2.0, ROWS, COLS);
        robot.drag(inside, javafx.scene.input.MouseButton.PRIMARY).moveTo(moved).release(javafx.scene.input.MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        Roi after = analysis.roiLayer().rois().get(0);
        assertEquals(roi.col0(), after.col0(), 1, "display x is detector row after the transpose");
        assertEquals(roi.row0() + 40, after.row0(), 3);
        assertEquals(roi.rows(), after.rows());
        assertEquals(roi.cols(), after.cols());
        // and resized from its far corner (detector col1, row1 is display row1, col1 here)
        Point2D corner = screenPoint(after.row1(), after.col1(), ROWS, COLS);
        robot.drag(corner, javafx.scene.input.MouseButton.PRIMARY).moveTo(screenPoint(after.row1() + 10, after.col1() + 15, ROWS, COLS))
                .moveTo(screenPoint(after.row1() + 20, after.col1() + 30, ROWS, COLS)).release(javafx.scene.input.MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        Roi resized = analysis.roiLayer().rois().get(0);
        assertEquals(after.col0(), resized.col0(), "the opposite corner stays");
        assertEquals(after.row0(), resized.row0());
        assertEquals(after.col1() + 30, resized.col1(), 3);
        assertEquals(after.row1() + 20, resized.row1(), 3);
        after = resized;

        // a new window on the same settings: orientation, ROI and line are back for this detector
        WaitForAsyncUtils.asyncFx(() -> window.close()).get().get();
        window = WaitForAsyncUtils.asyncFx(() -> open(new Stage())).get();
        Waits.until(Duration.ofSeconds(60), () -> window.session() != null, () -> window.view().statusLine());
        WaitForAsyncUtils.waitForFxEvents();
        ImageAnalysis again = window.workspaces().get(0).analysis().analysis();
        assertEquals(transposed, window.view().image().getDisplayTransform());
        assertEquals(List.of(after), List.copyOf(again.roiLayer().rois()));
        assertEquals(line, again.lineCutLayer().lineProperty().get());
        feed(9, 1);
        Waits.until(Duration.ofSeconds(20), () -> again.roiPane().rows().size() == 1 && again.roiPane().rows().get(0).stats() != null,
                () -> "statistics after the restart");
        assertFalse(again.roiPane().rows().get(0).stats().count() == 0);

        // a click on the ROI selects it, Delete removes it, and the detector's settings forget it
        robot.clickOn("#roi-tab").clickOn("#roi-draw");
        robot.clickOn(screenPoint((after.row0() + after.row1()) / 2.0, (after.col0() + after.col1()) / 2.0, ROWS, COLS));
        assertEquals(0, again.roiLayer().selectedProperty().get());
        robot.clickOn("#roi-delete");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(again.roiLayer().rois().isEmpty());
        Waits.until(Duration.ofSeconds(10), () -> {
            Object display = new SettingsStore(dir.resolve("settings.json")).load().detectorSettings().get("simulator").get("display");
            return display instanceof java.util.Map<?, ?> m && m.get("rois") instanceof List<?> l && l.isEmpty();
        }, () -> "the ROI forgotten in " + dir.resolve("settings.json"));
    }

    /** Bilinear interpolation between pixel centres (col + 0.5, row + 0.5); NaN when a weighted neighbour is not valid. */
    private static double bilinear(double x, double y) {
        double u = x - 0.5;
        double w = y - 0.5;
        int c = (int) Math.floor(u);
        int r = (int) Math.floor(w);
        double fc = u - c;
        double fr = w - r;
        double v = 0;
        int[][] nb = {{r, c}, {r, c + 1}, {r + 1, c}, {r + 1, c + 1}};
        double[] wt = {(1 - fc) * (1 - fr), fc * (1 - fr), (1 - fc) * fr, fc * fr};
        for (int k = 0; k < 4; k++) {
            if (wt[k] == 0) {
                continue;
            }
            int i = nb[k][0] * COLS + nb[k][1];
            if (!valid(i)) {
                return Double.NaN;
            }
            v += wt[k] * pixels[i];
        }
        return v;
    }

    /**
     * Moves the mouse onto detector pixel (row, col), shown at display point (x, y) of a dw x dh
     * display, and checks the readout names the pixel that {@code back} (display to detector, worked
     * out by hand) puts under the whole screen pixel the mouse really sits on (near the one aimed at).
     */
    private void checkReadout(FxRobot robot, double x, double y, double dw, double dh,
                              java.util.function.BinaryOperator<Double> backCol, java.util.function.BinaryOperator<Double> backRow,
                              int row, int col) {
        Point2D aim = screenPoint(x, y, dw, dh);
        Point2D at = new Point2D(Math.round(aim.getX()), Math.round(aim.getY()));
        robot.moveTo(at);
        WaitForAsyncUtils.waitForFxEvents();
        LiveImageView v = window.view().image();
        Point2D local = v.imageArea().screenToLocal(at);
        double aw = v.imageArea().getWidth();
        double ah = v.imageArea().getHeight();
        double s = Math.min(aw / dw, ah / dh);
        double dx = (local.getX() - (aw - dw * s) / 2) / s;
        double dy = (local.getY() - (ah - dh * s) / 2) / s;
        int c = (int) Math.floor(backCol.apply(dx, dy));
        int r = (int) Math.floor(backRow.apply(dx, dy));
        assertTrue(Math.abs(c - col) <= 1 && Math.abs(r - row) <= 1, "aimed at " + row + "," + col + ", got " + r + "," + c);
        String text = v.readoutProperty().get();
        double[] viewSays = v.screenToDetector(local.getX(), local.getY());
        int raw = pixels[r * COLS + c];
        int shown = raw >= 0 ? 2 * raw : raw; // frame 8 is on screen: valid pixels doubled
        assertTrue(text.startsWith("row " + r + "  col " + c + "  value " + shown), at + " local " + local
                + " display " + dx + "," + dy + " view maps to " + viewSays[0] + "," + viewSays[1] + ": " + text);
    }

    private void checkOverlay(Point2D screen, double col, double row) {
        LiveImageView v = window.view().image();
        var map = v.detectorToScreen();
        Point2D local = v.imageArea().screenToLocal(screen);
        assertEquals(local.getX(), map.x(col, row), 1e-3, "overlay x of " + col + "," + row);
        assertEquals(local.getY(), map.y(col, row), 1e-3, "overlay y of " + col + "," + row);
    }

    /** Writes a PNG of the node, to look at. */
    static void shoot(FxRobot robot, Node node, String name) throws IOException {
        WritableImage[] img = new WritableImage[1];
        robot.interact(() -> img[0] = node.snapshot(null, null));
        int w = (int) img[0].getWidth();
        int h = (int) img[0].getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader pr = img[0].getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, pr.getArgb(x, y));
            }
        }
        Files.createDirectories(SHOTS);
        ImageIO.write(out, "png", SHOTS.resolve(name).toFile());
    }
}
