package org.hutch.detector.simulator;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.hutch.azint.Poni;
import org.hutch.detector.Detector;
import org.hutch.detector.DetectorException;
import org.hutch.detector.DetectorState;
import org.hutch.detector.DetectorStateListener;
import org.hutch.detector.DetectorStatus;
import org.hutch.detector.StatusPublisher;
import org.hutch.detector.StreamInfo;
import org.hutch.model.acquisition.AcquisitionSettings;
import org.hutch.model.acquisition.TriggerMode;
import org.hutch.model.concurrent.NamedThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated lab detector that really streams: powder rings from a PONI geometry with Poisson noise, sent
 * on a bound ZeroMQ PUSH socket in STINS (or DECTRIS Stream V1/V2) by one sender thread. It moves through the
 * same states as a real detector: READY, ARMED (header sent at arm, as at MAX IV), RUNNING, READY after the
 * series end, FAULT with a message.
 *
 * <p>Supported trigger modes: {@link TriggerMode#INTS} (each software trigger takes {@code images} frames),
 * {@link TriggerMode#INTE} (one frame per software trigger), {@link TriggerMode#INTERNAL} (runs when armed).
 */
public final class SimulatedDetector implements Detector {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedDetector.class);
    private static final Set<TriggerMode> MODES = EnumSet.of(TriggerMode.INTS, TriggerMode.INTE, TriggerMode.INTERNAL);

    private final SimulatorConfig config;
    /** the tunables, read when the detector is opened */
    private final SimulatorPreferences prefs = SimulatorPreferences.load();
    private final PowderPattern pattern;
    private final SenderLoop sender;
    private final Thread senderThread;
    private final StreamInfo streamInfo;
    private final StatusPublisher status =
            new StatusPublisher("hutch-simulator-events", DetectorStatus.of(DetectorState.UNKNOWN, "opening"));
    /** Held while a status is made and published, so statuses go out in the order they are made. */
    private final Object statusLock = new Object();

    // guarded by statusLock
    private String stateMessage = "";
    private long activeSeries = -1;

    // guarded by this (control calls are serialised)
    private AcquisitionSettings settings = AcquisitionSettings.DEFAULT;
    private FramePool pool;
    private long seriesCounter;
    private int triggersIssued;
    private boolean closed;

    private SimulatedDetector(SimulatorConfig config, PowderPattern pattern) throws DetectorException {
        this.config = config;
        this.pattern = pattern;
        this.sender = new SenderLoop(config, new SenderEvents(), prefs.sendTimeout());
        this.senderThread = NamedThreadFactory.start("hutch-simulator-sender", sender);
        String endpoint;
        try {
            endpoint = sender.bound().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            status.close();
            throw new DetectorException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            status.close();
            throw new DetectorException("the simulator's stream socket did not open on " + config.bind(), e);
        }
        this.streamInfo = new StreamInfo(endpoint, config.format());
        setStatus(DetectorState.READY, "ready, streaming " + config.format().cliName() + " on " + endpoint);
    }

    /**
     * Opens a simulator: computes the ring pattern and binds the stream socket. <b>Blocking</b> (about
     * 0.1 s per megapixel).
     */
    public static SimulatedDetector open(SimulatorConfig config) throws DetectorException {
        PowderPattern pattern;
        try {
            pattern = PowderPattern.of(config.poni(), config.rows(), config.cols(), config.calibrant(), config.flux(),
                    config.ringWidth());
        } catch (RuntimeException e) {
            throw new DetectorException("cannot draw rings from the PONI geometry: " + e.getMessage(), e);
        }
        return new SimulatedDetector(config, pattern);
    }

    @Override
    public String name() {
        return "Simulator (" + streamInfo.endpoint() + ")";
    }

    @Override
    public Set<TriggerMode> triggerModes() {
        return MODES;
    }

    @Override
    public StreamInfo streamInfo() {
        return streamInfo;
    }

    @Override
    public synchronized AcquisitionSettings settings() {
        return settings;
    }

    /** The fixed properties this simulator was opened with. */
    public SimulatorConfig config() {
        return config;
    }

    /** The expected pattern (ring positions and per-pixel rates), for tests and demos. */
    public PowderPattern pattern() {
        return pattern;
    }

    /** Images sent since the simulator was opened (all series). */
    public long framesSent() {
        return sender.framesSentTotal();
    }

    /** Draws the frame pool for the settings now, if not done yet. <b>Blocking.</b> */
    @Override
    public synchronized void configure(AcquisitionSettings newSettings) throws DetectorException {
        checkOpen();
        DetectorState state = state();
        if (!state.canConfigure()) {
            throw new DetectorException("cannot configure while " + state.name().toLowerCase() + ": stop or abort the series first");
        }
        if (!MODES.contains(newSettings.triggerMode())) {
            throw new DetectorException("the simulator has no trigger mode " + newSettings.triggerMode().wireName()
                    + " (it has ints, inte and internal; it has no hardware trigger input)");
        }
        preparePool(newSettings.exposureTime());
        settings = newSettings;
    }

    private void preparePool(double exposureTime) throws DetectorException {
        if (pool != null && pool.exposureTime() == exposureTime) {
            return;
        }
        try {
            pool = FramePool.build(pattern, exposureTime, config.dtype(), config.compression(), config.poolSize(),
                    config.hotPixels(), config.seed());
        } catch (RuntimeException e) {
            throw new DetectorException("cannot make simulated frames: " + e.getMessage(), e);
        }
    }

    /** Sends the header and arms; in {@link TriggerMode#INTERNAL} the images follow at once. <b>Blocking.</b> */
    @Override
    public synchronized void arm() throws DetectorException {
        checkOpen();
        DetectorState state = state();
        if (!state.canArm()) {
            throw new DetectorException("cannot arm while " + state.name().toLowerCase() + ": wait for the series to end, or stop it");
        }
        preparePool(settings.exposureTime());
        long id = ++seriesCounter;
        triggersIssued = 0;
        SenderLoop.Plan plan = new SenderLoop.Plan(id, settings, pool, WireEncoders.of(config.format()), headerMetadata(settings));
        synchronized (statusLock) {
            activeSeries = id;
            if (settings.triggerMode() == TriggerMode.INTERNAL) {
                setStatus(DetectorState.RUNNING, "running: " + describe(settings));
            } else {
                setStatus(DetectorState.ARMED, "armed: " + describe(settings) + ", waiting for trigger 1 of " + settings.triggers());
            }
        }
        sender.post(SenderLoop.Kind.ARM, plan, null);
    }

    /** Starts the images of the next trigger; returns at once (images follow at the period). <b>Blocking</b> briefly. */
    @Override
    public synchronized void trigger() throws DetectorException {
        checkOpen();
        if (!settings.triggerMode().softwareTriggered()) {
            throw new DetectorException("trigger mode " + settings.triggerMode().wireName() + " takes no software trigger"
                    + (settings.triggerMode() == TriggerMode.INTERNAL ? ": the series starts when armed" : ""));
        }
        DetectorState state = state();
        if (state != DetectorState.ARMED) {
            throw new DetectorException(state == DetectorState.RUNNING
                    ? "still taking the images of the previous trigger: wait until the detector is armed again"
                    : "cannot trigger while " + state.name().toLowerCase() + ": arm first");
        }
        triggersIssued++;
        setStatus(DetectorState.RUNNING, "running: trigger " + triggersIssued + " of " + settings.triggers());
        sender.post(SenderLoop.Kind.TRIGGER, null, null);
    }

    @Override
    public synchronized void stop() throws DetectorException {
        endSeries("stopped");
    }

    @Override
    public synchronized void disarm() throws DetectorException {
        endSeries("disarmed");
    }

    private void endSeries(String reason) throws DetectorException {
        checkOpen();
        if (!state().busy()) {
            return;
        }
        SenderLoop.Command c = sender.post(SenderLoop.Kind.STOP, null, reason);
        try {
            c.done.get(prefs.stopTimeout().toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new DetectorException("the series end could not be sent within " + prefs.stopTimeout().toSeconds()
                    + " s: no receiver is taking frames from " + streamInfo.endpoint() + "; use Abort");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DetectorException(reason + " interrupted", e);
        } catch (ExecutionException e) {
            throw new DetectorException(reason + " failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    @Override
    public synchronized void abort() throws DetectorException {
        checkOpen();
        DetectorState state = state();
        if (!state.canAbort()) {
            return;
        }
        long total = settings.totalFrames();
        synchronized (statusLock) {
            activeSeries = -1;
        }
        SenderLoop.Command c = sender.post(SenderLoop.Kind.ABORT, null, null);
        long sent = await(c, prefs.abortTimeout().toSeconds());
        setStatus(DetectorState.READY, state == DetectorState.FAULT ? "fault cleared"
                : "aborted after " + sent + " of " + total + " frames (no series end sent)");
    }

    private long await(SenderLoop.Command c, long seconds) throws DetectorException {
        try {
            return c.done.get(seconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new DetectorException("the simulator's sender did not answer within " + seconds + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DetectorException("interrupted", e);
        } catch (ExecutionException e) {
            throw new DetectorException(e.getCause().getMessage(), e.getCause());
        }
    }

    @Override
    public DetectorStatus status() {
        return status.current();
    }

    /** The listener is told the current status at once, then every change. */
    @Override
    public void addStateListener(DetectorStateListener listener) {
        status.addListener(listener);
    }

    @Override
    public void removeStateListener(DetectorStateListener listener) {
        status.removeListener(listener);
    }

    /** Aborts a running series, then closes the socket (queued frames get {@code lingerMs} to leave). <b>Blocking.</b> */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        synchronized (statusLock) {
            activeSeries = -1;
        }
        SenderLoop.Command c = sender.post(SenderLoop.Kind.CLOSE, null, null);
        try {
            c.done.get(5, TimeUnit.SECONDS);
            senderThread.join(config.lingerMs() + 5000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("simulator sender did not stop cleanly: {}", e.toString());
        }
        setStatus(DetectorState.OFF, "closed");
        status.close();
    }

    private void checkOpen() throws DetectorException {
        if (closed) {
            throw new DetectorException("the simulator is closed: open it again");
        }
        if (sender.failure() != null) {
            throw new DetectorException("the simulator's sender stopped (" + sender.failure()
                    + "): close the detector and open it again");
        }
    }

    private Map<String, Object> headerMetadata(AcquisitionSettings s) {
        Poni poni = config.poni();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("detector", "Hutch simulator");
        m.put("count_time", s.exposureTime());
        m.put("exptime", s.exposureTime());
        m.put("frame_time", s.period());
        m.put("nimages", s.triggerMode().framesPerTrigger(s.images()));
        m.put("ntrigger", s.triggers());
        m.put("trigger_mode", s.triggerMode().wireName());
        m.put("x_pixels_in_detector", config.cols());
        m.put("y_pixels_in_detector", config.rows());
        m.put("x_pixel_size", poni.pixel2());
        m.put("y_pixel_size", poni.pixel1());
        m.put("detector_distance", poni.dist());
        m.put("beam_center_x", poni.poni2() / poni.pixel2());
        m.put("beam_center_y", poni.poni1() / poni.pixel1());
        if (poni.wavelength() > 0) {
            m.put("wavelength", poni.wavelength() * 1e10);
        }
        m.put("calibrant", config.calibrant().label());
        m.put("poni", poni.withShape(config.rows(), config.cols()).format());
        if (config.format() == StreamInfo.Format.DECTRIS_V2) {
            // the Stream V2 start message's own names for the same facts
            m.put("series_unique_id", "hutch-simulator-" + System.identityHashCode(this) + "-" + seriesCounter);
            m.put("number_of_images", s.totalFrames());
            m.put("image_size_x", config.cols());
            m.put("image_size_y", config.rows());
            m.put("image_dtype", config.dtype().numpyName());
            m.put("pixel_size_x", poni.pixel2());
            m.put("pixel_size_y", poni.pixel1());
            m.put("detector_translation", java.util.List.of(0.0, 0.0, poni.dist()));
            if (poni.wavelength() > 0) {
                m.put("incident_wavelength", poni.wavelength() * 1e10);
            }
        }
        m.putAll(s.metadata());
        return m;
    }

    private static String describe(AcquisitionSettings s) {
        return s.images() + " image" + (s.images() == 1 ? "" : "s") + " x " + s.triggers() + " trigger"
                + (s.triggers() == 1 ? "" : "s") + " (" + s.triggerMode().wireName() + ")";
    }

    private void setStatus(DetectorState state, String message) {
        synchronized (statusLock) {
            stateMessage = message;
            status.publish(DetectorStatus.of(state, message));
        }
    }

    /** Reports from the sender thread; ignored once the series is no longer the active one (aborted, closed). */
    private final class SenderEvents implements SenderLoop.Listener {
        @Override
        public void seriesState(long seriesId, DetectorState state, String message) {
            synchronized (statusLock) {
                if (seriesId == activeSeries) {
                    if (!state.busy()) {
                        activeSeries = -1;
                    }
                    setStatus(state, message);
                }
            }
        }

        @Override
        public void senderFailed(String reason) {
            synchronized (statusLock) {
                activeSeries = -1;
                setStatus(DetectorState.FAULT, reason);
            }
        }

        @Override
        public void seriesNotice(long seriesId, String notice) {
            synchronized (statusLock) {
                if (seriesId == activeSeries) {
                    status.publish(DetectorStatus.of(status.current().state(),
                            notice == null ? stateMessage : notice));
                }
            }
        }
    }
}
