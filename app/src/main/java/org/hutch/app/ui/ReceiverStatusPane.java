package org.hutch.app.ui;

import java.util.Locale;

import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import org.hutch.app.client.ReceiverStatus;

/** The receiver's state, series, counters, rates and file, and the age of the last poll. FX thread only. */
public final class ReceiverStatusPane extends GridPane {
    private final Label state = value("receiver-state");
    private final Label series = value("receiver-series");
    private final Label counts = value("receiver-counts");
    private final Label rate = value("receiver-rate");
    private final Label file = value("receiver-file");
    private final Label api = value("receiver-api");
    private final Label lastPoll = value("receiver-last-poll");

    ReceiverStatusPane() {
        setId("receiver-status");
        setHgap(8);
        setVgap(3);
        setPadding(new Insets(8));
        int r = 0;
        addRow(r++, key("Receiver"), state);
        addRow(r++, key("Series"), series);
        addRow(r++, key("Frames"), counts);
        addRow(r++, key("Rate"), rate);
        addRow(r++, key("File"), file);
        addRow(r++, key("API"), api);
        addRow(r, key("Last poll"), lastPoll);
    }

    private static Label key(String text) {
        Label l = new Label(text);
        l.setStyle("-fx-text-fill: #757575;");
        return l;
    }

    private static Label value(String id) {
        Label l = new Label("-");
        l.setId(id);
        l.setWrapText(true);
        return l;
    }

    public void show(ReceiverStatus s) {
        state.setText(s.error() != null ? s.state() + ": " + s.error() : s.state());
        state.setStyle(s.isError() ? "-fx-text-fill: #c62828; -fx-font-weight: bold;" : "-fx-font-weight: bold;");
        series.setText(s.seriesId() >= 0 ? Long.toString(s.seriesId()) : "-");
        counts.setText(String.format(Locale.ROOT, "%d received%s%s%s", s.received(),
                s.expected() != null ? " of " + s.expected() : "",
                s.written() >= 0 ? ", " + s.written() + " written" : "",
                s.lost() > 0 ? ", " + s.lost() + " LOST" : ""));
        rate.setText(s.fps() >= 0 ? String.format(Locale.ROOT, "%.1f fps, %.1f MB/s%s", s.fps(), s.bytesPerS() / 1e6,
                s.queueFrames() > 0 ? ", queue " + s.queueFrames() : "") : "-");
        file.setText(s.filename() != null ? s.filename() : "-");
        api.setText(s.layer().label() + (s.version() != null ? " " + s.version() : ""));
    }

    public void showPollAge(String text) {
        lastPoll.setText(text);
    }
}
