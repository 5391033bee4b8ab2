package org.hutch.app.live;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.hutch.app.AppPreferences;
import org.hutch.app.client.AzintCurve;
import org.hutch.app.client.FrameResult;
import org.hutch.app.client.LiveFrame;
import org.hutch.app.client.ReceiverClient;
import org.hutch.app.client.ReceiverClients;
import org.hutch.app.client.ReceiverException;
import org.hutch.model.concurrent.NamedThreadFactory;
import org.hutch.model.pixels.BlockReduction;
import org.hutch.model.receiver.ReceiverStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one receiver for its status, last frame and last curve, at 1 Hz by default (0.2-10 Hz),
 * on its own named thread. Unchanged frames cost no download (ETag/304, or MAX IV's counters).
 * On errors it reports {@link ConnectionState#LOST}, backs off (doubling, at most 10 s), reconnects
 * (probing the API again) and reports {@link ConnectionState#CONNECTED} when a poll succeeds.
 * <p>
 * 1D curves come from the receiver when it integrates; otherwise from {@link CurveSource} on a
 * separate thread, from the full-resolution frame, dropping frames while an integration runs.
 */
public final class LivePoller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LivePoller.class);

    public static final double MIN_HZ = 0.2;
    public static final double MAX_HZ = 10;

    private final String url;
    private final Duration timeout;
    private final LiveListener listener;
    private final ScheduledExecutorService pollThread;
    private final ExecutorService integrateThread;
    private final AtomicBoolean integrating = new AtomicBoolean();
    private final AtomicReference<CurveSource> curveSource = new AtomicReference<>();

    /** the longest wait between polls after failures */
    private final long maxBackoffMs;
    private volatile double rateHz;
    /** 0 = automatic: reduce large frames to about {@link #AUTO_TARGET_PIXELS} on their long side */
    private volatile int downsample = 0;
    /** the long side a frame is reduced to when the factor is automatic (a screen's worth; saves bandwidth) */
    public static final int AUTO_TARGET_PIXELS = 1100;
    private int lastFullLongSide; // poller thread only
    private volatile BlockReduction reduce = BlockReduction.MAX;
    /** whether the listener wants each frame at full resolution too (ROI statistics, line cuts) */
    private volatile boolean fullFramesWanted;
    /** takes each new frame at full resolution (darks, flats, hot pixels gathered from the stream); null = none */
    private volatile Consumer<LiveFrame> frameTap;
    private volatile boolean closed;
    private volatile Instant lastSuccess;
    private volatile ConnectionState state = ConnectionState.CONNECTING;
    /** what the plot says when the app should integrate but has no geometry */
    public static final String NO_GEOMETRY = "no geometry: load a PONI";
    /** the newest full-resolution frame the app integrated (or would have, given a geometry) */
    private volatile LiveFrame lastFull;
    /** {rows, cols} of the last frame read at full resolution (the first frame always is); null before */
    private volatile int[] fullShape;
    private volatile Boolean receiverIntegrates;
    /** the last integration failure logged at WARN (the same one again goes to DEBUG: it repeats every poll) */
    private volatile String lastFailure;

    // poller thread only
    private ReceiverClient client;
    private String frameTag;
    private long lastCurveFrame = Long.MIN_VALUE;
    private int failures;
    private long curveProbes;

    public LivePoller(String url, Duration timeout, LiveListener listener) {
        this.url = Objects.requireNonNull(url, "url");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.listener = Objects.requireNonNull(listener, "listener");
        AppPreferences prefs = AppPreferences.load();
        this.maxBackoffMs = prefs.liveMaxBackoff().toMillis();
        setRateHz(prefs.livePollRateHz());
        this.pollThread = NamedThreadFactory.singleThreadScheduler("hutch-live-poll");
        this.integrateThread = NamedThreadFactory.singleThreadExecutor("hutch-live-azint");
    }

    public String url() {
        return url;
    }

    /** Starts polling now. */
    public LivePoller start() {
        listener.connection(ConnectionState.CONNECTING, "connecting to " + url);
        pollThread.execute(this::tick);
        return this;
    }

    /** Polling rate, clamped to 0.2-10 Hz. */
    public void setRateHz(double hz) {
        this.rateHz = Math.max(MIN_HZ, Math.min(MAX_HZ, hz));
    }

    public double rateHz() {
        return rateHz;
    }

    /** Display downsampling factor (1 = full resolution, 0 = automatic) and how blocks are reduced. */
    public void setDownsample(int factor, BlockReduction how) {
        this.downsample = Math.max(0, factor);
        this.reduce = Objects.requireNonNull(how);
    }

    /** Asks for each new frame at full resolution as well ({@link LiveListener#fullFrame}), reduced here for display. */
    public void setFullFramesWanted(boolean wanted) {
        this.fullFramesWanted = wanted;
    }

    /**
     * Gives each new frame at full resolution to {@code tap} on the poll thread, whoever integrates it
     * ({@code null} = none): a dark or flat gathered from the stream must not depend on the app's own
     * integration, which does not run while the receiver or a pipeline supplies the curves.
     */
    public void setFrameTap(Consumer<LiveFrame> tap) {
        this.frameTap = tap;
    }

    /**
     * Integration in the app, used only when the receiver has no azint of its own ({@code null} = none).
     * The frame on screen is integrated again with the new source, so a PONI or mask loaded while no
     * frames come in does not leave the old curve up.
     */
    public void setCurveSource(CurveSource source) {
        curveSource.set(source);
        LiveFrame last = lastFull;
        if (last != null && !closed) {
            if (source != null) {
                integrateLater(last);
            } else {
                listener.curveFailed(NO_GEOMETRY);
            }
        }
    }

    /** The detector's frame shape {rows, cols} at full resolution, as last read; null before the first frame. */
    public int[] fullShape() {
        int[] s = fullShape;
        return s == null ? null : s.clone();
    }

    /** Whether the receiver integrates itself (its curves are shown, the app's geometry is not used); null until connected. */
    public Boolean receiverIntegrates() {
        return receiverIntegrates;
    }

    public ConnectionState connectionState() {
        return state;
    }

    /** When the last poll succeeded, or {@code null}. */
    public Instant lastSuccess() {
        return lastSuccess;
    }

    /** Polls again right away (for example when an acquisition starts). */
    public void pollNow() {
        if (!closed) {
            pollThread.execute(this::pollOnce);
        }
    }

    private void tick() {
        if (closed) {
            return;
        }
        long t0 = System.nanoTime();
        boolean ok = pollOnce();
        long periodMs = Math.round(1000 / rateHz);
        long delay = ok ? Math.max(0, periodMs - (System.nanoTime() - t0) / 1_000_000)
                : Math.min(maxBackoffMs, periodMs << Math.min(failures, 6));
        if (!closed) {
            pollThread.schedule(this::tick, delay, TimeUnit.MILLISECONDS);
        }
    }

    /** One round: status, frame, curve. Returns false on failure (already reported). */
    private boolean pollOnce() {
        if (closed) {
            return false;
        }
        try {
            if (client == null) {
                client = ReceiverClients.connect(url, timeout);
                frameTag = null;
                LOG.info("live view connected to {} ({})", client.baseUrl(), client.layer().label());
            }
            ReceiverStatus status = client.status();
            listener.status(status);
            pollFrame();
            pollReceiverCurve();
            lastSuccess = Instant.now();
            failures = 0;
            setState(ConnectionState.CONNECTED, "connected to " + client.baseUrl() + " (" + client.layer().label() + ")");
            return true;
        } catch (ReceiverException | RuntimeException e) {
            failures++;
            if (client != null) {
                client.close();
                client = null;
            }
            String msg = e.getMessage() != null ? e.getMessage() : e.toString();
            if (failures == 1) {
                LOG.warn("live view: {}", msg);
            }
            setState(ConnectionState.LOST, "connection lost: " + msg + " (retrying)");
            return false;
        }
    }

    private void pollFrame() throws ReceiverException {
        receiverIntegrates = client.supportsAzint();
        boolean appIntegrates = !client.supportsAzint();
        boolean localAzint = appIntegrates && curveSource.get() != null && curveSource.get().ready();
        int want = downsample > 0 ? downsample
                : Math.max(1, (lastFullLongSide + AUTO_TARGET_PIXELS - 1) / AUTO_TARGET_PIXELS);
        boolean fullWanted = fullFramesWanted;
        Consumer<LiveFrame> tap = frameTap;
        // the app integrates, analyses or gathers the full-resolution frame
        int ask = appIntegrates || fullWanted || tap != null ? 1 : want;
        FrameResult r = client.lastFrame(ask, reduce, frameTag);
        if (r.kind() != FrameResult.Kind.NEW) {
            return;
        }
        frameTag = r.tag();
        LiveFrame full = r.frame();
        lastFullLongSide = Math.max(full.rows(), full.cols()) * full.downsample();
        if (full.downsample() == 1) {
            fullShape = new int[] {full.rows(), full.cols()};
        }
        LiveFrame shown = ask < want ? full.reduced(want / ask, reduce) : full;
        listener.frame(shown);
        if (fullWanted) {
            listener.fullFrame(full);
        }
        if (tap != null) {
            tap.accept(full);
        }
        if (appIntegrates) {
            lastFull = full;
        }
        if (localAzint && listener.appCurveWanted()) {
            integrateLater(full);
        } else if (appIntegrates && curveSource.get() == null) {
            listener.curveFailed(NO_GEOMETRY);
        }
    }

    private void pollReceiverCurve() throws ReceiverException {
        // a receiver without azint is asked again now and then: it may get configured later
        if (!client.supportsAzint() && ++curveProbes % 10 != 1) {
            return;
        }
        Optional<AzintCurve> c = client.lastCurve();
        if (c.isPresent() && c.get().frame() != lastCurveFrame) {
            lastCurveFrame = c.get().frame();
            listener.curve(c.get());
        }
    }

    private void integrateLater(LiveFrame full) {
        CurveSource source = curveSource.get();
        if (source == null || !integrating.compareAndSet(false, true)) {
            return; // still busy with an older frame: this one is dropped, the next poll brings a newer one
        }
        integrateThread.execute(() -> {
            try {
                listener.curve(source.integrate(full));
                lastFailure = null;
            } catch (Exception e) {
                String why = String.valueOf(e.getMessage());
                if (!why.equals(lastFailure)) {
                    LOG.warn("integration of frame {} failed: {}", full.frame(), why);
                } else {
                    LOG.debug("integration of frame {} failed: {}", full.frame(), why);
                }
                lastFailure = why;
                listener.curveFailed("no 1D curve: " + why);
            } finally {
                integrating.set(false);
            }
            CurveSource now = curveSource.get();
            LiveFrame last = lastFull;
            if (now != null && now != source && last != null && !closed) {
                integrateLater(last); // the geometry changed while this frame was integrated
            }
        });
    }

    private void setState(ConnectionState s, String message) {
        ConnectionState old = state;
        state = s;
        if (old != s || s == ConnectionState.LOST) {
            if (old == ConnectionState.LOST && s == ConnectionState.CONNECTED) {
                LOG.info("live view: connection recovered");
            }
            listener.connection(s, message);
        }
    }

    @Override
    public void close() {
        closed = true;
        pollThread.shutdownNow();
        integrateThread.shutdownNow();
        try {
            pollThread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (client != null) {
            client.close();
        }
    }
}
