package org.hutch.widgets.control;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import javafx.css.PseudoClass;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.event.ActionEvent;
import javafx.event.EventHandler;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.hutch.model.acquisition.AcquisitionProgress;

import org.controlsfx.validation.Severity;
import org.controlsfx.validation.ValidationSupport;
import org.controlsfx.validation.Validator;
import org.controlsfx.validation.decoration.CompoundValidationDecoration;
import org.controlsfx.validation.decoration.GraphicValidationDecoration;
import org.controlsfx.validation.decoration.StyleClassValidationDecoration;
import org.hutch.widgets.FxThread;
import org.hutch.widgets.WidgetStyles;

/**
 * Detector controls: exposure, period, images, triggers, trigger mode, file name; Arm, Start, Stop, Disarm,
 * Abort and Initialize enabled only when the {@link ControlState} allows, and shown only for the
 * {@link #setCommands commands} the detector has. No state leaves the user without a way out: Abort stays
 * enabled whenever a series may be running (armed, running, fault, unknown, or a series still followed), and
 * Initialize whenever nothing runs. A coloured state indicator; progress
 * with rate and time left; the last error inline; and a view-only mode that disables every control.
 * <p>
 * The panel never talks to a detector: the application sets the action handlers
 * ({@link #setOnArm} etc.), reads {@link #getSettings()}, and feeds {@link #setState},
 * {@link #setProgress} and {@link #setError} on the FX thread (from other threads through an
 * {@link org.hutch.widgets.FxHandoff}).
 * <p>
 * Node ids: {@code #exposure}, {@code #period}, {@code #images}, {@code #triggers},
 * {@code #trigger-mode}, {@code #file-name}, {@code #arm}, {@code #start}, {@code #stop},
 * {@code #disarm}, {@code #abort}, {@code #initialize}, {@code #state-indicator}, {@code #progress}, {@code #progress-text},
 * {@code #error}, {@code #validation}.
 */
public class DetectorControlPanel extends VBox {

    private final ObjectProperty<ControlState> state = new SimpleObjectProperty<>(this, "state", ControlState.UNKNOWN);
    private final BooleanProperty viewOnly = new SimpleBooleanProperty(this, "viewOnly", false);
    private final ObjectProperty<Set<ControlCommand>> commands = new SimpleObjectProperty<>(this, "commands",
            EnumSet.of(ControlCommand.STOP, ControlCommand.ABORT, ControlCommand.DISARM));
    private final BooleanProperty seriesOpen = new SimpleBooleanProperty(this, "seriesOpen", false);
    private final DoubleProperty exposure = new SimpleDoubleProperty(this, "exposure", 0.1);
    private final DoubleProperty period = new SimpleDoubleProperty(this, "period", 0.1);
    private final LongProperty images = new SimpleLongProperty(this, "images", 1);
    private final LongProperty triggers = new SimpleLongProperty(this, "triggers", 1);
    private final ObservableList<String> triggerModes = FXCollections.observableArrayList();
    private final ObjectProperty<String> triggerMode = new SimpleObjectProperty<>(this, "triggerMode");
    private final StringProperty fileName = new SimpleStringProperty(this, "fileName", "");
    private final StringProperty error = new SimpleStringProperty(this, "error", "");
    private final ObjectProperty<AcquisitionProgress> progress = new SimpleObjectProperty<>(this, "progress");
    private final ReadOnlyBooleanWrapper settingsValid = new ReadOnlyBooleanWrapper(this, "settingsValid", true);
    private final ObjectProperty<EventHandler<ActionEvent>> onArm = new SimpleObjectProperty<>(this, "onArm");
    private final ObjectProperty<EventHandler<ActionEvent>> onStart = new SimpleObjectProperty<>(this, "onStart");
    private final ObjectProperty<EventHandler<ActionEvent>> onStop = new SimpleObjectProperty<>(this, "onStop");
    private final ObjectProperty<EventHandler<ActionEvent>> onAbort = new SimpleObjectProperty<>(this, "onAbort");
    private final ObjectProperty<EventHandler<ActionEvent>> onDisarm = new SimpleObjectProperty<>(this, "onDisarm");
    private final ObjectProperty<EventHandler<ActionEvent>> onInitialize =
            new SimpleObjectProperty<>(this, "onInitialize");

    private final Label stateIndicator = new Label();
    private final Label validation = new Label();
    private final TextField exposureField = new TextField();
    private final TextField periodField = new TextField();
    private final TextField imagesField = new TextField();
    private final TextField triggersField = new TextField();
    private final ComboBox<String> triggerModeBox = new ComboBox<>(triggerModes);
    private final TextField fileNameField = new TextField();
    private final Button arm = new Button("Arm");
    private final Button start = new Button("Start");
    private final Button stop = new Button("Stop");
    private final Button abort = new Button("Abort");
    private final Button disarm = new Button("Disarm");
    private final Button initialize = new Button("Initialize");
    private final ProgressBar progressBar = new ProgressBar(0);
    private final Label progressText = new Label("no series");
    private final Label errorLabel = new Label();
    private final ValidationSupport validationSupport = new ValidationSupport();

    public DetectorControlPanel() {
        getStyleClass().add("detector-control-panel");
        WidgetStyles.addTo(this);
        setSpacing(8);
        setPadding(new Insets(10));
        setFillWidth(true);

        stateIndicator.setId("state-indicator");
        stateIndicator.getStyleClass().add("state-indicator");
        stateIndicator.setMaxWidth(Double.MAX_VALUE);
        stateIndicator.setAlignment(Pos.CENTER);
        exposureField.setId("exposure");
        periodField.setId("period");
        imagesField.setId("images");
        triggersField.setId("triggers");
        triggerModeBox.setId("trigger-mode");
        fileNameField.setId("file-name");
        arm.setId("arm");
        start.setId("start");
        stop.setId("stop");
        abort.setId("abort");
        disarm.setId("disarm");
        initialize.setId("initialize");
        progressBar.setId("progress");
        progressText.setId("progress-text");
        errorLabel.setId("error");
        validation.setId("validation");

        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(6);
        addRow(form, 0, "Exposure (s)", exposureField);
        addRow(form, 1, "Period (s)", periodField);
        addRow(form, 2, "Images", imagesField);
        addRow(form, 3, "Triggers", triggersField);
        addRow(form, 4, "Trigger mode", triggerModeBox);
        addRow(form, 5, "File name", fileNameField);
        triggerModeBox.setMaxWidth(Double.MAX_VALUE);

        HBox buttons = new HBox(6, arm, start, stop, abort);
        HBox recovery = new HBox(6, disarm, initialize);
        for (Button b : new Button[] {arm, start, stop, abort, disarm, initialize}) {
            b.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(b, Priority.ALWAYS);
        }
        recovery.managedProperty().bind(recovery.visibleProperty());
        abort.getStyleClass().add("abort-button");
        progressBar.setMaxWidth(Double.MAX_VALUE);
        validation.getStyleClass().add("validation-message");
        validation.setWrapText(true);
        errorLabel.setWrapText(true);
        errorLabel.getStyleClass().add("error-message");
        errorLabel.setMaxWidth(Double.MAX_VALUE);
        getChildren().addAll(stateIndicator, form, validation, buttons, recovery, progressBar, progressText, errorLabel);
        showCommands(recovery);
        commands.addListener((o, a, b) -> {
            showCommands(recovery);
            updateEnablement();
        });

        bindNumber(exposureField, exposure);
        bindNumber(periodField, period);
        bindCount(imagesField, images);
        bindCount(triggersField, triggers);
        triggerModeBox.valueProperty().bindBidirectional(triggerMode);
        fileNameField.textProperty().bindBidirectional(fileName);

        arm.setOnAction(e -> fire(onArm, e));
        start.setOnAction(e -> fire(onStart, e));
        stop.setOnAction(e -> fire(onStop, e));
        abort.setOnAction(e -> fire(onAbort, e));
        disarm.setOnAction(e -> fire(onDisarm, e));
        initialize.setOnAction(e -> fire(onInitialize, e));

        errorLabel.textProperty().bind(error);
        errorLabel.visibleProperty().bind(error.isNotEmpty());
        errorLabel.managedProperty().bind(errorLabel.visibleProperty());
        validation.visibleProperty().bind(validation.textProperty().isNotEmpty());
        validation.managedProperty().bind(validation.visibleProperty());

        state.addListener((o, a, b) -> updateEnablement());
        viewOnly.addListener((o, a, b) -> updateEnablement());
        seriesOpen.addListener((o, a, b) -> updateEnablement());
        settingsValid.addListener((o, a, b) -> updateEnablement());
        progress.addListener((o, a, b) -> showProgress(b));
        registerValidators();
        updateEnablement();
    }

    private static void addRow(GridPane form, int row, String label, Control field) {
        Label l = new Label(label);
        l.setLabelFor(field);
        form.add(l, 0, row);
        form.add(field, 1, row);
        GridPane.setHgrow(field, Priority.ALWAYS);
    }

    private void fire(ObjectProperty<EventHandler<ActionEvent>> handler, ActionEvent e) {
        if (handler.get() != null) {
            handler.get().handle(e);
        }
    }

    /** Which controls the state allows; view-only disables them all. */
    private void updateEnablement() {
        ControlState s = state.get();
        boolean locked = viewOnly.get();
        boolean editable = !locked && (s == ControlState.OFF || s == ControlState.READY || s == ControlState.FAULT);
        for (Node n : new Node[] {exposureField, periodField, imagesField, triggersField, triggerModeBox, fileNameField}) {
            n.setDisable(!editable);
        }
        boolean busy = s == ControlState.ARMED || s == ControlState.RUNNING;
        arm.setDisable(locked || s != ControlState.READY || seriesOpen.get() || !settingsValid.get());
        // Start needs our own armed series: a detector found armed by someone else is disarmed, not started
        start.setDisable(locked || s != ControlState.ARMED || !seriesOpen.get());
        stop.setDisable(locked || !busy);
        disarm.setDisable(locked || !busy);
        // whenever a series may be running, Abort is the way out, even if the detector does not answer
        abort.setDisable(locked || !(busy || s == ControlState.FAULT || s == ControlState.UNKNOWN || seriesOpen.get()));
        initialize.setDisable(locked || s == ControlState.RUNNING); // a reset of whatever else it is in
        stateIndicator.setText(s.name() + (locked ? "  (view only)" : ""));
        for (ControlState other : ControlState.values()) {
            stateIndicator.pseudoClassStateChanged(statePseudoClass(other), other == s);
        }
    }

    /** The stylesheet's colour of a state indicator: {@code .state-indicator:ready} and so on. */
    static PseudoClass statePseudoClass(ControlState s) {
        return PseudoClass.getPseudoClass(s.name().toLowerCase(Locale.ROOT));
    }

    /** Copies each good value typed into {@code field} to {@code target}, and a new value of {@code target} into the field. */
    private static void bindNumber(TextField field, DoubleProperty target) {
        field.setText(format(target.get()));
        field.textProperty().addListener((o, a, text) -> positiveSeconds(text).ifPresent(target::set));
        target.addListener((o, a, v) -> {
            OptionalDouble shown = positiveSeconds(field.getText());
            if (!field.isFocused() || shown.isEmpty()) {
                if (shown.isEmpty() || shown.getAsDouble() != v.doubleValue()) {
                    field.setText(format(v.doubleValue())); // replaces bad text with the value
                }
            }
        });
    }

    private static void bindCount(TextField field, LongProperty target) {
        field.setText(Long.toString(target.get()));
        field.textProperty().addListener((o, a, text) -> atLeastOne(text).ifPresent(target::set));
        target.addListener((o, a, v) -> {
            if (!Long.toString(v.longValue()).equals(field.getText().trim())) {
                field.setText(Long.toString(v.longValue()));
            }
        });
    }

    static OptionalDouble positiveSeconds(String text) {
        try {
            double v = Double.parseDouble(text.trim());
            return v > 0 && Double.isFinite(v) ? OptionalDouble.of(v) : OptionalDouble.empty();
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    static OptionalLong atLeastOne(String text) {
        try {
            long v = Long.parseLong(text.trim());
            return v >= 1 ? OptionalLong.of(v) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * A file name the receiver can use inside its data directory: empty (the receiver's default), or
     * relative, without ".." and without control characters.
     */
    static boolean legalFileName(String name) {
        if (name == null || name.isEmpty()) {
            return true;
        }
        if (name.startsWith("/") || name.startsWith("\\") || name.matches("^[A-Za-z]:.*")) {
            return false;
        }
        for (String part : name.split("[/\\\\]")) {
            if (part.equals("..")) {
                return false;
            }
        }
        return name.chars().noneMatch(Character::isISOControl);
    }

    /**
     * The rules of the fields, checked by ControlsFX: a bad value is marked at its field (icon with
     * the reason, red outline), listed under the form, and keeps Arm disabled.
     */
    private void registerValidators() {
        validationSupport.setValidationDecorator(new CompoundValidationDecoration(
                new GraphicValidationDecoration(), new StyleClassValidationDecoration("field-error", "field-warning")));
        validationSupport.registerValidator(exposureField, false, Validator.<String>createPredicateValidator(
                t -> positiveSeconds(t).isPresent(), "Exposure must be a positive number of seconds."));
        validationSupport.registerValidator(periodField, false, Validator.combine(
                Validator.<String>createPredicateValidator(t -> positiveSeconds(t).isPresent(),
                        "Period must be a positive number of seconds."),
                Validator.<String>createPredicateValidator(this::periodCoversExposure,
                        "Period must be at least the exposure time.")));
        validationSupport.registerValidator(imagesField, false, Validator.<String>createPredicateValidator(
                t -> atLeastOne(t).isPresent(), "Images must be a whole number of at least 1."));
        validationSupport.registerValidator(triggersField, false, Validator.<String>createPredicateValidator(
                t -> atLeastOne(t).isPresent(), "Triggers must be a whole number of at least 1."));
        validationSupport.registerValidator(fileNameField, false, Validator.<String>createPredicateValidator(
                DetectorControlPanel::legalFileName,
                "File name must stay in the data directory: no absolute path, no '..', no control characters."));
        exposureField.textProperty().addListener((o, a, b) -> validationSupport.revalidate(periodField));
        validationSupport.validationResultProperty().addListener((o, a, b) -> showValidation());
    }

    /** True unless both times are numbers and the period is shorter than the exposure. */
    private boolean periodCoversExposure(String periodText) {
        OptionalDouble p = positiveSeconds(periodText);
        OptionalDouble e = positiveSeconds(exposureField.getText());
        return p.isEmpty() || e.isEmpty() || p.getAsDouble() >= e.getAsDouble();
    }

    /** Lists the reasons under the form (in the order of the fields) and enables Arm only without any. */
    private void showValidation() {
        StringBuilder msg = new StringBuilder();
        for (TextField f : new TextField[] {exposureField, periodField, imagesField, triggersField, fileNameField}) {
            validationSupport.getHighestMessage(f)
                    .filter(m -> m.getSeverity() == Severity.ERROR)
                    .ifPresent(m -> msg.append(m.getText()).append(' '));
        }
        validation.setText(msg.toString().trim());
        settingsValid.set(msg.length() == 0);
    }

    private void showProgress(AcquisitionProgress p) {
        if (p == null) {
            progressBar.setProgress(0);
            progressText.setText("no series");
            return;
        }
        progressBar.setProgress(p.fraction() < 0 ? ProgressBar.INDETERMINATE_PROGRESS : p.fraction());
        StringBuilder sb = new StringBuilder();
        sb.append(p.received()).append(" / ").append(p.expected() > 0 ? Long.toString(p.expected()) : "?").append(" frames");
        if (p.fps() > 0) {
            sb.append(String.format(Locale.ROOT, "   %.1f fps", p.fps()));
        }
        double left = p.secondsLeft();
        if (!Double.isNaN(left)) {
            sb.append("   ").append(formatDuration(left)).append(" left");
        }
        progressText.setText(sb.toString());
    }

    static String formatDuration(double seconds) {
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    private static String format(double v) {
        return new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    // ---- API --------------------------------------------------------------------------------

    /** The settings as entered now (valid when {@link #settingsValidProperty()} is true). */
    public AcquisitionSettings getSettings() {
        return new AcquisitionSettings(exposure.get(), period.get(), images.get(), triggers.get(), triggerMode.get(),
                fileName.get());
    }

    /** Puts settings into the fields (for example those read back from the detector). */
    public void setSettings(AcquisitionSettings s) {
        FxThread.check("DetectorControlPanel.setSettings");
        exposure.set(s.exposure());
        period.set(s.period());
        images.set(s.images());
        triggers.set(s.triggers());
        if (s.triggerMode() != null) {
            triggerMode.set(s.triggerMode());
        }
        fileName.set(s.fileName() == null ? "" : s.fileName());
    }

    public ObjectProperty<ControlState> stateProperty() { return state; }
    public ControlState getState() { return state.get(); }
    public void setState(ControlState s) {
        FxThread.check("DetectorControlPanel.setState");
        state.set(s == null ? ControlState.UNKNOWN : s);
    }

    /** When true every control is disabled (remote users who may only watch). */
    public BooleanProperty viewOnlyProperty() { return viewOnly; }
    public boolean isViewOnly() { return viewOnly.get(); }
    public void setViewOnly(boolean v) {
        FxThread.check("DetectorControlPanel.setViewOnly");
        viewOnly.set(v);
    }

    public DoubleProperty exposureProperty() { return exposure; }
    public DoubleProperty periodProperty() { return period; }
    public LongProperty imagesProperty() { return images; }
    public LongProperty triggersProperty() { return triggers; }

    /** Trigger modes the detector offers (supplied by the application), e.g. ints, exts, inte, exte. */
    public ObservableList<String> getTriggerModes() { return triggerModes; }
    public ObjectProperty<String> triggerModeProperty() { return triggerMode; }
    public StringProperty fileNameProperty() { return fileName; }

    /** Shows the buttons of the commands the detector has (Arm and Start are always there). */
    private void showCommands(HBox recovery) {
        Set<ControlCommand> c = commands.get();
        show(stop, c.contains(ControlCommand.STOP));
        show(abort, c.contains(ControlCommand.ABORT));
        show(disarm, c.contains(ControlCommand.DISARM));
        show(initialize, c.contains(ControlCommand.INITIALIZE));
        recovery.setVisible(disarm.isVisible() || initialize.isVisible());
    }

    private static void show(Button b, boolean on) {
        b.setVisible(on);
        b.setManaged(on);
    }

    /** The commands the detector has; the panel shows buttons only for these. */
    public ObjectProperty<Set<ControlCommand>> commandsProperty() { return commands; }
    public Set<ControlCommand> getCommands() { return commands.get(); }
    public void setCommands(Set<ControlCommand> c) {
        FxThread.check("DetectorControlPanel.setCommands");
        commands.set(c == null || c.isEmpty() ? EnumSet.noneOf(ControlCommand.class) : EnumSet.copyOf(c));
    }

    /**
     * True while the application follows a series it armed, until it has ended: Start needs it, Arm waits for its
     * end, and Abort stays enabled whatever the detector's state (a detector lost mid-series says nothing).
     */
    public BooleanProperty seriesOpenProperty() { return seriesOpen; }
    public boolean isSeriesOpen() { return seriesOpen.get(); }
    public void setSeriesOpen(boolean open) {
        FxThread.check("DetectorControlPanel.setSeriesOpen");
        seriesOpen.set(open);
    }

    /** The error shown inline; empty hides it. */
    public StringProperty errorProperty() { return error; }
    public void setError(String message) {
        FxThread.check("DetectorControlPanel.setError");
        error.set(message == null ? "" : message);
    }

    public ObjectProperty<AcquisitionProgress> progressProperty() { return progress; }
    public void setProgress(AcquisitionProgress p) {
        FxThread.check("DetectorControlPanel.setProgress");
        progress.set(p);
    }

    /** False while any field holds a bad value; Arm is disabled then. */
    public ReadOnlyBooleanProperty settingsValidProperty() { return settingsValid.getReadOnlyProperty(); }

    public ObjectProperty<EventHandler<ActionEvent>> onArmProperty() { return onArm; }
    public void setOnArm(EventHandler<ActionEvent> h) { onArm.set(h); }
    public ObjectProperty<EventHandler<ActionEvent>> onStartProperty() { return onStart; }
    public void setOnStart(EventHandler<ActionEvent> h) { onStart.set(h); }
    public ObjectProperty<EventHandler<ActionEvent>> onStopProperty() { return onStop; }
    public void setOnStop(EventHandler<ActionEvent> h) { onStop.set(h); }
    public ObjectProperty<EventHandler<ActionEvent>> onAbortProperty() { return onAbort; }
    public void setOnAbort(EventHandler<ActionEvent> h) { onAbort.set(h); }
    public ObjectProperty<EventHandler<ActionEvent>> onDisarmProperty() { return onDisarm; }
    public void setOnDisarm(EventHandler<ActionEvent> h) { onDisarm.set(h); }
    public ObjectProperty<EventHandler<ActionEvent>> onInitializeProperty() { return onInitialize; }
    public void setOnInitialize(EventHandler<ActionEvent> h) { onInitialize.set(h); }
}
