package org.hutch.widgets.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.Stage;

import org.hutch.model.curve.RadialUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The waterfall of a whole series (one row per frame, missing frames marked) and the cake view. */
@ExtendWith(ApplicationExtension.class)
class SeriesWaterfallAndCakeIT {
    private WaterfallView waterfall;
    private CakeView cake;

    @Start
    void start(Stage stage) {
        waterfall = new WaterfallView();
        waterfall.setId("wf");
        cake = new CakeView();
        cake.setId("cake");
        HBox.setHgrow(waterfall, Priority.ALWAYS);
        HBox.setHgrow(cake, Priority.ALWAYS);
        waterfall.setPrefWidth(450);
        cake.setPrefWidth(450);
        stage.setScene(new Scene(new HBox(waterfall, cake), 900, 500));
        stage.show();
    }

    private static void waitFor(String what, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out waiting for " + what, e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static <T> T onFx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get();
    }

    @Test
    void everyFrameIsARowAndMissingFramesAreMarked(FxRobot robot) throws Exception {
        int bins = 100;
        double[] grid = new double[bins];
        for (int i = 0; i < bins; i++) {
            grid[i] = 1 + i * 0.1;
        }
        List<float[]> rows = new ArrayList<>();
        for (int f = 0; f < 40; f++) {
            if (f == 10 || f == 11) {
                rows.add(null); // skipped by the pipeline
                continue;
            }
            float[] y = new float[bins];
            for (int i = 0; i < bins; i++) {
                y[i] = (float) (10 + 1000 * Math.exp(-Math.pow((grid[i] - 3 - f * 0.1) / 0.3, 2)));
            }
            rows.add(y);
        }
        robot.interact(() -> waterfall.showMessage("no pipeline"));
        assertEquals("no pipeline", waterfall.message());
        waterfall.showSeries(new SeriesRows("scan", RadialUnit.Q_NM, grid, 100, rows));
        waitFor("the series on screen", () -> waterfall.shownRows() == 40);
        assertEquals(40, onFx(waterfall::imageHeight), "one image row per frame");
        assertEquals(2, onFx(waterfall::shownMissing));
        assertArrayEquals(new long[] {100, 139}, onFx(waterfall::shownFrames));
        assertEquals("", waterfall.message(), "data replaces the message");

        // the rows of the skipped frames 110 and 111 are drawn in the "missing" colour; row 0 is frame 139
        Image img = onFx(() -> robot.lookup("#waterfall-image").queryAs(ImageView.class).getImage());
        assertEquals(LogColours.MISSING, img.getPixelReader().getArgb(50, 139 - 110));
        assertEquals(LogColours.MISSING, img.getPixelReader().getArgb(50, 139 - 111));
        assertTrue(img.getPixelReader().getArgb(50, 0) != LogColours.MISSING);

        Node holder = waterfall.imageHolder();
        Bounds b = onFx(() -> holder.localToScreen(holder.getBoundsInLocal()));
        robot.moveTo(new Point2D(b.getMinX() + b.getWidth() / 2, b.getMinY() + b.getHeight() * (139 - 110 + 0.5) / 40));
        waitFor("readout", () -> waterfall.readout().startsWith("frame 110"));
        assertTrue(waterfall.readout().contains("no curve"), waterfall.readout());

        // a message afterwards wins over a drawing asked for before it
        waterfall.showSeries(new SeriesRows("scan", RadialUnit.Q_NM, grid, 100, rows.subList(0, 5)));
        robot.interact(() -> waterfall.showMessage("next series"));
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, onFx(waterfall::shownRows));
        assertEquals("next series", waterfall.message());
    }

    @Test
    void aCakeIsShownAzimuthUpRadialAcross(FxRobot robot) throws Exception {
        int nr = 50;
        int na = 36;
        double[] radial = new double[nr];
        double[] chi = new double[na];
        double[] in = new double[na * nr];
        for (int r = 0; r < nr; r++) {
            radial[r] = 0.5 + r * 0.5;
        }
        for (int a = 0; a < na; a++) {
            chi[a] = -175 + a * 10;
            for (int r = 0; r < nr; r++) {
                in[a * nr + r] = r == 20 ? 1000 : a == 0 ? 0 : 10;
            }
        }
        robot.interact(() -> cake.showMessage("no geometry"));
        cake.setCake(new Cake(radial, chi, in, RadialUnit.TTH_DEG, 7));
        waitFor("the cake", () -> cake.cakeProperty().get() != null);
        assertArrayEquals(new int[] {na, nr}, onFx(cake::imageSize));
        assertEquals("", cake.message());
        Image img = onFx(() -> robot.lookup("#cake-image").queryAs(ImageView.class).getImage());
        int ring = img.getPixelReader().getArgb(20, 5);
        int flat = img.getPixelReader().getArgb(10, 5);
        assertTrue(ring != flat, "the ring stands out");
        assertEquals(LogColours.NO_VALUE, img.getPixelReader().getArgb(10, na - 1), "chi = -175 (bottom) has no intensity");
        assertTrue(robot.lookup("#cake-info").queryLabeled().getText().contains("frame 7"));
    }
}
