package org.hutch.widgets.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;

import javax.imageio.ImageIO;

import org.hutch.model.curve.RadialUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import io.fair_acc.dataset.DataSet;

@ExtendWith(ApplicationExtension.class)
class AzintPlotIT {

    private AzintPlot plot;

    @Start
    void start(Stage stage) {
        plot = new AzintPlot();
        stage.setScene(new Scene(plot, 900, 600));
        stage.show();
    }

    /** A Gaussian peak at {@code centre} on q 1..{@code qMax} nm^-1. */
    private static Curve peak(long frame, double centre, double qMax) {
        int n = 200;
        double[] x = new double[n];
        double[] y = new double[n];
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 1 + (qMax - 1) * i / (n - 1.0);
            y[i] = 10 + 1000 * Math.exp(-Math.pow((x[i] - centre) / 0.5, 2)) + frame;
            s[i] = Math.sqrt(y[i]);
        }
        return new Curve(x, y, s, RadialUnit.Q_NM, 1.0, frame);
    }

    private void waitFor(String what, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out waiting for " + what, e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aCountTypedIntoOverlayLastIsTaken(FxRobot robot) {
        robot.doubleClickOn("#overlay-count .text-field").eraseText(3).write("4").type(javafx.scene.input.KeyCode.TAB);
        assertEquals(4, plot.overlayCountProperty().get(), "typed and left with Tab");
        robot.doubleClickOn("#overlay-count .text-field").eraseText(3).write("7").type(javafx.scene.input.KeyCode.ENTER);
        assertEquals(7, plot.overlayCountProperty().get(), "typed and Enter");
    }

    @Test
    void aMessageTakesThePlaceOfTheCurve(FxRobot robot) throws Exception {
        feed(peak(1, 5, 10));
        waitFor("curve", () -> plot.curveProperty().get() != null);
        robot.interact(() -> plot.showMessage("no geometry: load a PONI"));
        javafx.scene.control.Label m = robot.lookup("#plot-message").queryAs(javafx.scene.control.Label.class);
        assertTrue(m.isVisible());
        assertEquals("no geometry: load a PONI", m.getText());
        assertEquals(null, plot.curveProperty().get(), "the old curve is taken away");
        feed(peak(2, 5, 10));
        waitFor("next curve", () -> plot.curveProperty().get() != null);
        assertTrue(!m.isVisible(), "a new curve takes the message away");
    }

    private void feed(Curve... curves) throws Exception {
        Thread t = new Thread(() -> {
            for (Curve c : curves) {
                plot.setCurve(c);
            }
        }, "test-curve-source");
        t.start();
        t.join(10_000);
        long last = curves[curves.length - 1].frame();
        waitFor("curve " + last, () -> plot.curveProperty().get() != null && plot.curveProperty().get().frame() == last);
    }

    private Point2D onCanvas(FxRobot robot, double fx, double fy) {
        Node canvas = plot.chart().getCanvas();
        Bounds b = canvas.localToScreen(canvas.getBoundsInLocal());
        return new Point2D(b.getMinX() + fx * b.getWidth(), b.getMinY() + fy * b.getHeight());
    }

    @Test
    void liveUpdatesKeepTheUsersZoomUntilReset(FxRobot robot) throws Exception {
        feed(peak(1, 5, 20));
        waitFor("autorange", () -> plot.xAxis().getMax() >= 19.9);
        assertEquals(1, plot.xAxis().getMin(), 1e-6);

        robot.drag(onCanvas(robot, 0.25, 0.2), MouseButton.PRIMARY).moveTo(onCanvas(robot, 0.5, 0.8)).release(MouseButton.PRIMARY);
        waitFor("zoomed", () -> plot.xAxis().getMax() < 15);
        double min = plot.xAxis().getMin();
        double max = plot.xAxis().getMax();
        assertFalse(plot.xAxis().isAutoRanging(), "zooming stops auto-ranging");
        assertTrue(min > 1 && max < 15, "zoomed to the dragged rectangle: " + min + ".." + max);

        for (int i = 2; i <= 6; i++) {
            feed(peak(i, 5 + i, 30)); // wider data must not undo the zoom
        }
        assertEquals(min, plot.xAxis().getMin(), 1e-9);
        assertEquals(max, plot.xAxis().getMax(), 1e-9);

        robot.clickOn("#plot-reset-zoom");
        waitFor("reset", () -> plot.xAxis().getMax() >= 29.9);
        assertEquals(1, plot.xAxis().getMin(), 1e-6);
    }

    @Test
    void dAxisAutoRangeCoversTheRingsNotTheHugeDOfTheLowestQBins(@TempDir Path dir, FxRobot robot) throws Exception {
        // 400 bins on q 0.05..40 nm^-1 (0.005..4 A^-1); the first 20 are empty, as behind a beam stop
        int n = 400;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 0.05 + (40 - 0.05) * i / (n - 1.0);
            y[i] = i < 20 ? 0 : 10 + 1000 * Math.exp(-Math.pow((x[i] - 20) / 0.3, 2));
        }
        feed(new Curve(x, y, null, RadialUnit.Q_NM, 1.0, 3));
        waitFor("q autorange", () -> plot.xAxis().getMax() >= 39.9);
        robot.clickOn("#d-axis");
        waitFor("d axis", () -> "d".equals(plot.xAxis().getName()) && plot.xAxis().getMin() < 2);
        double dMin = 2 * Math.PI / 4; // the largest q, in A
        assertEquals(dMin, plot.xAxis().getMin(), 1e-6);
        double max = plot.xAxis().getMax();
        // not the first bins' 2pi/0.005 = 1257 A: d up to D_AXIS_SPAN times the smallest, so the peak (d = 3.14 A)
        // sits in the axis rather than in its first pixel
        assertTrue(max <= AzintPlot.D_AXIS_SPAN * dMin + 1e-6 && max > 2 * Math.PI / 2, "d axis up to " + max + " A");

        // the file keeps every bin, in the unit (q), not in d
        Path file = dir.resolve("d.csv");
        robot.interact(() -> {
            try {
                plot.exportCsv(file);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        List<String> lines = Files.readAllLines(file);
        assertEquals("q_nm^-1,I", lines.get(lines.size() - n - 1));
        for (int i = 0; i < n; i++) {
            String[] cols = lines.get(lines.size() - n + i).split(",");
            assertEquals(x[i], Double.parseDouble(cols[0]), 1e-9, "q of bin " + i);
            assertEquals(y[i], Double.parseDouble(cols[1]), 1e-9, "I of bin " + i);
        }
    }

    @Test
    void csvHoldsTheLiveCurveInTheUnitOnScreen(@TempDir Path dir, FxRobot robot) throws Exception {
        Curve c = new Curve(new double[] {10, 20, 30}, new double[] {5, 6.5, 7}, new double[] {0.5, 0.25, 1}, RadialUnit.Q_NM, 7);
        feed(c);
        Path file = dir.resolve("curve.csv");
        robot.interact(() -> {
            plot.csvDescriptionProperty().set("poni: /data/det.poni\nmask: none\nseries: 3\nfile: /data/s3.h5");
            try {
                plot.exportCsv(file);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertEquals(List.of("# hutch azimuthal integration, frame 7", "# unit: q_nm^-1", "# poni: /data/det.poni",
                "# mask: none", "# series: 3", "# file: /data/s3.h5", "q_nm^-1,I,sigma", "10.0,5.0,0.5", "20.0,6.5,0.25",
                "30.0,7.0,1.0"), Files.readAllLines(file));

        robot.interact(() -> {
            plot.setUnit(RadialUnit.Q_A);
            plot.freezeReference();
            try {
                plot.exportCsv(file);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertEquals(List.of("# hutch azimuthal integration, frame 7", "# unit: q_A^-1", "# poni: /data/det.poni",
                "# mask: none", "# series: 3", "# file: /data/s3.h5", "q_A^-1,I,sigma,I_reference", "1.0,5.0,0.5,5.0",
                "2.0,6.5,0.25,6.5", "3.0,7.0,1.0,7.0"), Files.readAllLines(file));
    }

    @Test
    void frozenReferenceStaysWhileLiveCurvesChange(FxRobot robot) throws Exception {
        Curve first = peak(1, 5, 20);
        feed(first);
        robot.clickOn("#freeze-reference");
        assertSame(first, plot.referenceProperty().get());
        feed(peak(2, 8, 20), peak(3, 9, 20));
        assertSame(first, plot.referenceProperty().get());
        assertEquals(3, plot.curveProperty().get().frame());
        DataSet reference = datasetNamed("reference");
        assertNotNull(reference, "reference drawn");
        assertEquals(first.y()[100], reference.get(DataSet.DIM_Y, 100), 1e-12);

        robot.clickOn("#clear-reference");
        assertEquals(null, plot.referenceProperty().get());
        assertEquals(null, datasetNamed("reference"));
    }

    @Test
    void overlayShowsTheLastNCurvesBehindTheLiveOne(FxRobot robot) throws Exception {
        for (int i = 1; i <= 6; i++) {
            feed(peak(i, 5, 20));
        }
        robot.interact(() -> plot.overlayCountProperty().set(3));
        assertTrue(datasetNamed("frame 5") != null && datasetNamed("frame 4") != null && datasetNamed("frame 3") != null);
        assertEquals(null, datasetNamed("frame 2"), "only the last 3 before the live curve");
        feed(peak(7, 5, 20));
        assertTrue(datasetNamed("frame 6") != null && datasetNamed("frame 4") != null);
        assertEquals(null, datasetNamed("frame 3"));
        robot.interact(() -> plot.overlayCountProperty().set(0));
        assertEquals(null, datasetNamed("frame 6"));
    }

    @Test
    void everyCurveEntersTheHistoryEvenWhenTheScreenSkipsSome(FxRobot robot) throws Exception {
        Curve[] burst = new Curve[300];
        for (int i = 0; i < burst.length; i++) {
            burst[i] = peak(i, 5, 20);
        }
        robot.interact(() -> plot.historySizeProperty().set(400));
        feed(burst); // from one thread, far faster than the FX thread draws
        List<Curve> history = plot.history();
        assertEquals(300, history.size());
        for (int i = 0; i < history.size(); i++) {
            assertEquals(i, history.get(i).frame(), "history in arrival order");
        }
    }

    @Test
    void logAxisFollowsTheCheckBox(FxRobot robot) throws Exception {
        feed(peak(1, 5, 20));
        robot.clickOn("#log-y");
        assertTrue(((io.fair_acc.chartfx.axes.spi.DefaultNumericAxis) plot.yAxis()).isLogAxis());
        robot.clickOn("#log-y");
        assertFalse(((io.fair_acc.chartfx.axes.spi.DefaultNumericAxis) plot.yAxis()).isLogAxis());
    }

    @Test
    void hoverReadoutAndWaterfall(FxRobot robot) throws Exception {
        for (int i = 1; i <= 12; i++) {
            feed(peak(i, 4 + i, 20));
        }
        robot.moveTo(onCanvas(robot, 0.5, 0.5));
        waitFor("readout", () -> plot.readoutProperty().get().startsWith("q "));
        assertTrue(plot.readoutProperty().get().contains("nearest: q"), plot.readoutProperty().get());
        assertTrue(plot.readoutProperty().get().contains("nm\u207b\u00b9"));

        robot.clickOn("#waterfall-toggle");
        assertTrue(robot.lookup("#waterfall").query().isVisible());
        assertFalse(robot.lookup("#azint-plot").query().isVisible());
        Node holder = robot.lookup("#waterfall").queryAs(WaterfallView.class).imageHolder();
        Bounds b = holder.localToScreen(holder.getBoundsInLocal());
        robot.moveTo(new Point2D(b.getMinX() + b.getWidth() * 0.5, b.getMinY() + 2)); // top row = newest curve
        waitFor("waterfall readout", () -> plot.readoutProperty().get().startsWith("frame "));
        assertTrue(plot.readoutProperty().get().startsWith("frame 12 "), plot.readoutProperty().get());
    }

    @Test
    void pngExportWritesThePlot(@TempDir Path dir, FxRobot robot) throws Exception {
        feed(peak(1, 5, 20));
        Path file = dir.resolve("plot.png");
        robot.interact(() -> {
            try {
                plot.exportPng(file);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        BufferedImage png = ImageIO.read(file.toFile());
        assertEquals((int) Math.ceil(plot.chart().getWidth()), png.getWidth(), 1);
        assertEquals((int) Math.ceil(plot.chart().getHeight()), png.getHeight(), 1);
        // the picture holds the plot: the live curve's blue line, axes and labels on the background
        int curvePixels = 0;
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int yy = 0; yy < png.getHeight(); yy++) {
            for (int xx = 0; xx < png.getWidth(); xx++) {
                int rgb = png.getRGB(xx, yy) & 0xFFFFFF;
                colours.add(rgb);
                if (Math.abs((rgb >> 16) - 0x1f) <= 24 && Math.abs(((rgb >> 8) & 0xFF) - 0x6f) <= 24
                        && Math.abs((rgb & 0xFF) - 0xc5) <= 24) {
                    curvePixels++;
                }
            }
        }
        assertTrue(colours.size() > 20, "not a blank picture: " + colours.size() + " colours");
        assertTrue(curvePixels > 100, "the live curve is drawn: " + curvePixels + " pixels of its colour");
    }

    @Test
    void csvOfAFullCurveReadsBackToItsValues(@TempDir Path dir, FxRobot robot) throws Exception {
        Curve c = peak(3, 7, 20);
        feed(c);
        Path file = dir.resolve("peak.csv");
        robot.interact(() -> {
            try {
                plot.exportCsv(file);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        List<String> lines = Files.readAllLines(file);
        assertEquals("q_nm^-1,I,sigma", lines.get(2));
        assertEquals(3 + c.size(), lines.size());
        for (int i = 0; i < c.size(); i++) {
            String[] cells = lines.get(3 + i).split(",");
            assertEquals(c.x()[i], Double.parseDouble(cells[0]), 0, "q at " + i);
            assertEquals(c.y()[i], Double.parseDouble(cells[1]), 0, "I at " + i);
            assertEquals(c.sigma()[i], Double.parseDouble(cells[2]), 0, "sigma at " + i);
        }
    }

    @Test
    void liveAndReferenceDataSetsAreReusedAcrossUpdates(FxRobot robot) throws Exception {
        feed(peak(1, 5, 20));
        robot.clickOn("#freeze-reference");
        DataSet live = datasetNamed("frame 1");
        DataSet reference = datasetNamed("reference");
        feed(peak(2, 6, 20));
        assertSame(live, datasetNamed("frame 2"), "the live data set takes the new curve");
        assertEquals(peak(2, 6, 20).y()[50], live.get(DataSet.DIM_Y, 50), 1e-12);
        assertSame(reference, datasetNamed("reference"));
    }

    @Test
    void aDataSetLeftReadLockedIsReplacedInsteadOfWaitedFor(FxRobot robot) throws Exception {
        feed(peak(1, 5, 20));
        DataSet stuck = datasetNamed("frame 1");
        stuck.lock().readLock(); // as a renderer that failed would leave it
        try {
            feed(peak(2, 6, 20)); // would wait forever on the FX thread writing into the locked set
            DataSet live = datasetNamed("frame 2");
            assertNotNull(live);
            assertTrue(live != stuck, "a fresh data set took the curve");
            assertEquals(peak(2, 6, 20).y()[50], live.get(DataSet.DIM_Y, 50), 1e-12);
        } finally {
            stuck.lock().readUnLock();
        }
    }

    private DataSet datasetNamed(String name) {
        return plot.chart().getRenderers().stream().flatMap(r -> r.getDatasets().stream())
                .filter(ds -> name.equals(ds.getName())).findFirst().orElse(null);
    }
}
