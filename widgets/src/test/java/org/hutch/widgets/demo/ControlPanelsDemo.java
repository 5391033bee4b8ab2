package org.hutch.widgets.demo;

import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

import org.hutch.model.acquisition.AcquisitionProgress;
import org.hutch.model.receiver.ReceiverStatus;
import org.hutch.widgets.FxHandoff;
import org.hutch.widgets.control.ControlState;
import org.hutch.widgets.control.DetectorControlPanel;
import org.hutch.widgets.status.ReceiverStatusView;

/**
 * The {@link DetectorControlPanel} driving a toy state machine (Arm -> ARMED, Start -> RUNNING with
 * progress, Stop/Abort -> READY), beside a {@link ReceiverStatusView} fed by a 1 Hz "poller" thread
 * through an {@link FxHandoff}. A check box switches view-only mode.
 */
public final class ControlPanelsDemo {

    private ControlPanelsDemo() {
    }

    public static void main(String[] args) {
        Application.launch(App.class, args);
    }

    /** One poll result for the hand-off. */
    record Poll(ReceiverStatus status, Instant at) {
    }

    /** The JavaFX application. */
    public static final class App extends Application {
        private ScheduledExecutorService background;
        private volatile boolean running;
        private volatile long received;

        @Override
        public void start(Stage stage) {
            DetectorControlPanel panel = new DetectorControlPanel();
            panel.getTriggerModes().setAll("ints", "inte", "exts", "exte");
            panel.triggerModeProperty().set("ints");
            panel.fileNameProperty().set("sample_a");
            panel.setState(ControlState.READY);
            panel.setOnArm(e -> panel.setState(ControlState.ARMED));
            panel.setOnStart(e -> {
                received = 0;
                running = true;
                panel.setError("");
                panel.setState(ControlState.RUNNING);
            });
            panel.setOnStop(e -> {
                running = false;
                panel.setState(ControlState.READY);
            });
            panel.setOnAbort(e -> {
                running = false;
                panel.setState(ControlState.READY);
                panel.setError("Aborted by the user after " + received + " frames");
            });

            ReceiverStatusView status = new ReceiverStatusView();
            FxHandoff<Poll> toStatus = new FxHandoff<>(p -> {
                status.setStatus(p.status(), p.at());
                long expected = panel.getSettings().expectedFrames();
                panel.setProgress(new AcquisitionProgress(expected, p.status().received(), -1, p.status().fps(), null, null, 0));
                if (running && p.status().received() >= expected) {
                    running = false;
                    panel.setState(ControlState.READY);
                }
            });
            background = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "demo-receiver-poller");
                t.setDaemon(true);
                return t;
            });
            background.scheduleAtFixedRate(() -> {
                double rate = running ? 10 : 0;
                if (running) {
                    received += 10;
                }
                toStatus.offer(new Poll(new ReceiverStatus(running ? ReceiverStatus.State.RUNNING : ReceiverStatus.State.IDLE,
                        null, null, new ReceiverStatus.Series(17, "/data/sample_a_000017.h5", null, received,
                        Math.max(0, received - 3), 0, null), rate, rate, Double.NaN, running ? 3 : 0, -1, 1000, 0, 0,
                        -1, -1, -1, null), Instant.now()));
            }, 0, 1, TimeUnit.SECONDS);

            CheckBox viewOnly = new CheckBox("view only");
            viewOnly.selectedProperty().bindBidirectional(panel.viewOnlyProperty());
            panel.setPrefWidth(380);
            status.setPrefWidth(420);
            stage.setTitle("Hutch - detector control and receiver status");
            stage.setScene(new Scene(new HBox(12, new VBox(6, panel, viewOnly), status), 840, 520));
            stage.show();
        }

        @Override
        public void stop() {
            background.shutdownNow();
        }
    }
}
