package org.hutch.detector;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for the end of the next series of a detector: the first status that is not busy (READY, FAULT, OFF,
 * UNKNOWN) after one that was busy (ARMED, RUNNING). Create it before {@link Detector#arm()}; a listener is
 * told the current state first, so the READY before the series does not count.
 *
 * <pre>
 * try (SeriesWatch watch = SeriesWatch.on(detector)) {
 *     detector.arm();
 *     detector.trigger();
 *     DetectorStatus end = watch.await(Duration.ofMinutes(5));   // blocking
 * }
 * </pre>
 */
public final class SeriesWatch implements DetectorStateListener, AutoCloseable {
    private final Detector detector;
    private final CompletableFuture<DetectorStatus> end = new CompletableFuture<>();
    private volatile boolean started;

    private SeriesWatch(Detector detector) {
        this.detector = detector;
    }

    /** Starts watching; close it to stop. */
    public static SeriesWatch on(Detector detector) {
        SeriesWatch w = new SeriesWatch(detector);
        detector.addStateListener(w);
        return w;
    }

    @Override
    public void stateChanged(DetectorStatus status) {
        if (status.state().busy()) {
            started = true;
        } else if (started || status.state() == DetectorState.FAULT) {
            end.complete(status);
        }
    }

    /** The status that ended the series, once it has ended; non-blocking. */
    public CompletableFuture<DetectorStatus> end() {
        return end;
    }

    /**
     * <b>Blocking</b>: waits for the end of the series.
     *
     * @throws DetectorException when it does not end in time (the message gives the detector's status)
     */
    public DetectorStatus await(Duration timeout) throws DetectorException, InterruptedException {
        try {
            return end.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new DetectorException("the series did not end within " + timeout.toSeconds() + " s; detector: "
                    + detector.status());
        } catch (ExecutionException e) {
            throw new DetectorException(String.valueOf(e.getCause()), e.getCause());
        }
    }

    @Override
    public void close() {
        detector.removeStateListener(this);
    }
}
