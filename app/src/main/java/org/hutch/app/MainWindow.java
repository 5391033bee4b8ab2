package org.hutch.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.hutch.app.acquire.LabSetup;
import org.hutch.app.session.Session;
import org.hutch.app.settings.AppSettings;
import org.hutch.app.settings.SettingsKeeper;
import org.hutch.app.settings.SettingsStore;
import org.hutch.app.ui.MainView;

/**
 * The window: one {@link Workspace} per detector (tabs when there are several, for example SAXS
 * and WAXS), window geometry and settings kept between runs, a clean close (open files are closed
 * on background threads before the app exits).
 */
public final class MainWindow {

    public static final String TITLE = "Hutch";

    private final SettingsKeeper settings;
    private final SettingsStore store;
    private final List<Workspace> workspaces = new ArrayList<>();
    private Stage stage;

    public MainWindow(LaunchOptions launch, SettingsStore store, AppSettings settings) {
        this.settings = new SettingsKeeper(store, settings);
        this.store = store;
        workspaces.add(new Workspace(launch, this.settings, key(launch.detectorSpec(), 0)));
        Path base = launch.dataDir() != null ? launch.dataDir()
                : settings.dataDir() != null ? Path.of(settings.dataDir()) : LabSetup.defaultDataDir();
        for (int i = 0; i < launch.moreDetectors().size(); i++) {
            String spec = launch.moreDetectors().get(i);
            // each detector gets its own embedded receiver and folder, so file names never collide
            LaunchOptions o = new LaunchOptions(null, spec, launch.viewOnly(), base.resolve("detector-" + (i + 2)),
                    launch.settingsFile(), 0);
            workspaces.add(new Workspace(o, this.settings, key(spec, i + 1)));
        }
    }

    private static String key(String spec, int index) {
        String id = spec != null ? spec.split(":")[0].trim() : LabSetup.DEFAULT_DETECTOR;
        return index == 0 ? id : id + "#" + (index + 1);
    }

    /** The first (or only) detector's view. */
    public MainView view() {
        return workspaces.get(0).view();
    }

    /** The first (or only) detector's session, or {@code null} while starting. */
    public Session session() {
        return workspaces.get(0).session();
    }

    /** The settings as they are now (a snapshot). */
    public AppSettings settings() {
        return settings.get();
    }

    public List<Workspace> workspaces() {
        return List.copyOf(workspaces);
    }

    public void show(Stage stage) {
        this.stage = stage;
        AppSettings.Layout l = settings.get().layout();
        // never larger than the screen (laptops, and the headless test screen)
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        double w = Math.min(l.width() != null ? l.width() : 1600, screen.getWidth());
        double h = Math.min(l.height() != null ? l.height() : 1000, screen.getHeight());
        Parent root;
        if (workspaces.size() == 1) {
            root = workspaces.get(0).root();
        } else {
            TabPane tabs = new TabPane();
            tabs.setId("detector-tabs");
            tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
            for (int i = 0; i < workspaces.size(); i++) {
                Tab t = new Tab(workspaces.get(i).title(), workspaces.get(i).root());
                t.setId("detector-tab-" + (i + 1));
                tabs.getTabs().add(t);
            }
            root = tabs;
        }
        stage.setTitle(TITLE);
        stage.setScene(new Scene(root, w, h));
        if (l.x() != null && l.y() != null && screen.contains(l.x(), l.y())) {
            stage.setX(l.x());
            stage.setY(l.y());
        }
        stage.setOnCloseRequest(e -> {
            e.consume();
            workspaces.forEach(ws -> ws.view().setStatusLine("closing: finishing the open file..."));
            close().whenComplete((v, err) -> Platform.runLater(() -> {
                stage.hide();
                Platform.exit();
            }));
        });
        stage.show();
        long shownAt = System.nanoTime();
        workspaces.forEach(ws -> ws.attach(stage, shownAt));
        store.loadProblem().ifPresent(this::warnAboutSettings);
    }

    /** An unreadable settings file is said in the window, not only in the log (not modal: the window works on). */
    private void warnAboutSettings(String problem) {
        javafx.scene.control.Alert a = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.WARNING, problem);
        a.initOwner(stage);
        a.setTitle("Settings not read");
        a.setHeaderText("Settings not read");
        a.getDialogPane().setId("settings-problem");
        a.show();
    }

    /** Remembers layout and settings, then closes every session on background threads (FX thread). */
    public CompletableFuture<Void> close() {
        if (stage != null && stage.isShowing()) {
            double x = stage.getX();
            double y = stage.getY();
            double w = stage.getWidth();
            double h = stage.getHeight();
            settings.update(s -> s.withLayout(s.layout().withWindow(x, y, w, h)));
        }
        for (int i = workspaces.size() - 1; i >= 0; i--) {
            workspaces.get(i).rememberSettings(); // the first one's view settings win
        }
        return closeQuietly();
    }

    /**
     * Saves the newest settings snapshot and closes every session, on background threads, from any
     * thread (no nodes are read; the snapshot is immutable, so the FX thread may go on changing the settings).
     */
    public CompletableFuture<Void> closeQuietly() {
        CompletableFuture<?>[] all = new CompletableFuture<?>[workspaces.size() + 1];
        all[0] = settings.save();
        for (int i = 0; i < workspaces.size(); i++) {
            all[i + 1] = workspaces.get(i).closeSession();
        }
        return CompletableFuture.allOf(all);
    }
}
