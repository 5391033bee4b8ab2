package org.hutch.detector;

import java.util.EnumSet;
import java.util.Set;
import org.hutch.model.acquisition.AcquisitionSettings;
import org.hutch.model.acquisition.TriggerMode;

/**
 * One opened detector. Methods marked <b>blocking</b> may wait for the hardware or the network and must
 * never be called on the JavaFX application thread: run them on a named background executor.
 * Non-blocking methods ({@link #status()}, {@link #streamInfo()}, {@link #triggerModes()},
 * listener registration) are cheap and thread-safe.
 *
 * <p>Typical series: {@code configure(s)}, {@code arm()} (the stream header goes out),
 * {@code trigger()} once per trigger when {@link TriggerMode#softwareTriggered()}, then wait for the state to
 * return to {@link DetectorState#READY} (all images sent and the series end message with them).
 * {@link #stop()} ends the series early but cleanly; {@link #abort()} drops it at once.
 *
 * <p>Implementations are thread-safe: control calls are serialised internally.
 */
public interface Detector extends AutoCloseable {

    /** A short name for the user, for example {@code "Simulator (tcp://127.0.0.1:9999)"}. Non-blocking. */
    String name();

    /** The trigger modes this detector supports; never empty. Non-blocking. */
    Set<TriggerMode> triggerModes();

    /** Where frames are streamed, so a receiver can connect before {@link #arm()}. Non-blocking. */
    StreamInfo streamInfo();

    /** The settings last accepted by {@link #configure}, or {@link AcquisitionSettings#DEFAULT}. Non-blocking. */
    AcquisitionSettings settings();

    /**
     * Sets the next series' parameters. <b>Blocking.</b> Allowed when {@link DetectorState#canConfigure()}.
     *
     * @throws DetectorException if the detector is busy, or a value is outside what it can do (the message names it)
     */
    void configure(AcquisitionSettings settings) throws DetectorException;

    /**
     * Arms the detector: the series starts on the stream (the header is sent), and the state becomes
     * {@link DetectorState#ARMED} - or {@link DetectorState#RUNNING} at once in {@link TriggerMode#INTERNAL}.
     * <b>Blocking.</b>
     */
    void arm() throws DetectorException;

    /**
     * Software trigger: starts the images of one trigger in {@link TriggerMode#INTS} / {@link TriggerMode#INTE}.
     * <b>Blocking</b>: it returns once the trigger has been accepted; some detectors (DECTRIS SIMPLON) return
     * only when the triggered images are taken. Completion is seen in the state, not in this call.
     *
     * @throws DetectorException if not armed, or the trigger mode takes no software trigger
     */
    void trigger() throws DetectorException;

    /**
     * Ends the series early but cleanly: the image in progress is finished, the series end is sent, and the
     * state returns to {@link DetectorState#READY}. <b>Blocking</b> until that is done. No-op when not busy.
     */
    void stop() throws DetectorException;

    /**
     * Drops the series at once: no further images, and no series end message (a receiver sees the stream
     * stop and keeps what it has). The state becomes {@link DetectorState#READY}. <b>Blocking.</b>
     */
    void abort() throws DetectorException;

    /**
     * Disarms: ends an armed series that is still waiting for triggers (the series end is sent with the images
     * taken so far) and returns to {@link DetectorState#READY}. <b>Blocking.</b> No-op when not busy.
     */
    void disarm() throws DetectorException;

    /**
     * Brings the detector back to a configurable state after it was found uninitialised or stuck (for a
     * DECTRIS DCU the {@code initialize} command, which takes tens of seconds). <b>Blocking.</b>
     *
     * @throws DetectorException if the detector has no such command ({@link #commands()} does not list
     *     {@link DetectorCommand#INITIALIZE}) or the command failed
     */
    default void initialize() throws DetectorException {
        throw new DetectorException(name() + " has no Initialize command");
    }

    /**
     * The commands this detector has beyond configure, arm and trigger; a control panel shows buttons only for
     * these. Non-blocking. The default is stop, abort and disarm, without initialize.
     */
    default Set<DetectorCommand> commands() {
        return EnumSet.of(DetectorCommand.STOP, DetectorCommand.ABORT, DetectorCommand.DISARM);
    }

    /** The current state and message. Non-blocking. */
    DetectorStatus status();

    /** Shorthand for {@code status().state()}. Non-blocking. */
    default DetectorState state() {
        return status().state();
    }

    /**
     * Adds a listener. It is told the current status at once, then every later change, in order (see
     * {@link DetectorStateListener} for the thread). Non-blocking.
     */
    void addStateListener(DetectorStateListener listener);

    void removeStateListener(DetectorStateListener listener);

    /**
     * Releases the detector (aborts a series in progress, closes connections and sockets). <b>Blocking.</b>
     * Idempotent; never throws. The state becomes {@link DetectorState#OFF}.
     */
    @Override
    void close();
}
