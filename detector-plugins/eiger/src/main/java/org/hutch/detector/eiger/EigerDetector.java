package org.hutch.detector.eiger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
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
 * A DECTRIS detector driven through SIMPLON. Configuration, arm and disarm are serialised by one lock;
 * {@link #trigger()} (which the DCU answers only when the triggered images are done) runs its HTTP call without
 * that lock, so {@link #abort()}, {@link #stop()} and {@link #disarm()} still go out while a trigger blocks.
 * {@link TriggerMode#INTERNAL} is emulated: the DCU is set to {@code ints} and the triggers are sent by the
 * plugin's trigger thread right after arm.
 */
public final class EigerDetector implements Detector {
    private static final Logger LOG = LoggerFactory.getLogger(EigerDetector.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final EigerConfig config;
    /** the tunables, read when the detector is opened */
    private final EigerPreferences prefs;
    private final SimplonClient client;
    private final String name;
    private final Set<TriggerMode> modes;
    private final StreamInfo streamInfo;
    private final StatusPublisher status;
    private final StatePoller poller;
    private final ExecutorService autoTrigger;
    private final Object control = new Object();
    /** Makes each state read + publish atomic, so an older answer is never published after a newer one. */
    private final Object refresh = new Object();
    private final AtomicBoolean triggering = new AtomicBoolean();
    /** True while a trigger's HTTP call is out: the DCU may still say "ready" before it starts acquiring. */
    private volatile boolean triggerInFlight;
    /** Incremented when a series is ended by abort/stop/disarm, so a trigger that fails because of it stays quiet. */
    private final AtomicLong seriesEnds = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile AcquisitionSettings settings = AcquisitionSettings.DEFAULT;
    private volatile String dcuState = "";
    /**
     * True from our arm until the DCU is idle again. A DCU found {@code ready} without it was armed by someone
     * else (or left armed): it is disarmed before configuring, as LImA's Eiger plugin does.
     */
    private volatile boolean armedByUs;
    /** Software triggers done in the series armed last (its images taken). */
    private final AtomicLong triggersDone = new AtomicLong();

    private EigerDetector(EigerConfig config, EigerPreferences prefs, SimplonClient client, String description,
                          Set<TriggerMode> modes) {
        this.config = config;
        this.prefs = prefs;
        this.client = client;
        this.modes = Collections.unmodifiableSet(modes);
        this.streamInfo = config.streamInfo(client.host());
        this.name = description + " (" + client.baseUrl() + ", SIMPLON " + client.version() + ")";
        String tag = client.hostPort();
        this.status = new StatusPublisher("eiger-state-events-" + tag,
                DetectorStatus.of(DetectorState.UNKNOWN, "connecting"));
        this.poller = new StatePoller(this, "eiger-state-poller-" + tag, prefs.busyPollPeriod(), prefs.idlePollPeriod());
        this.autoTrigger = NamedThreadFactory.singleThreadExecutor("eiger-auto-trigger-" + tag);
    }

    /**
     * <b>Blocking.</b> Connects: reads the API version (unless given), the state and the trigger modes, optionally
     * initialises, and sets up the stream interface (enabled, format) and the DCU file writer.
     */
    static EigerDetector open(EigerConfig config) throws DetectorException {
        EigerPreferences prefs = EigerPreferences.load();
        SimplonClient client = new SimplonClient(config.url(), config.timeout());
        try {
            if (config.apiVersion().isEmpty()) {
                client.discoverVersion();
            } else {
                client.useVersion(config.apiVersion());
            }
            String state = client.get("detector", "status", "state").text();
            if (config.initialize() && (state.equals("na") || state.equals("error"))) {
                client.command("initialize", null, prefs.initializeTimeout());
            }
            String description = optionalText(client, "detector", "config", "description", "DECTRIS detector");
            Set<TriggerMode> modes = triggerModes(client.get("detector", "config", "trigger_mode").allowedValues());
            setUpStream(client, config);
            EigerDetector d = new EigerDetector(config, prefs, client, description, modes);
            d.refreshState();
            d.poller.start();
            return d;
        } catch (DetectorException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    private static String optionalText(SimplonClient c, String module, String task, String param, String fallback) {
        try {
            String v = c.get(module, task, param).text();
            return v.isBlank() ? fallback : v;
        } catch (DetectorException e) {
            LOG.info("optional {}/{} not available ({}): using '{}'", module, param, e.getMessage(), fallback);
            return fallback;
        }
    }

    private static Set<TriggerMode> triggerModes(List<String> allowed) {
        Set<TriggerMode> out = EnumSet.noneOf(TriggerMode.class);
        for (TriggerMode m : List.of(TriggerMode.INTS, TriggerMode.INTE, TriggerMode.EXTS, TriggerMode.EXTE)) {
            if (allowed.isEmpty() || allowed.contains(m.wireName())) {
                out.add(m);
            }
        }
        if (out.contains(TriggerMode.INTS)) {
            out.add(TriggerMode.INTERNAL);
        }
        return out;
    }

    private static void setUpStream(SimplonClient c, EigerConfig config) throws DetectorException {
        write(c, "stream", "config", "mode", "stream interface", "enabled");
        SimplonValue format;
        try {
            format = c.get("stream", "config", "format");
        } catch (SimplonHttpException e) {
            // firmware without the parameter answers 404, some 400 or 500: any HTTP error means "not available"
            LOG.info("the DCU has no stream/config/format (HTTP {}): Stream V1 (legacy) it is", e.status());
            if (config.cbor()) {
                throw new DetectorException("stream format cbor (DECTRIS Stream V2) needs SIMPLON 1.8 or newer; the DCU at "
                        + c.baseUrl() + " uses " + c.version() + " - choose format=legacy", e);
            }
            format = null; // older firmware: legacy is the only format
        }
        if (format != null && !format.text().equals(config.format())) {
            format.check("stream format", config.format());
            c.put("stream", "config", "format", config.format());
        }
        try {
            write(c, "filewriter", "config", "mode", "DCU file writer", config.filewriter() ? "enabled" : "disabled");
        } catch (SimplonHttpException e) {
            if (config.filewriter()) {
                throw e;
            }
            // a DCU without a file writer has nothing to switch off
            LOG.info("the DCU has no filewriter/config/mode (HTTP {}): nothing to disable", e.status());
        }
    }

    /** Reads the parameter's descriptor, checks the value against it, and writes it (if it differs). */
    private static List<String> write(SimplonClient c, String module, String task, String param, String what,
                                      Object value) throws DetectorException {
        SimplonValue v = c.get(module, task, param);
        v.check(what, value);
        Object converted = v.convert(value);
        List<String> changed = c.put(module, task, param, converted);
        LOG.debug("{}/{} = {} changed {}", module, param, converted, changed);
        return changed;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<TriggerMode> triggerModes() {
        return modes;
    }

    @Override
    public StreamInfo streamInfo() {
        return streamInfo;
    }

    @Override
    public AcquisitionSettings settings() {
        return settings;
    }

    /** The SIMPLON version in use, for example {@code 1.8.0}. Non-blocking. */
    public String apiVersion() {
        return client.version();
    }

    /** The last state string the DCU reported ({@code idle}, {@code ready}, ...). Non-blocking. */
    public String dcuState() {
        return dcuState;
    }

    /**
     * Writes trigger_mode, count_time, frame_time, nimages, ntrigger, the energies (if set in the options or in the
     * metadata keys {@code photon_energy} / {@code threshold_energy}), compression and the stream header
     * (detail, and the header appendix {@code {"filename": ..., <metadata>}} as MAX IV does). Every value is checked
     * against the DCU's min/max/allowed values before it is sent. <b>Blocking.</b>
     */
    @Override
    public void configure(AcquisitionSettings s) throws DetectorException {
        synchronized (control) {
            requireOpen();
            DetectorState now = disarmIfLeftArmed(settledState());
            if (!now.canConfigure()) {
                throw new DetectorException("cannot configure while the detector is " + describeNow()
                        + (now.busy() ? "; stop, disarm or abort first" : notInitialisedHint()));
            }
            TriggerMode mode = s.triggerMode();
            String wireMode = mode == TriggerMode.INTERNAL ? "ints" : mode.wireName();
            if (!modes.contains(mode)) {
                throw new DetectorException("trigger mode " + mode + " is not offered by this detector (offered: "
                        + modes + ")");
            }
            write(client, "detector", "config", "trigger_mode", "trigger mode", wireMode);
            write(client, "detector", "config", "count_time", "exposure time", s.exposureTime());
            write(client, "detector", "config", "frame_time", "period", s.period());
            // inte/exte take one image per trigger (or gate); the count is then ntrigger
            write(client, "detector", "config", "nimages", "images per trigger", mode.framesPerTrigger(s.images()));
            write(client, "detector", "config", "ntrigger", "number of triggers", (long) s.triggers());
            double photon = energy(s, "photon_energy", config.photonEnergy());
            if (photon > 0) {
                write(client, "detector", "config", "photon_energy", "photon energy", photon);
            }
            double threshold = energy(s, "threshold_energy", config.thresholdEnergy());
            if (threshold > 0) {
                write(client, "detector", "config", "threshold_energy", "threshold energy", threshold);
            }
            if (!config.compression().equals("none")) {
                write(client, "detector", "config", "compression", "compression", config.compression());
            }
            write(client, "stream", "config", "header_detail", "header detail", config.headerDetail());
            write(client, "stream", "config", "header_appendix", "header appendix", headerAppendix(s));
            settings = withDcuTiming(s);
            refreshState();
        }
    }

    /**
     * The DCU may round or raise count_time / frame_time (readout dead time): keep what it really uses, so
     * {@link #settings()} tells the truth.
     */
    private AcquisitionSettings withDcuTiming(AcquisitionSettings s) throws DetectorException {
        double count = client.get("detector", "config", "count_time").number();
        double frame = client.get("detector", "config", "frame_time").number();
        if (close(count, s.exposureTime()) && close(frame, s.period())) {
            return s;
        }
        LOG.info("the DCU uses count_time {} s / frame_time {} s for the requested {} s / {} s", count, frame,
                s.exposureTime(), s.period());
        return count > 0 && frame >= count ? s.withExposure(count, frame) : s;
    }

    private static boolean close(double a, double b) {
        return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
    }

    /**
     * The state once the DCU has left its passing states ({@code configure}, {@code initialize}), waiting at most
     * the ordinary timeout for that.
     */
    private DetectorState settledState() throws DetectorException {
        long end = System.nanoTime() + config.timeout().toNanos();
        DetectorState s = refreshState();
        while (s == DetectorState.UNKNOWN && passing(dcuState) && System.nanoTime() < end) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DetectorException("interrupted while the detector was " + SimplonStates.describe(dcuState));
            }
            s = refreshState();
        }
        return s;
    }

    /**
     * A DCU in {@code ready} that we did not arm (found so at open, or armed by another client, or by firmware that
     * stays armed after a series): disarm it before configuring, as LImA's Eiger plugin does before each
     * acquisition. Holds the control lock.
     *
     * @throws DetectorException when the DCU still says {@code ready} after the disarm
     */
    private DetectorState disarmIfLeftArmed(DetectorState now) throws DetectorException {
        if (now != DetectorState.ARMED || armedByUs || triggering.get()) {
            return now;
        }
        LOG.info("the DCU is armed (state ready) outside a Hutch series: disarming before configuring");
        client.command("disarm", null, null);
        DetectorState after = settledState();
        if (after == DetectorState.ARMED) {
            throw stuckArmed();
        }
        return after;
    }

    private DetectorException stuckArmed() {
        return new DetectorException("the DCU still reports state 'ready' after disarm: it is stuck armed; "
                + "click Initialize (or open it with initialize=true, or power-cycle the DCU)");
    }

    /** Tells the user how to leave the {@code na} state, when the DCU is in it. */
    private String notInitialisedHint() {
        return dcuState.equals("na") ? "; the detector is not initialised: click Initialize (or open it with "
                + "initialize=true); it takes a minute or two" : "; initialize the detector if this persists";
    }

    private static boolean passing(String dcu) {
        return dcu.equals("configure") || dcu.equals("initialize");
    }

    private static double energy(AcquisitionSettings s, String key, double fallback) throws DetectorException {
        Object v = s.metadata().get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number) {
            return ((Number) v).doubleValue();
        }
        try {
            return Double.parseDouble(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new DetectorException("metadata " + key + " must be a number of eV, not '" + v + "'");
        }
    }

    /** MAX IV convention: the header appendix is a JSON object with the file name (and the user's metadata). */
    static String headerAppendix(AcquisitionSettings s) throws DetectorException {
        Map<String, Object> appendix = new LinkedHashMap<>(s.metadata());
        appendix.remove("photon_energy");
        appendix.remove("threshold_energy");
        appendix.put("filename", s.fileName());
        try {
            return MAPPER.writeValueAsString(appendix);
        } catch (JsonProcessingException e) {
            throw new DetectorException("the metadata cannot be sent as JSON in the header appendix: "
                    + e.getOriginalMessage(), e);
        }
    }

    @Override
    public void arm() throws DetectorException {
        synchronized (control) {
            requireOpen();
            DetectorState now = disarmIfLeftArmed(settledState());
            if (now == DetectorState.FAULT) {
                throw new DetectorException("the detector is in error (" + status.current().message()
                        + "); click Initialize (or power-cycle) before arming, or open it with initialize=true");
            }
            if (!now.canArm()) {
                throw new DetectorException("cannot arm while the detector is " + describeNow()
                        + (now.busy() ? "" : notInitialisedHint()));
            }
            String answer = client.command("arm", null, null);
            armedByUs = true;
            triggersDone.set(0);
            LOG.debug("arm answered {}", answer);
            DetectorState after = refreshState();
            if (settings.triggerMode() == TriggerMode.INTERNAL && after == DetectorState.ARMED) {
                long series = seriesEnds.get();
                autoTrigger.execute(() -> runInternalSeries(series));
            }
        }
    }

    /** INTERNAL mode: send every trigger of the series, stopping when the series is ended by the user. */
    private void runInternalSeries(long series) {
        for (int i = 0; i < settings.triggers() && seriesEnds.get() == series && !closed.get(); i++) {
            try {
                trigger();
            } catch (DetectorException e) {
                if (seriesEnds.get() == series && !closed.get()) {
                    publish(DetectorState.FAULT, "internal series stopped at trigger " + (i + 1) + ": "
                            + e.getMessage());
                }
                return;
            }
        }
    }

    /**
     * Sends a software trigger. <b>Blocking until the triggered images are taken</b> (the DCU answers
     * {@code trigger} only then), which is why it takes no lock: abort/stop/disarm from another thread still work
     * and end it. Returns normally when the series was ended by them meanwhile.
     */
    @Override
    public void trigger() throws DetectorException {
        requireOpen();
        AcquisitionSettings s = settings;
        TriggerMode mode = s.triggerMode();
        if (!mode.softwareTriggered() && mode != TriggerMode.INTERNAL) {
            throw new DetectorException("trigger mode " + mode + " takes hardware triggers, not software ones");
        }
        if (!triggering.compareAndSet(false, true)) {
            throw new DetectorException("a trigger is still running; wait until its images are taken");
        }
        try {
            DetectorState now = refreshState();
            if (!now.canTrigger()) {
                throw new DetectorException("cannot trigger while the detector is " + describeNow() + "; arm first");
            }
            long series = seriesEnds.get();
            double seconds = mode == TriggerMode.INTE ? s.exposureTime() : s.images() * s.period();
            Duration expected = Duration.ofMillis((long) Math.ceil(seconds * 1000));
            synchronized (refresh) {
                triggerInFlight = true;
                publish(DetectorState.RUNNING, "acquiring");
            }
            try {
                client.command("trigger", mode == TriggerMode.INTE ? s.exposureTime() : null,
                        expected.plus(config.timeout()).plus(prefs.triggerMargin()));
            } catch (DetectorException e) {
                if (seriesEnds.get() != series || closed.get()) {
                    return; // ended on purpose by abort/stop/disarm/close
                }
                triggerInFlight = false;
                refreshState();
                throw e;
            }
            if (triggersDone.incrementAndGet() >= s.triggers() && seriesEnds.get() == series) {
                triggerInFlight = false;
                disarmIfStillArmed(series);
            }
        } finally {
            triggerInFlight = false;
            triggering.set(false);
            if (!closed.get()) {
                refreshState();
                poller.poke();
            }
        }
    }

    /**
     * After the last trigger a DCU goes back to {@code idle} and sends the series end; some firmware stays
     * {@code ready} until disarmed, and sends the end only then. Disarm those, so every series ends.
     */
    private void disarmIfStillArmed(long series) throws DetectorException {
        synchronized (control) {
            if (seriesEnds.get() == series && refreshState() == DetectorState.ARMED) {
                LOG.info("the DCU stays armed after the last trigger: disarming to end the series");
                client.command("disarm", null, null);
                requireLeftArmed(refreshState());
            }
        }
    }

    /** SIMPLON {@code cancel} (ends the acquisition after the current image), then {@code disarm} (series end). */
    @Override
    public void stop() throws DetectorException {
        requireOpen();
        if (!refreshState().busy()) {
            return;
        }
        seriesEnds.incrementAndGet();
        if (dcuState.equals("acquire") || triggerInFlight) {
            client.command("cancel", null, null); // the image in progress is finished
        }
        synchronized (control) {
            if (refreshState().busy()) {
                client.command("disarm", null, null);
            }
            requireLeftArmed(refreshState());
        }
    }

    /** After a disarm the DCU must leave {@code ready}; firmware that stays there needs Initialize. */
    private void requireLeftArmed(DetectorState after) throws DetectorException {
        if (after == DetectorState.ARMED) {
            throw stuckArmed();
        }
    }

    /** SIMPLON {@code abort}: drops the series at once. Not serialised with a blocking trigger, by design. */
    @Override
    public void abort() throws DetectorException {
        requireOpen();
        seriesEnds.incrementAndGet();
        client.command("abort", null, null);
        refreshState();
        poller.poke();
    }

    @Override
    public void disarm() throws DetectorException {
        requireOpen();
        if (!refreshState().busy()) {
            return;
        }
        seriesEnds.incrementAndGet();
        synchronized (control) {
            client.command("disarm", null, null);
            requireLeftArmed(refreshState());
        }
    }

    /**
     * SIMPLON {@code initialize}: needed after power-up (state na), an error, or firmware stuck armed; then the
     * stream interface is set up again (initialize may reset it). <b>Blocking</b> (minutes).
     */
    @Override
    public void initialize() throws DetectorException {
        synchronized (control) {
            requireOpen();
            seriesEnds.incrementAndGet();
            publish(DetectorState.UNKNOWN, "initialising (takes a minute or two)");
            try {
                client.command("initialize", null, prefs.initializeTimeout());
                setUpStream(client, config);
            } finally {
                refreshState();
            }
        }
    }

    /** A DCU has every command: stop (cancel + disarm), abort, disarm and initialize. */
    @Override
    public Set<DetectorCommand> commands() {
        return EnumSet.allOf(DetectorCommand.class);
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
     * Reads the DCU's state and publishes it. Never throws: an unreachable DCU becomes {@link DetectorState#UNKNOWN}
     * with the reason. <b>Blocking</b> (one HTTP call); used by the poller and after every command.
     */
    DetectorState refreshState() {
        synchronized (refresh) {
            return readAndPublishState();
        }
    }

    private DetectorState readAndPublishState() {
        if (closed.get()) {
            return DetectorState.OFF;
        }
        try {
            String s = client.get("detector", "status", "state").text();
            dcuState = s;
            DetectorState mapped = SimplonStates.map(s);
            if (mapped == DetectorState.ARMED && triggerInFlight) {
                return DetectorState.RUNNING; // the DCU may not yet show acquire; the trigger is in flight
            }
            if (mapped == DetectorState.READY) {
                armedByUs = false;
            }
            String message = mapped == DetectorState.FAULT ? "detector in error: " + errorText()
                    : mapped == DetectorState.ARMED && !armedByUs && !triggering.get()
                    ? "armed outside this session (DCU state ready): Disarm it, or Arm (it disarms first)"
                    : SimplonStates.describe(s);
            if (!closed.get()) {
                publish(mapped, message);
            }
            return mapped;
        } catch (DetectorException e) {
            if (!closed.get()) {
                publish(DetectorState.UNKNOWN, e.getMessage());
            }
            return DetectorState.UNKNOWN;
        }
    }

    /** Publishes a status if its state or message differs from the current one (the poller repeats itself). */
    private void publish(DetectorState state, String message) {
        status.publishIfChanged(DetectorStatus.of(state, message));
    }

    /** {@code detector/.../status/error}: the DCU's list of errors, if it has one. */
    private String errorText() {
        try {
            SimplonValue v = client.get("detector", "status", "error");
            String t = v.value().isArray() || v.value().isObject() ? v.value().toString() : v.text();
            return t.isBlank() || t.equals("[]") ? "no reason given by the DCU; initialize it" : t;
        } catch (DetectorException e) {
            return "no reason given by the DCU; initialize it";
        }
    }

    private String describeNow() {
        DetectorStatus s = status.current();
        return s.state().name().toLowerCase() + " (" + s.message() + ")";
    }

    private void requireOpen() throws DetectorException {
        if (closed.get()) {
            throw new DetectorException("the detector " + name + " is closed; open it again");
        }
    }

    /** Aborts a series in progress, stops the poller and releases connections. Idempotent; never throws. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        seriesEnds.incrementAndGet();
        if (status.current().state().busy()) {
            try {
                client.command("abort", null, null);
            } catch (DetectorException e) {
                LOG.warn("abort on close failed: {}", e.getMessage());
            }
        }
        autoTrigger.shutdown();
        client.close();
        poller.close();
        publish(DetectorState.OFF, "closed");
        status.close();
    }

    @Override
    public String toString() {
        return name;
    }
}
