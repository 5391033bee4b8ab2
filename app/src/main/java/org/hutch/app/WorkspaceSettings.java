package org.hutch.app;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.hutch.app.acquire.LabSetup;
import org.hutch.app.settings.AppSettings;
import org.hutch.app.settings.SettingsKeeper;
import org.hutch.app.ui.MainView;
import org.hutch.widgets.control.AcquisitionSettings;
import org.hutch.widgets.image.Colormap;
import org.hutch.widgets.image.Scale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one workspace remembers between runs: the image view's look, the split positions, and the
 * detector panel's values per detector (its id, plus #n for the n-th tab). Reads and writes the
 * view, so FX thread only; the snapshots go to the shared {@link SettingsKeeper}.
 */
final class WorkspaceSettings {
    /** the poll rate until the user picks one (app_preferences.properties, live_poll_rate_hz) */
    private final double defaultPollHz = AppPreferences.load().livePollRateHz();
    private static final Logger LOG = LoggerFactory.getLogger(WorkspaceSettings.class);

    private final SettingsKeeper settings;
    private final MainView view;
    /** this workspace's key: detector id, + #n for more */
    private final String settingsKey;

    WorkspaceSettings(SettingsKeeper settings, MainView view, String settingsKey) {
        this.settings = settings;
        this.view = view;
        this.settingsKey = settingsKey;
    }

    SettingsKeeper keeper() {
        return settings;
    }

    AppSettings get() {
        return settings.get();
    }

    static String detectorId(LaunchOptions o) {
        return o.detectorSpec() != null ? o.detectorSpec().split(":")[0].trim()
                : o.labMode() ? LabSetup.DEFAULT_DETECTOR : null;
    }

    /** Lab mode's data folder: the one asked for, else the remembered one, else the default. */
    Path dataDirFor(LaunchOptions o) {
        if (o.dataDir() != null) {
            return o.dataDir();
        }
        AppSettings s = settings.get();
        return s.dataDir() != null ? Path.of(s.dataDir()) : LabSetup.defaultDataDir();
    }

    /**
     * The PONI of this workspace's current detector; a settings file from before geometry was kept per
     * detector gives its one PONI to the first tab only.
     */
    Path poniFile(LaunchOptions current) {
        return geometryFile(current, "poni", settings.get().poniFile());
    }

    /** The mask of this workspace's current detector (see {@link #poniFile}). */
    Path maskFile(LaunchOptions current) {
        return geometryFile(current, "mask", settings.get().maskFile());
    }

    private Path geometryFile(LaunchOptions current, String which, String legacy) {
        Map<String, String> files = settings.get().detectorGeometry().get(detectorKey(current));
        String f = files != null ? files.get(which) : settingsKey.indexOf('#') < 0 ? legacy : null;
        return f != null ? Path.of(f) : null;
    }

    /** Remembers (and saves) the PONI and mask of this workspace's current detector. */
    void rememberGeometry(LaunchOptions current, Path poni, Path mask) {
        String key = detectorKey(current);
        settings.updateAndSave(a -> a.withDetectorGeometry(key, poni != null ? poni.toString() : null,
                mask != null ? mask.toString() : null));
    }

    double pollHz() {
        Double hz = settings.get().pollHz();
        return hz != null ? hz : defaultPollHz;
    }

    void applyToView() {
        AppSettings s = settings.get();
        if (s.colormap() != null) {
            try {
                view.image().setColormap(Colormap.valueOf(s.colormap()));
            } catch (IllegalArgumentException ignored) {
                // unknown name in an old settings file
            }
        }
        if (s.colormapReversed() != null) {
            view.image().setColormapReversed(s.colormapReversed());
        }
        if (s.scale() != null) {
            try {
                view.image().setScale(Scale.valueOf(s.scale()));
            } catch (IllegalArgumentException ignored) {
                // unknown name in an old settings file
            }
        }
        if (s.contrastLowPercentile() != null) {
            view.image().percentileLowProperty().set(s.contrastLowPercentile());
        }
        if (s.contrastHighPercentile() != null) {
            view.image().percentileHighProperty().set(s.contrastHighPercentile());
        }
        view.setPollRate(pollHz());
        view.setDividers(s.layout().mainDivider(), s.layout().viewDivider());
    }

    /** Takes the view's look and, when a detector is driven, the panel's values into the settings (not saved yet). */
    void rememberView(LaunchOptions current, boolean hasDetector) {
        double[] d = view.dividers();
        settings.update(s -> s.withImageView(view.image().getColormap().name(), view.image().getScale().name(),
                        view.image().percentileLowProperty().get(), view.image().percentileHighProperty().get())
                .withLayout(s.layout().withDividers(d[0], d[1]))
                .withColormapReversed(view.image().colormapReversedProperty().get()));
        if (hasDetector) {
            rememberPanel(current);
        }
    }

    void rememberPanel(LaunchOptions current) {
        Map<String, Object> values = panelValues();
        String key = detectorKey(current);
        settings.update(s -> s.withDetectorSettings(key, merged(s, key, values)));
    }

    /** The image's orientation, ROIs and line cut remembered for the current detector (null = none). */
    @SuppressWarnings("unchecked")
    Map<String, Object> displayOf(LaunchOptions current) {
        Map<String, Object> m = settings.get().detectorSettings().get(detectorKey(current));
        return m != null && m.get(DISPLAY) instanceof Map<?, ?> d ? (Map<String, Object>) d : null;
    }

    /** Remembers (and saves) the image's orientation, ROIs and line cut for the current detector. */
    void rememberDisplay(LaunchOptions current, Map<String, Object> display) {
        String key = detectorKey(current);
        settings.updateAndSave(s -> s.withDetectorSettings(key, merged(s, key, Map.of(DISPLAY, display))));
    }

    /** key of the display entry in a detector's settings, beside the panel's values */
    private static final String DISPLAY = "display";

    /** The detector's remembered values with {@code values} put over them (the panel's and the display's live side by side). */
    private static Map<String, Object> merged(AppSettings s, String key, Map<String, Object> values) {
        Map<String, Object> m = new LinkedHashMap<>(s.detectorSettings().getOrDefault(key, Map.of()));
        m.putAll(values);
        return m;
    }

    private Map<String, Object> panelValues() {
        AcquisitionSettings p = view.panel().getSettings();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("exposure", p.exposure());
        m.put("period", p.period());
        m.put("images", p.images());
        m.put("triggers", p.triggers());
        m.put("triggerMode", p.triggerMode());
        m.put("fileName", p.fileName());
        return m;
    }

    /** Puts the values remembered for this detector back into the panel. */
    void restorePanel(LaunchOptions current) {
        Map<String, Object> m = settings.get().detectorSettings().get(detectorKey(current));
        if (m == null) {
            return;
        }
        try {
            AcquisitionSettings now = view.panel().getSettings();
            String mode = m.get("triggerMode") instanceof String t && view.panel().getTriggerModes().contains(t)
                    ? t : now.triggerMode();
            view.panel().setSettings(new AcquisitionSettings(
                    num(m.get("exposure"), now.exposure()), num(m.get("period"), now.period()),
                    (long) num(m.get("images"), now.images()), (long) num(m.get("triggers"), now.triggers()),
                    mode, m.get("fileName") instanceof String f ? f : now.fileName()));
        } catch (RuntimeException e) {
            LOG.warn("remembered detector settings ignored: {}", e.getMessage());
        }
    }

    private static double num(Object o, double fallback) {
        return o instanceof Number n ? n.doubleValue() : fallback;
    }

    /** Where the current detector's settings are remembered: its id, plus #n for the n-th tab. */
    private String detectorKey(LaunchOptions current) {
        String id = detectorId(current);
        int hash = settingsKey.indexOf('#');
        return (id != null ? id : "none") + (hash >= 0 ? settingsKey.substring(hash) : "");
    }
}
