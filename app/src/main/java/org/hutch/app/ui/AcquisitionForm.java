package org.hutch.app.ui;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.hutch.app.acquire.AcquisitionProgress;
import org.hutch.detector.AcquisitionSettings;
import org.hutch.detector.DetectorState;
import org.hutch.detector.DetectorStatus;
import org.hutch.detector.TriggerMode;

/**
 * The detector form: exposure, period, frames, trigger mode, file name; Arm, Start, Stop, Abort
 * enabled only when the detector's state allows; state, progress and the last error inline. FX thread only.
 * It only collects input and shows state: the buttons call back, the caller runs the detector.
 */
public final class AcquisitionForm extends VBox {

    private final TextField exposure = field("exposure", "0.1");
    private final TextField period = field("period", "0.1");
    private final TextField frames = field("frames", "20");
    private final ComboBox<TriggerMode> triggerMode = new ComboBox<>();
    private final TextField fileName = field("filename", "");
    private final Button arm = button("arm", "Arm");
    private final Button start = button("start", "Start");
    private final Button stop = button("stop", "Stop");
    private final Button abort = button("abort", "Abort");
    private final Label state = new Label("no detector");
    private final ProgressBar progress = new ProgressBar(0);
    private final Label progressText = new Label("");
    private final Label error = new Label("");
    private final Label title = new Label("Detector");

    private DetectorState detectorState = DetectorState.UNKNOWN;
    private boolean viewOnly;
    private boolean hasDetector;

    AcquisitionForm(AcquisitionActions actions) {
        setId("acquisition-form");
        setSpacing(8);
        setPadding(new Insets(10));
        setMinWidth(250);
        setPrefWidth(270);
        title.setStyle("-fx-font-size: 14px; -fx-font-weight: bold;");
        title.setWrapText(true);
        triggerMode.setId("trigger-mode");
        triggerMode.setMaxWidth(Double.MAX_VALUE);
        fileName.setPromptText("automatic (hutch_<time>.h5)");

        GridPane g = new GridPane();
        g.setHgap(6);
        g.setVgap(6);
        int r = 0;
        g.addRow(r++, new Label("Exposure (s)"), exposure);
        g.addRow(r++, new Label("Period (s)"), period);
        g.addRow(r++, new Label("Frames"), frames);
        g.addRow(r++, new Label("Trigger"), triggerMode);
        g.addRow(r, new Label("File name"), fileName);
        GridPane.setHgrow(fileName, Priority.ALWAYS);

        HBox buttons = new HBox(6, arm, start, stop, abort);
        for (Button b : List.of(arm, start, stop, abort)) {
            b.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(b, Priority.ALWAYS);
        }
        state.setId("detector-state");
        state.setMaxWidth(Double.MAX_VALUE);
        state.setWrapText(true);
        state.setPadding(new Insets(4, 8, 4, 8));
        progress.setId("progress");
        progress.setMaxWidth(Double.MAX_VALUE);
        progressText.setId("progress-text");
        progressText.setWrapText(true);
        error.setId("control-error");
        error.setWrapText(true);
        error.setStyle("-fx-text-fill: #c62828;");
        error.setMaxWidth(Double.MAX_VALUE);

        getChildren().addAll(title, g, buttons, state, progress, progressText, error);

        arm.setOnAction(e -> readSettings().ifPresent(actions::arm));
        start.setOnAction(e -> actions.start());
        stop.setOnAction(e -> actions.stop());
        abort.setOnAction(e -> actions.abort());
        triggerMode.valueProperty().addListener((o, a, b) -> refresh());
        refresh();
    }

    private static TextField field(String id, String text) {
        TextField f = new TextField(text);
        f.setId(id);
        f.setPrefColumnCount(8);
        return f;
    }

    private static Button button(String id, String text) {
        Button b = new Button(text);
        b.setId(id);
        return b;
    }

    /** The detector this form drives: its name and trigger modes. */
    public void setDetector(String name, java.util.Set<TriggerMode> modes, AcquisitionSettings initial) {
        hasDetector = true;
        title.setText(name);
        triggerMode.getItems().setAll(modes.stream().sorted().toList());
        setSettings(initial);
        refresh();
    }

    public void setSettings(AcquisitionSettings s) {
        exposure.setText(fmt(s.exposureTime()));
        period.setText(fmt(s.period()));
        frames.setText(Long.toString(s.totalFrames()));
        if (triggerMode.getItems().contains(s.triggerMode())) {
            triggerMode.setValue(s.triggerMode());
        } else if (!triggerMode.getItems().isEmpty()) {
            triggerMode.setValue(triggerMode.getItems().contains(TriggerMode.INTS) ? TriggerMode.INTS
                    : triggerMode.getItems().get(0));
        }
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%s", d).replaceAll("\\.0$", "");
    }

    /** The settings as typed, or empty (with the reason shown) when a value is wrong. */
    public java.util.Optional<AcquisitionSettings> readSettings() {
        try {
            double exp = Double.parseDouble(exposure.getText().trim());
            String p = period.getText().trim();
            double per = p.isEmpty() ? exp : Double.parseDouble(p);
            int n = Integer.parseInt(frames.getText().trim());
            TriggerMode mode = triggerMode.getValue() != null ? triggerMode.getValue() : TriggerMode.INTS;
            boolean onePerTrigger = mode.framesPerTrigger(2) == 1;
            AcquisitionSettings s = new AcquisitionSettings(exp, per, onePerTrigger ? 1 : n, onePerTrigger ? n : 1, mode,
                    org.hutch.app.acquire.SeriesFileName.of(fileName.getText()), Map.of());
            error.setText("");
            return java.util.Optional.of(s);
        } catch (NumberFormatException e) {
            showError("exposure, period and frames must be numbers (" + e.getMessage() + ")");
        } catch (IllegalArgumentException e) {
            showError(e.getMessage());
        }
        return java.util.Optional.empty();
    }

    /** Settings worth remembering: what is typed, even if not valid yet. */
    public Map<String, Object> typedValues() {
        return Map.of("exposure", exposure.getText(), "period", period.getText(), "frames", frames.getText(),
                "triggerMode", triggerMode.getValue() == null ? "" : triggerMode.getValue().wireName(),
                "fileName", fileName.getText());
    }

    public void restoreTypedValues(Map<String, Object> v) {
        if (v == null) {
            return;
        }
        apply(v.get("exposure"), exposure::setText);
        apply(v.get("period"), period::setText);
        apply(v.get("frames"), frames::setText);
        apply(v.get("fileName"), fileName::setText);
        Object m = v.get("triggerMode");
        if (m != null && !m.toString().isEmpty()) {
            try {
                TriggerMode tm = TriggerMode.fromName(m.toString());
                if (triggerMode.getItems().contains(tm)) {
                    triggerMode.setValue(tm);
                }
            } catch (IllegalArgumentException ignored) {
                // an old or edited settings file: keep the default
            }
        }
    }

    private static void apply(Object v, Consumer<String> setter) {
        if (v != null) {
            setter.accept(v.toString());
        }
    }

    public void showStatus(DetectorStatus s) {
        detectorState = s.state();
        state.setText(s.toString());
        String colour = switch (s.state()) {
            case READY -> "#2e7d32";
            case ARMED -> "#f9a825";
            case RUNNING -> "#1565c0";
            case FAULT -> "#c62828";
            default -> "#616161";
        };
        state.setStyle("-fx-background-color: " + colour + "; -fx-text-fill: white; -fx-background-radius: 4;");
        if (s.state() == DetectorState.FAULT) {
            showError(s.message());
        }
        refresh();
    }

    public void showProgress(AcquisitionProgress p) {
        progress.setProgress(p.fraction());
        String left = p.secondsLeft() >= 0 && p.received() < p.expected()
                ? String.format(Locale.ROOT, ", %.0f s left", Math.ceil(p.secondsLeft())) : "";
        progressText.setText(String.format(Locale.ROOT, "%d / %d received, %s written%s%s", p.received(), p.expected(),
                p.written() >= 0 ? Long.toString(p.written()) : "?",
                p.fps() > 0 ? String.format(Locale.ROOT, ", %.1f fps", p.fps()) : "", left));
    }

    public void showResult(String line, boolean ok) {
        progressText.setText(line);
        if (ok) {
            progress.setProgress(1);
        } else {
            showError(line);
        }
    }

    public void showError(String message) {
        error.setText(message == null ? "" : message);
    }

    public String errorText() {
        return error.getText();
    }

    public void setViewOnly(boolean v) {
        viewOnly = v;
        refresh();
    }

    /** Every input and button of the form. */
    public List<javafx.scene.Node> controlNodes() {
        return List.of(exposure, period, frames, triggerMode, fileName, arm, start, stop, abort);
    }

    private void refresh() {
        boolean usable = hasDetector && !viewOnly;
        boolean configurable = usable && (detectorState.canConfigure() || detectorState == DetectorState.UNKNOWN);
        for (javafx.scene.Node n : List.of(exposure, period, frames, triggerMode, fileName)) {
            n.setDisable(!configurable);
        }
        TriggerMode mode = triggerMode.getValue();
        arm.setDisable(!usable || !detectorState.canArm());
        start.setDisable(!usable || detectorState != DetectorState.ARMED || mode == null || !mode.softwareTriggered());
        stop.setDisable(!usable || !detectorState.canStop());
        abort.setDisable(!usable || !detectorState.canAbort());
    }
}
