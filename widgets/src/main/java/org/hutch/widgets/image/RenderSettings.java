package org.hutch.widgets.image;

import java.util.Objects;
import org.hutch.model.pixels.BlockReduction;

/**
 * What the user chose for drawing an image; immutable, so one snapshot travels with each render
 * request to the preparation thread.
 *
 * @param percentileLow  low percentile for {@link ContrastMode#PERCENTILE}, 0..100
 * @param percentileHigh high percentile for {@link ContrastMode#PERCENTILE}, 0..100
 * @param manualLow      low limit for {@link ContrastMode#MANUAL}
 * @param manualHigh     high limit for {@link ContrastMode#MANUAL}
 * @param invalidArgb    colour of invalid pixels (non-premultiplied ARGB)
 * @param maskArgb       colour of masked pixels (non-premultiplied ARGB)
 * @param maskOverlay    whether masked pixels are drawn in the mask colour (otherwise as data)
 */
public record RenderSettings(Colormap colormap, boolean reversed, Scale scale, ContrastMode contrastMode,
                             double percentileLow, double percentileHigh, double manualLow, double manualHigh,
                             BlockReduction reduction, int invalidArgb, int maskArgb, boolean maskOverlay) {

    public static final double DEFAULT_PERCENTILE_LOW = 0.1;
    public static final double DEFAULT_PERCENTILE_HIGH = 99.9;

    public RenderSettings {
        Objects.requireNonNull(colormap, "colormap");
        Objects.requireNonNull(scale, "scale");
        Objects.requireNonNull(contrastMode, "contrastMode");
        Objects.requireNonNull(reduction, "reduction");
        if (!(percentileLow >= 0 && percentileHigh <= 100 && percentileLow < percentileHigh)) {
            throw new IllegalArgumentException("percentiles must satisfy 0 <= low < high <= 100, got "
                    + percentileLow + " and " + percentileHigh);
        }
    }

    /** Viridis, linear, 0.1-99.9 % percentiles, max reduction, grey-blue invalid, magenta mask. */
    public static RenderSettings defaults() {
        return new RenderSettings(Colormap.VIRIDIS, false, Scale.LINEAR, ContrastMode.PERCENTILE,
                DEFAULT_PERCENTILE_LOW, DEFAULT_PERCENTILE_HIGH, 0, 1, BlockReduction.MAX, 0xFF5A6E82, 0xFFE020E0, true);
    }

    /** The same settings with manual limits {@code lo}..{@code hi}. */
    public RenderSettings withManual(double lo, double hi) {
        return new RenderSettings(colormap, reversed, scale, ContrastMode.MANUAL, percentileLow, percentileHigh,
                lo, hi, reduction, invalidArgb, maskArgb, maskOverlay);
    }
}
