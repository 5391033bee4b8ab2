package org.hutch.app.mask;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.hutch.app.LaunchOptions;
import org.hutch.app.MainWindow;
import org.hutch.app.client.LiveFrame;
import org.hutch.app.files.ImageFiles;
import org.hutch.app.settings.AppSettings;
import org.hutch.app.settings.SettingsStore;
import org.hutch.app.testing.Waits;
import org.hutch.app.ui.Choosers;
import org.hutch.azint.AzintResult;
import org.hutch.azint.FrameView;
import org.hutch.azint.Geometry;
import org.hutch.azint.IntegrationSettings;
import org.hutch.azint.Integrator;
import org.hutch.azint.Poni;
import org.hutch.azint.Splitting;
import org.hutch.model.curve.RadialUnit;
import org.hutch.model.pixels.PixelType;
import org.hutch.testkit.Python;
import org.hutch.widgets.image.ImageFrame;
import org.hutch.widgets.image.LiveImageView;
import org.hutch.widgets.plot.Curve;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The mask and corrections tools driven as a user does, on a Pilatus 1M (the real CeO2 calibration of
 * the reference data set dev01: its PONI, mask and image): shapes dragged and clicked on the image give
 * exactly the pixels the test computes from the same mouse points; undo, redo and a threshold; the mask
 * exported in each format, read back by other readers (ImageIO, h5py, the bytes) and imported again bit
 * for bit; and a dark, a flat and a background changing the 1D curve as the test computes it.
 */
@ExtendWith(ApplicationExtension.class)
class MaskToolsIT {
    static final Path CASE = org.hutch.testkit.TestData.path("azint/dev01_ceo2_pilatus1m_real");
    static final int ROWS = 1043;
    static final int COLS = 981;

    @TempDir
    static Path dir;

    private MainWindow window;
    private final Deque<Path> picks = new ArrayDeque<>();

    @Start
    void start(Stage stage) throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(CASE), "reference data " + CASE + " absent");
        Choosers.answerForTests(title -> picks.poll());
        SettingsStore store = new SettingsStore(dir.resolve("settings.json"));
        AppSettings s = AppSettings.defaults().withDetectorGeometry("simulator", CASE.resolve("geometry.poni").toString(), null);
        window = new MainWindow(new LaunchOptions(null, "simulator:shape=" + ROWS + "," + COLS, false, dir.resolve("data"),
                null, 2), store, s);
        window.show(stage);
    }

    @AfterEach
    void close() throws Exception {
        Choosers.answerForTests(null);
        if (window != null) {
            WaitForAsyncUtils.asyncFx(() -> window.close()).get().get();
        }
    }

    private LiveImageView waitForImage() {
        LiveImageView image = window.view().image();
        Waits.until(Duration.ofSeconds(90), () -> window.view().statusLine().contains("all 2 frames written"),
                () -> window.view().statusLine());
        Waits.until(Duration.ofSeconds(20), () -> image.shownImage() != null
                && image.shownFrameProperty().get().rows() == ROWS, () -> "no full image shown");
        return image;
    }

    /** An integer screen point near detector point (col, row), and the detector point under it exactly. */
    private static double[][] screenAt(LiveImageView image, double col, double row) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            Pane area = image.imageArea();
            var map = image.detectorToScreen();
            Point2D s = area.localToScreen(map.x(col, row), map.y(col, row));
            double sx = Math.round(s.getX());
            double sy = Math.round(s.getY());
            Point2D local = area.screenToLocal(sx, sy);
            return new double[][] {{sx, sy}, image.screenToDetector(local.getX(), local.getY())};
        }).get();
    }

    /** The mask of pixels whose centre the predicate holds, over the previous one (add) . */
    private interface Inside {
        boolean at(double col, double row);
    }

    private static byte[] with(byte[] before, Inside in, boolean add) {
        byte[] m = before.clone();
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < COLS; c++) {
                if (in.at(c + 0.5, r + 0.5)) {
                    m[r * COLS + c] = (byte) (add ? 1 : 0);
                }
            }
        }
        return m;
    }

    private void waitForMask(byte[] expected, String what) {
        Waits.until(Duration.ofSeconds(20), () -> Arrays.equals(expected, window.session().mask()),
                () -> what + ": the session's mask differs in " + differing(expected, window.session().mask()) + " pixels");
    }

    private static int differing(byte[] a, byte[] b) {
        if (b == null) {
            return -1;
        }
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            n += a[i] != b[i] ? 1 : 0;
        }
        return n;
    }

    @Test
    void shapesDrawnOnTheImageMaskExactlyTheirPixelsAndUndoRedoAndThreshold(FxRobot robot) throws Exception {
        LiveImageView image = waitForImage();
        robot.clickOn("#mask-tab");

        // rectangle: drag from corner to corner
        robot.clickOn("#mask-rectangle");
        double[][] a = screenAt(image, 100.3, 200.7);
        double[][] b = screenAt(image, 300.2, 350.9);
        robot.moveTo(new Point2D(a[0][0], a[0][1])).press(MouseButton.PRIMARY)
                .moveTo(new Point2D((a[0][0] + b[0][0]) / 2, (a[0][1] + b[0][1]) / 2))
                .moveTo(new Point2D(b[0][0], b[0][1])).release(MouseButton.PRIMARY);
        double c0 = Math.min(a[1][0], b[1][0]), c1 = Math.max(a[1][0], b[1][0]);
        double r0 = Math.min(a[1][1], b[1][1]), r1 = Math.max(a[1][1], b[1][1]);
        byte[] afterRect = with(new byte[ROWS * COLS], (c, r) -> c >= c0 && c <= c1 && r >= r0 && r <= r1, true);
        assertTrue(differing(afterRect, new byte[ROWS * COLS]) > 20000, "a large rectangle");
        waitForMask(afterRect, "rectangle");

        // circle, in remove mode, centred in the rectangle
        robot.clickOn("#mask-remove");
        robot.clickOn("#mask-circle");
        double[][] cc = screenAt(image, 200, 280);
        double[][] ce = screenAt(image, 240, 280);
        robot.moveTo(new Point2D(cc[0][0], cc[0][1])).press(MouseButton.PRIMARY)
                .moveTo(new Point2D(ce[0][0], ce[0][1])).release(MouseButton.PRIMARY);
        double rad = Math.hypot(ce[1][0] - cc[1][0], ce[1][1] - cc[1][1]);
        byte[] afterCircle = with(afterRect, (c, r) -> Math.hypot(c - cc[1][0], r - cc[1][1]) <= rad, false);
        waitForMask(afterCircle, "circle removed");

        // polygon, add mode: three clicks, a double click closes it
        robot.clickOn("#mask-add");
        robot.clickOn("#mask-polygon");
        double[][] p1 = screenAt(image, 600, 100);
        double[][] p2 = screenAt(image, 800, 150);
        double[][] p3 = screenAt(image, 700, 400);
        robot.clickOn(new Point2D(p1[0][0], p1[0][1])).clickOn(new Point2D(p2[0][0], p2[0][1]))
                .clickOn(new Point2D(p3[0][0], p3[0][1])).doubleClickOn(new Point2D(p3[0][0], p3[0][1]));
        Path2D.Double tri = new Path2D.Double(Path2D.WIND_EVEN_ODD);
        tri.moveTo(p1[1][0], p1[1][1]);
        tri.lineTo(p2[1][0], p2[1][1]);
        tri.lineTo(p3[1][0], p3[1][1]);
        tri.closePath();
        byte[] afterPoly = with(afterCircle, tri::contains, true);
        waitForMask(afterPoly, "polygon");

        // arc: three points on a ring around the beam centre, then the width
        robot.clickOn("#mask-arc");
        double[][] q1 = screenAt(image, 700, 700);
        double[][] q2 = screenAt(image, 620, 820);
        double[][] q3 = screenAt(image, 480, 860);
        double[][] qw = screenAt(image, 700, 690);
        robot.clickOn(new Point2D(q1[0][0], q1[0][1])).clickOn(new Point2D(q2[0][0], q2[0][1]))
                .clickOn(new Point2D(q3[0][0], q3[0][1])).moveTo(new Point2D(qw[0][0], qw[0][1]))
                .clickOn(new Point2D(qw[0][0], qw[0][1]));
        // the test's own circle through three points (perpendicular bisectors), width from the fourth
        double[] o = circumcentre(q1[1], q2[1], q3[1]);
        double ringR = Math.hypot(q1[1][0] - o[0], q1[1][1] - o[1]);
        double half = Math.max(0.5, Math.abs(Math.hypot(qw[1][0] - o[0], qw[1][1] - o[1]) - ringR));
        byte[] afterArc = with(afterPoly, (c, r) -> {
            double d = Math.hypot(c - o[0], r - o[1]);
            return d >= ringR - half && d <= ringR + half && onArc(o, q1[1], q2[1], q3[1], c, r);
        }, true);
        assertTrue(differing(afterArc, afterPoly) > 1000, "the arc masks a band");
        waitForMask(afterArc, "arc");
        screenshot(robot, "mask-drawn.png");

        // undo twice, redo once
        // the first undo through the Mask menu, as a user does
        robot.clickOn(Waits.onFx(() -> robot.lookup("#menu-bar").lookup((Node n) -> n instanceof javafx.scene.control.Labeled l
                && "Mask".equals(l.getText())).<Node>query()));
        robot.clickOn("#menu-mask-undo");
        waitForMask(afterPoly, "undo the arc");
        robot.clickOn("#mask-undo");
        waitForMask(afterCircle, "undo the polygon");
        robot.clickOn("#mask-redo");
        waitForMask(afterPoly, "redo the polygon");

        // threshold above a value of the frame on screen
        robot.clickOn("#mask-clear");
        waitForMask(new byte[ROWS * COLS], "clear");
        ImageFrame f = image.shownFrameProperty().get();
        robot.clickOn("#mask-threshold").write("200");
        robot.clickOn("#mask-above");
        byte[] above = new byte[ROWS * COLS];
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < COLS; c++) {
                above[r * COLS + c] = (byte) (!f.isInvalid(r, c) && f.value(r, c) > 200 ? 1 : 0);
            }
        }
        assertTrue(differing(above, new byte[ROWS * COLS]) > 0, "some pixels above 200");
        waitForMask(above, "threshold above 200");
        robot.clickOn("#mask-invert");
        byte[] inverted = above.clone();
        for (int i = 0; i < inverted.length; i++) {
            inverted[i] ^= 1;
        }
        waitForMask(inverted, "invert");
    }

    private static double[] circumcentre(double[] a, double[] b, double[] c) {
        // solve |x-a|^2 = |x-b|^2 = |x-c|^2 as two linear equations (Cramer)
        double a11 = 2 * (b[0] - a[0]), a12 = 2 * (b[1] - a[1]);
        double a21 = 2 * (c[0] - a[0]), a22 = 2 * (c[1] - a[1]);
        double r1 = b[0] * b[0] - a[0] * a[0] + b[1] * b[1] - a[1] * a[1];
        double r2 = c[0] * c[0] - a[0] * a[0] + c[1] * c[1] - a[1] * a[1];
        double det = a11 * a22 - a12 * a21;
        return new double[] {(r1 * a22 - a12 * r2) / det, (a11 * r2 - r1 * a21) / det};
    }

    /** Whether (c, r) lies in the angular sector from a through b to c around o (by cross products). */
    private static boolean onArc(double[] o, double[] a, double[] b, double[] e, double c, double r) {
        double ta = Math.toDegrees(Math.atan2(a[1] - o[1], a[0] - o[0]));
        double sweepB = (Math.toDegrees(Math.atan2(b[1] - o[1], b[0] - o[0])) - ta + 720) % 360;
        double sweepE = (Math.toDegrees(Math.atan2(e[1] - o[1], e[0] - o[0])) - ta + 720) % 360;
        double p = (Math.toDegrees(Math.atan2(r - o[1], c - o[0])) - ta + 720) % 360;
        return sweepB <= sweepE ? p <= sweepE : p == 0 || p >= sweepE;
    }

    @Test
    void eachFormatExportsAndImportsBitForBitAndOthersReadItTheSame(FxRobot robot) throws Exception {
        waitForImage();
        robot.clickOn("#mask-tab");
        byte[] ref = ImageFiles.readMask(CASE.resolve("mask.u8.gz"), ROWS, COLS, null);
        picks.add(CASE.resolve("mask.u8.gz"));
        robot.clickOn("#mask-import");
        waitForMask(ref, "dev01's mask imported");
        for (String name : new String[] {"m.u8", "m.tif", "m.mask", "m.edf", "m.h5"}) {
            Path file = dir.resolve(name);
            picks.add(file);
            robot.clickOn("#mask-export");
            Waits.until(Duration.ofSeconds(20), () -> window.view().statusLine().contains("exported to " + file),
                    () -> window.view().statusLine());
            assertArrayEquals(ref, readIndependently(file), name + " read by another reader");
            robot.clickOn("#mask-clear");
            waitForMask(new byte[ROWS * COLS], "clear before importing " + name);
            picks.add(file);
            robot.clickOn("#mask-import");
            waitForMask(ref, name + " imported");
        }
        // a Dioptas mask is a TIFF of 32-bit signed integers
        Raster dioptas = ImageIO.read(dir.resolve("m.mask").toFile()).getRaster();
        assertEquals(32, dioptas.getSampleModel().getSampleSize(0), "Dioptas .mask: 32-bit samples");
    }

    private static byte[] readIndependently(Path file) throws Exception {
        String n = file.getFileName().toString();
        byte[] out = new byte[ROWS * COLS];
        if (n.endsWith(".u8")) {
            return Files.readAllBytes(file);
        }
        if (n.endsWith(".tif") || n.endsWith(".mask")) {
            BufferedImage im = ImageIO.read(file.toFile()); // TwelveMonkeys' TIFF reader
            assertEquals(COLS, im.getWidth());
            assertEquals(ROWS, im.getHeight());
            Raster r = im.getRaster();
            for (int y = 0; y < ROWS; y++) {
                for (int x = 0; x < COLS; x++) {
                    out[y * COLS + x] = (byte) r.getSample(x, y, 0);
                }
            }
            return out;
        }
        if (n.endsWith(".edf")) {
            byte[] all = Files.readAllBytes(file);
            String head = new String(all, 0, 512, java.nio.charset.StandardCharsets.ISO_8859_1);
            assertTrue(head.contains("DataType = UnsignedByte") && head.contains("Dim_1 = " + COLS)
                    && head.contains("Dim_2 = " + ROWS) && head.endsWith("}\n"), head);
            return Arrays.copyOfRange(all, 512, all.length);
        }
        Python.assumeH5py();
        String hex = Python.check("import h5py,sys,numpy as np\n"
                + "f=h5py.File(sys.argv[1],'r')\n"
                + "d=f['/entry/instrument/detector/pixel_mask']\n"
                + "assert f['/entry/instrument/detector'].attrs['NX_class'] in (b'NXdetector','NXdetector')\n"
                + "assert d.dtype==np.uint32, d.dtype\n"
                + "a=d[()]\n"
                + "assert set(np.unique(a)) <= {0, 256}, np.unique(a)\n"
                + "sys.stdout.write((a!=0).astype('u1').tobytes().hex())\n", file.toString());
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Character.digit(hex.charAt(2 * i + 1), 16);
        }
        return out;
    }

    @Test
    void darkFlatAndBackgroundChangeTheCurveAsComputedHere(FxRobot robot) throws Exception {
        LiveImageView image = waitForImage();
        ImageFrame shown = image.shownFrameProperty().get();
        Poni poni = window.session().poni();
        // the plot may follow lab mode's pipeline, whose curve of the frame shown can come a moment after the image
        Waits.until(Duration.ofSeconds(30), () -> window.view().plot().curveProperty().get() != null
                && window.view().plot().curveProperty().get().frame() == shown.frameNumber(), () -> "no curve of frame "
                + shown.frameNumber() + " (the plot has " + window.view().plot().curveProperty().get() + ")");
        Curve plain = window.view().plot().curveProperty().get();
        double[] raw = new double[ROWS * COLS];
        LiveFrame frame = liveFrame(shown);
        FrameView.of(frame.pixels(), frame.dtype()).read(0, raw.length, raw);
        assertArrayEquals(integrate(poni, raw, false), plain.y(), 1e-9, "the plain curve (curve of frame " + plain.frame() + ", image of frame " + shown.frameNumber() + ")");

        // dark: the real CeO2 image (int32 with -1/-2 gap flags), scaled by 0.001
        ImageFiles.Image ceo2 = ImageFiles.read(CASE.resolve("image.raw.gz"), null, null);
        double[] dark = new double[ROWS * COLS];
        FrameView.of(ceo2.data(), ceo2.type()).read(0, dark.length, dark);
        robot.clickOn("#corrections-tab");
        robot.clickOn("#dark-scale").push(KeyCode.CONTROL, KeyCode.A).write("0.001\n");
        picks.add(CASE.resolve("image.raw.gz"));
        robot.clickOn("#dark-file");
        Waits.until(Duration.ofSeconds(20), () -> window.view().plot().curveProperty().get() != plain
                && window.session().corrections().hasDark(), () -> window.view().statusLine());
        double[] corrected = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            corrected[i] = raw[i] - 0.001 * dark[i];
        }
        double[] expectDark = integrate(poni, corrected, true);
        Waits.until(Duration.ofSeconds(20), () -> close(expectDark, window.view().plot().curveProperty().get().y()),
                () -> "curve with the dark: scale " + window.session().corrections().darkScale() + ", "
                        + diff(expectDark, window.view().plot().curveProperty().get().y()));
        assertTrue(!close(expectDark, plain.y()), "the dark changes the curve");
        assertTrue(badge().startsWith("dark \u2212"));

        // flat: the CeO2 image again (its gaps <= 0 become invalid), normalised to mean 1
        picks.add(CASE.resolve("image.raw.gz"));
        robot.clickOn("#flat-file");
        double sum = 0;
        int n = 0;
        for (double v : dark) {
            if (v > 0) {
                sum += v;
                n++;
            }
        }
        double mean = sum / n;
        double[] flatCorrected = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            flatCorrected[i] = dark[i] > 0 ? corrected[i] / (dark[i] / mean) : Double.NaN;
        }
        double[] expectFlat = integrate(poni, flatCorrected, true);
        Waits.until(Duration.ofSeconds(20), () -> close(expectFlat, window.view().plot().curveProperty().get().y()),
                () -> "curve with dark and flat: " + diff(expectFlat, window.view().plot().curveProperty().get().y()));
        // the view shows the corrected frame too: a pixel under dark and flat, as computed here
        int first = ROWS / 2 * COLS + COLS / 2;
        while (!(dark[first] > 0)) {
            first++;
        }
        int px = first;
        int row = px / COLS;
        int col = px % COLS;
        double want = (raw[px] - 0.001 * dark[px]) / (dark[px] / mean);
        Waits.until(Duration.ofSeconds(20), () -> Math.abs(image.shownFrameProperty().get().value(row, col) - want)
                        <= 1e-9 * Math.max(1, Math.abs(want)),
                () -> "shown pixel (" + row + ", " + col + "): " + image.shownFrameProperty().get().value(row, col)
                        + ", corrected " + want + ", raw " + raw[px]);
        assertTrue(Math.abs(want - raw[px]) > 1e-6, "the correction changes the pixel");

        // background: a straight line in q, subtracted at 0.5
        Curve withFlat = window.view().plot().curveProperty().get();
        Path bg = dir.resolve("bg.xy");
        Files.writeString(bg, "# q_nm^-1 I\n0 100\n100 300\n");
        robot.clickOn("#bg-scale").push(KeyCode.CONTROL, KeyCode.A).write("0.5\n");
        picks.add(bg);
        robot.clickOn("#bg-file");
        double[] expectBg = new double[withFlat.size()];
        for (int i = 0; i < expectBg.length; i++) {
            expectBg[i] = withFlat.y()[i] - 0.5 * (100 + 2 * withFlat.x()[i]);
        }
        Waits.until(Duration.ofSeconds(20), () -> close(expectBg, window.view().plot().curveProperty().get().y()),
                () -> "curve with the background: " + diff(expectBg, window.view().plot().curveProperty().get().y()));
        assertEquals("dark \u2212 0.001\u00d7 \u00b7 flat \u00f7 \u00b7 bg \u2212 0.5\u00d7",
                badge());
        robot.clickOn("#curve-tab");
        screenshot(robot, "corrections.png");
    }

    /** The badge in the 1D tab's title. */
    private String badge() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            String t = window.view().analysisTabs().getTabs().get(0).getText();
            return t.contains("[") ? t.substring(t.indexOf('[') + 1, t.lastIndexOf(']')) : "";
        }).get();
    }

    private static String diff(double[] a, double[] b) {
        if (b == null || a.length != b.length) {
            return "lengths " + a.length + " and " + (b == null ? "none" : b.length);
        }
        for (int i = 0; i < a.length; i++) {
            if (Math.abs(a[i] - b[i]) > 1e-9 * Math.max(1, Math.abs(a[i]))) {
                return "bin " + i + ": expected " + a[i] + ", got " + b[i];
            }
        }
        return "equal";
    }

    private static boolean close(double[] a, double[] b) {
        if (b == null || a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (Math.abs(a[i] - b[i]) > 1e-9 * Math.max(1, Math.abs(a[i]))) {
                return false;
            }
        }
        return true;
    }

    /** The app's settings (1000 bins, no splitting, q in nm^-1) on the session's geometry, without a mask. */
    private static double[] integrate(Poni poni, double[] pixels, boolean corrected) {
        Integrator in = Integrator.build(new Geometry(poni, ROWS, COLS), null,
                IntegrationSettings.defaults(1000).withSplitting(Splitting.NONE).withUnit(RadialUnit.Q_NM));
        double[] v = pixels.clone();
        if (!corrected) {
            for (int i = 0; i < v.length; i++) {
                v[i] = v[i] < 0 ? Double.NaN : v[i];
            }
        }
        AzintResult r = in.integrate(FrameView.ofCorrected(v));
        return r.intensity();
    }

    private static LiveFrame liveFrame(ImageFrame f) {
        PixelType t = f.type();
        ByteBuffer b = ByteBuffer.allocate(ROWS * COLS * t.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        Object d = f.data();
        if (d instanceof short[] s) {
            b.asShortBuffer().put(s);
        } else if (d instanceof int[] s) {
            b.asIntBuffer().put(s);
        } else if (d instanceof byte[] s) {
            b.put(s).flip();
        } else {
            throw new IllegalStateException("frame data " + d.getClass());
        }
        return new LiveFrame(1, 1, ROWS, COLS, t, b, 1);
    }

    /** A PNG of the window, for a person to look at (target/screenshots). */
    private void screenshot(FxRobot robot, String name) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        Node root = window.view().root();
        WritableImage shot = WaitForAsyncUtils.asyncFx(() -> root.snapshot(null, null)).get();
        int w = (int) shot.getWidth();
        int h = (int) shot.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, shot.getPixelReader().getArgb(x, y));
            }
        }
        Path d = Path.of("target", "screenshots");
        Files.createDirectories(d);
        ImageIO.write(out, "png", d.resolve(name).toFile());
    }
}
