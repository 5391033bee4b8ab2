package org.hutch.app;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javafx.application.Platform;
import org.hutch.app.acquire.AcquisitionController;
import org.hutch.app.acquire.AcquisitionResult;
import org.hutch.detector.Detector;
import org.hutch.detector.DetectorCommand;
import org.hutch.model.acquisition.AcquisitionProgress;
import org.hutch.widgets.control.ControlCommand;
import org.hutch.widgets.control.DetectorControlPanel;

/**
 * The control panel's command buttons (Stop, Abort, Disarm, Initialize) wired to a workspace's acquisition
 * controller: shown only for the commands the detector has, and the panel told while a series it armed is followed
 * (so Abort stays available whatever the detector says). FX thread, except the controller's futures.
 */
final class ControlButtons {
    private final DetectorControlPanel panel;
    private final Supplier<AcquisitionController> controller;
    private final Consumer<String> statusLine;

    /**
     * @param controller the current controller, or {@code null} when nothing may be controlled
     * @param statusLine shows a line in the window's status bar (FX thread)
     */
    ControlButtons(DetectorControlPanel panel, Supplier<AcquisitionController> controller, Consumer<String> statusLine) {
        this.panel = panel;
        this.controller = controller;
        this.statusLine = statusLine;
        panel.setOnStop(e -> with(AcquisitionController::stop));
        panel.setOnAbort(e -> with(AcquisitionController::abort));
        panel.setOnDisarm(e -> with(AcquisitionController::disarm));
        panel.setOnInitialize(e -> with(c -> {
            statusLine.accept("initialising the detector (this may take a minute or two)...");
            panel.setError("");
            return c.initialize().thenRun(() -> Platform.runLater(() -> statusLine.accept("detector initialised")));
        }));
    }

    /** A session started: buttons for its detector's commands, none without a controlled detector. */
    void show(Detector controlled) {
        panel.setSeriesOpen(false);
        panel.setCommands(controlled == null ? EnumSet.noneOf(ControlCommand.class) : controlCommands(controlled.commands()));
    }

    static Set<ControlCommand> controlCommands(Set<DetectorCommand> commands) {
        Set<ControlCommand> out = EnumSet.noneOf(ControlCommand.class);
        commands.forEach(c -> out.add(ControlCommand.valueOf(c.name())));
        return out;
    }

    /** Marks the panel's series open once {@code armed} succeeds, until the series armed by {@code c} has ended. */
    CompletableFuture<Void> follow(AcquisitionController c, CompletableFuture<Void> armed) {
        armed.thenRun(() -> {
            CompletableFuture<AcquisitionResult> done = c.completion();
            Platform.runLater(() -> panel.setSeriesOpen(done != null && !done.isDone()));
            if (done != null) {
                done.whenComplete((r, e) -> Platform.runLater(() -> {
                    panel.setSeriesOpen(false);
                    AcquisitionProgress p = panel.progressProperty().get();
                    if (p != null) { // an ended series has no rate and no time left (an aborted one showed "0:33 left")
                        panel.setProgress(new AcquisitionProgress(p.expected(), p.received(), p.written(), Double.NaN,
                                p.receiverState(), p.file(), p.elapsedMs()));
                    }
                }));
            }
        });
        return armed;
    }

    private void with(java.util.function.Function<AcquisitionController, CompletableFuture<Void>> call) {
        AcquisitionController c = controller.get();
        if (c != null) {
            call.apply(c);
        }
    }
}
