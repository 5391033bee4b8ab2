package org.hutch.widgets.demo;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

import org.hutch.widgets.image.ImageFrame;
import org.hutch.widgets.image.LiveImageView;
import org.hutch.widgets.image.Viewport;

/**
 * Shows a {@link LiveImageView} fed at 5 Hz with synthetic Eiger 4M frames from a background
 * thread, with geometry, q rings and a beam-stop mask. Run with the widgets jar and its
 * dependencies on the class path; {@code main} launches JavaFX from this non-Application class.
 */
public final class LiveImageViewDemo {

    private LiveImageViewDemo() {
    }

    public static void main(String[] args) {
        Application.launch(App.class, args);
    }

    /** The JavaFX application. */
    public static final class App extends Application {
        private ScheduledExecutorService feeder;

        @Override
        public void start(Stage stage) {
            LiveImageView view = new LiveImageView();
            SyntheticFrames frames = new SyntheticFrames(SyntheticFrames.EIGER4M_ROWS, SyntheticFrames.EIGER4M_COLS);
            view.setGeometry(frames.geometry());
            for (double q : frames.ringQs()) {
                view.getRingQs().add(q);
            }
            view.setMask(frames.beamStopMask());
            ImageFrame[] cycle = new ImageFrame[4];
            feeder = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "demo-frame-source");
                t.setDaemon(true);
                return t;
            });
            long[] n = {0};
            feeder.scheduleAtFixedRate(() -> {
                int k = (int) (n[0] % cycle.length);
                if (cycle[k] == null) {
                    cycle[k] = frames.uint32(n[0], k);
                }
                ImageFrame f = cycle[k];
                view.setFrame(ImageFrame.ofUInt32(f.rows(), f.cols(), (int[]) f.data(), n[0]++));
            }, 0, 200, TimeUnit.MILLISECONDS);
            // -Dhutch.demo.viewport=x,y,width,height starts zoomed in (for looking at single pixels)
            String zoom = System.getProperty("hutch.demo.viewport");
            if (zoom != null) {
                String[] v = zoom.split(",");
                view.shownFrameProperty().addListener((o, a, b) -> {
                    if (a == null) {
                        view.setViewport(new Viewport(Double.parseDouble(v[0]), Double.parseDouble(v[1]),
                                Double.parseDouble(v[2]), Double.parseDouble(v[3])));
                    }
                });
            }
            stage.setTitle("Hutch - live image view");
            stage.setScene(new Scene(view, 1000, 900));
            stage.show();
        }

        @Override
        public void stop() {
            feeder.shutdownNow();
        }
    }
}
