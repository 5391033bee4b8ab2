package org.hutch.app.settings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the app remembers between runs. Plain fields so Jackson reads old and new files alike:
 * unknown keys are ignored, missing keys keep these defaults.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class AppSettings {

    /** Most recent first; at most {@link #MAX_RECENT}. */
    public static final int MAX_RECENT = 10;

    public List<String> recentReceivers = new ArrayList<>();
    /** Per detector id: the last settings used (exposure, period, frames, trigger mode, file name, ...). */
    public Map<String, Map<String, Object>> detectorSettings = new LinkedHashMap<>();
    /** Per detector id: plugin options (the k=v of --detector). */
    public Map<String, Map<String, String>> detectorOptions = new LinkedHashMap<>();
    public String lastDetector;
    public String dataDir;
    public String poniFile;
    public String maskFile;
    public String colormap;
    public String scale;
    public Double contrastLowPercentile;
    public Double contrastHighPercentile;
    public Double pollHz;
    public Layout layout = new Layout();

    /** Window geometry and split positions. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Layout {
        public Double x;
        public Double y;
        public Double width;
        public Double height;
        public Boolean maximized;
        public Double mainDivider;
        public Double viewDivider;
    }

    /** Puts {@code url} first in the recent receivers, without duplicates, keeping at most {@link #MAX_RECENT}. */
    public void rememberReceiver(String url) {
        if (url == null || url.isBlank()) {
            return;
        }
        recentReceivers.remove(url);
        recentReceivers.add(0, url);
        while (recentReceivers.size() > MAX_RECENT) {
            recentReceivers.remove(recentReceivers.size() - 1);
        }
    }
}
