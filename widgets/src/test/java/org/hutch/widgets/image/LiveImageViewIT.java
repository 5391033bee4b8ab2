package org.hutch.widgets.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class LiveImageViewIT {

    private LiveImageView view;

    @Start
    void start(Stage stage) {
        view = new LiveImageView();
        stage.setScene(new Scene(view, 900, 760));
        stage.show();
    }

    @AfterEach
    void dispose() {
        view.dispose();
    }

    /** A rows x cols uint32 frame whose pixel (r, c) holds r * 1000 + c. */
    private static ImageFrame ramp(int rows, int cols, long frame) {
        int[] d = new int[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                d[r * cols + c] = r * 1000 + c;
            }
        }
        return ImageFrame.ofUInt32(rows, cols, d, frame);
    }

    private void waitFor(String what, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out waiting for " + what, e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void waitShown(Predicate<PreparedImage> condition, String what) throws Exception {
        waitFor(what, () -> view.shownImage() != null && condition.test(view.shownImage()));
    }

    private void feedFromBackground(ImageFrame... frames) throws InterruptedException {
        Thread t = new Thread(() -> {
            for (ImageFrame f : frames) {
                view.setFrame(f);
            }
        }, "test-frame-source");
        t.start();
        t.join(10_000);
    }

    /** Whether the stylesheet draws the field's border red now (its :invalid look). */
    private static boolean outlinedRed(FxRobot robot, String id) {
        javafx.scene.Node field = robot.lookup(id).query();
        robot.interact(field::applyCss);
        javafx.scene.layout.Border border = ((javafx.scene.layout.Region) field).getBorder();
        return border != null && border.getStrokes().stream()
                .anyMatch(s -> javafx.scene.paint.Color.web("#c62828").equals(s.getTopStroke()));
    }

    @Test
    void theImageTakenFromTheViewKeepsItsPixelsWhileNewerFramesAreShown() throws Exception {
        feedFromBackground(ramp(120, 160, 1));
        waitShown(p -> p.frame().frameNumber() == 1, "first frame");
        PreparedImage taken = view.shownImage();
        int[] before = imagePixels(taken).clone();
        // the same shape with the ramp upside down: other colours at every row
        for (long n = 2; n <= 3; n++) {
            int[] d = new int[120 * 160];
            for (int r = 0; r < 120; r++) {
                for (int c = 0; c < 160; c++) {
                    d[r * 160 + c] = (119 - r) * 1000 + c;
                }
            }
            ImageFrame flipped = ImageFrame.ofUInt32(120, 160, d, n);
            feedFromBackground(flipped);
            long shown = n;
            waitFor("frame " + n, () -> view.shownFrameProperty().get() != null
                    && view.shownFrameProperty().get().frameNumber() == shown);
        }
        assertNotEquals(before[0], imagePixels(view.shownImage())[0], "the newer frames look different");
        assertArrayEquals(before, imagePixels(taken), "the taken image was not prepared over");
    }

    @Test
    void fxOnlyMethodsRefuseOtherThreads() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> view.resetZoom());
        assertTrue(e.getMessage().contains("LiveImageView.resetZoom"), e.getMessage());
    }

    @Test
    void userSettingsSurviveNewFramesOfTheSameShapeFromABackgroundThread(FxRobot robot) throws Exception {
        feedFromBackground(ramp(200, 300, 1));
        waitShown(p -> p.frame().frameNumber() == 1, "first frame");
        Viewport zoomed = new Viewport(40, 30, 50, 40);
        robot.interact(() -> {
            view.setColormap(Colormap.MAGMA);
            view.setColormapReversed(true);
            view.setScale(Scale.SQRT);
            view.setManualContrast(5, 50_000);
            view.setViewport(zoomed);
        });
        waitShown(p -> p.settings().colormap() == Colormap.MAGMA && p.settings().contrastMode() == ContrastMode.MANUAL
                && p.region().col0() == 40, "settings applied");

        ImageFrame[] burst = new ImageFrame[20];
        for (int i = 0; i < burst.length; i++) {
            burst[i] = ramp(200, 300, 100 + i);
        }
        feedFromBackground(burst);
        waitShown(p -> p.frame().frameNumber() == 119, "last frame of the burst");

        PreparedImage p = view.shownImage();
        assertEquals(zoomed, view.getViewport(), "zoom and pan kept");
        assertEquals(new ImageRegion(30, 40, 70, 90), p.region(), "only the zoomed region is drawn");
        assertEquals(Colormap.MAGMA, p.settings().colormap());
        assertTrue(p.settings().reversed());
        assertEquals(Scale.SQRT, p.settings().scale());
        assertEquals(ContrastMode.MANUAL, view.getContrastMode());
        assertEquals(5, view.shownLowProperty().get());
        assertEquals(50_000, view.shownHighProperty().get());

        feedFromBackground(ramp(100, 120, 200)); // another shape: only the zoom resets
        waitShown(pi -> pi.frame().frameNumber() == 200, "frame of a new shape");
        assertEquals(Viewport.full(100, 120), view.getViewport());
        assertEquals(Colormap.MAGMA, view.shownImage().settings().colormap());
        assertEquals(50_000, view.shownHighProperty().get());
    }

    @Test
    void percentileContrastIsTakenFromTheFrameHistogram(FxRobot robot) throws Exception {
        // values 0..399 in shuffled order plus invalid pixels that must not count
        int n = 400;
        int[] d = new int[20 * 21];
        java.util.Random rnd = new java.util.Random(7);
        for (int i = 0; i < n; i++) {
            d[i] = i;
        }
        for (int i = n; i < d.length; i++) {
            d[i] = -1; // 0xFFFFFFFF
        }
        for (int i = d.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = d[i];
            d[i] = d[j];
            d[j] = t;
        }
        robot.interact(() -> {
            view.percentileLowProperty().set(10);
            view.percentileHighProperty().set(90);
        });
        view.setFrame(ImageFrame.ofUInt32(20, 21, d, 1));
        waitShown(p -> p.settings().percentileLow() == 10 && p.frame().frameNumber() == 1, "percentile frame");
        // nearest rank below: floor(p/100 * (n - 1)) of the 400 valid values
        assertEquals(Math.floor(0.10 * (n - 1)), view.shownLowProperty().get());
        assertEquals(Math.floor(0.90 * (n - 1)), view.shownHighProperty().get());

        robot.interact(() -> view.setContrastMode(ContrastMode.MIN_MAX));
        waitShown(p -> p.settings().contrastMode() == ContrastMode.MIN_MAX, "min/max mode");
        assertEquals(0, view.shownLowProperty().get());
        assertEquals(n - 1, view.shownHighProperty().get());
    }

    @Test
    void colormapEndpointsInvalidAndMaskedPixelsGetTheirColours(FxRobot robot) throws Exception {
        // 4 x 5 image, much enlarged in the view: each image pixel is a block of output pixels
        float[] d = {0, 50, 100, 150, Float.NaN,
                     -5, 25, 75, 100, 0,
                     0, 0, 0, 0, 0,
                     0, 0, 0, 0, 7};
        boolean[] m = new boolean[20];
        m[19] = true;
        robot.interact(() -> {
            view.setColormap(Colormap.GRAY);
            view.setManualContrast(0, 100);
        });
        view.setMask(new ImageMask(4, 5, m));
        view.setFrame(ImageFrame.ofFloat32(4, 5, d, 1));
        waitShown(p -> p.settings().colormap() == Colormap.GRAY && p.settings().contrastMode() == ContrastMode.MANUAL
                && p.frame().frameNumber() == 1, "gray frame");
        int[] px = imagePixels(view.shownImage());
        int[] gray = Colormap.GRAY.lut(false);
        assertEquals(0xFF000000, px[0], "value at the low limit is the first colour");
        assertEquals(0xFFFFFFFF, px[2], "value at the high limit is the last colour");
        assertEquals(0xFFFFFFFF, px[3], "above the high limit is clamped");
        assertEquals(0xFF000000, px[5], "below the low limit is clamped (float negatives are valid)");
        assertEquals(gray[128], px[1], "mid value maps to the middle of the table");
        assertEquals(LiveImageView.argb(view.invalidColorProperty().get()), px[4], "NaN is invalid");
        assertEquals(LiveImageView.argb(view.maskColorProperty().get()), px[19], "masked pixel");

        robot.interact(() -> view.setColormapReversed(true));
        waitShown(p -> p.settings().reversed(), "reversed");
        assertEquals(0xFFFFFFFF, imagePixels(view.shownImage())[0]);
        assertEquals(0xFF000000, imagePixels(view.shownImage())[2]);

        robot.interact(() -> view.maskOverlayVisibleProperty().set(false));
        waitShown(p -> !p.settings().maskOverlay(), "mask overlay off");
        assertEquals(Colormap.GRAY.lut(true)[(int) (7 * 2.56)], imagePixels(view.shownImage())[19], "masked pixel drawn as data");
    }

    @Test
    void readoutShowsRowColumnValueAndGeometryUnderTheCursor(FxRobot robot) throws Exception {
        view.setFrame(ramp(64, 80, 1));
        waitShown(p -> p.frame().frameNumber() == 1, "frame");
        robot.moveTo(screenPointOf(10, 20));
        waitFor("readout", () -> view.readoutProperty().get().startsWith("row 10  col 20"));
        assertEquals("row 10  col 20  value 10020", view.readoutProperty().get());
        assertEquals("row 10  col 20  value 10020", robot.lookup("#readout").queryLabeled().getText());

        PixelGeometry geometry = new PixelGeometry() {
            @Override public double twoTheta(double row, double col) { return row + col; }
            @Override public double q(double row, double col) { return row * 2; }
            @Override public double chi(double row, double col) { return -col; }
        };
        robot.interact(() -> view.setGeometry(geometry));
        robot.moveTo(screenPointOf(33, 5));
        waitFor("readout with geometry", () -> view.readoutProperty().get().startsWith("row 33  col 5"));
        assertEquals("row 33  col 5  value 33005  2\u03b8 39.0000\u00b0  q 67.00000 nm\u207b\u00b9  d 0.93779 \u00c5  \u03c7 -5.500\u00b0",
                view.readoutProperty().get());
    }

    @Test
    void wheelZoomsDragPansAndResetShowsAll(FxRobot robot) throws Exception {
        view.setFrame(ramp(200, 300, 1));
        waitShown(p -> p.frame().frameNumber() == 1, "frame");
        assertEquals(Viewport.full(200, 300), view.getViewport());
        robot.moveTo(screenPointOf(100, 150));
        // TestFX's DOWN gives a positive wheel delta, as turning a real wheel away from the user does
        robot.scroll(3, javafx.geometry.VerticalDirection.DOWN);
        waitFor("zoom", () -> view.getViewport().width() < 300);
        Viewport zoomed = view.getViewport();
        assertTrue(zoomed.width() < 300 && zoomed.height() < 200, "zoomed in: " + zoomed);

        robot.drag(screenPointOf(100, 150), MouseButton.PRIMARY).moveBy(60, 0).release(MouseButton.PRIMARY);
        waitFor("pan", () -> view.getViewport().x() != zoomed.x());
        assertTrue(view.getViewport().x() < zoomed.x(), "dragging right shows columns further left");
        assertEquals(zoomed.width(), view.getViewport().width(), 1e-9);

        waitShown(p -> p.region().cols() < 300, "zoomed render");
        robot.clickOn("#reset-zoom");
        waitFor("reset", () -> Viewport.full(200, 300).equals(view.getViewport()));
        waitShown(p -> p.region().equals(new ImageRegion(0, 0, 200, 300)), "full render");
    }

    @Test
    void exportPngWritesTheFullResolutionFrame(@TempDir Path dir, FxRobot robot) throws Exception {
        view.setFrame(ramp(123, 457, 1));
        waitShown(p -> p.frame().frameNumber() == 1, "frame");
        Path file = dir.resolve("frame.png");
        java.util.concurrent.CompletableFuture<Path> future = new java.util.concurrent.CompletableFuture<>();
        robot.interact(() -> view.exportPng(file).whenComplete((p, e) -> {
            if (e != null) {
                future.completeExceptionally(e);
            } else {
                future.complete(p);
            }
        }));
        assertEquals(file, future.get(20, TimeUnit.SECONDS));
        assertTrue(Files.size(file) > 0);
        BufferedImage png = ImageIO.read(file.toFile());
        assertEquals(457, png.getWidth());
        assertEquals(123, png.getHeight());
        assertNotEquals(png.getRGB(0, 0), png.getRGB(456, 122), "the ramp's corners differ in colour");
        // every pixel of the file is the frame's pixel drawn at full resolution with the view's settings
        PreparedImage shown = view.shownImage();
        ImageFrame f = shown.frame();
        int[] want;
        try (ImagePreparer preparer = new ImagePreparer(1)) {
            want = preparer.prepare(f, null, shown.settings().withManual(shown.low(), shown.high()), ImageRegion.whole(f),
                    f.cols(), f.rows(), null).argb();
        }
        for (int y = 0; y < 123; y++) {
            for (int x = 0; x < 457; x++) {
                assertEquals(want[y * 457 + x] | 0xFF000000, png.getRGB(x, y) | 0xFF000000, "pixel (" + x + ", " + y + ")");
            }
        }
    }

    @Test
    void colormapComboBoxChangesTheColourMap(FxRobot robot) throws Exception {
        view.setFrame(ramp(30, 30, 1));
        waitShown(p -> p.frame().frameNumber() == 1, "frame");
        robot.interact(() -> robot.lookup("#colormap").queryComboBox().getSelectionModel().select(Colormap.JET));
        waitShown(p -> p.settings().colormap() == Colormap.JET, "jet");
        assertEquals(Colormap.JET, view.getColormap());
        robot.interact(() -> robot.lookup("#scale").queryComboBox().getSelectionModel().select(Scale.LOG));
        waitShown(p -> p.settings().scale() == Scale.LOG, "log");
        assertTrue(view.shownLowProperty().get() > 0, "log scale uses a positive low limit");
    }

    /** The colour drawn for each image pixel of the prepared region (the centre of its output block). */
    private static int[] imagePixels(PreparedImage p) {
        ImageRegion r = p.region();
        int[] out = new int[r.rows() * r.cols()];
        for (int row = 0; row < r.rows(); row++) {
            for (int col = 0; col < r.cols(); col++) {
                int y = (int) ((row + 0.5) * p.height() / r.rows());
                int x = (int) ((col + 0.5) * p.width() / r.cols());
                out[row * r.cols() + col] = p.argb()[y * p.width() + x];
            }
        }
        return out;
    }

    @Test
    void typedContrastValuesAreCheckedAndTypingALimitSwitchesToManual(FxRobot robot) throws Exception {
        view.setFrame(ramp(50, 60, 1));
        waitShown(p -> p.frame().frameNumber() == 1, "frame");
        robot.doubleClickOn("#percentile-high").eraseText(10).write("120").type(javafx.scene.input.KeyCode.ENTER);
        assertEquals(RenderSettings.DEFAULT_PERCENTILE_HIGH, view.percentileHighProperty().get(), "out of range is refused");
        assertTrue(outlinedRed(robot, "#percentile-high"), "and outlined");
        robot.doubleClickOn("#percentile-high").eraseText(10).write("95").type(javafx.scene.input.KeyCode.ENTER);
        assertEquals(95, view.percentileHighProperty().get());
        assertFalse(outlinedRed(robot, "#percentile-high"));

        robot.doubleClickOn("#contrast-max").eraseText(12).write("40000").type(javafx.scene.input.KeyCode.ENTER);
        waitShown(p -> p.settings().contrastMode() == ContrastMode.MANUAL, "manual");
        assertEquals(40_000, view.shownHighProperty().get());
    }

    private Point2D screenPointOf(int row, int col) {
        Viewport vp = view.getViewport();
        double w = view.imageArea().getWidth();
        double h = view.imageArea().getHeight();
        return view.imageArea().localToScreen(vp.toScreenX(col + 0.5, w, h), vp.toScreenY(row + 0.5, w, h));
    }
}
