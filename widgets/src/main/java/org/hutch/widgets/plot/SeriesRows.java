package org.hutch.widgets.plot;

import java.util.List;
import java.util.Objects;

import org.hutch.model.curve.RadialUnit;

/**
 * Every frame of one series as intensity rows on one radial grid, in frame order: row i is frame
 * {@code firstFrame + i}, and a {@code null} row is a frame that has no curve (skipped by the
 * integrating pipeline, or lost on its way). The lists are not copied: hand over one that is no
 * longer changed.
 *
 * @param series     the series' name, for the caption
 * @param unit       unit of {@code grid}
 * @param grid       radial bin centres, the x of every row
 * @param firstFrame detector frame number of row 0
 * @param rows       intensities per frame ({@code grid.length} each), or null for a missing frame
 */
public record SeriesRows(String series, RadialUnit unit, double[] grid, long firstFrame, List<float[]> rows) {

    public SeriesRows {
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(grid, "grid");
        Objects.requireNonNull(rows, "rows");
        for (float[] r : rows) {
            if (r != null && r.length != grid.length) {
                throw new IllegalArgumentException("a row has " + r.length + " values but the grid " + grid.length);
            }
        }
    }

    /** Frames without a curve. */
    public long missing() {
        return rows.stream().filter(Objects::isNull).count();
    }
}
