package org.hutch.detector.tango;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
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
import org.hutch.detector.DetectorCommand;
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
 * A Tango detector device driven as its {@link Profile} describes: the MAX IV standard device (command {@code Arm};
 * attributes {@code ExposureTime}, {@code TriggerMode}, {@code nTriggers}; State / Status), MAX IV's Eiger device,
 * ESRF LImA, or a site's own. The attributes and commands of each {@link Role} are used where the device has them;
 * the state comes from where the profile says ({@link StateModel}); a series Hutch armed is followed (image counter,
 * triggers sent) until it ends, and aborted on {@link #close()} if it has not.
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
    /** serialises configure, arm, stop, abort, disarm and close; a trigger's wait for its images runs outside it */
    private final Object control = new Object();
    private volatile AcquisitionSettings settings = AcquisitionSettings.DEFAULT;
    /** the series Hutch armed and has not yet seen end; null otherwise */
    private volatile Series series;
    private volatile boolean closed;

    /** A series Hutch armed: what it expects, and what the device has done of it. */
    private static final class Series {
        final long total;
        final long perTrigger;
        final double period;
        int triggersSent;
        /** images taken, from the device's image counter; -1 where it has none */
        volatile long count = -1;

        Series(long total, long perTrigger, double period) {
            this.total = total;
            this.perTrigger = perTrigger;
            this.period = period;
        }
    }

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
        if (config.states().source() == StateModel.Source.ATTRIBUTE && !device.names().containsKey(Role.STATUS)) {
            throw new DetectorException("Tango device " + config.device() + " has no status attribute "
                    + String.join(" or ", config.names().get(Role.STATUS)) + " (stateSource=attribute, option "
                    + "statusAttribute; profile " + config.profile() + "); its attributes: "
                    + String.join(", ", device.attributes()));
        }
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

    /**
     * The configured trigger modes; the software-triggered ones only where the device has a trigger command, and
     * {@code ints} (several images per trigger) only where it also has an images attribute: otherwise {@code inte}
     * is the same series, and a default of {@code ints} would be refused at the first configure.
     */
    @Override
    public Set<TriggerMode> triggerModes() {
        Set<TriggerMode> modes = new LinkedHashSet<>();
        for (TriggerMode m : config.triggerModes().keySet()) {
            boolean usable = !m.softwareTriggered() || has(Role.TRIGGER);
            if (m == TriggerMode.INTS && !has(Role.IMAGES)) {
                usable = false;
            }
            if (usable) {
                modes.add(m);
            }
        }
        return modes.isEmpty() ? config.triggerModes().keySet() : modes;
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
     * Checks every value against the device's attribute properties (writable, min / max, enum labels), then writes
     * trigger mode, exposure time, period (or latency time), images, triggers and file name, each only where the
     * device has the attribute. A refused value is found before the first write, so the device keeps its settings.
     * <b>Blocking.</b>
     */
    @Override
    public void configure(AcquisitionSettings s) throws DetectorException {
        synchronized (control) {
            requireState(pollNow(), DetectorState::canConfigure, "configure");
            List<Map.Entry<String, Object>> writes = plan(s);
            for (Map.Entry<String, Object> w : writes) {
                channel.check(w.getKey(), w.getValue());
            }
            for (Map.Entry<String, Object> w : writes) {
                channel.write(w.getKey(), w.getValue());
            }
            settings = s;
        }
    }

    /** The attribute writes for these settings, in order; refuses what the device cannot take. */
    private List<Map.Entry<String, Object>> plan(AcquisitionSettings s) throws DetectorException {
        String modeValue = config.triggerModes().get(s.triggerMode());
        if (modeValue == null || !triggerModes().contains(s.triggerMode())) {
            throw new DetectorException(name() + " is not set up for trigger mode " + s.triggerMode().wireName()
                    + " (offered: " + triggerModes() + "; option triggerModes"
                    + (s.triggerMode().softwareTriggered() && !has(Role.TRIGGER) ? ", and a software trigger needs "
                    + "the trigger command" : "") + ")");
        }
        long perTrigger = s.triggerMode().framesPerTrigger(s.images());
        // the MAX IV standard device has no images attribute: in internal mode it takes nTriggers frames
        boolean framesAsTriggers = !config.framesTotal() && !has(Role.IMAGES) && has(Role.TRIGGERS)
                && s.triggerMode() == TriggerMode.INTERNAL;
        if (framesAsTriggers) {
            perTrigger = 1;
        }
        if (config.framesTotal()) {
            if (s.totalFrames() > 1 && !has(Role.IMAGES)) {
                throw missingFor(Role.IMAGES, "take " + s.totalFrames() + " frames", "set images and triggers to 1");
            }
        } else {
            if (perTrigger > 1 && !has(Role.IMAGES)) {
                throw missingFor(Role.IMAGES, "take " + s.images() + " images per trigger", "set images to 1");
            }
            if (s.triggers() > 1 && !has(Role.TRIGGERS)) {
                throw missingFor(Role.TRIGGERS, "take " + s.triggers() + " triggers", "set triggers to 1, or "
                        + "framesTotal=true where the images attribute counts the whole series");
            }
        }
        boolean periodDiffers = Math.abs(s.period() - s.exposureTime()) > 1e-9 * Math.max(1, s.period());
        if (periodDiffers && !has(Role.PERIOD) && !has(Role.LATENCY)) {
            throw missingFor(Role.PERIOD, "set a period of " + s.period() + " s, longer than the exposure time",
                    "set the period equal to the exposure time");
        }
        if (!s.fileName().isEmpty() && !has(Role.FILE_NAME)) {
            throw missingFor(Role.FILE_NAME, "set the file name '" + s.fileName() + "'", "leave the file name empty");
        }
        List<Map.Entry<String, Object>> w = new ArrayList<>();
        w.add(Map.entry(names.get(Role.TRIGGER_MODE), modeValue));
        w.add(Map.entry(names.get(Role.EXPOSURE_TIME), s.exposureTime()));
        if (has(Role.PERIOD)) {
            w.add(Map.entry(names.get(Role.PERIOD), s.period()));
        } else if (has(Role.LATENCY)) {
            w.add(Map.entry(names.get(Role.LATENCY), Math.max(0.0, s.period() - s.exposureTime())));
        }
        if (has(Role.IMAGES)) {
            w.add(Map.entry(names.get(Role.IMAGES), (int) (config.framesTotal() ? s.totalFrames() : perTrigger)));
        }
        if (has(Role.TRIGGERS) && !config.framesTotal()) {
            w.add(Map.entry(names.get(Role.TRIGGERS), framesAsTriggers ? (int) s.totalFrames() : s.triggers()));
        }
        if (has(Role.FILE_NAME)) {
            w.add(Map.entry(names.get(Role.FILE_NAME), s.fileName()));
        }
        return w;
    }

    /**
     * Runs the arm command, then, where no software trigger follows (internal and external modes), the start
     * command of the profile (LImA: prepareAcq, then startAcq). <b>Blocking.</b>
     */
    @Override
    public void arm() throws DetectorException {
        synchronized (control) {
            requireState(pollNow(), DetectorState::canArm, "arm");
            AcquisitionSettings s = settings;
            Series armed = new Series(s.totalFrames(), s.triggerMode().framesPerTrigger(s.images()), s.period());
            series = armed;
            try {
                channel.command(names.get(Role.ARM));
            } catch (DetectorException e) {
                series = null;
                pollNow();
                throw e;
            }
            if (!s.triggerMode().softwareTriggered() && has(Role.START)) {
                try {
                    channel.command(names.get(Role.START));
                } catch (DetectorException e) {
                    abortQuietly("start failed");
                    throw e;
                }
            }
            pollNow();
        }
    }

    /**
     * Sends one software trigger and waits (without holding the control lock, so Stop and Abort still go out) until
     * its images are taken: by the image counter where the device has one, else by the state leaving and coming
     * back to armed (or the series ending). <b>Blocking.</b>
     */
    @Override
    public void trigger() throws DetectorException {
        Series s;
        long wanted;
        synchronized (control) {
            if (!settings.triggerMode().softwareTriggered()) {
                throw new DetectorException(name() + " takes no software trigger in trigger mode "
                        + settings.triggerMode().wireName());
            }
            String command = require(Role.TRIGGER, "send a software trigger");
            requireState(pollNow(), DetectorState::canTrigger, "trigger");
            s = series;
            wanted = s == null ? 0 : Math.min(s.total, ++s.triggersSent * s.perTrigger);
            channel.command(command);
        }
        if (s != null) {
            awaitImages(s, wanted);
        } else {
            pollNow();
        }
    }

    /** Waits until the series has {@code wanted} images, or it ended, or the device faulted. */
    private void awaitImages(Series s, long wanted) throws DetectorException {
        long sent = System.nanoTime();
        long imagesNanos = (long) (s.perTrigger * s.period * 1e9);
        long deadline = sent + 3 * imagesNanos + TimeUnit.MILLISECONDS.toNanos(10_000L + config.timeoutMs());
        boolean sawAcquiring = false;
        while (true) {
            DetectorStatus st = pollNow();
            if (series != s || !st.state().busy()) {
                return; // the series ended (complete, stopped, aborted or failed): the state says how
            }
            if (s.count >= 0) {
                if (s.count >= wanted) {
                    return;
                }
            } else if (st.state() == DetectorState.RUNNING) {
                sawAcquiring = true;
            } else if (sawAcquiring || System.nanoTime() - sent > imagesNanos) {
                return; // armed again after acquiring: the device takes the next trigger
            }
            if (System.nanoTime() > deadline) {
                throw new DetectorException(name() + ": the images of trigger " + s.triggersSent + " were not taken within "
                        + (deadline - sent) / 1_000_000_000L + " s (" + (s.count >= 0 ? s.count + " of " + wanted
                        + " images; " : "") + st + ")");
            }
            sleep(Math.min(config.pollMs(), 20), "the images of a trigger");
        }
    }

    /** Runs the stop command (then Disarm where the device is still armed after it). <b>Blocking.</b> */
    @Override
    public void stop() throws DetectorException {
        synchronized (control) {
            if (!pollNow().state().canStop() && series == null) {
                return;
            }
            series = null;
            channel.command(firstOf(Role.STOP, Role.DISARM, "stop the series"));
            if (pollNow().state().busy() && has(Role.DISARM) && has(Role.STOP)) {
                channel.command(names.get(Role.DISARM)); // MAX IV's Eiger: Cancel ends the images, Disarm the series
            }
            awaitIdle("stop");
        }
    }

    /** Runs Abort, or Stop or Disarm where the device has no Abort. <b>Blocking.</b> */
    @Override
    public void abort() throws DetectorException {
        synchronized (control) {
            if (!pollNow().state().canAbort() && series == null) {
                return;
            }
            series = null;
            channel.command(abortCommand());
            awaitIdle("abort");
        }
    }

    /**
     * Runs the device's disarm command. A device without one (LImA) has no Disarm ({@link #commands()}); its
     * series ends with Stop or Abort. <b>Blocking.</b>
     */
    @Override
    public void disarm() throws DetectorException {
        synchronized (control) {
            String command = require(Role.DISARM, "disarm");
            if (!pollNow().state().canDisarm() && series == null) {
                return;
            }
            series = null;
            channel.command(command);
            awaitIdle("disarm");
        }
    }

    /** Runs the profile's initialize command (LImA: reset). <b>Blocking.</b> */
    @Override
    public void initialize() throws DetectorException {
        synchronized (control) {
            String command = require(Role.INITIALIZE, "initialize");
            series = null;
            channel.command(command);
            pollNow();
        }
    }

    /**
     * Only the commands this device has, each run by the device's own command: Stop by its stop command, Disarm by
     * its disarm command (LImA has none: stopAcq is Stop, not Disarm), Initialize by its initialize command. Abort
     * is offered wherever any command can end a series, since it is the way out of a fault.
     */
    @Override
    public Set<DetectorCommand> commands() {
        Set<DetectorCommand> c = EnumSet.noneOf(DetectorCommand.class);
        if (has(Role.STOP)) {
            c.add(DetectorCommand.STOP);
        }
        if (has(Role.DISARM)) {
            c.add(DetectorCommand.DISARM);
        }
        if (has(Role.ABORT) || has(Role.STOP) || has(Role.DISARM)) {
            c.add(DetectorCommand.ABORT);
        }
        if (has(Role.INITIALIZE)) {
            c.add(DetectorCommand.INITIALIZE);
        }
        return c;
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

    /**
     * Aborts (or stops, or disarms) a series Hutch armed and has not seen end, so no device stays armed by us;
     * stops polling; the state becomes OFF. A series someone else armed is left alone.
     */
    @Override
    public void close() {
        synchronized (control) {
            if (closed) {
                return;
            }
            if (series != null) {
                abortQuietly("close");
            }
            closed = true;
        }
        poller.shutdown();
        try {
            poller.awaitTermination(config.timeoutMs() + 1000L, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        status.publishIfChanged(DetectorStatus.of(DetectorState.OFF, "closed"));
        status.close();
    }

    private void abortQuietly(String why) {
        series = null;
        try {
            if (has(Role.ABORT) || has(Role.STOP) || has(Role.DISARM)) {
                channel.command(abortCommand());
                pollNow();
            }
        } catch (DetectorException e) {
            LOG.warn("{}: abort on {} failed: {}", name(), why, e.getMessage());
        }
    }

    private String abortCommand() throws DetectorException {
        return has(Role.ABORT) ? names.get(Role.ABORT) : firstOf(Role.STOP, Role.DISARM, "abort the series");
    }

    /**
     * Reads the state on the polling thread and waits for it, so listeners see changes in order. Package-private
     * for the latency bench, which times the plugin's whole poll.
     */
    DetectorStatus pollNow() throws DetectorException {
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
        } catch (java.util.concurrent.RejectedExecutionException e) {
            throw new DetectorException(name() + " is closed", e);
        }
    }

    /**
     * One poll: State, and Status, the status attribute, its error text and the image counter where the profile
     * uses them; mapped and published. A device that does not answer is a FAULT at once, with the reason, so a
     * series waiting on it ends. Polling thread only.
     */
    private DetectorStatus poll() {
        if (closed) {
            return status.current();
        }
        DetectorStatus now;
        try {
            now = read();
        } catch (DetectorException e) {
            series = null;
            now = DetectorStatus.of(DetectorState.FAULT, "lost " + e.getMessage());
        } catch (RuntimeException e) {
            series = null;
            now = DetectorStatus.of(DetectorState.FAULT, "lost Tango device " + config.device() + ": " + e);
        }
        // every poll reads the state again: only a change of state or message is news
        status.publishIfChanged(now);
        return status.current();
    }

    /**
     * Reads what the state model needs in one call: State, Status (where the model reads it), the status attribute
     * and the image counter of a series in progress; the error attribute or Status for a fault's reason in a second
     * call only then. One round trip per poll instead of one per attribute.
     */
    private DetectorStatus read() throws DetectorException {
        StateModel model = config.states();
        Series s = series;
        boolean withStatus = model.source() == StateModel.Source.STATUS;
        boolean withValue = model.source() == StateModel.Source.ATTRIBUTE;
        boolean withCounter = s != null && has(Role.IMAGE_COUNTER);
        List<String> wanted = new ArrayList<>(4);
        wanted.add("State");
        if (withStatus) {
            wanted.add("Status");
        }
        if (withValue) {
            wanted.add(names.get(Role.STATUS));
        }
        if (withCounter) {
            wanted.add(names.get(Role.IMAGE_COUNTER));
        }
        List<String> values = channel.readAll(wanted.toArray(new String[0]));
        int i = 0;
        String tango = values.get(i++);
        String statusText = withStatus ? values.get(i++) : "";
        String value = withValue ? values.get(i++) : "";
        long counter = withCounter ? parseCounter(values.get(i)) : 0;
        if (!withStatus && model.needsStatus(tango)) {
            statusText = channel.status(); // the reason of a FAULT, ALARM or OFF
        }
        TriggerMode mode = settings.triggerMode();
        DetectorStatus mapped = model.map(new StateModel.Reading(tango, statusText, value, ""), mode);
        if (mapped.state() == DetectorState.FAULT && has(Role.ERROR)) {
            mapped = model.map(new StateModel.Reading(tango, statusText, value, channel.read(names.get(Role.ERROR))), mode);
        }
        if (s == null) {
            return mapped;
        }
        s.count = withCounter ? counter - config.imageCounterBase() : -1;
        return follow(s, mapped, mode);
    }

    private long parseCounter(String text) throws DetectorException {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new DetectorException("Tango device " + config.device() + ": " + names.get(Role.IMAGE_COUNTER)
                    + " is not an integer ('" + text + "')");
        }
    }

    /**
     * The state of a series Hutch armed. A device that reads idle while armed (LImA after prepareAcq, between
     * INTERNAL_TRIGGER_MULTI frames) is armed until its image counter has the whole series.
     */
    private DetectorStatus follow(Series s, DetectorStatus mapped, TriggerMode mode) {
        String images = s.count >= 0 ? s.count + " of " + s.total + " images, " : "";
        switch (mapped.state()) {
            case ARMED, RUNNING:
                return DetectorStatus.of(mapped.state(), images.isEmpty() ? mapped.message()
                        : mapped.message().replaceFirst("\\(", "(" + images));
            case READY:
                if (s.count >= 0 && s.count < s.total) {
                    String where = mapped.message().replaceFirst("^ready \\(", "").replaceFirst("\\)$", "");
                    return StateModel.describe(DetectorState.ARMED, mode, images + where);
                }
                series = null;
                return s.count >= 0 ? DetectorStatus.of(DetectorState.READY, "series done: " + s.count + " images; "
                        + mapped.message()) : mapped;
            case FAULT, OFF:
                series = null;
                return mapped;
            default:
                return mapped;
        }
    }

    /** Waits (bounded) for the device to leave busy after stop / abort / disarm. */
    private void awaitIdle(String action) throws DetectorException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10L * config.timeoutMs());
        DetectorStatus s = pollNow();
        while (s.state().busy()) {
            if (System.nanoTime() > deadline) {
                throw new DetectorException(name() + " is still busy " + 10L * config.timeoutMs() / 1000.0
                        + " s after " + action + ": " + s);
            }
            sleep(Math.min(config.pollMs(), 50), action);
            s = pollNow();
        }
    }

    private void sleep(long ms, String waitingFor) throws DetectorException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DetectorException("interrupted while waiting for " + waitingFor + " of " + name(), e);
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
