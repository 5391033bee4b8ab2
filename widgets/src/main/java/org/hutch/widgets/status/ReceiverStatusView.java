package org.hutch.widgets.status;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;

import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.util.Duration;
import org.hutch.model.receiver.ReceiverStatus;
import org.hutch.widgets.FxThread;
import org.hutch.widgets.WidgetStyles;

/**
 * Receiver status: state, series, received / written / lost, rates, queue fill, file, message, and
 * the age of the last successful poll, ticking every 250 ms and turning red when older than
 * {@link #staleAfterSecondsProperty()} (default 3 s).
 * <p>
 * Feed it on the FX thread with {@link #setStatus(ReceiverStatus, Instant)} after each successful
 * poll and {@link #setPollFailed(String)} after a failed one; from a poller thread use an
 * {@link org.hutch.widgets.FxHandoff} (e.g. of a small record holding both).
 * <p>
 * Node ids: {@code #receiver-state}, {@code #receiver-series}, {@code #receiver-received},
 * {@code #receiver-written}, {@code #receiver-lost}, {@code #receiver-rates}, {@code #receiver-queue},
 * {@code #receiver-file}, {@code #receiver-message}, {@code #poll-age}.
 */
public class ReceiverStatusView extends GridPane {


    private final Clock clock;
    private final ReadOnlyObjectWrapper<ReceiverStatus> status = new ReadOnlyObjectWrapper<>(this, "status");
    private final DoubleProperty staleAfterSeconds = new SimpleDoubleProperty(this, "staleAfterSeconds", 3);
    private Instant lastSuccess;
    private String pollError = "";

    private final Label state = value("receiver-state");
    private final Label series = value("receiver-series");
    private final Label received = value("receiver-received");
    private final Label written = value("receiver-written");
    private final Label lost = value("receiver-lost");
    private final Label rates = value("receiver-rates");
    private final Label queue = value("receiver-queue");
    private final Label file = value("receiver-file");
    private final Label message = value("receiver-message");
    private final Label pollAge = value("poll-age");
    private final Timeline ticker;

    public ReceiverStatusView() {
        this(Clock.systemUTC());
    }

    /** @param clock the time source for the poll age (tests pass a fixed one) */
    public ReceiverStatusView(Clock clock) {
        this.clock = clock;
        getStyleClass().add("receiver-status-view");
        WidgetStyles.addTo(this);
        state.getStyleClass().add("receiver-state");
        setHgap(10);
        setVgap(4);
        setPadding(new Insets(10));
        String[] names = {"State", "Series", "Received", "Written", "Lost", "Rates", "Queue", "File", "Message", "Last poll"};
        Label[] values = {state, series, received, written, lost, rates, queue, file, message, pollAge};
        for (int i = 0; i < names.length; i++) {
            Label name = new Label(names[i]);
            name.getStyleClass().add("field-name");
            add(name, 0, i);
            add(values[i], 1, i);
            GridPane.setHgrow(values[i], Priority.ALWAYS);
        }
        file.setWrapText(true);
        message.setWrapText(true);
        show(null);
        ticker = new Timeline(new KeyFrame(Duration.millis(250), e -> showAge()));
        ticker.setCycleCount(Animation.INDEFINITE);
        // tick only while on screen
        sceneProperty().addListener((o, a, scene) -> {
            if (scene != null) {
                ticker.play();
            } else {
                ticker.stop();
            }
        });
    }

    private static Label value(String id) {
        Label l = new Label("\u2013");
        l.setId(id);
        l.setMaxWidth(Double.MAX_VALUE);
        return l;
    }

    /** A successful poll at {@code polledAt}: shows the status and restarts the age. */
    public void setStatus(ReceiverStatus s, Instant polledAt) {
        FxThread.check("ReceiverStatusView.setStatus");
        status.set(s);
        lastSuccess = polledAt;
        pollError = "";
        show(s);
        showAge();
    }

    /** A failed poll: the last status stays, the age keeps growing, and the reason is shown. */
    public void setPollFailed(String reason) {
        FxThread.check("ReceiverStatusView.setPollFailed");
        pollError = reason == null ? "poll failed" : reason;
        showAge();
    }

    private void show(ReceiverStatus s) {
        if (s == null) {
            for (Label l : new Label[] {state, series, received, written, lost, rates, queue, file, message}) {
                l.setText("\u2013");
            }
            return;
        }
        state.setText(s.state().wireName());
        state.pseudoClassStateChanged(WidgetStyles.ALERT, s.isError());
        series.setText(s.seriesId() < 0 ? "\u2013"
                : s.seriesId() + (s.expected() != null ? " (" + s.expected() + " frames)" : ""));
        // counts a receiver does not report (-1) show as 0
        long queued = Math.max(0, s.queueFrames());
        received.setText(Long.toString(s.received()));
        // a value the receiver does not report (MAX IV: written, lost, queue) is unknown, not 0
        written.setText(count(s.written()));
        lost.setText(count(s.lost()));
        lost.pseudoClassStateChanged(WidgetStyles.ALERT, s.lost() > 0);
        // receivers that do not report a write rate (MAX IV's, Hutch's /api/v1) get no "? fps written"
        rates.setText(Double.isNaN(s.writeFps()) ? rate(s.fps()) + " received"
                : String.format(Locale.ROOT, "%s received, %s written", rate(s.fps()), rate(s.writeFps())));
        queue.setText(s.queueFrames() < 0 ? "\u2013" : s.queueCapacity() > 0
                ? String.format(Locale.ROOT, "%d / %d (%.0f %%)", queued, s.queueCapacity(), 100.0 * queued / s.queueCapacity())
                : Long.toString(queued));
        queue.pseudoClassStateChanged(WidgetStyles.ALERT, s.queueCapacity() > 0 && queued * 10 >= s.queueCapacity() * 9);
        file.setText(s.filename() == null || s.filename().isEmpty() ? "\u2013" : s.filename());
        message.setText(s.error() == null || s.error().isEmpty() ? "\u2013" : s.error());
    }

    private static String count(long n) {
        return n < 0 ? "\u2013" : Long.toString(n);
    }

    private static String rate(double fps) {
        return !(fps >= 0) ? "\u2013 fps" : String.format(Locale.ROOT, "%.1f fps", fps);
    }

    private void showAge() {
        if (lastSuccess == null) {
            pollAge.setText(pollError.isEmpty() ? "never" : "never (" + pollError + ")");
            pollAge.pseudoClassStateChanged(WidgetStyles.ALERT, !pollError.isEmpty());
            return;
        }
        double age = Math.max(0, java.time.Duration.between(lastSuccess, clock.instant()).toMillis() / 1000.0);
        String text = String.format(Locale.ROOT, "%.1f s ago", age);
        if (!pollError.isEmpty()) {
            text += " (" + pollError + ")";
        }
        pollAge.setText(text);
        pollAge.pseudoClassStateChanged(WidgetStyles.ALERT, age > staleAfterSeconds.get() || !pollError.isEmpty());
    }

    /** Age of the last successful poll, in seconds, above which it is shown as stale. */
    public DoubleProperty staleAfterSecondsProperty() { return staleAfterSeconds; }

    /** The status last shown (null before the first poll). */
    public ReadOnlyObjectProperty<ReceiverStatus> statusProperty() { return status.getReadOnlyProperty(); }

    /** Refreshes the age text now (the view also does so every 250 ms while shown). */
    public void refreshAge() { showAge(); }
}
