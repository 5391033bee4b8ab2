package org.hutch.app.acquire;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import org.hutch.app.AppPreferences;
import org.hutch.app.client.ReceiverClient;
import org.hutch.app.client.ReceiverClients;
import org.hutch.app.client.ReceiverException;
import org.hutch.app.client.SeriesAbortReply;
import org.hutch.detector.Detector;
import org.hutch.detector.DetectorException;
import org.hutch.detector.DetectorState;
import org.hutch.detector.DetectorStateListener;
import org.hutch.detector.DetectorStatus;
import org.hutch.model.acquisition.AcquisitionProgress;
import org.hutch.model.acquisition.AcquisitionSettings;
import org.hutch.model.concurrent.NamedThreadFactory;
import org.hutch.model.receiver.ReceiverStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Arm / Start / Stop / Abort workflow of one detector feeding one receiver, used by the window
 * and headless by {@code hutch acquire}.
 * <p>
 * Every detector call runs on the named thread {@code hutch-detector-control} (software triggers on
 * {@code hutch-detector-trigger}, so Stop and Abort are never stuck behind a trigger loop); progress
 * comes from the receiver, polled on {@code hutch-acquisition-monitor}. An acquisition is complete
 * when the receiver has the whole series on disk and is idle again (the file is closed).
 */
public final class AcquisitionController implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AcquisitionController.class);

    private static final AppPreferences PREFS = AppPreferences.load();
    /** how often a running acquisition is followed */
    private final long monitorPeriodMs = PREFS.acquisitionMonitorPeriod().toMillis();
    /** after Stop, how long the series end may take before the receiver's series is ended */
    private final long seriesEndGraceNanos = PREFS.seriesEndGrace().toNanos();
    /** how long the detector may not answer mid-series before it counts as lost */
    private final long detectorLostAfterNanos = PREFS.detectorLostAfter().toNanos();
    private final Detector detector;
    private final String receiverUrl;
    private final AcquisitionListener listener;
    private final ExecutorService control = NamedThreadFactory.singleThreadExecutor("hutch-detector-control");
    private final ExecutorService triggers = NamedThreadFactory.singleThreadExecutor("hutch-detector-trigger");
    private final ScheduledExecutorService monitor = NamedThreadFactory.singleThreadScheduler("hutch-acquisition-monitor");
    private final DetectorStateListener stateListener;
    private final AtomicReference<Series> current = new AtomicReference<>();

    // monitor thread only
    private ReceiverClient client;

    /** One armed series being followed until it is on disk. */
    private static final class Series {
        final AcquisitionSettings settings;
        final long armedAt = System.nanoTime();
        /** the receiver's status just before arm */
        final ReceiverStatus baseline;
        final CompletableFuture<AcquisitionResult> done = new CompletableFuture<>();
        final SeriesStateMachine machine = new SeriesStateMachine();
        final SeriesRate rate = new SeriesRate(armedAt);
        volatile boolean stopRequested;
        volatile boolean abortRequested;
        /** when the detector's stop returned (or failed), 0 before */
        volatile long stopDoneAt;
        /** the receiver's answer to ending the series, once asked (monitor thread) */
        volatile SeriesAbortReply receiverEnd;
        boolean receiverEndAsked;
        /** since when the detector has not answered, 0 while it answers (monitor thread) */
        long detectorAwaySince;
        /** the file name was compared with the one asked for (monitor thread) */
        boolean fileNameChecked;
        volatile ScheduledFuture<?> poll;
        volatile AcquisitionProgress last;
        /** released on every detector state change, and by Stop and Abort: wakes the trigger thread's wait */
        final Semaphore changed = new Semaphore(0);

        Series(AcquisitionSettings settings, ReceiverStatus baseline) {
            this.settings = settings;
            this.baseline = baseline;
        }
    }

    /**
     * @param detector    an opened detector (not closed by this controller)
     * @param receiverUrl where its frames are received, for progress
     * @param listener    told about states, progress and results
     */
    public AcquisitionController(Detector detector, String receiverUrl, AcquisitionListener listener) {
        this.detector = Objects.requireNonNull(detector, "detector");
        this.receiverUrl = Objects.requireNonNull(receiverUrl, "receiverUrl");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.stateListener = this::onDetectorStatus;
        detector.addStateListener(stateListener);
        listener.detectorStatus(detector.status());
        monitor.execute(this::connectEarly);
    }

    /** Connects to the receiver before the first Arm, so Arm does not wait for it. */
    private void connectEarly() {
        try {
            receiver();
        } catch (ReceiverException e) {
            dropReceiver(); // Arm tries again and reports
        }
    }

    /**
     * Prepares the detector for these settings ahead of Arm (the simulator draws its frames for an
     * exposure time once). Runs on the control thread; failures are left for Arm to report.
     */
    public void prepare(AcquisitionSettings settings) {
        control.execute(() -> {
            try {
                if (detector.state().canConfigure()) {
                    detector.configure(settings);
                }
            } catch (DetectorException | RuntimeException e) {
                LOG.debug("prepare: {}", e.getMessage());
            }
        });
    }

    public Detector detector() {
        return detector;
    }

    /** Checks and sends the settings. */
    public CompletableFuture<Void> configure(AcquisitionSettings settings) {
        return onControl("configure", () -> detector.configure(settings));
    }

    /**
     * Configures and arms; the series is followed until it is on disk. In a trigger mode that needs
     * no trigger, this starts the acquisition.
     */
    public CompletableFuture<Void> arm(AcquisitionSettings settings) {
        return onControl("arm", () -> {
            Series old = current.get();
            if (old != null && !old.done.isDone()) {
                throw new DetectorException("an acquisition is still running: stop or abort it first");
            }
            ReceiverStatus before = receiverStatusBeforeArm();
            detector.configure(settings);
            Series s = new Series(settings, before);
            current.set(s);
            try {
                detector.arm();
            } catch (DetectorException e) {
                current.set(null);
                throw e;
            }
            s.poll = monitor.scheduleWithFixedDelay(() -> follow(s), 0, monitorPeriodMs, TimeUnit.MILLISECONDS);
            LOG.info("armed: {} frames, {} s exposure, {} s period, trigger {}, file '{}'", settings.totalFrames(),
                    settings.exposureTime(), settings.period(), settings.triggerMode(), settings.fileName());
        });
    }

    /**
     * Starts an armed series: sends the software trigger(s) when the trigger mode needs them
     * (waiting for each trigger's images before the next); otherwise nothing to do.
     */
    public CompletableFuture<Void> start() {
        Series s = current.get();
        if (s == null || s.done.isDone()) {
            return failed("start", new DetectorException("nothing is armed: click Arm first"));
        }
        if (!s.settings.triggerMode().softwareTriggered()) {
            return CompletableFuture.completedFuture(null); // internal runs by itself; external waits for hardware
        }
        CompletableFuture<Void> f = new CompletableFuture<>();
        triggers.execute(() -> {
            try {
                for (int i = 0; i < s.settings.triggers() && !s.stopRequested && !s.abortRequested; i++) {
                    if (i > 0) {
                        awaitArmedAgain(s);
                    }
                    if (s.stopRequested || s.abortRequested) {
                        break;
                    }
                    detector.trigger();
                }
                f.complete(null);
            } catch (DetectorException | RuntimeException e) {
                report("start", e);
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    /** Ends the series cleanly after the image in progress; the frames so far are kept. */
    public CompletableFuture<Void> stop() {
        Series s = current.get();
        if (s != null) {
            s.stopRequested = true;
            s.changed.release();
        }
        return onControl("stop", () -> {
            try {
                detector.stop();
            } finally {
                if (s != null) {
                    s.stopDoneAt = System.nanoTime(); // the series end should reach the receiver within the grace
                }
            }
        });
    }

    /** Drops the series at once. */
    public CompletableFuture<Void> abort() {
        Series s = current.get();
        boolean followed = s != null && !s.done.isDone();
        if (s != null) {
            s.abortRequested = true;
            s.changed.release();
        }
        CompletableFuture<Void> f = onControl("abort", detector::abort);
        // an aborted detector sends no series end: end the receiver's series, whether the detector answered or not
        f.whenComplete((v, e) -> onMonitor(() -> {
            if (followed) {
                endReceiverSeries(s, "abort");
                follow(s);
            } else {
                endReceiverSeriesIfOpen();
            }
        }));
        return f;
    }

    /**
     * Disarms: ends an armed series that waits for triggers (the series end is sent with the images so far). Also
     * the way out of a detector found armed by someone else.
     */
    public CompletableFuture<Void> disarm() {
        Series s = current.get();
        if (s != null) {
            s.stopRequested = true;
            s.changed.release();
        }
        return onControl("disarm", () -> {
            try {
                detector.disarm();
            } finally {
                if (s != null) {
                    s.stopDoneAt = System.nanoTime();
                }
            }
        });
    }

    /**
     * Initialises the detector (a DECTRIS DCU: the {@code initialize} command, a minute or two): the way out of an
     * uninitialised, faulty or stuck detector. A series still followed is aborted first.
     */
    public CompletableFuture<Void> initialize() {
        Series s = current.get();
        if (s != null && !s.done.isDone()) {
            s.abortRequested = true;
            s.changed.release();
            onMonitor(() -> endReceiverSeries(s, "initialize"));
        }
        return onControl("initialize", detector::initialize);
    }

    /** Runs on the monitor thread, unless the controller is closed. */
    private void onMonitor(Runnable r) {
        try {
            monitor.execute(r);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            LOG.debug("controller closed: {} not run", r);
        }
    }

    /** The result of the series armed last (completed when it ends), or {@code null} if none was armed. */
    public CompletableFuture<AcquisitionResult> completion() {
        Series s = current.get();
        return s == null ? null : s.done;
    }

    /**
     * Headless: configure, arm, start, and wait until every frame is on disk, the detector or the
     * receiver fails, or {@code timeout} passes (then the series is aborted). Blocking.
     */
    public AcquisitionResult acquire(AcquisitionSettings settings, Duration timeout) throws InterruptedException {
        try {
            arm(settings).get();
            start().get();
            return completion().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause() != null ? e.getCause() : e;
            Series s = current.get();
            if (s != null && s.settings == settings && !s.done.isDone()) {
                // the series may be open on the receiver (a trigger failed on a lost detector): end it there too
                endOnMonitor(s, SeriesStateMachine.Transition.COMMAND_FAILED, message(c));
                return s.done.getNow(null);
            }
            return new AcquisitionResult(AcquisitionResult.Outcome.FAILED, settings.totalFrames(), 0, 0, null, message(c));
        } catch (TimeoutException e) {
            Series s = current.get();
            AcquisitionProgress p = s.last;
            endOnMonitor(s, SeriesStateMachine.Transition.TIMED_OUT, "not complete after " + timeout.toSeconds() + " s"
                    + (p != null ? " (" + p.received() + " of " + p.expected() + " frames received, "
                    + p.written() + " written)" : " (the receiver never saw the series)"));
            try {
                abort().get(10, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // already reported through the listener
            }
            return s.done.getNow(null);
        }
    }

    /** Ends the series from the headless run, on the monitor thread (where the receiver is asked), and waits. */
    private void endOnMonitor(Series s, SeriesStateMachine.Transition ending, String message)
            throws InterruptedException {
        onMonitor(() -> endWithReceiver(s, ending, message));
        try {
            s.done.get(PREFS.receiverTimeout().toMillis() * 3 + 1000, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            finish(s, ending, message); // the monitor is stuck or closed: end without the receiver's word
        }
    }

    // ---- following the series on the receiver

    /** The receiver must answer before a series starts: otherwise its frames would go nowhere. */
    private ReceiverStatus receiverStatusBeforeArm() throws DetectorException {
        try {
            return receiver().status();
        } catch (ReceiverException e) {
            dropReceiver();
            throw new DetectorException("not armed: " + e.getMessage() + " (the frames would be lost)", e);
        }
    }

    private synchronized ReceiverClient receiver() throws ReceiverException {
        if (client == null) {
            client = ReceiverClients.connect(receiverUrl);
        }
        return client;
    }

    private synchronized void dropReceiver() {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    /**
     * One look at the receiver and the detector (monitor thread): the series' state machine takes the
     * transition it calls for; progress is reported once the receiver has our series, and an ending
     * transition finishes the series with its message. A receiver's series without its end (Stop without an end
     * within the grace, a lost or faulty detector) is ended on the receiver, so its file is closed at once.
     */
    private void follow(Series s) {
        if (s.done.isDone()) {
            return;
        }
        ReceiverStatus st;
        try {
            st = receiver().status();
        } catch (ReceiverException e) {
            dropReceiver();
            LOG.warn("progress: {}", e.getMessage());
            listener.commandFailed("progress", e.getMessage());
            return;
        }
        DetectorStatus ds = detector.status();
        long now = System.nanoTime();
        boolean ours = isOurSeries(s.baseline, st);
        long expected = st.expected() != null ? st.expected() : s.settings.totalFrames();
        long onDisk = st.written() >= 0 ? st.written() : st.received();
        if (ours && s.stopRequested && s.stopDoneAt != 0 && st.isRunning() && !s.receiverEndAsked
                && now - s.stopDoneAt > seriesEndGraceNanos) {
            endReceiverSeries(s, "stop (no series end within " + PREFS.seriesEndGrace().toSeconds() + " s)");
            return; // the next look sees the series closed
        }
        SeriesStateMachine.Transition t = s.machine.step(new SeriesStateMachine.Observation(
                ours, expected, st.received(), onDisk, st.isRunning(), st.isIdle(), st.isError() && (ours || newError(s, st)),
                noFileOrWritten(s, st), ds.state(), s.stopRequested, s.abortRequested,
                s.settings.triggerMode().external(), detectorLost(s, ds.state(), now)));
        if (s.machine.phase() != SeriesStateMachine.Phase.AWAITING_SERIES && ours) {
            AcquisitionProgress p = new AcquisitionProgress(expected, st.received(), st.written(),
                    s.rate.fps(st.fps(), st.received(), now), st.state().wireName(), st.filename(), (now - s.armedAt) / 1_000_000);
            s.last = p;
            listener.progress(p);
            if (!s.fileNameChecked && st.filename() != null) {
                s.fileNameChecked = true;
                SeriesFiles.nameNotApplied(s.settings.fileName(), st.filename()).ifPresent(w -> {
                    LOG.warn("{}", w);
                    listener.warning(w);
                });
            }
        }
        if (t != null && t.to.ended()) {
            endWithReceiver(s, t, switch (t) {
                case RECEIVER_FAILED -> "receiver error: " + st.error();
                case DETECTOR_FAULT -> "detector fault: " + ds.message();
                case DETECTOR_LOST -> "detector lost: " + ds.message();
                case ABORTED_BY_USER -> "aborted after " + st.received() + " of " + expected + " frames";
                case ALL_WRITTEN -> "all " + expected + " frames written"
                        + (st.filename() != null ? " to " + st.filename() : "");
                case STOPPED_BY_USER -> "stopped: " + onDisk + " of " + expected + " frames written";
                default -> t.name().toLowerCase(java.util.Locale.ROOT);
            });
        }
    }

    /** The receiver's error came after Arm (a new message or time): a stale one from the series before does not count. */
    private static boolean newError(Series s, ReceiverStatus st) {
        return !s.baseline.isError() || !Objects.equals(st.error(), s.baseline.error())
                || !Objects.equals(st.errorTime(), s.baseline.errorTime());
    }

    /** Off, or without an answer for longer than a passing moment (a DCU passes through unknown states briefly). */
    private boolean detectorLost(Series s, DetectorState state, long now) {
        if (state != DetectorState.UNKNOWN && state != DetectorState.OFF) {
            s.detectorAwaySince = 0;
            return false;
        }
        if (s.detectorAwaySince == 0) {
            s.detectorAwaySince = now;
        }
        return state == DetectorState.OFF || now - s.detectorAwaySince >= detectorLostAfterNanos;
    }

    /**
     * Finishes with an ending transition (monitor thread). A series that ended badly may still be open on the
     * receiver, waiting for frames that will not come: it is ended there first, and the message says what is on
     * disk.
     */
    private void endWithReceiver(Series s, SeriesStateMachine.Transition t, String message) {
        if (s.done.isDone()) {
            return;
        }
        String full = message;
        if (t.to != SeriesStateMachine.Phase.COMPLETE && t.to != SeriesStateMachine.Phase.STOPPED) {
            SeriesAbortReply r = s.receiverEnd;
            if (r == null && !s.receiverEndAsked && receiverHasOurSeriesOpen(s)) {
                r = endReceiverSeries(s, t.name().toLowerCase(java.util.Locale.ROOT));
            }
            if (r != null && r.outcome() == SeriesAbortReply.Outcome.NOT_SUPPORTED) {
                full += "; " + r.detail();
            }
            lastLook(s);
        }
        finish(s, t, full);
    }

    /** Takes the receiver's latest counts and file of our series for the result (the last progress may be older). */
    private void lastLook(Series s) {
        try {
            ReceiverStatus st = receiver().status();
            if (!isOurSeries(s.baseline, st)) {
                return;
            }
            AcquisitionProgress p = s.last;
            long expected = st.expected() != null ? st.expected() : s.settings.totalFrames();
            s.last = new AcquisitionProgress(expected, st.received(), st.written(),
                    p != null ? p.fps() : Double.NaN, st.state().wireName(),
                    st.filename() != null ? st.filename() : p != null ? p.file() : null,
                    (System.nanoTime() - s.armedAt) / 1_000_000);
        } catch (ReceiverException e) {
            LOG.debug("no last look at the receiver: {}", e.getMessage());
        }
    }

    private boolean receiverHasOurSeriesOpen(Series s) {
        try {
            ReceiverStatus st = receiver().status();
            return st.isRunning() && isOurSeries(s.baseline, st);
        } catch (ReceiverException e) {
            return false;
        }
    }

    /**
     * Asks the receiver to end its open series (monitor thread), once per series: the file is closed and readable
     * with the frames so far. A receiver without the call is said to the user, and then waited for.
     */
    private SeriesAbortReply endReceiverSeries(Series s, String why) {
        if (s.receiverEndAsked) {
            return s.receiverEnd;
        }
        s.receiverEndAsked = true;
        try {
            SeriesAbortReply r = receiver().abortSeries();
            s.receiverEnd = r;
            switch (r.outcome()) {
                case ABORTED -> LOG.info("{}: the receiver ended series {}: {}", why, r.series(),
                        SeriesFiles.onDisk(r.written(), -1, r.filename()));
                case NOTHING_OPEN -> LOG.info("{}: the receiver had no series open", why);
                case NOT_SUPPORTED -> {
                    LOG.warn("{}: {}", why, r.detail());
                    listener.warning(r.detail() + "; waiting for it");
                }
                default -> { }
            }
            return r;
        } catch (ReceiverException e) {
            LOG.warn("{}: the receiver's series could not be ended: {}", why, e.getMessage());
            listener.commandFailed("ending the receiver's series", e.getMessage());
            return null;
        }
    }

    /** Abort with no series of ours followed (a detector found running): end whatever the receiver has open. */
    private void endReceiverSeriesIfOpen() {
        try {
            if (receiver().status().isRunning()) {
                SeriesAbortReply r = receiver().abortSeries();
                if (r.outcome() == SeriesAbortReply.Outcome.NOT_SUPPORTED) {
                    listener.warning(r.detail());
                }
            }
        } catch (ReceiverException e) {
            listener.commandFailed("ending the receiver's series", e.getMessage());
        }
    }

    /** A Hutch receiver numbers its series; a MAX IV one only resets its counter at each header. */
    private static boolean isOurSeries(ReceiverStatus baseline, ReceiverStatus st) {
        return st.seriesId() >= 0 && baseline.seriesId() >= 0
                ? st.seriesId() != baseline.seriesId()
                : st.isRunning() || st.received() != baseline.received();
    }

    private static boolean noFileOrWritten(Series s, ReceiverStatus st) {
        return st.written() >= 0 || s.settings.fileName().isEmpty()
                || st.expected() != null && st.received() >= st.expected();
    }

    /** Ends the series with this transition, once: the first end wins (monitor, timeout or failed command). */
    private void finish(Series s, SeriesStateMachine.Transition ending, String message) {
        if (!s.machine.end(ending) && s.machine.phase() != ending.to) {
            return; // it ended otherwise first
        }
        AcquisitionResult.Outcome outcome = ending.to.outcome();
        AcquisitionProgress p = s.last;
        SeriesAbortReply end = s.receiverEnd;
        boolean ended = end != null && end.outcome() == SeriesAbortReply.Outcome.ABORTED;
        long written = ended && end.written() >= 0 ? end.written() : p != null ? p.written() : 0;
        String file = ended && end.filename() != null ? end.filename() : p != null ? p.file() : null;
        AcquisitionResult r = new AcquisitionResult(outcome, s.settings.totalFrames(),
                p != null ? p.received() : 0, written, file, message);
        if (s.done.complete(r)) {
            if (s.poll != null) {
                s.poll.cancel(false);
            }
            LOG.info("acquisition {}: {}", outcome.name().toLowerCase(java.util.Locale.ROOT), message);
            listener.finished(r);
        }
    }

    /**
     * Waits until the detector is armed for the next trigger, woken by its state changes (and by Stop
     * and Abort) rather than by polling. Permits are drained before each look at the state, so a change
     * right after the look still wakes the wait.
     */
    private void awaitArmedAgain(Series s) throws DetectorException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(
                (long) Math.ceil(s.settings.period() * s.settings.images() * 3 + 30));
        while (true) {
            s.changed.drainPermits();
            DetectorState st = detector.state();
            if (st == DetectorState.ARMED) {
                return;
            }
            if (st == DetectorState.FAULT || st == DetectorState.READY || st == DetectorState.OFF
                    || s.stopRequested || s.abortRequested) {
                return; // the series ended (or failed): the monitor reports how
            }
            long left = deadline - System.nanoTime();
            try {
                if (left <= 0 || !s.changed.tryAcquire(left, TimeUnit.NANOSECONDS)) {
                    throw new DetectorException("the detector did not become ready for the next trigger (state "
                            + detector.state() + ")");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    // ---- plumbing

    private void onDetectorStatus(DetectorStatus status) {
        Series s = current.get();
        if (s != null) {
            s.changed.release();
        }
        listener.detectorStatus(status);
    }

    private interface DetectorCall {
        void run() throws DetectorException;
    }

    private CompletableFuture<Void> onControl(String what, DetectorCall call) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        control.execute(() -> {
            try {
                call.run();
                f.complete(null);
            } catch (DetectorException | RuntimeException e) {
                report(what, e);
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    private CompletableFuture<Void> failed(String what, Exception e) {
        report(what, e);
        return CompletableFuture.failedFuture(e);
    }

    private void report(String what, Throwable e) {
        String msg = message(e);
        LOG.warn("{} failed: {}", what, msg);
        listener.commandFailed(what, msg);
    }

    private static String message(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    @Override
    public void close() {
        detector.removeStateListener(stateListener);
        control.shutdown();
        triggers.shutdown();
        monitor.shutdownNow();
        dropReceiver();
    }
}
