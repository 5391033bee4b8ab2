package org.hutch.app.live;

import java.util.ArrayList;
import java.util.Collections;

import org.hutch.model.curve.RadialUnit;
import org.hutch.widgets.plot.SeriesRows;

/**
 * Every curve of the series being followed, one row per detector frame in frame order: a frame that
 * has no curve (the pipeline skipped it, or it left the pipeline's history before it was fetched)
 * is a null row. At most {@link #MAX_VALUES} values are kept (64 MB); later frames are counted, not
 * kept. One thread only (the follower's).
 */
final class SeriesCurves {
    /** floats kept for one series: 16 M (64 MB), 16 000 frames of 1000 bins */
    static final long MAX_VALUES = 16L << 20;

    private final String series;
    private final RadialUnit unit;
    private final double[] grid;
    private final ArrayList<float[]> rows = new ArrayList<>();
    private long firstFrame = -1;
    private long dropped;

    SeriesCurves(String series, RadialUnit unit, double[] grid) {
        this.series = series;
        this.unit = unit;
        this.grid = grid;
    }

    String series() {
        return series;
    }

    /** Whether curves on {@code unit} and {@code grid} belong here. */
    boolean sameAxis(RadialUnit u, double[] g) {
        return u == unit && java.util.Arrays.equals(g, grid);
    }

    /** Adds frame {@code frame}'s intensities (frames come in increasing order; an older one is ignored). */
    void add(long frame, double[] intensity) {
        if (firstFrame < 0) {
            firstFrame = frame;
        }
        long row = frame - firstFrame;
        if (row < rows.size()) {
            return;
        }
        if ((row + 1) * (long) grid.length > MAX_VALUES) {
            dropped++;
            return;
        }
        while (rows.size() < row) {
            rows.add(null);
        }
        float[] f = new float[intensity.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) intensity[i];
        }
        rows.add(f);
    }

    /** Frames past the memory limit, not kept. */
    long dropped() {
        return dropped;
    }

    int size() {
        return rows.size();
    }

    /** The rows now, for another thread (the list is a copy; the rows are never changed). */
    SeriesRows snapshot(double[] gridShown, RadialUnit unitShown) {
        return new SeriesRows(series, unitShown, gridShown, Math.max(0, firstFrame),
                Collections.unmodifiableList(new ArrayList<>(rows)));
    }

    RadialUnit unit() {
        return unit;
    }

    double[] grid() {
        return grid;
    }
}
