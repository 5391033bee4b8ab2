package org.hutch.app;

import java.util.Locale;
import java.util.function.Consumer;

import javafx.application.Platform;
import org.hutch.app.acquire.AcquisitionResult;
import org.hutch.app.client.AzintCurve;
import org.hutch.app.client.LiveFrame;
import org.hutch.app.files.ViewSource;
import org.hutch.app.live.ConnectionState;
import org.hutch.app.live.PipelineViews;
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
    /** the pipeline's views; while a pipeline feeds the 1D plot, the poller's curves are not shown */
    private final PipelineViews pipeline;
    private final SessionLifecycle sessions;
    private final ViewSource source;
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
    private final FxHandoff<String> plotMessageToFx;
    /** the mask given to the image view, and the frame shape it was made for (poller thread) */
    private volatile byte[] maskShown;
    private volatile long maskShape = -1;

    private volatile boolean frameSeen;
    /** the newest live frame as it came, to show again when the corrections change */
    private volatile LiveFrame lastFrame;
    /** takes each full-resolution frame (poller thread) */
    private volatile Consumer<LiveFrame> fullFrames = f -> { };
    /** the series whose curves the plot's overlay and waterfall hold ({@code -1} = none yet; poller thread) */
    private volatile long seriesShown = -1;

    SessionPresenter(MainView view, SessionLifecycle sessions, ViewSource source, Consumer<Session> onAdopted,
                     PipelineViews pipeline) {
        this.view = view;
        this.pipeline = pipeline;
        this.sessions = sessions;
        this.source = source;
        this.onAdopted = onAdopted;
        connectionToFx = new FxHandoff<>(c -> view.showConnection(c.state(), c.message()));
        statusToFx = new FxHandoff<>(st -> {
            view.showReceiverStatus(st);
            describeCurves(st);
        });
        curveToFx = new FxHandoff<>(view.plot()::setCurve);
        detectorToFx = new FxHandoff<>(st -> {
            view.panel().setState(WidgetModels.controlState(st.state()));
            if (st.state() == DetectorState.FAULT || st.state() == DetectorState.UNKNOWN) {
                view.panel().setError(st.message()); // why, and the way out (Initialize, Abort)
            }
        });
        progressToFx = new FxHandoff<>(p -> view.panel().setProgress(p));
        resultToFx = new FxHandoff<>(r -> {
            // a Stop the user asked for is no error: only the status line says how it ended
            if (!r.complete() && r.outcome() != AcquisitionResult.Outcome.STOPPED) {
                view.panel().setError(r.message());
            }
            view.setStatusLine(r.complete() ? r.message() : "acquisition " + r.outcome().name().toLowerCase(Locale.ROOT)
                    + ": " + r.message());
        });
        lineToFx = new FxHandoff<>(view::setStatusLine);
        plotMessageToFx = new FxHandoff<>(m -> {
            view.plot().showMessage(m);
            view.setStatusLine(m);
        });
        errorToFx = new FxHandoff<>(m -> {
            view.panel().setError(m);
            view.setStatusLine(m);
        });
    }

    /** What an exported CSV says its curve came from: geometry files, series and file (FX thread). */
    private void describeCurves(ReceiverStatus st) {
        Session s = sessions.session();
        view.plot().csvDescriptionProperty().set((s != null ? s.geometryFiles() : "") + "\nseries: "
                + (st.seriesId() < 0 ? "unknown" : st.seriesId()) + "\nfile: " + (st.filename() != null ? st.filename() : "none"));
    }

    /**
     * Curves of another series do not mix in one overlay or waterfall: a new series id starts them afresh.
     * Called on the poller thread, which asks for the status before the frames of a round, so the
     * history is cleared before the first curve of the new series reaches the FX thread.
     */
    private void startHistoryForSeries(long seriesId) {
        if (seriesId >= 0 && seriesId != seriesShown) {
            if (seriesShown >= 0 && source.live()) { // a file's curves stay; Back to live starts afresh anyway
                Platform.runLater(view.plot()::startNewSeries);
            }
            seriesShown = seriesId;
        }
    }

    /** A new session is starting: its first frame is still to come. */
    void starting() {
        frameSeen = false;
        seriesShown = -1;
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
        startHistoryForSeries(status.seriesId());
        statusToFx.offer(status);
    }

    @Override
    public void frame(LiveFrame frame) {
        frameSeen = true;
        lastFrame = frame;
        if (!showLiveFrame(frame)) {
            return; // a file is shown: kept for Back to live
        }
        Session s = sessions.session();
        if (s != null) {
            showMask(s, frame.rows(), frame.cols());
        }
        pipeline.frame(frame);
    }

    /**
     * The live frame through the session's dark and flat, as the integration takes it, converted here (off the FX
     * thread); kept for Back to live and shown unless a file is. Serialised so that a frame shown again after a
     * change of corrections never replaces a newer one.
     */
    private synchronized boolean showLiveFrame(LiveFrame frame) {
        if (frame != lastFrame) {
            return false;
        }
        Session s = sessions.session();
        org.hutch.widgets.image.ImageFrame image = WidgetData.imageFrame(frame,
                s == null ? org.hutch.app.corrections.Corrections.NONE : s.corrections());
        if (!source.liveFrame(image)) {
            return false;
        }
        view.image().setFrame(image);
        return true;
    }

    /** The dark or flat changed: the newest live frame is shown again through them (any thread but FX). */
    void correctionsChanged() {
        LiveFrame f = lastFrame;
        if (f != null) {
            showLiveFrame(f);
        }
    }

    /** Back to live from a file (FX thread): the newest live frame and curve, and a poll for newer ones. */
    void showLive() {
        org.hutch.widgets.image.ImageFrame f = source.lastLiveFrame();
        Session s = sessions.session();
        maskShape = -1;
        if (f != null) {
            view.image().setFrame(f);
            view.image().setMask(s == null ? null : WidgetData.imageMask(s.mask(), s.poni(), f.rows(), f.cols()));
        } else {
            view.image().clear();
        }
        Curve c = source.lastLiveCurve();
        if (c != null) {
            view.plot().setCurve(c);
        }
        if (s != null) {
            s.poller().pollNow();
        }
    }

    @Override
    public void fullFrame(LiveFrame frame) {
        fullFrames.accept(frame);
    }

    /** Where full-resolution frames go (called on the poller thread). */
    void onFullFrame(Consumer<LiveFrame> c) {
        fullFrames = c;
    }

    /** Gives the image view the session's mask for this frame shape, when the mask or the shape changed. */
    private void showMask(Session s, int rows, int cols) {
        byte[] m = s.mask();
        long shape = ((long) rows << 32) | cols;
        if (m != maskShown || shape != maskShape) {
            maskShown = m;
            maskShape = shape;
            view.image().setMask(WidgetData.imageMask(m, s.poni(), rows, cols));
        }
    }

    /** The geometry changed (PONI, mask or none): the frame on screen shows the new mask now (FX thread). */
    void geometryChanged() {
        Session s = sessions.session();
        org.hutch.widgets.image.ImageFrame f = view.image().shownFrameProperty().get();
        maskShape = -1;
        if (s != null && f != null) {
            view.image().setMask(WidgetData.imageMask(s.mask(), s.poni(), f.rows(), f.cols()));
        } else {
            view.image().setMask(null);
        }
    }

    /**
     * The app's own integration is not run while the plot follows a pipeline (its curve would be dropped below).
     * With a correction on, or a lab pipeline behind the session's geometry, the plot does not follow and the app
     * integrates as before. Darks and masks recorded from the stream get their frames from the poller, not from here.
     */
    @Override
    public boolean appCurveWanted() {
        return !pipeline.plotFollows();
    }

    @Override
    public void curve(AzintCurve curve) {
        if (pipeline.plotFollows()) {
            return;
        }
        Session s = sessions.session();
        Curve c = WidgetData.curve(curve, s != null ? s.poni() : null);
        if (source.liveCurve(c)) {
            curveToFx.offer(c);
        }
    }

    @Override
    public void curveFailed(String message) {
        if (pipeline.following()) {
            return;
        }
        if (source.live()) {
            plotMessageToFx.offer(message);
        }
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
