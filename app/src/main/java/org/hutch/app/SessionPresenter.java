package org.hutch.app;

import java.util.Locale;
import java.util.function.Consumer;

import javafx.application.Platform;
import org.hutch.app.acquire.AcquisitionResult;
import org.hutch.app.client.AzintCurve;
import org.hutch.app.client.LiveFrame;
import org.hutch.app.live.ConnectionState;
import org.hutch.app.live.WidgetData;
import org.hutch.app.session.Session;
import org.hutch.app.session.SessionEvents;
import org.hutch.app.session.SessionLifecycle;
import org.hutch.app.ui.MainView;
import org.hutch.app.ui.WidgetModels;
import org.hutch.detector.DetectorState;
import org.hutch.detector.DetectorStatus;
import org.hutch.model.acquisition.AcquisitionProgress;
import org.hutch.model.receiver.ReceiverStatus;
import org.hutch.widgets.FxHandoff;
import org.hutch.widgets.plot.Curve;

/**
 * Shows what the current session reports (on background threads) in the workspace's widgets: each
 * kind of report reaches the FX thread through its own coalescing hand-off, so a slow screen drops
 * intermediate values instead of queueing them. Only the newest session's reports arrive here
 * ({@link SessionLifecycle} drops the others).
 */
final class SessionPresenter implements SessionEvents {

    /** A connection report on its way to the FX thread. */
    private record Connection(ConnectionState state, String message) {
    }

    private final MainView view;
    private final SessionLifecycle sessions;
    /** runs on the FX thread once a started session is the current one */
    private final Consumer<Session> onAdopted;

    private final FxHandoff<Connection> connectionToFx;
    private final FxHandoff<ReceiverStatus> statusToFx;
    private final FxHandoff<Curve> curveToFx;
    private final FxHandoff<DetectorStatus> detectorToFx;
    private final FxHandoff<AcquisitionProgress> progressToFx;
    private final FxHandoff<AcquisitionResult> resultToFx;
    private final FxHandoff<String> errorToFx;
    private final FxHandoff<String> lineToFx;

    private volatile boolean frameSeen;

    SessionPresenter(MainView view, SessionLifecycle sessions, Consumer<Session> onAdopted) {
        this.view = view;
        this.sessions = sessions;
        this.onAdopted = onAdopted;
        connectionToFx = new FxHandoff<>(c -> view.showConnection(c.state(), c.message()));
        statusToFx = new FxHandoff<>(view::showReceiverStatus);
        curveToFx = new FxHandoff<>(view.plot()::setCurve);
        detectorToFx = new FxHandoff<>(st -> {
            view.panel().setState(WidgetModels.controlState(st.state()));
            if (st.state() == DetectorState.FAULT || st.state() == DetectorState.UNKNOWN) {
                view.panel().setError(st.message()); // why, and the way out (Initialize, Abort)
            }
        });
        progressToFx = new FxHandoff<>(p -> view.panel().setProgress(p));
        resultToFx = new FxHandoff<>(r -> {
            if (!r.complete()) {
                view.panel().setError(r.message());
            }
            view.setStatusLine(r.complete() ? r.message() : "acquisition " + r.outcome().name().toLowerCase(Locale.ROOT)
                    + ": " + r.message());
        });
        lineToFx = new FxHandoff<>(view::setStatusLine);
        errorToFx = new FxHandoff<>(m -> {
            view.panel().setError(m);
            view.setStatusLine(m);
        });
    }

    /** A new session is starting: its first frame is still to come. */
    void starting() {
        frameSeen = false;
    }

    /** A message for the status line, from any thread. */
    void line(String message) {
        lineToFx.offer(message);
    }

    /** An error for the panel and the status line, from any thread. */
    void error(String message) {
        errorToFx.offer(message);
    }

    @Override
    public void started(Session s) {
        Platform.runLater(() -> {
            if (sessions.adopt(s)) {
                onAdopted.accept(s);
            }
        });
    }

    @Override
    public void startFailed(String message) {
        errorToFx.offer("start-up failed: " + message);
        connectionToFx.offer(new Connection(ConnectionState.LOST, message));
    }

    @Override
    public void connection(ConnectionState state, String message) {
        connectionToFx.offer(new Connection(state, message));
    }

    @Override
    public void status(ReceiverStatus status) {
        statusToFx.offer(status);
    }

    @Override
    public void frame(LiveFrame frame) {
        frameSeen = true;
        view.image().setFrame(WidgetData.imageFrame(frame)); // converted here, on the poller thread
    }

    @Override
    public void curve(AzintCurve curve) {
        curveToFx.offer(WidgetData.curve(curve));
    }

    @Override
    public void curveFailed(String message) {
        lineToFx.offer(message);
    }

    @Override
    public void detectorStatus(DetectorStatus status) {
        detectorToFx.offer(status);
        if (status.state().busy() || status.state() == DetectorState.FAULT || status.state() == DetectorState.UNKNOWN) {
            lineToFx.offer("detector " + status);
        }
    }

    @Override
    public void progress(AcquisitionProgress progress) {
        progressToFx.offer(progress);
        Session s = sessions.session();
        if (!frameSeen && progress.received() > 0 && s != null) {
            s.poller().pollNow(); // the first frame should not wait for the next 1 Hz tick
        }
    }

    @Override
    public void finished(AcquisitionResult result) {
        resultToFx.offer(result);
        Session s = sessions.session();
        if (s != null) {
            s.poller().pollNow();
        }
    }

    @Override
    public void warning(String message) {
        errorToFx.offer("warning: " + message);
    }

    @Override
    public void commandFailed(String command, String message) {
        errorToFx.offer(command + " failed: " + message);
    }
}
