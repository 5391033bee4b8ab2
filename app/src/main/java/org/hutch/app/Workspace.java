package org.hutch.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.stage.Stage;
import org.hutch.app.acquire.AcquisitionController;
import org.hutch.app.acquire.AcquisitionResult;
import org.hutch.app.acquire.LabSetup;
import org.hutch.app.analysis.AnalysisTools;
import org.hutch.app.calibrate.CalibrationWindow;
import org.hutch.app.client.AzintCurve;
import org.hutch.app.client.LiveFrame;
import org.hutch.app.client.ReceiverClients;
import org.hutch.app.client.ReceiverException;
import org.hutch.app.export.ExportMenu;
import org.hutch.app.files.FileBrowser;
import org.hutch.app.files.ViewSource;
import org.hutch.app.live.ConnectionState;
import org.hutch.app.live.PipelineViews;
import org.hutch.app.live.PoniPixelGeometry;
import org.hutch.app.phase.PhaseMarkersWindow;
import org.hutch.app.session.Session;
import org.hutch.app.session.SessionLifecycle;
import org.hutch.app.settings.SettingsKeeper;
import org.hutch.app.ui.Choosers;
import org.hutch.app.ui.ConnectDialog;
import org.hutch.app.ui.DetectorSettingsForm;
import org.hutch.app.ui.MainView;
import org.hutch.app.ui.WidgetModels;
import org.hutch.azint.Geometry;
import org.hutch.detector.DetectorPlugin;
import org.hutch.detector.DetectorPlugins;
import org.hutch.detector.DetectorStatus;
import org.hutch.model.acquisition.AcquisitionProgress;
import org.hutch.model.acquisition.AcquisitionSettings;
import org.hutch.model.acquisition.TriggerMode;
import org.hutch.model.concurrent.NamedThreadFactory;
import org.hutch.model.receiver.ReceiverStatus;
import org.hutch.widgets.FxHandoff;
import org.hutch.widgets.control.ControlState;
import org.hutch.widgets.image.Colormap;
import org.hutch.widgets.image.Scale;
import org.hutch.widgets.plot.Curve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One detector's workspace (the whole window, or one tab of it): live image and 1D curve in the
 * centre, the detector panel at the left, the receiver's status at the right, mode / data folder /
 * connection at the top, a status bar below. This class wires the user's actions; the session's life
 * cycle is {@link SessionLifecycle}'s, what it reports is shown by {@link SessionPresenter}, what is
 * remembered is {@link WorkspaceSettings}'s.
 */
public final class Workspace {
    private static final Logger LOG = LoggerFactory.getLogger(Workspace.class);

    private final LaunchOptions launch;
    private final MainView view;
    private final WorkspaceSettings settings;
    private final SessionLifecycle sessions;
    private final SessionPresenter presenter;
    private final PipelineViews pipeline;
    private final ControlButtons buttons;
    private final ViewSource viewSource = new ViewSource();
    private FileBrowser files;
    private final AnalysisTools analysis;

    private Stage stage;
    private long shownAtNanos;
    private final AtomicBoolean firstFrameLogged = new AtomicBoolean();
    private boolean autoAcquireDone;

    /** @param settingsKey where this workspace's detector settings are remembered (detector id, + #n for more) */
    public Workspace(LaunchOptions launch, SettingsKeeper settings, String settingsKey) {
        this.launch = launch;
        this.view = new MainView(launch.viewOnly());
        this.settings = new WorkspaceSettings(settings, view, settingsKey);
        this.sessions = new SessionLifecycle(launch);
        this.pipeline = new PipelineViews(view.analysisTabs(), view.plot(), viewSource::live);
        this.presenter = new SessionPresenter(view, sessions, viewSource, this::showStarted, pipeline);
        view.panel().setOnArm(e -> arm());
        view.panel().setOnStart(e -> startAcquisition());
        this.buttons = new ControlButtons(view.panel(), this::controller, view::setStatusLine);
        this.analysis = new AnalysisTools(view);
        presenter.onFullFrame(f -> {
            if (viewSource.live()) { // a browsed file's frames feed the ROIs meanwhile
                analysis.liveFrame(f, sessions.session());
            }
        });
    }

    public MainView view() {
        return view;
    }

    /** ROIs, line cut and image orientation of this workspace. */
    public AnalysisTools analysis() {
        return analysis;
    }

    /** The running session, or {@code null} while starting. */
    public Session session() {
        return sessions.session();
    }

    public Parent root() {
        return view.root();
    }

    /** A tab title: the detector spec, or the receiver URL. */
    public String title() {
        return launch.detectorSpec() != null ? launch.detectorSpec()
                : launch.labMode() ? LabSetup.DEFAULT_DETECTOR : launch.receiverUrl();
    }

    /** Runs each task on a new daemon thread whose name says what it does (never the FX thread). */
    private static Executor named(String name) {
        return r -> NamedThreadFactory.start(name, r);
    }

    /** Wires the workspace to its window and starts its session (call once the window is shown). */
    public void attach(Stage stage, long shownAtNanos) {
        this.stage = stage;
        this.shownAtNanos = shownAtNanos;
        settings.applyToView();
        analysis.onChanged(() -> settings.rememberDisplay(sessions.options(), analysis.remembered()));
        analysis.analysis().activeProperty().addListener((o, a, on) -> {
            Session s = sessions.session();
            if (s != null) {
                s.poller().setFullFramesWanted(on);
            }
        });
        view.onConnect(this::connectDialog);
        view.onChangeDataDir(this::chooseDataDir);
        view.onLoadPoni(this::choosePoni);
        view.onCalibrate(() -> new CalibrationWindow(stage,
                poni -> loadGeometry(poni, settings.maskFile(sessions.options()), true)).show());
        PhaseMarkersWindow.install(view);
        view.onSharedDownsample(this::askSharedDownsample);
        view.onLoadMask(this::chooseMask);
        files = new FileBrowser(view, stage, viewSource, sessions::session, () -> settings.poniFile(sessions.options()),
                () -> sessions.session() != null ? sessions.session().dataDir() : null, presenter::showLive).install()
                .onFrameShown(f -> analysis.analysis().frameShown(f.frameNumber(), f));
        new ExportMenu(view, () -> stage).install();
        new org.hutch.app.mask.MaskTools(view, sessions::session, () -> stage, presenter::line);
        new org.hutch.app.corrections.CorrectionTools(view, sessions::session, () -> stage, presenter::line, () -> {
            presenter.correctionsChanged();
            files.correctionsChanged();
        });
        view.setDetectorChoices(DetectorPlugins.all().stream().map(DetectorPlugin::id).toList(),
                WorkspaceSettings.detectorId(launch));
        view.onDetectorChosen(this::detectorChosen);
        view.settingsForm().onOpen(this::openDetector);
        view.onSettingsFormOpened(() -> {
            if (view.settingsForm().pluginId() == null) {
                showSettingsOf(sessions.options());
            }
        });
        view.plot().unitProperty().addListener((o, a, u) -> {
            Session s = sessions.session();
            if (s != null && u != null) {
                view.plot().clearHistory(); // curves of another unit do not mix in one overlay
                s.setUnit(u);
            }
        });
        view.onPollRate(hz -> {
            settings.keeper().update(s -> s.withPollHz(hz));
            Session s = sessions.session();
            if (s != null) {
                s.poller().setRateHz(hz);
            }
        });
        view.image().shownFrameProperty().addListener((o, a, f) -> {
            if (f != null && firstFrameLogged.compareAndSet(false, true)) {
                LOG.info("first live frame after {} ms (window shown -> frame on screen)",
                        (System.nanoTime() - this.shownAtNanos) / 1_000_000);
            }
        });
        Timeline ages = new Timeline(new KeyFrame(javafx.util.Duration.seconds(1),
                e -> view.receiverStatus().refreshAge()));
        ages.setCycleCount(Timeline.INDEFINITE);
        ages.play();
        startSession(launch);
    }

    private void startSession(LaunchOptions o) {
        presenter.starting();
        pipeline.stop();
        showNothingOfTheOldSession(o);
        analysis.restore(settings.displayOf(o));
        Path dataDir = settings.dataDirFor(o);
        view.showMode(o, o.labMode() ? dataDir : null);
        view.setStatusLine(o.labMode() ? "starting the embedded receiver and the simulated detector..."
                : "connecting to " + o.receiverUrl() + "...");
        sessions.start(o, dataDir, settings.poniFile(o), settings.maskFile(o), settings.pollHz(),
                presenter);
    }

    /**
     * A new session starts: the old detector, image and curve are not its, so none stays on screen and
     * nothing can be armed until the new detector reports (FX thread).
     */
    private void showNothingOfTheOldSession(LaunchOptions o) {
        if (viewSource.live()) {
            view.image().clear(); // a file being browsed stays
        }
        view.plot().showMessage(o.labMode() ? "starting..." : "waiting for " + o.receiverUrl() + "...");
        view.panel().setState(ControlState.UNKNOWN);
        view.panel().setError("");
        view.showDetectorName(o.detectorSpec() != null || o.labMode()
                ? "opening " + (o.detectorSpec() != null ? o.detectorSpec() : LabSetup.DEFAULT_DETECTOR) + "..."
                : "no detector: watching " + o.receiverUrl());
    }

    /** The session is up and current (FX thread): show it, fill the panel, prepare the detector. */
    private void showStarted(Session s) {
        LOG.info("ready after {} ms (window shown -> receiver and detector up)",
                (System.nanoTime() - shownAtNanos) / 1_000_000);
        LaunchOptions current = sessions.options();
        view.showMode(current, s.dataDir());
        Path exports = s.dataDir() != null ? s.dataDir() : settings.dataDirFor(current);
        view.image().exportFolderProperty().set(exports); // save dialogs open in the data folder
        view.plot().exportFolderProperty().set(exports);
        setGeometry(s);
        pipeline.follow(s, pipelineUrlOf(s.receiverUrl()));
        s.poller().setFullFramesWanted(analysis.analysis().activeProperty().get());
        buttons.show(s.controller() != null ? s.detector() : null);
        view.plot().showMessage(null);
        if (s.detector() == null) {
            view.showDetectorName("no detector: watching " + s.receiverUrl());
            view.panel().setState(ControlState.UNKNOWN);
        } else {
            view.showDetectorName(s.detector().name());
            view.panel().setState(WidgetModels.controlState(s.detector().state()));
            view.panel().getTriggerModes().setAll(WidgetModels.triggerModeNames(s.detector().triggerModes()));
            AcquisitionSettings d = s.detector().settings();
            view.panel().setSettings(WidgetModels.panelSettings(d.withImages(20, 1), ""));
            settings.restorePanel(current);
            if (s.controller() != null) {
                try {
                    s.controller().prepare(WidgetModels.detectorSettings(view.panel().getSettings()));
                } catch (RuntimeException e) {
                    LOG.debug("not prepared: {}", e.getMessage());
                }
            }
        }
        view.setStatusLine(s.labMode() ? "ready: click Arm, then Start" : "watching " + s.receiverUrl());
        if (!s.labMode()) {
            settings.keeper().update(a -> a.withReceiverRemembered(s.receiverUrl()));
        }
        if (launch.autoAcquire() > 0 && !autoAcquireDone && s.controller() != null) {
            autoAcquireDone = true;
            autoAcquire(launch.autoAcquire());
        }
    }

    /** Remembers this workspace's view and detector settings (FX thread). */
    public void rememberSettings() {
        Session s = sessions.session();
        settings.rememberView(sessions.options(), s != null && s.detector() != null);
    }

    /** Closes the session on a background thread, from any thread (no nodes are read). */
    public CompletableFuture<Void> closeSession() {
        if (files != null) {
            files.close();
        }
        pipeline.stop();
        return sessions.close();
    }

    /** Replaces the session: remembers and saves the settings, closes the old one, then starts {@code o}. */
    private void switchTo(LaunchOptions o) {
        rememberSettings();
        settings.keeper().save();
        sessions.close().whenComplete((v, e) -> Platform.runLater(() -> startSession(o)));
    }

    // ---- user actions (FX thread)

    /** Fills the settings form with the current detector's options (as given on the command line, or remembered). */
    private void showSettingsOf(LaunchOptions o) {
        String id = WorkspaceSettings.detectorId(o);
        if (id == null) {
            return;
        }
        DetectorPlugins.find(id).ifPresent(p -> {
            java.util.Map<String, String> given;
            try {
                given = o.detectorSpec() != null ? DetectorPlugins.parse(o.detectorSpec()).options() : java.util.Map.of();
            } catch (org.hutch.detector.DetectorException e) {
                given = java.util.Map.of();
            }
            view.settingsForm().show(p, given.isEmpty() ? settings.get().detectorOptions().get(id) : given);
        });
    }

    /**
     * Another plugin picked: its settings form, filled with what was used last time. It opens at once
     * when nothing is missing; otherwise the user fills in the form and clicks Open.
     */
    private void detectorChosen(String id) {
        DetectorPlugin p = DetectorPlugins.find(id).orElse(null);
        if (p == null) {
            return;
        }
        view.settingsForm().show(p, settings.get().detectorOptions().get(id));
        if (view.settingsForm().complete()) {
            view.settingsForm().checked().ifPresent(this::openDetector);
        } else {
            view.showSettingsForm(true);
            view.setStatusLine("fill in the " + p.displayName() + " settings, then click Open");
        }
    }

    /** Opens the form's detector with these options (remembered for it), replacing the current session. */
    private void openDetector(java.util.Map<String, String> options) {
        String id = view.settingsForm().pluginId();
        settings.keeper().update(a -> a.withDetectorOptions(id, options));
        String spec = DetectorSettingsForm.spec(id, options);
        view.setStatusLine("opening detector " + spec + "...");
        LaunchOptions now = sessions.options();
        switchTo(new LaunchOptions(now.receiverUrl(), spec, now.viewOnly(), now.dataDir(), now.settingsFile(), 0));
    }

    private void connectDialog() {
        ConnectDialog.ask(stage, settings.get().recentReceivers(), this::pipelineUrlOf).ifPresent(choice -> {
            String url = choice.receiverUrl();
            java.util.Optional<String> bad = org.hutch.app.client.ReceiverUrl.problem(url);
            if (bad.isPresent()) {
                view.setStatusLine(bad.get()); // neither opened nor remembered
                return;
            }
            settings.keeper().update(s -> s.withReceiverRemembered(url).withDetectorSettings(PIPELINE_KEY + url,
                    choice.pipelineUrl() == null ? java.util.Map.of() : java.util.Map.of("url", choice.pipelineUrl())));
            LaunchOptions now = sessions.options();
            switchTo(new LaunchOptions(url, null, now.viewOnly(), null, now.settingsFile(), 0));
        });
    }

    /** Where the azint pipeline URL given for a receiver is remembered (beside the detectors' settings). */
    static final String PIPELINE_KEY = "pipeline-of ";

    /** The azint pipeline URL given for {@code receiverUrl}, or null (the receiver's own is looked for). */
    private String pipelineUrlOf(String receiverUrl) {
        java.util.Map<String, Object> m = receiverUrl == null ? null
                : settings.get().detectorSettings().get(PIPELINE_KEY + receiverUrl);
        return m == null || !(m.get("url") instanceof String u) || u.isBlank() ? null : u;
    }

    private void chooseDataDir() {
        LaunchOptions now = sessions.options();
        Choosers.dataDir(stage, settings.dataDirFor(now)).ifPresent(dir -> {
            settings.keeper().update(s -> s.withDataDir(dir.toString()));
            switchTo(new LaunchOptions(null, now.detectorSpec(), now.viewOnly(), dir, now.settingsFile(), 0));
        });
    }

    /** Only on request, and after a warning: the factor is shared by every viewer of that receiver. */
    private void askSharedDownsample() {
        Session s = sessions.session();
        if (s == null || sessions.options().viewOnly() || s.labMode()) {
            return;
        }
        Choosers.sharedDownsample(stage, s.receiverUrl()).ifPresent(f -> CompletableFuture.runAsync(() -> {
            try {
                int now = ReceiverClients.setSharedDownsample(s.receiverUrl(), f, Duration.ofSeconds(5));
                presenter.line("receiver downsample factor is now " + now);
            } catch (ReceiverException e) {
                presenter.error("receiver downsample not changed: " + e.getMessage());
            }
        }, named("hutch-receiver-downsample")));
    }

    private void choosePoni() {
        LaunchOptions now = sessions.options();
        Choosers.poniFile(stage).ifPresent(poni -> loadGeometry(poni, settings.maskFile(now), true));
    }

    private void chooseMask() {
        LaunchOptions now = sessions.options();
        Choosers.maskFile(stage).ifPresent(mask -> loadGeometry(settings.poniFile(now), mask, false));
    }

    /** Loads this detector's PONI and mask off the FX thread, then shows them, remembers them, and says what they are used for. */
    private void loadGeometry(Path poni, Path mask, boolean poniChanged) {
        Session s = sessions.session();
        if (s == null) {
            return;
        }
        LaunchOptions now = sessions.options();
        CompletableFuture.runAsync(() -> {
            try {
                s.loadGeometry(poni, mask);
                Platform.runLater(() -> {
                    settings.rememberGeometry(now, poni, mask);
                    setGeometry(s);
                    String what = poniChanged ? "geometry " + poni : "mask " + mask;
                    view.setStatusLine(Boolean.TRUE.equals(s.poller().receiverIntegrates())
                            ? what + " loaded for the image; the receiver integrates the 1D curve with its own geometry and mask"
                            : what + " loaded");
                });
            } catch (Exception e) {
                presenter.error("cannot load " + (poniChanged ? poni : mask) + ": " + e.getMessage());
            }
        }, named("hutch-load-geometry"));
    }

    /** Shows the session's geometry: cursor readout, mask, curves in the unit on screen, history started afresh (FX thread). */
    private void setGeometry(Session s) {
        view.plot().clearHistory();
        s.setUnit(view.plot().unitProperty().get());
        presenter.geometryChanged();
        if (s.poni() == null) {
            view.image().setGeometry(null);
            return;
        }
        try {
            view.image().setGeometry(new PoniPixelGeometry(new Geometry(s.poni())));
        } catch (RuntimeException e) {
            LOG.warn("no readout geometry: {}", e.getMessage());
        }
    }

    /** Arm: the panel's values, checked, to the controller's executor (never a detector call here). */
    private CompletableFuture<Void> arm() {
        AcquisitionController c = controller();
        if (c == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("nothing to control"));
        }
        AcquisitionSettings a;
        try {
            a = WidgetModels.detectorSettings(view.panel().getSettings());
        } catch (IllegalArgumentException | ArithmeticException e) {
            view.panel().setError(e.getMessage());
            return CompletableFuture.failedFuture(e);
        }
        Session s = sessions.session();
        java.util.Optional<String> refused = s != null && s.labMode()
                ? org.hutch.app.files.ExistingSeriesFile.refusal(s.dataDir(), a.fileName()) : java.util.Optional.empty();
        if (refused.isPresent()) {
            view.panel().setError(refused.get());
            view.setStatusLine(refused.get());
            return CompletableFuture.failedFuture(new IllegalStateException(refused.get()));
        }
        settings.rememberPanel(sessions.options());
        view.panel().setError("");
        view.setStatusLine("arming: " + a.totalFrames() + " frames into " + a.fileName());
        return buttons.follow(c, c.arm(a));
    }

    private void startAcquisition() {
        AcquisitionController c = controller();
        if (c != null) {
            c.start();
            Session s = sessions.session();
            if (s != null) {
                s.poller().pollNow();
            }
        }
    }

    private AcquisitionController controller() {
        Session s = sessions.session();
        return s == null || sessions.options().viewOnly() ? null : s.controller();
    }

    /** Arms and starts {@code frames} frames with the panel's exposure, as a user clicking Arm and Start would. */
    private void autoAcquire(int frames) {
        org.hutch.widgets.control.AcquisitionSettings p = view.panel().getSettings();
        view.panel().setSettings(new org.hutch.widgets.control.AcquisitionSettings(p.exposure(), p.period(), frames, 1,
                TriggerMode.INTS.wireName(), p.fileName()));
        arm().thenRun(this::startAcquisition);
    }
}
