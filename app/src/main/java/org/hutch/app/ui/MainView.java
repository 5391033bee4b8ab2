package org.hutch.app.ui;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.DoubleConsumer;

import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import org.hutch.app.HutchVersion;
import org.hutch.app.LaunchOptions;
import org.hutch.app.live.ConnectionState;
import org.hutch.model.receiver.ReceiverStatus;
import org.hutch.widgets.control.DetectorControlPanel;
import org.hutch.widgets.image.LiveImageView;
import org.hutch.widgets.plot.AzintPlot;
import org.hutch.widgets.status.ReceiverStatusView;

/**
 * The window's nodes and their layout; FX thread only. Node ids for tests and styling:
 * {@code #mode}, {@code #receiver-url}, {@code #data-dir}, {@code #change-data-dir}, {@code #connect},
 * {@code #load-poni}, {@code #load-mask}, {@code #poll-rate}, {@code #connection-state},
 * {@code #status-line}, and those of the form, plot, status pane and image view.
 */
public final class MainView {
    /** The app's own look (the widgets bring theirs); style classes instead of inline styles. */
    private static final String STYLESHEET =
            MainView.class.getResource("/org/hutch/app/hutch-app.css").toExternalForm();
    private static final String LAB_MODE = "lab-mode";
    private static final String CLUSTER_MODE = "cluster-mode";
    private final BorderPane root = new BorderPane();
    private final LiveImageView image = new LiveImageView();
    private final AzintPlot plot = new AzintPlot();
    private final DetectorControlPanel panel = new DetectorControlPanel();
    private final DetectorSettingsForm settingsForm = new DetectorSettingsForm();
    private final TitledPane settingsPane = new TitledPane("Detector settings", settingsForm);
    private final Label detectorName = new Label("no detector");
    private final ReceiverStatusView receiverStatus = new ReceiverStatusView();
    private final SplitPane main = new SplitPane();
    private final SplitPane right = new SplitPane();
    private final Menu fileMenu = new Menu("File");
    private final Menu viewMenu = new Menu("View");
    private final Menu maskMenu = new Menu("Mask");
    private final Menu correctionsMenu = new Menu("Corrections");
    private final Menu analysisMenu = new Menu("Analysis");
    private final MenuBar menuBar = new MenuBar(fileMenu, viewMenu, maskMenu, correctionsMenu, analysisMenu);
    private final TabPane analysisTabs = new TabPane();
    private final VBox imageColumn = new VBox(image);

    private final Label mode = new Label();
    private final Label receiverUrl = new Label();
    private final Label dataDir = new Label();
    private final Button changeDataDir = new Button("Change...");
    private final Button connect = new Button("Connect...");
    private final Button sharedDownsample = new Button("Receiver downsample...");
    private final Button loadPoni = new Button("Load PONI...");
    private final Button loadMask = new Button("Load mask...");
    private final Button calibrate = new Button("Calibrate...");
    private final ComboBox<Double> pollRate = new ComboBox<>();
    private final ComboBox<String> detectorChoice = new ComboBox<>();
    private boolean settingDetectorChoice;
    private final Circle connectionDot = new Circle(6, Color.GRAY);
    private final Label connection = new Label("starting...");
    private final Label statusLine = new Label("starting...");
    private final boolean viewOnly;

    public MainView(boolean viewOnly) {
        this.viewOnly = viewOnly;
        panel.setViewOnly(viewOnly);
        detectorName.setId("detector-name");
        detectorName.setWrapText(true);
        detectorName.getStyleClass().add("detector-name");
        root.setId("main-root");
        root.getStylesheets().add(STYLESHEET);

        mode.setId("mode");
        mode.getStyleClass().add("mode-badge");
        receiverUrl.setId("receiver-url");
        dataDir.setId("data-dir");
        changeDataDir.setId("change-data-dir");
        connect.setId("connect");
        loadPoni.setId("load-poni");
        loadMask.setId("load-mask");
        calibrate.setId("calibrate");
        pollRate.setId("poll-rate");
        pollRate.getItems().setAll(List.of(0.2, 0.5, 1.0, 2.0, 5.0, 10.0));
        pollRate.setTooltip(new Tooltip("live view polls per second"));
        changeDataDir.setDisable(viewOnly);
        sharedDownsample.setId("shared-downsample");
        sharedDownsample.setDisable(viewOnly);
        sharedDownsample.setTooltip(new Tooltip("the receiver's own downsample factor (MAX IV /downsample), shared by every viewer"));
        detectorChoice.setId("detector-choice");
        detectorChoice.setDisable(viewOnly);
        detectorChoice.setTooltip(new Tooltip("detector plugin driven from this window"));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Label dataDirLabel = new Label("Data folder:");
        dataDirLabel.setId("data-dir-label");
        Label detectorLabel = new Label("Detector:");
        detectorLabel.setId("detector-label");
        HBox top = new HBox(8, mode, receiverUrl, new Separator(Orientation.VERTICAL), dataDirLabel, dataDir,
                changeDataDir, new Separator(Orientation.VERTICAL), detectorLabel, detectorChoice, grow,
                new Label("Live"), pollRate, new Label("Hz"), loadPoni, loadMask, calibrate, sharedDownsample, connect);
        // a narrow window shortens the URL and the folder (ellipsized, whole in their tooltips); the rest stays whole
        for (javafx.scene.Node n : top.getChildren()) {
            if (n instanceof Region r && n != receiverUrl && n != dataDir && n != grow) {
                r.setMinWidth(Region.USE_PREF_SIZE);
            }
        }
        receiverUrl.setMinWidth(40);
        dataDir.setMinWidth(40);
        receiverUrl.tooltipProperty().bind(javafx.beans.binding.Bindings.createObjectBinding(
                () -> new Tooltip(receiverUrl.getText()), receiverUrl.textProperty()));
        dataDir.tooltipProperty().bind(javafx.beans.binding.Bindings.createObjectBinding(
                () -> new Tooltip(dataDir.getText()), dataDir.textProperty()));
        top.setId("top-bar");
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(6, 8, 6, 8));
        menuBar.setId("menu-bar");
        fileMenu.setId("file-menu");
        viewMenu.setId("view-menu");
        maskMenu.setId("mask-menu");
        correctionsMenu.setId("corrections-menu");
        analysisMenu.setId("analysis-menu");
        for (Menu m : menuBar.getMenus()) {
            m.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(m.getItems())); // no empty menus
        }
        root.setTop(new VBox(menuBar, top));

        right.setOrientation(Orientation.VERTICAL);
        Tab curveTab = new Tab("1D", plot);
        curveTab.setId("curve-tab");
        curveTab.setClosable(false);
        analysisTabs.setId("analysis-tabs");
        analysisTabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        analysisTabs.getTabs().add(curveTab);
        right.getItems().addAll(analysisTabs, new ScrollPane(receiverStatus));
        right.setDividerPositions(0.68);
        settingsPane.setId("detector-settings-pane");
        settingsPane.setExpanded(false);
        settingsPane.setAnimated(false);
        settingsPane.setDisable(viewOnly);
        VBox left = new VBox(8, detectorName, settingsPane, panel);
        left.setPadding(new Insets(10));
        ScrollPane formScroll = new ScrollPane(left);
        formScroll.setFitToWidth(true);
        formScroll.setMinWidth(300);
        VBox.setVgrow(image, Priority.ALWAYS);
        main.getItems().addAll(formScroll, imageColumn, right);
        main.setDividerPositions(0.2, 0.61); // the tabs beside the image fit at 1280 px
        SplitPane.setResizableWithParent(formScroll, false);
        root.setCenter(main);

        connection.setId("connection-state");
        statusLine.setId("status-line");
        statusLine.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(statusLine, Priority.ALWAYS);
        Label version = new Label("Hutch " + HutchVersion.get() + (viewOnly ? " - view only" : ""));
        version.getStyleClass().add("version");
        HBox bar = new HBox(8, connectionDot, connection, new Separator(Orientation.VERTICAL), statusLine, version);
        bar.setId("status-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 8, 4, 8));
        bar.getStyleClass().add("status-bar");
        root.setBottom(bar);
    }

    public Parent root() {
        return root;
    }

    public LiveImageView image() {
        return image;
    }

    public AzintPlot plot() {
        return plot;
    }

    /** The image, with room above it for bars that say what it shows (a file being browsed). */
    public VBox imageColumn() {
        return imageColumn;
    }

    /** The tabs beside the image: "1D" (the azint plot) first; views of the same data add theirs. */
    public TabPane analysisTabs() {
        return analysisTabs;
    }

    /** File: open, integrate and export. */
    public Menu fileMenu() {
        return fileMenu;
    }

    /** View: display transforms of the image. */
    public Menu viewMenu() {
        return viewMenu;
    }

    /** Mask: drawing, thresholds, import and export. */
    public Menu maskMenu() {
        return maskMenu;
    }

    /** Corrections: dark, flat field, background. */
    public Menu correctionsMenu() {
        return correctionsMenu;
    }

    /** Analysis: ROIs, line cuts, phase markers. */
    public Menu analysisMenu() {
        return analysisMenu;
    }

    public DetectorControlPanel panel() {
        return panel;
    }

    /** The chosen detector plugin's settings (URL, device, ...). */
    public DetectorSettingsForm settingsForm() {
        return settingsForm;
    }

    /** Runs {@code r} each time the user opens the detector settings (the form is filled only then: it is heavy). */
    public void onSettingsFormOpened(Runnable r) {
        settingsPane.expandedProperty().addListener((o, a, b) -> {
            if (b) {
                r.run();
            }
        });
    }

    /** Opens or folds the detector settings. */
    public void showSettingsForm(boolean expanded) {
        settingsPane.setExpanded(expanded);
    }

    public void showDetectorName(String name) {
        detectorName.setText(name);
    }

    public ReceiverStatusView receiverStatus() {
        return receiverStatus;
    }

    public void onConnect(Runnable r) {
        connect.setOnAction(e -> r.run());
    }

    public void onChangeDataDir(Runnable r) {
        changeDataDir.setOnAction(e -> r.run());
    }

    public void onSharedDownsample(Runnable r) {
        sharedDownsample.setOnAction(e -> r.run());
    }

    public void onCalibrate(Runnable r) {
        calibrate.setOnAction(e -> r.run());
    }

    public void onLoadPoni(Runnable r) {
        loadPoni.setOnAction(e -> r.run());
    }

    public void onLoadMask(Runnable r) {
        loadMask.setOnAction(e -> r.run());
    }

    /** The installed detector plugins, and the one in use ({@code null} = none). */
    public void setDetectorChoices(List<String> ids, String selected) {
        settingDetectorChoice = true;
        try {
            detectorChoice.getItems().setAll(ids);
            detectorChoice.setValue(selected);
        } finally {
            settingDetectorChoice = false;
        }
    }

    /** Called when the user picks another detector plugin. */
    public void onDetectorChosen(java.util.function.Consumer<String> c) {
        detectorChoice.valueProperty().addListener((o, a, b) -> {
            if (!settingDetectorChoice && b != null && !b.equals(a)) {
                c.accept(b);
            }
        });
    }

    public void onPollRate(DoubleConsumer c) {
        pollRate.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                c.accept(b);
            }
        });
    }

    public void setPollRate(double hz) {
        pollRate.setValue(hz);
    }

    public void setDividers(Double mainDivider, Double viewDivider) {
        if (mainDivider != null && viewDivider != null && mainDivider > 0 && viewDivider > mainDivider && viewDivider < 1) {
            main.setDividerPositions(mainDivider, viewDivider);
        }
    }

    public double[] dividers() {
        double[] d = main.getDividerPositions();
        return new double[] {d[0], d.length > 1 ? d[1] : 0.66};
    }

    /** Shows lab or cluster mode, the receiver and (lab mode) the data folder. */
    public void showMode(LaunchOptions o, Path dir) {
        boolean lab = o.labMode();
        mode.setText((lab ? "Lab" : "Cluster") + (viewOnly ? " \u00b7 view only" : ""));
        mode.getStyleClass().removeAll(LAB_MODE, CLUSTER_MODE);
        mode.getStyleClass().add(lab ? LAB_MODE : CLUSTER_MODE);
        receiverUrl.setText(lab ? "embedded receiver" : o.receiverUrl());
        dataDir.setText(dir != null ? dir.toString() : lab ? "..." : "(on the receiver)");
        changeDataDir.setVisible(lab);
        changeDataDir.setManaged(lab);
        sharedDownsample.setVisible(!lab); // a cluster receiver's factor; the embedded one downsamples per request
        sharedDownsample.setManaged(!lab);
    }

    public void showReceiverUrl(String url) {
        receiverUrl.setText(url);
    }

    public void showConnection(ConnectionState state, String message) {
        connectionDot.setFill(switch (state) {
            case CONNECTED -> Color.web("#2e7d32");
            case LOST -> Color.web("#c62828");
            default -> Color.web("#f9a825");
        });
        connection.setText(switch (state) {
            case CONNECTED -> "connected";
            case LOST -> "connection lost";
            default -> "connecting...";
        });
        connection.setTooltip(new Tooltip(message));
        if (state == ConnectionState.CONNECTED && message.startsWith("connected to ")) {
            receiverUrl.setText(message.substring("connected to ".length())); // URL and API layer
        }
        if (state == ConnectionState.LOST) {
            statusLine.setText(message);
            receiverStatus.setPollFailed(message);
        }
    }

    public String connectionText() {
        return connection.getText();
    }

    public void showReceiverStatus(ReceiverStatus s) {
        receiverStatus.setStatus(s, Instant.now());
    }

    public void setStatusLine(String text) {
        statusLine.setText(text);
    }

    public String statusLine() {
        return statusLine.getText();
    }

    /** All nodes that can change detector or receiver state (for view-only checks). */
    public List<Node> controls() {
        List<Node> nodes = new java.util.ArrayList<>();
        for (String id : List.of("#exposure", "#period", "#images", "#triggers", "#trigger-mode", "#file-name",
                "#arm", "#start", "#stop", "#abort")) {
            Node n = panel.lookup(id);
            if (n == null) {
                throw new IllegalStateException("control panel has no " + id);
            }
            nodes.add(n);
        }
        nodes.add(changeDataDir);
        nodes.add(detectorChoice);
        nodes.add(settingsPane);
        nodes.add(sharedDownsample);
        return nodes;
    }
}
