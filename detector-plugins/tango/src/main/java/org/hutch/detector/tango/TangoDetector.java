package org.hutch.detector.tango;

import fr.esrf.Tango.DevState;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
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
 * A MAX IV standard detector Tango device (command {@code Arm}; attributes {@code ExposureTime},
 * {@code TriggerMode}, {@code nTriggers}; State / Status), with the optional attributes and commands a site adds
 * used when the device has them (see {@link Role}).
 *
 * <p>Every control method talks to the device through a blocking Tango call (up to the configured client
 * timeout each): never call them on the FX thread. The state is polled on one daemon thread
 * ({@code tango-state-poll <device>}), because a device server without a Tango database sends no events;
 * listeners are told of changes in order on their own thread ({@code tango-state-events <device>}), so a slow
 * listener never delays a poll. Control calls read the state once more right after acting, so a change caused by
 * {@link #arm()} is the {@link #status()} before {@code arm()} returns.
 */
public final class TangoDetector implements Detector {
    private static final Logger LOG = LoggerFactory.getLogger(TangoDetector.class);

    private final TangoConfig config;
    private final TangoChannel channel;
    private final Map<Role, String> names;
    private final NameResolver.DeviceInterface device;
    private final ScheduledExecutorService poller;
    private final StatusPublisher status;
    private volatile AcquisitionSettings settings = AcquisitionSettings.DEFAULT;
    private volatile boolean closed;

    private TangoDetector(TangoConfig config, TangoChannel channel, NameResolver.DeviceInterface device) {
        this.config = config;
        this.channel = channel;
        this.device = device;
        this.names = Collections.unmodifiableMap(new EnumMap<>(device.names()));
        this.poller = NamedThreadFactory.singleThreadScheduler("tango-state-poll " + config.device());
        this.status = new StatusPublisher("tango-state-events " + config.device(),
                DetectorStatus.of(DetectorState.UNKNOWN, "connecting"));
    }

    /**
     * Connects, finds the attribute and command names, reads the state and starts polling. <b>Blocking.</b>
     *
     * @throws DetectorException when the device cannot be reached or lacks a required attribute or command
     */
    public static TangoDetector open(TangoConfig config) throws DetectorException {
        TangoChannel channel = TangoChannel.connect(config.device(), config.timeoutMs());
        NameResolver.DeviceInterface device = NameResolver.resolve(channel, config.names());
        TangoDetector d = new TangoDetector(config, channel, device);
        LOG.info("opened Tango device {} with names {}", config.device(), device.names());
        d.pollNow();
        d.poller.scheduleWithFixedDelay(d::poll, config.pollMs(), config.pollMs(), TimeUnit.MILLISECONDS);
        return d;
    }

    /**
     * The Tango names in use, per role, spelled as the device spells them. Optional roles the device does not
     * have are absent: a user interface offers only what is here (for example no Stop button without STOP).
     */
    public Map<Role, String> names() {
        return names;
    }

    /** True when the device has the attribute or command of this role. Non-blocking. */
    public boolean has(Role role) {
        return names.containsKey(role);
    }

    @Override
    public String name() {
        return "Tango " + config.device();
    }

    @Override
    public Set<TriggerMode> triggerModes() {
        return config.triggerModes().keySet();
    }

    @Override
    public StreamInfo streamInfo() {
        return config.stream();
    }

    @Override
    public AcquisitionSettings settings() {
        return settings;
    }

    /**
     * Writes trigger mode, exposure time, period (or latency time), images per trigger, triggers and file name,
     * each only where the device has the attribute. <b>Blocking.</b>
     */
    @Override
    public synchronized void configure(AcquisitionSettings s) throws DetectorException {
        requireState(pollNow(), DetectorState::canConfigure, "configure");
        String modeValue = config.triggerModes().get(s.triggerMode());
        if (modeValue == null) {
            throw new DetectorException(name() + " is not set up for trigger mode " + s.triggerMode().wireName()
                    + " (offered: " + triggerModes() + "; option triggerModes)");
        }
        if (s.triggerMode().framesPerTrigger(s.images()) > 1 && !has(Role.IMAGES)) {
            throw missingFor(Role.IMAGES, "take " + s.images() + " images per trigger", "set images to 1");
        }
        boolean periodDiffers = Math.abs(s.period() - s.exposureTime()) > 1e-9 * Math.max(1, s.period());
        if (periodDiffers && !has(Role.PERIOD) && !has(Role.LATENCY)) {
            throw missingFor(Role.PERIOD, "set a period of " + s.period() + " s, longer than the exposure time",
                    "set the period equal to the exposure time");
        }
        if (!s.fileName().isEmpty() && !has(Role.FILE_NAME)) {
            throw missingFor(Role.FILE_NAME, "set the file name '" + s.fileName() + "'", "leave the file name empty");
        }
        channel.write(names.get(Role.TRIGGER_MODE), modeValue);
        channel.write(names.get(Role.EXPOSURE_TIME), s.exposureTime());
        if (has(Role.PERIOD)) {
            channel.write(names.get(Role.PERIOD), s.period());
        } else if (has(Role.LATENCY)) {
            channel.write(names.get(Role.LATENCY), s.period() - s.exposureTime());
        }
        if (has(Role.IMAGES)) {
            channel.write(names.get(Role.IMAGES), (int) s.triggerMode().framesPerTrigger(s.images()));
        }
        channel.write(names.get(Role.TRIGGERS), s.triggers());
        if (has(Role.FILE_NAME)) {
            channel.write(names.get(Role.FILE_NAME), s.fileName());
        }
        settings = s;
    }

    /** Runs the Arm command (the device sends the stream header and goes RUNNING). <b>Blocking.</b> */
    @Override
    public synchronized void arm() throws DetectorException {
        requireState(pollNow(), DetectorState::canArm, "arm");
        channel.command(names.get(Role.ARM));
        pollNow();
    }

    @Override
    public synchronized void trigger() throws DetectorException {
        if (!settings.triggerMode().softwareTriggered()) {
            throw new DetectorException(name() + " takes no software trigger in trigger mode "
                    + settings.triggerMode().wireName());
        }
        String command = require(Role.TRIGGER, "send a software trigger");
        requireState(pollNow(), DetectorState::busy, "trigger");
        channel.command(command);
        pollNow();
    }

    @Override
    public synchronized void stop() throws DetectorException {
        if (!pollNow().state().canStop()) {
            return;
        }
        channel.command(require(Role.STOP, "stop the series"));
        awaitIdle("stop");
    }

    /** Runs Abort, or Stop where the device has no Abort. <b>Blocking.</b> */
    @Override
    public synchronized void abort() throws DetectorException {
        if (!pollNow().state().canAbort()) {
            return;
        }
        channel.command(firstOf(Role.ABORT, Role.STOP, "abort the series"));
        awaitIdle("abort");
    }

    /** Runs Disarm, or Stop where the device has no Disarm. <b>Blocking.</b> */
    @Override
    public synchronized void disarm() throws DetectorException {
        if (!pollNow().state().canDisarm()) {
            return;
        }
        channel.command(firstOf(Role.DISARM, Role.STOP, "disarm"));
        awaitIdle("disarm");
    }

    @Override
    public DetectorStatus status() {
        return status.current();
    }

    @Override
    public void addStateListener(DetectorStateListener listener) {
        status.addListener(listener);
    }

    @Override
    public void removeStateListener(DetectorStateListener listener) {
        status.removeListener(listener);
    }

    /** Aborts a series in progress (where the device can), stops polling; the state becomes OFF. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        try {
            if (status.current().state().busy() && (has(Role.ABORT) || has(Role.STOP))) {
                abort();
            }
        } catch (DetectorException e) {
            LOG.warn("{}: abort on close failed: {}", name(), e.getMessage());
        }
        closed = true;
        poller.shutdown();
        try {
            poller.awaitTermination(config.timeoutMs() + 1000L, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        status.publishIfChanged(DetectorStatus.of(DetectorState.OFF, "closed"));
        status.close();
    }

    /** Reads the state on the polling thread and waits for it, so listeners see changes in order. */
    private DetectorStatus pollNow() throws DetectorException {
        if (closed) {
            throw new DetectorException(name() + " is closed");
        }
        Future<DetectorStatus> f = poller.submit(this::poll);
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw new DetectorException(name() + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DetectorException("interrupted while reading the state of " + name(), e);
        }
    }

    /** One poll: State (and Status where it carries the reason), mapped and published. Polling thread only. */
    private DetectorStatus poll() {
        if (closed) {
            return status.current();
        }
        DetectorStatus now;
        try {
            DevState tango = channel.state();
            // Status is read only where it carries a reason (FAULT, ALARM, OFF, ...): one call per poll otherwise
            boolean needsText = tango != DevState.ON && tango != DevState.RUNNING
                    && tango != DevState.STANDBY && tango != DevState.MOVING;
            now = StateMapping.map(tango, needsText ? channel.status() : "", settings.triggerMode());
        } catch (DetectorException e) {
            now = DetectorStatus.of(DetectorState.UNKNOWN, e.getMessage());
        } catch (RuntimeException e) {
            now = DetectorStatus.of(DetectorState.UNKNOWN, "cannot read the state of " + name() + ": " + e);
        }
        // every poll reads the state again: only a change of state or message is news
        status.publishIfChanged(now);
        return status.current();
    }

    /** Waits (bounded) for the device to leave RUNNING after stop / abort / disarm. */
    private void awaitIdle(String action) throws DetectorException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10L * config.timeoutMs());
        DetectorStatus s = pollNow();
        while (s.state().busy()) {
            if (System.nanoTime() > deadline) {
                throw new DetectorException(name() + " is still busy " + 10L * config.timeoutMs() / 1000.0
                        + " s after " + action + ": " + s);
            }
            try {
                Thread.sleep(Math.min(config.pollMs(), 50));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DetectorException("interrupted while waiting for " + name() + " to " + action, e);
            }
            s = pollNow();
        }
    }

    private void requireState(DetectorStatus s, Predicate<DetectorState> allowed, String action)
            throws DetectorException {
        if (!allowed.test(s.state())) {
            throw new DetectorException("cannot " + action + " " + name() + " while it is "
                    + s.state().name().toLowerCase(Locale.ROOT) + " (" + s.message() + ")");
        }
    }

    private String require(Role role, String action) throws DetectorException {
        String n = names.get(role);
        if (n == null) {
            throw missingFor(role, action, null);
        }
        return n;
    }

    private String firstOf(Role preferred, Role fallback, String action) throws DetectorException {
        return has(preferred) ? names.get(preferred) : require(fallback, action);
    }

    private DetectorException missingFor(Role role, String neededFor, String advice) {
        List<String> looked = config.names().get(role);
        List<String> existing = role.kind() == Role.Kind.COMMAND ? device.commands() : device.attributes();
        return new DetectorException(name() + " has no " + role.label() + ", needed to " + neededFor
                + (looked.isEmpty() ? " (option " + role.optionKey() + " is empty)"
                        : " (looked for " + String.join(", ", looked) + "; option " + role.optionKey() + ")")
                + "; its " + role.kind().name().toLowerCase(Locale.ROOT) + "s: " + String.join(", ", existing)
                + (advice == null ? "" : "; " + advice));
    }
}
