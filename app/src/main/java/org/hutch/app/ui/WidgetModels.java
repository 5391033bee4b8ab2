package org.hutch.app.ui;

import java.util.List;

import java.util.Map;
import java.util.Set;
import org.hutch.app.acquire.SeriesFileName;
import org.hutch.detector.DetectorState;
import org.hutch.model.acquisition.AcquisitionSettings;
import org.hutch.model.acquisition.TriggerMode;
import org.hutch.widgets.control.ControlState;

/** Translations between the app's detector/receiver types and the widgets' own (which know neither). */
public final class WidgetModels {
    private WidgetModels() {
    }

    public static ControlState controlState(DetectorState s) {
        return ControlState.valueOf(s.name());
    }

    /** The panel's values as detector settings (file name completed with {@code .h5} or a time stamp). */
    public static AcquisitionSettings detectorSettings(org.hutch.widgets.control.AcquisitionSettings p) {
        TriggerMode mode = p.triggerMode() != null ? TriggerMode.fromName(p.triggerMode()) : TriggerMode.INTS;
        return new AcquisitionSettings(p.exposure(), p.period(), Math.toIntExact(p.images()),
                Math.toIntExact(p.triggers()), mode, SeriesFileName.of(p.fileName()), Map.of());
    }

    public static org.hutch.widgets.control.AcquisitionSettings panelSettings(AcquisitionSettings s, String typedName) {
        return new org.hutch.widgets.control.AcquisitionSettings(s.exposureTime(), s.period(), s.images(), s.triggers(),
                s.triggerMode().wireName(), typedName);
    }

    public static List<String> triggerModeNames(Set<TriggerMode> modes) {
        return modes.stream().sorted().map(TriggerMode::wireName).toList();
    }
}
