package org.hutch.app.settings;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the app remembers between runs, as an immutable snapshot: a change makes a new one
 * ({@code with...}), so a snapshot can be written on any thread while the FX thread goes on changing
 * the settings. Jackson reads old and new files alike: unknown keys are ignored, missing or null keys
 * get these defaults.
 *
 * @param detectorSettings per detector id: the last settings used (exposure, period, frames, trigger mode, file name, ...)
 *                         and under "display" the image's orientation, ROIs and line cut
 * @param detectorOptions  per detector id: plugin options (the k=v of --detector)
 * @param poniFile         the PONI of a settings file from before geometry was kept per detector
 * @param detectorGeometry per detector (its id, plus #n for the n-th tab): {@code poni} and {@code mask} files
 * @param colormapReversed whether the image's colour map is reversed
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AppSettings(List<String> recentReceivers, Map<String, Map<String, Object>> detectorSettings,
                          Map<String, Map<String, String>> detectorOptions, String lastDetector, String dataDir,
                          String poniFile, String maskFile, String colormap, String scale,
                          Double contrastLowPercentile, Double contrastHighPercentile, Double pollHz, Layout layout,
                          Map<String, Map<String, String>> detectorGeometry, Boolean colormapReversed) {

    /** Most recent first; at most {@link #MAX_RECENT}. */
    public static final int MAX_RECENT = 10;

    public AppSettings {
        recentReceivers = recentReceivers == null ? List.of()
                : recentReceivers.stream().filter(u -> u != null && !u.isBlank()).limit(MAX_RECENT).toList();
        detectorSettings = frozen(detectorSettings);
        detectorOptions = frozen(detectorOptions);
        detectorGeometry = frozen(detectorGeometry);
        layout = layout == null ? Layout.EMPTY : layout;
    }

    /** Nothing remembered yet. */
    public static AppSettings defaults() {
        return new AppSettings(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** Window geometry and split positions. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Layout(Double x, Double y, Double width, Double height, Boolean maximized, Double mainDivider,
                         Double viewDivider) {
        static final Layout EMPTY = new Layout(null, null, null, null, null, null, null);

        public Layout withWindow(double x, double y, double width, double height) {
            return new Layout(x, y, width, height, maximized, mainDivider, viewDivider);
        }

        public Layout withDividers(double main, double view) {
            return new Layout(x, y, width, height, maximized, main, view);
        }
    }

    /** Puts {@code url} first in the recent receivers, without duplicates, keeping at most {@link #MAX_RECENT}. */
    public AppSettings withReceiverRemembered(String url) {
        if (url == null || url.isBlank()) {
            return this;
        }
        List<String> recent = new ArrayList<>(recentReceivers);
        recent.remove(url);
        recent.add(0, url);
        return new AppSettings(recent, detectorSettings, detectorOptions, lastDetector, dataDir, poniFile, maskFile,
                colormap, scale, contrastLowPercentile, contrastHighPercentile, pollHz, layout, detectorGeometry, colormapReversed);
    }

    /** The settings last used for one detector (its key: the detector id, plus #n for the n-th tab). */
    public AppSettings withDetectorSettings(String key, Map<String, Object> values) {
        Map<String, Map<String, Object>> m = new LinkedHashMap<>(detectorSettings);
        m.put(key, values);
        return new AppSettings(recentReceivers, m, detectorOptions, lastDetector, dataDir, poniFile, maskFile,
                colormap, scale, contrastLowPercentile, contrastHighPercentile, pollHz, layout, detectorGeometry, colormapReversed);
    }

    public AppSettings withDataDir(String dir) {
        return new AppSettings(recentReceivers, detectorSettings, detectorOptions, lastDetector, dir, poniFile,
                maskFile, colormap, scale, contrastLowPercentile, contrastHighPercentile, pollHz, layout, detectorGeometry, colormapReversed);
    }

    /** The PONI and mask files of one detector's integration and image ({@code null} = none). */
    public AppSettings withDetectorGeometry(String key, String poni, String mask) {
        Map<String, Map<String, String>> m = new LinkedHashMap<>(detectorGeometry);
        Map<String, String> files = new LinkedHashMap<>();
        if (poni != null) {
            files.put("poni", poni);
        }
        if (mask != null) {
            files.put("mask", mask);
        }
        m.put(key, files);
        return new AppSettings(recentReceivers, detectorSettings, detectorOptions, lastDetector, dataDir, poniFile,
                maskFile, colormap, scale, contrastLowPercentile, contrastHighPercentile, pollHz, layout, m, colormapReversed);
    }

    /** Plugin options of one detector id, as a settings form last opened it. */
    public AppSettings withDetectorOptions(String id, Map<String, String> options) {
        Map<String, Map<String, String>> m = new LinkedHashMap<>(detectorOptions);
        m.put(id, options);
        return new AppSettings(recentReceivers, detectorSettings, m, lastDetector, dataDir, poniFile, maskFile,
                colormap, scale, contrastLowPercentile, contrastHighPercentile, pollHz, layout, detectorGeometry, colormapReversed);
    }

    /** The PONI and mask files of the app-side integration ({@code null} = none). */
    public AppSettings withGeometry(String poni, String mask) {
        return new AppSettings(recentReceivers, detectorSettings, detectorOptions, lastDetector, dataDir, poni, mask,
                colormap, scale, contrastLowPercentile, contrastHighPercentile, pollHz, layout, detectorGeometry, colormapReversed);
    }

    /** The image view's look: colormap and scale names, contrast percentiles. */
    public AppSettings withImageView(String colormap, String scale, double low, double high) {
        return new AppSettings(recentReceivers, detectorSettings, detectorOptions, lastDetector, dataDir, poniFile,
                maskFile, colormap, scale, low, high, pollHz, layout, detectorGeometry, colormapReversed);
    }

    public AppSettings withColormapReversed(boolean reversed) {
        return new AppSettings(recentReceivers, detectorSettings, detectorOptions, lastDetector, dataDir, poniFile,
                maskFile, colormap, scale, contrastLowPercentile, contrastHighPercentile, pollHz, layout, detectorGeometry,
                reversed);
    }

    public AppSettings withPollHz(double hz) {
        return new AppSettings(recentReceivers, detectorSettings, detectorOptions, lastDetector, dataDir, poniFile,
                maskFile, colormap, scale, contrastLowPercentile, contrastHighPercentile, hz, layout, detectorGeometry, colormapReversed);
    }

    public AppSettings withLayout(Layout l) {
        return new AppSettings(recentReceivers, detectorSettings, detectorOptions, lastDetector, dataDir, poniFile,
                maskFile, colormap, scale, contrastLowPercentile, contrastHighPercentile, pollHz, l, detectorGeometry, colormapReversed);
    }

    /** An unmodifiable copy keeping the order of the keys (null = empty). */
    private static <V> Map<String, V> frozen(Map<String, V> m) {
        if (m == null) {
            return Map.of();
        }
        Map<String, V> copy = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (k != null && v != null) {
                copy.put(k, v instanceof Map<?, ?> inner ? cast(Collections.unmodifiableMap(new LinkedHashMap<>(inner))) : v);
            }
        });
        return Collections.unmodifiableMap(copy);
    }

    @SuppressWarnings("unchecked")
    private static <V> V cast(Object o) {
        return (V) o;
    }
}
