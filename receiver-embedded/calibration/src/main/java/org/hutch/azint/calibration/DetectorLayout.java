package org.hutch.azint.calibration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.hutch.azint.DetectorModel;
import org.hutch.azint.Poni;

/**
 * A detector as calibration sees it: pixel sizes (metres), shape, and the module gaps that hold no
 * data. The Pilatus, Eiger and Eiger2 sizes are the ones the PONI reader knows ({@link DetectorModel}),
 * so a PONI written for them names the detector as pyFAI does; MarCCD and PerkinElmer have no gaps
 * and are written as pyFAI's generic {@code Detector} with pixel sizes and {@code max_shape}.
 *
 * @param moduleRows  rows of one module, 0 for a monolithic sensor
 * @param gapRows     rows of the gap between modules along the slow axis
 */
public record DetectorLayout(String name, double pixel1, double pixel2, int rows, int cols,
                             int moduleRows, int moduleCols, int gapRows, int gapCols) {

    private static final Map<String, DetectorLayout> EXTRA = new LinkedHashMap<>();

    static {
        // 2048 x 2048 binned 2 x 2, as both are usually read out
        extra(new DetectorLayout("MarCCD165", 79e-6, 79e-6, 2048, 2048, 0, 0, 0, 0));
        extra(new DetectorLayout("PerkinElmer", 200e-6, 200e-6, 2048, 2048, 0, 0, 0, 0));
    }

    private static void extra(DetectorLayout d) {
        EXTRA.put(key(d.name), d);
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-]", "");
    }

    /** A generic detector of given pixel sizes and shape, without gaps. */
    public static DetectorLayout generic(double pixel1, double pixel2, int rows, int cols) {
        if (!(pixel1 > 0) || !(pixel2 > 0) || rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("a detector needs positive pixel sizes and shape, got " + pixel1 + " x " + pixel2
                    + " m, " + rows + " x " + cols);
        }
        return new DetectorLayout(Poni.GENERIC, pixel1, pixel2, rows, cols, 0, 0, 0, 0);
    }

    /** The detector of that name (Pilatus…, Eiger…, Eiger2…, MarCCD165, PerkinElmer), if known. */
    public static Optional<DetectorLayout> byName(String name) {
        DetectorLayout extra = EXTRA.get(key(name));
        if (extra != null) {
            return Optional.of(extra);
        }
        return DetectorModel.byName(name).map(DetectorLayout::of);
    }

    /** Every detector name known here. */
    public static List<String> names() {
        List<String> out = new ArrayList<>(DetectorModel.names());
        EXTRA.values().forEach(d -> out.add(d.name));
        return out;
    }

    /** The detector a PONI names, or a generic one of its pixel sizes and shape. */
    public static DetectorLayout of(Poni poni) {
        return byName(poni.detector()).filter(d -> d.rows == poni.rows() && d.cols == poni.cols())
                .orElseGet(() -> generic(poni.pixel1(), poni.pixel2(), poni.rows(), poni.cols()));
    }

    private static DetectorLayout of(DetectorModel m) {
        String n = m.name().toLowerCase(Locale.ROOT);
        // module size and gaps (pixels) of the hybrid pixel detectors; shapes are whole multiples of them
        if (n.startsWith("pilatus")) {
            return new DetectorLayout(m.name(), m.pixel1(), m.pixel2(), m.rows(), m.cols(), 195, 487, 17, 7);
        }
        if (n.startsWith("eiger2")) {
            return new DetectorLayout(m.name(), m.pixel1(), m.pixel2(), m.rows(), m.cols(), 512, 1028, 38, 12);
        }
        if (n.startsWith("eiger")) {
            return new DetectorLayout(m.name(), m.pixel1(), m.pixel2(), m.rows(), m.cols(), 514, 1030, 37, 10);
        }
        return new DetectorLayout(m.name(), m.pixel1(), m.pixel2(), m.rows(), m.cols(), 0, 0, 0, 0);
    }

    /** The PONI detector name: this name when the PONI reader knows it, else pyFAI's generic {@code Detector}. */
    public String poniName() {
        return DetectorModel.byName(name).isPresent() ? name : Poni.GENERIC;
    }

    /** True if pixel (row, col) lies in a gap between modules. */
    public boolean inGap(int row, int col) {
        if (moduleRows > 0 && row % (moduleRows + gapRows) >= moduleRows) {
            return true;
        }
        return moduleCols > 0 && col % (moduleCols + gapCols) >= moduleCols;
    }

    /** The gap mask, row-major, 1 = excluded; all zeros for a sensor without gaps. */
    public byte[] gapMask() {
        byte[] m = new byte[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                if (inGap(r, c)) {
                    m[r * cols + c] = 1;
                }
            }
        }
        return m;
    }
}
