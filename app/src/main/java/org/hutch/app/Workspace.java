package org.hutch.app;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import org.hutch.app.acquire.AcquisitionController;
import org.hutch.app.acquire.AcquisitionProgress;
import org.hutch.app.acquire.AcquisitionResult;
import org.hutch.app.acquire.LabSetup;
import org.hutch.app.client.AzintCurve;
import org.hutch.app.client.LiveFrame;
import org.hutch.app.client.ReceiverStatus;
import org.hutch.app.live.ConnectionState;
import org.hutch.app.live.PoniPixelGeometry;
import org.hutch.app.live.WidgetData;
import org.hutch.app.settings.AppSettings;
import org.hutch.app.settings.SettingsStore;
import org.hutch.app.ui.MainView;
import org.hutch.app.ui.WidgetModels;
import org.hutch.app.session.Session;
import org.hutch.app.session.SessionEvents;
import org.hutch.azint.Geometry;
import org.hutch.model.concurrent.NamedThreadFactory;
import org.hutch.detector.AcquisitionSettings;
import org.hutch.detector.DetectorStatus;
import org.hutch.widgets.FxHandoff;
import org.hutch.widgets.image.Colormap;
import org.hutch.widgets.image.Scale;
import org.hutch.widgets.plot.Curve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One detector's workspace (the whole window, or one tab of it): live image and 1D curve in the
 * centre, the detector panel at the left, the receiver's status at the right, mode / data folder /
 * connection at the top, a status bar below. The session (receiver + detector) starts and stops on
 * background threads; everything it reports reaches the FX thread through coalescing hand-offs.
 */
public final class Workspace {
    private static final Logger LOG = LoggerFactory.getLogger(Workspace.class);

    private final LaunchOptions launch;
    private final SettingsStore store;
    private final AppSettings settings;
    private final MainView view;

    private final FxHandoff<Connection> connectionToFx;

    /** A connection report on its way to the FX thread. */
    private record Connection(ConnectionState state, String message) {
    }
    private final FxHandoff<ReceiverStatus> statusToFx;
    private final FxHandoff<Curve> curveToFx;
    private final FxHandoff<DetectorStatus> detectorToFx;
    private final FxHandoff<AcquisitionProgress> progressToFx;
    private final FxHandoff<AcquisitionResult> resultToFx;
    private final FxHandoff<String> errorToFx;
    private final FxHandoff<String> lineToFx;

    private final String settingsKey;
    private Stage stage;
    private volatile Session session;
    private volatile LaunchOptions current;
    private long shownAtNanos;
    private final AtomicBoolean firstFrameLogged = new AtomicBoolean();
    private volatile boolean frameSeen;
    private boolean autoAcquireDone;
    /** counts sessions started here; reports of older ones are dropped (FX thread writes, any thread reads) */
    private volatile int generation;

    /** @param settingsKey where this workspace's detector settings are remembered (detector id, + #n for more) */
    public Workspace(LaunchOptions launch, SettingsStore store, AppSettings settings, String settingsKey) {
        this.settingsKey = settingsKey;
        this.launch = launch;
        this.current = launch;
        this.store = store;
        this.settings = settings;
        this.view = new MainView(launch.viewOnly());
        connectionToFx = new FxHandoff<>(c -> view.showConnection(c.state(), c.message()));
        statusToFx = new FxHandoff<>(view::showReceiverStatus);
        curveToFx = new FxHandoff<>(view.plot()::setCurve);
        view.panel().setOnArm(e -> arm());
        view.panel().setOnStart(e -> startAcquisition());
        view.panel().setOnStop(e -> withController(AcquisitionController::stop));
        view.panel().setOnAbort(e -> withController(AcquisitionController::abort));
        detectorToFx = new FxHandoff<>(st -> {
            view.panel().setState(WidgetModels.controlState(st.state()));
            if (st.state() == org.hutch.detector.DetectorState.FAULT) {
                view.panel().setError(st.message());
            }
        });
        progressToFx = new FxHandoff<>(p -> view.panel().setProgress(WidgetModels.progress(p)));
        resultToFx = new FxHandoff<>(r -> {
            if (!r.complete()) {
                view.panel().setError(r.message());
            }
            view.setStatusLine(r.complete() ? r.message() : "acquisition " + r.outcome().name().toLowerCase(Locale.ROOT)
                    + ": " + r.message());
        });
        lineToFx = new FxHandoff<>(view::setStatusLine);
        errorToFx = new FxHandoff<>(m -> {
            view.panel().setError(m);
            view.setStatusLine(m);
        });
    }

    public MainView view() {
        return view;
    }

    /** The running session, or {@code null} while starting. */
    public Session session() {
        return session;
    }

    /** Wires the workspace to its window and starts its session (call once the window is shown). */
    public void attach(Stage stage, long shownAtNanos) {
        this.stage = stage;
        this.shownAtNanos = shownAtNanos;
        applyViewSettings();
        view.onConnect(this::connectDialog);
        view.onChangeDataDir(this::chooseDataDir);
        view.onLoadPoni(this::choosePoni);
        view.onSharedDownsample(this::askSharedDownsample);
        view.onLoadMask(this::chooseMask);
        view.setDetectorChoices(org.hutch.detector.DetectorPlugins.all().stream()
                .map(org.hutch.detector.DetectorPlugin::id).toList(), detectorId(launch));
        view.onDetectorChosen(id -> {
            view.setStatusLine("opening detector " + id + "...");
            switchTo(new LaunchOptions(current.receiverUrl(), id, current.viewOnly(), current.dataDir(),
                    current.settingsFile(), 0));
        });
        view.onPollRate(hz -> {
            settings.pollHz = hz;
            Session s = session;
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
        Timeline ages = new Timeline(new KeyFrame(javafx.util.Duration.seconds(1), e -> showPollAge()));
        ages.setCycleCount(Timeline.INDEFINITE);
        ages.play();
        startSession(launch);
    }

    public javafx.scene.Parent root() {
        return view.root();
    }

    private static String detectorId(LaunchOptions o) {
        return o.detectorSpec() != null ? o.detectorSpec().split(":")[0].trim()
                : o.labMode() ? LabSetup.DEFAULT_DETECTOR : null;
    }

    /** Runs each task on a new daemon thread whose name says what it does (never the FX thread). */
    private static java.util.concurrent.Executor named(String name) {
        return r -> NamedThreadFactory.start(name, r);
    }

    /** A tab title: the detector spec, or the receiver URL. */
    public String title() {
        return launch.detectorSpec() != null ? launch.detectorSpec()
                : launch.labMode() ? LabSetup.DEFAULT_DETECTOR : launch.receiverUrl();
    }

    private void applyViewSettings() {
        if (settings.colormap != null) {
            try {
                view.image().setColormap(Colormap.valueOf(settings.colormap));
            } catch (IllegalArgumentException ignored) {
                // unknown name in an old settings file
            }
        }
        if (settings.scale != null) {
            try {
                view.image().setScale(Scale.valueOf(settings.scale));
            } catch (IllegalArgumentException ignored) {
                // unknown name in an old settings file
            }
        }
        if (settings.contrastLowPercentile != null) {
            view.image().percentileLowProperty().set(settings.contrastLowPercentile);
        }
        if (settings.contrastHighPercentile != null) {
            view.image().percentileHighProperty().set(settings.contrastHighPercentile);
        }
        view.setPollRate(settings.pollHz != null ? settings.pollHz : 1.0);
        view.setDividers(settings.layout.mainDivider, settings.layout.viewDivider);
    }

    private Path dataDirFor(LaunchOptions o) {
        if (o.dataDir() != null) {
            return o.dataDir();
        }
        return settings.dataDir != null ? Path.of(settings.dataDir) : LabSetup.defaultDataDir();
    }

    private void startSession(LaunchOptions o) {
        current = o;
        frameSeen = false;
        Path dataDir = dataDirFor(o);
        view.showMode(o, o.labMode() ? dataDir : null);
        view.setStatusLine(o.labMode() ? "starting the embedded receiver and the simulated detector..."
                : "connecting to " + o.receiverUrl() + "...");
        Path poni = settings.poniFile != null ? Path.of(settings.poniFile) : null;
        Path mask = settings.maskFile != null ? Path.of(settings.maskFile) : null;
        double hz = settings.pollHz != null ? settings.pollHz : 1.0;
        Session.startAsync(o, dataDir, poni, mask, hz, new Events(++generation));
    }

    /** Remembers this workspace's view and detector settings (FX thread). */
    public void rememberSettings() {
        rememberViewSettings();
    }

    /** Closes the session on a background thread, from any thread (no nodes are read). */
    public CompletableFuture<Void> closeSession() {
        Session s = session;
        session = null;
        if (s == null) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.runAsync(s::close, named("hutch-session-close"));
    }

    private void switchTo(LaunchOptions o) {
        rememberViewSettings();
        store.save(settings);
        closeSession().whenComplete((v, e) -> Platform.runLater(() -> startSession(o)));
    }

    private void rememberViewSettings() {
        settings.colormap = view.image().getColormap().name();
        settings.scale = view.image().getScale().name();
        settings.contrastLowPercentile = view.image().percentileLowProperty().get();
        settings.contrastHighPercentile = view.image().percentileHighProperty().get();
        double[] d = view.dividers();
        settings.layout.mainDivider = d[0];
        settings.layout.viewDivider = d[1];
        Session s = session;
        if (s != null && s.detector() != null) {
            settings.detectorSettings.put(detectorKey(), panelValues());
        }
    }

    private Map<String, Object> panelValues() {
        org.hutch.widgets.control.AcquisitionSettings p = view.panel().getSettings();
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("exposure", p.exposure());
        m.put("period", p.period());
        m.put("images", p.images());
        m.put("triggers", p.triggers());
        m.put("triggerMode", p.triggerMode());
        m.put("fileName", p.fileName());
        return m;
    }

    private void restorePanelValues(Map<String, Object> m) {
        if (m == null) {
            return;
        }
        try {
            org.hutch.widgets.control.AcquisitionSettings now = view.panel().getSettings();
            String mode = m.get("triggerMode") instanceof String t && view.panel().getTriggerModes().contains(t)
                    ? t : now.triggerMode();
            view.panel().setSettings(new org.hutch.widgets.control.AcquisitionSettings(
                    num(m.get("exposure"), now.exposure()), num(m.get("period"), now.period()),
                    (long) num(m.get("images"), now.images()), (long) num(m.get("triggers"), now.triggers()),
                    mode, m.get("fileName") instanceof String f ? f : now.fileName()));
        } catch (RuntimeException e) {
            LOG.warn("remembered detector settings ignored: {}", e.getMessage());
        }
    }

    private static double num(Object o, double fallback) {
        return o instanceof Number n ? n.doubleValue() : fallback;
    }

    /** Where the current detector's settings are remembered: its id, plus #n for the n-th tab. */
    private String detectorKey() {
        String id = detectorId(current);
        int hash = settingsKey.indexOf('#');
        return (id != null ? id : "none") + (hash >= 0 ? settingsKey.substring(hash) : "");
    }

    private void showPollAge() {
        view.receiverStatus().refreshAge();
    }

    // ---- user actions

    private void connectDialog() {
        org.hutch.app.ui.ConnectDialog.ask(stage, settings.recentReceivers).ifPresent(url -> {
            settings.rememberReceiver(url);
            store.save(settings);
            switchTo(new LaunchOptions(url, null, current.viewOnly(), null, current.settingsFile(), 0));
        });
    }

    private void chooseDataDir() {
        DirectoryChooser c = new DirectoryChooser();
        c.setTitle("Data folder of the embedded receiver");
        Path now = dataDirFor(current);
        if (now.toFile().isDirectory()) {
            c.setInitialDirectory(now.toFile());
        }
        java.io.File dir = c.showDialog(stage);
        if (dir != null) {
            settings.dataDir = dir.getAbsolutePath();
            store.save(settings);
            switchTo(new LaunchOptions(null, current.detectorSpec(), current.viewOnly(), dir.toPath(),
                    current.settingsFile(), 0));
        }
    }

    /** Only on request, and after a warning: the factor is shared by every viewer of that receiver. */
    private void askSharedDownsample() {
        Session s = session;
        if (s == null || current.viewOnly() || s.labMode()) {
            return;
        }
        javafx.scene.control.ChoiceDialog<Integer> d = new javafx.scene.control.ChoiceDialog<>(1, 1, 2, 4, 8);
        d.initOwner(stage);
        d.setTitle("Receiver downsample");
        d.setHeaderText("Changes the receiver's own downsample factor for EVERY viewer of " + s.receiverUrl()
                + " (MAX IV's /downsample). This window reduces frames itself and does not need it.");
        d.setContentText("Factor:");
        d.showAndWait().ifPresent(f -> CompletableFuture.runAsync(() -> {
            try {
                int now = org.hutch.app.client.ReceiverClients.setSharedDownsample(s.receiverUrl(), f,
                        java.time.Duration.ofSeconds(5));
                lineToFx.offer("receiver downsample factor is now " + now);
            } catch (org.hutch.app.client.ReceiverException e) {
                errorToFx.offer("receiver downsample not changed: " + e.getMessage());
            }
        }, named("hutch-receiver-downsample")));
    }

    private void choosePoni() {
        FileChooser c = new FileChooser();
        c.setTitle("Geometry (pyFAI PONI file)");
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter("PONI files", "*.poni"));
        java.io.File f = c.showOpenDialog(stage);
        if (f != null) {
            loadGeometry(f.toPath(), settings.maskFile != null ? Path.of(settings.maskFile) : null, true);
        }
    }

    private void chooseMask() {
        FileChooser c = new FileChooser();
        c.setTitle("Mask (one byte per pixel, 1 = masked; .u8 or .u8.gz)");
        java.io.File f = c.showOpenDialog(stage);
        if (f != null) {
            loadGeometry(settings.poniFile != null ? Path.of(settings.poniFile) : null, f.toPath(), false);
        }
    }

    private void loadGeometry(Path poni, Path mask, boolean poniChanged) {
        Session s = session;
        if (s == null) {
            return;
        }
        CompletableFuture.runAsync(() -> {
            try {
                s.loadGeometry(poni, mask);
                Platform.runLater(() -> {
                    settings.poniFile = poni != null ? poni.toString() : null;
                    settings.maskFile = mask != null ? mask.toString() : null;
                    store.save(settings);
                    setGeometry(s);
                    view.setStatusLine((poniChanged ? "geometry " + poni : "mask " + mask) + " loaded");
                });
            } catch (Exception e) {
                errorToFx.offer("cannot load " + (poniChanged ? poni : mask) + ": " + e.getMessage());
            }
        }, named("hutch-load-geometry"));
    }

    private void setGeometry(Session s) {
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
        settings.detectorSettings.put(detectorKey(), panelValues());
        view.panel().setError("");
        view.setStatusLine("arming: " + a.totalFrames() + " frames into " + a.fileName());
        return c.arm(a);
    }

    private void startAcquisition() {
        AcquisitionController c = controller();
        if (c != null) {
            c.start();
            Session s = session;
            if (s != null) {
                s.poller().pollNow();
            }
        }
    }

    private void withController(java.util.function.Consumer<AcquisitionController> call) {
        AcquisitionController c = controller();
        if (c != null) {
            call.accept(c);
        }
    }

    private AcquisitionController controller() {
        Session s = session;
        return s == null || current.viewOnly() ? null : s.controller();
    }

    // ---- what the session reports (background threads)

    /**
     * One session's reports. A session replaced by another (connect, data folder, detector change)
     * may still report while it closes: those reports are dropped, so the window shows only the current one.
     */
    private final class Events implements SessionEvents {
        private final int gen;

        Events(int gen) {
            this.gen = gen;
        }

        private boolean stale() {
            return gen != generation;
        }
        @Override
        public void started(Session s) {
            Platform.runLater(() -> {
                if (stale()) {
                    CompletableFuture.runAsync(s::close, named("hutch-session-close")); // replaced while it was starting
                    return;
                }
                session = s;
                LOG.info("ready after {} ms (window shown -> receiver and detector up)",
                        (System.nanoTime() - shownAtNanos) / 1_000_000);
                view.showMode(current, s.dataDir());
                setGeometry(s);
                if (s.detector() != null) {
                    view.showDetectorName(s.detector().name());
                    view.panel().getTriggerModes().setAll(WidgetModels.triggerModeNames(s.detector().triggerModes()));
                    AcquisitionSettings d = s.detector().settings();
                    view.panel().setSettings(WidgetModels.panelSettings(d.withImages(20, 1), ""));
                    restorePanelValues(settings.detectorSettings.get(detectorKey()));
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
                    settings.rememberReceiver(s.receiverUrl());
                }
                if (launch.autoAcquire() > 0 && !autoAcquireDone && s.controller() != null) {
                    autoAcquireDone = true;
                    autoAcquire(s, launch.autoAcquire());
                }
            });
        }

        @Override
        public void startFailed(String message) {
            if (stale()) {
                return;
            }
            errorToFx.offer("start-up failed: " + message);
            connectionToFx.offer(new Connection(ConnectionState.LOST, message));
        }

        @Override
        public void connection(ConnectionState state, String message) {
            if (stale()) {
                return;
            }
            connectionToFx.offer(new Connection(state, message));
        }

        @Override
        public void status(ReceiverStatus status) {
            if (stale()) {
                return;
            }
            statusToFx.offer(status);
        }

        @Override
        public void frame(LiveFrame frame) {
            if (stale()) {
                return;
            }
            frameSeen = true;
            view.image().setFrame(WidgetData.imageFrame(frame)); // converted here, on the poller thread
        }

        @Override
        public void curve(AzintCurve curve) {
            if (stale()) {
                return;
            }
            curveToFx.offer(WidgetData.curve(curve));
        }

        @Override
        public void curveFailed(String message) {
            if (stale()) {
                return;
            }
            statusToLine(message);
        }

        @Override
        public void detectorStatus(DetectorStatus status) {
            if (stale()) {
                return;
            }
            detectorToFx.offer(status);
            if (status.state().busy() || status.state() == org.hutch.detector.DetectorState.FAULT) {
                lineToFx.offer("detector " + status);
            }
        }

        @Override
        public void progress(AcquisitionProgress progress) {
            if (stale()) {
                return;
            }
            progressToFx.offer(progress);
            Session s = session;
            if (!frameSeen && progress.received() > 0 && s != null) {
                s.poller().pollNow(); // the first frame should not wait for the next 1 Hz tick
            }
        }

        @Override
        public void finished(AcquisitionResult result) {
            if (stale()) {
                return;
            }
            resultToFx.offer(result);
            Session s = session;
            if (s != null) {
                s.poller().pollNow();
            }
        }

        @Override
        public void commandFailed(String command, String message) {
            if (stale()) {
                return;
            }
            errorToFx.offer(command + " failed: " + message);
        }
    }


    private void statusToLine(String message) {
        lineToFx.offer(message);
    }

    /** Arms and starts {@code frames} frames with the panel's exposure, as a user clicking Arm and Start would. */
    private void autoAcquire(Session s, int frames) {
        org.hutch.widgets.control.AcquisitionSettings p = view.panel().getSettings();
        view.panel().setSettings(new org.hutch.widgets.control.AcquisitionSettings(p.exposure(), p.period(), frames, 1,
                org.hutch.detector.TriggerMode.INTS.wireName(), p.fileName()));
        arm().thenRun(this::startAcquisition);
    }
}
