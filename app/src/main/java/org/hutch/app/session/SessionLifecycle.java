package org.hutch.app.session;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import org.hutch.app.LaunchOptions;
import org.hutch.app.acquire.AcquisitionResult;
import org.hutch.app.client.AzintCurve;
import org.hutch.app.client.LiveFrame;
import org.hutch.app.live.ConnectionState;
import org.hutch.detector.DetectorStatus;
import org.hutch.model.acquisition.AcquisitionProgress;
import org.hutch.model.concurrent.NamedThreadFactory;
import org.hutch.model.receiver.ReceiverStatus;

/**
 * Starts, replaces and closes one workspace's session, on named background threads (never the
 * caller's). A session replaced by another (connect, data folder, detector change) may still report
 * while it closes, or finish starting after it was replaced: its reports are dropped and it is closed,
 * so the window shows only the current one. No JavaFX in here.
 */
public final class SessionLifecycle {
    private static final Executor CLOSER = r -> NamedThreadFactory.start("hutch-session-close", r);

    private volatile Session session;
    private volatile LaunchOptions current;
    /** counts starts; reports of older sessions are dropped */
    private volatile int generation;
    /** sessions that reported {@code started}, until {@link #adopt} takes them: the start they belong to */
    private final Map<Session, Integer> startedBy = new ConcurrentHashMap<>();

    public SessionLifecycle(LaunchOptions launch) {
        this.current = launch;
    }

    /** The running session, or {@code null} while starting. */
    public Session session() {
        return session;
    }

    /** What the current (or starting) session was started with. */
    public LaunchOptions options() {
        return current;
    }

    /**
     * Starts a session for {@code o} on a thread named {@code hutch-session-start-N}. Its reports reach
     * {@code events} while it is the newest; {@code events.started} must hand the session to {@link #adopt}.
     */
    public synchronized void start(LaunchOptions o, Path dataDir, Path poni, Path mask, double pollHz,
                                   SessionEvents events) {
        current = o;
        int gen = ++generation;
        Session.startAsync(o, dataDir, poni, mask, pollHz, new NewestOnly(gen, events));
    }

    /**
     * Makes a started session the current one, unless another start came since (then it is closed
     * on a background thread).
     *
     * @return whether {@code s} is now the current session
     */
    public synchronized boolean adopt(Session s) {
        Integer gen = startedBy.remove(s);
        if (gen == null || gen != generation) {
            CLOSER.execute(s::close); // replaced while it was starting
            return false;
        }
        session = s;
        return true;
    }

    /** Closes the current session on a background thread, from any thread. */
    public CompletableFuture<Void> close() {
        Session s;
        synchronized (this) {
            s = session;
            session = null;
        }
        if (s == null) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.runAsync(s::close, CLOSER);
    }

    /** Forwards one start's reports while that start is the newest. */
    private final class NewestOnly implements SessionEvents {
        private final int gen;
        private final SessionEvents events;

        NewestOnly(int gen, SessionEvents events) {
            this.gen = gen;
            this.events = events;
        }

        private boolean stale() {
            return gen != generation;
        }

        @Override
        public void started(Session s) {
            startedBy.put(s, gen);
            events.started(s); // a stale one too: adopt() closes it
        }

        @Override
        public void startFailed(String message) {
            if (!stale()) {
                events.startFailed(message);
            }
        }

        @Override
        public void connection(ConnectionState state, String message) {
            if (!stale()) {
                events.connection(state, message);
            }
        }

        @Override
        public void status(ReceiverStatus status) {
            if (!stale()) {
                events.status(status);
            }
        }

        @Override
        public void frame(LiveFrame frame) {
            if (!stale()) {
                events.frame(frame);
            }
        }

        @Override
        public void fullFrame(LiveFrame frame) {
            if (!stale()) {
                events.fullFrame(frame);
            }
        }

        @Override
        public void curve(AzintCurve curve) {
            if (!stale()) {
                events.curve(curve);
            }
        }

        @Override
        public boolean appCurveWanted() {
            return stale() || events.appCurveWanted();
        }

        @Override
        public void curveFailed(String message) {
            if (!stale()) {
                events.curveFailed(message);
            }
        }

        @Override
        public void detectorStatus(DetectorStatus status) {
            if (!stale()) {
                events.detectorStatus(status);
            }
        }

        @Override
        public void progress(AcquisitionProgress progress) {
            if (!stale()) {
                events.progress(progress);
            }
        }

        @Override
        public void finished(AcquisitionResult result) {
            if (!stale()) {
                events.finished(result);
            }
        }

        @Override
        public void commandFailed(String command, String message) {
            if (!stale()) {
                events.commandFailed(command, message);
            }
        }

        @Override
        public void warning(String message) {
            if (!stale()) {
                events.warning(message);
            }
        }
    }
}
