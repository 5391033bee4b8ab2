package org.hutch.detector.eiger;

import java.time.Duration;
import org.hutch.detector.DetectorState;
import org.hutch.model.concurrent.NamedThreadFactory;

/**
 * Polls the DCU's state on its own daemon thread: by default 4 Hz while armed or acquiring, 1 Hz otherwise (eiger_preferences.properties).
 * {@link #poke()} asks for a poll now (after a command). Stopped by {@link #close()}.
 */
final class StatePoller implements AutoCloseable {
    private final long busyPeriodMs;
    private final long idlePeriodMs;

    private final EigerDetector detector;
    private final Thread thread;
    private final Object wake = new Object();
    private volatile boolean running = true;
    private boolean poked;

    StatePoller(EigerDetector detector, String threadName, Duration busyPeriod, Duration idlePeriod) {
        this.busyPeriodMs = busyPeriod.toMillis();
        this.idlePeriodMs = idlePeriod.toMillis();
        this.detector = detector;
        this.thread = NamedThreadFactory.thread(threadName, this::loop);
    }

    void start() {
        thread.start();
    }

    void poke() {
        synchronized (wake) {
            poked = true;
            wake.notifyAll();
        }
    }

    private void loop() {
        while (running) {
            DetectorState s = detector.refreshState();
            long period = s.busy() ? busyPeriodMs : idlePeriodMs;
            synchronized (wake) {
                long deadline = System.currentTimeMillis() + period;
                long left;
                while (running && !poked && (left = deadline - System.currentTimeMillis()) > 0) {
                    try {
                        wake.wait(left);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                poked = false;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        poke();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
