package org.hutch.widgets.demo;

import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

import org.hutch.model.curve.RadialUnit;
import org.hutch.widgets.plot.AzintPlot;
import org.hutch.widgets.plot.Curve;

/**
 * Shows an {@link AzintPlot} fed at 4 Hz with drifting powder peaks from a background thread;
 * {@code -Dhutch.demo.waterfall=true} starts in the waterfall view.
 */
public final class AzintPlotDemo {

    private AzintPlotDemo() {
    }

    public static void main(String[] args) {
        Application.launch(App.class, args);
    }

    /** Synthetic I(q): decaying background plus peaks whose positions drift slowly, with Poisson-like noise. */
    static Curve curve(long frame, SplittableRandom rnd) {
        int n = 1000;
        double[] x = new double[n];
        double[] y = new double[n];
        double[] s = new double[n];
        double shift = 0.3 * Math.sin(frame / 15.0);
        double[] peaks = {6.0, 9.5, 13.0, 16.5, 21.0};
        for (int i = 0; i < n; i++) {
            x[i] = 0.5 + 29.5 * i / (n - 1.0);
            double v = 400 * Math.exp(-x[i] / 4) + 20;
            for (int k = 0; k < peaks.length; k++) {
                double d = (x[i] - peaks[k] - shift) / 0.12;
                v += (300.0 / (k + 1)) * Math.exp(-d * d);
            }
            s[i] = Math.sqrt(v);
            y[i] = v + s[i] * (rnd.nextDouble() * 2 - 1);
        }
        return new Curve(x, y, s, RadialUnit.Q_NM, 1.0, frame);
    }

    /** The JavaFX application. */
    public static final class App extends Application {
        private ScheduledExecutorService feeder;

        @Override
        public void start(Stage stage) {
            AzintPlot plot = new AzintPlot();
            plot.overlayCountProperty().set(5);
            plot.waterfallShownProperty().set(Boolean.getBoolean("hutch.demo.waterfall"));
            SplittableRandom rnd = new SplittableRandom(1);
            long[] frame = {0};
            feeder = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "demo-curve-source");
                t.setDaemon(true);
                return t;
            });
            feeder.scheduleAtFixedRate(() -> plot.setCurve(curve(frame[0]++, rnd)), 0, 250, TimeUnit.MILLISECONDS);
            stage.setTitle("Hutch - azimuthal integration");
            stage.setScene(new Scene(plot, 1000, 650));
            stage.show();
        }

        @Override
        public void stop() {
            feeder.shutdownNow();
        }
    }
}
