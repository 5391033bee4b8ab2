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

    /** how often a running acquisition is followed */
    private final long monitorPeriodMs = AppPreferences.load().acquisitionMonitorPeriod().toMillis();
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
        volatile boolean stopRequested;
        volatile boolean abortRequested;
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
        return onControl("stop", detector::stop);
    }

    /** Drops the series at once. */
    public CompletableFuture<Void> abort() {
        Series s = current.get();
        if (s != null) {
            s.abortRequested = true;
            s.changed.release();
        }
        return onControl("abort", detector::abort);
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
                finish(s, SeriesStateMachine.Transition.COMMAND_FAILED, message(c));
                return s.done.getNow(null);
            }
            return new AcquisitionResult(AcquisitionResult.Outcome.FAILED, settings.totalFrames(), 0, 0, null, message(c));
        } catch (TimeoutException e) {
            Series s = current.get();
            AcquisitionProgress p = s.last;
            finish(s, SeriesStateMachine.Transition.TIMED_OUT, "not complete after " + timeout.toSeconds() + " s"
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
     * transition finishes the series with its message.
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
        long expected = st.expected() != null ? st.expected() : s.settings.totalFrames();
        long onDisk = st.written() >= 0 ? st.written() : st.received();
        SeriesStateMachine.Transition t = s.machine.step(new SeriesStateMachine.Observation(
                isOurSeries(s.baseline, st), expected, st.received(), onDisk, st.isRunning(), st.isIdle(), st.isError(),
                noFileOrWritten(s, st), ds.state(), s.stopRequested, s.abortRequested,
                s.settings.triggerMode().external()));
        if (s.machine.phase() == SeriesStateMachine.Phase.AWAITING_SERIES) {
            return; // the receiver still shows the previous series
        }
        AcquisitionProgress p = new AcquisitionProgress(expected, st.received(), st.written(), st.fps(), st.state().wireName(),
                st.filename(), (System.nanoTime() - s.armedAt) / 1_000_000);
        s.last = p;
        listener.progress(p);
        if (t != null && t.to.ended()) {
            finish(s, t, switch (t) {
                case RECEIVER_FAILED -> "receiver error: " + st.error();
                case DETECTOR_FAULT -> "detector fault: " + ds.message();
                case ABORTED_BY_USER -> "aborted after " + st.received() + " of " + expected + " frames";
                case ALL_WRITTEN -> "all " + expected + " frames written"
                        + (st.filename() != null ? " to " + st.filename() : "");
                case STOPPED_BY_USER -> "stopped: " + onDisk + " of " + expected + " frames written";
                default -> t.name().toLowerCase(java.util.Locale.ROOT);
            });
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
        AcquisitionResult r = new AcquisitionResult(outcome, s.settings.totalFrames(),
                p != null ? p.received() : 0, p != null ? p.written() : 0, p != null ? p.file() : null, message);
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
