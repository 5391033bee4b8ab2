package org.hutch.azint.calibration;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.hutch.azint.Geometry;
import org.hutch.azint.Poni;

/**
 * The whole calibration: an optional coarse search of beam centre and distance, then rounds of
 * peak picking and refinement, each round taking more rings (those the detector reaches) in a
 * narrower band, and dropping the points whose residual exceeds a few times the RMS before the
 * last fit. Stateless; one call runs on the caller's thread.
 */
public final class Calibrator {
    /** Rounds and the rings each takes: the first three, then doubling, then all. */
    private static final int FIRST_RINGS = 3;
    /** Points farther than this many RMS from their ring are dropped before the round's final fit. */
    private static final double OUTLIER = 3;
    /** Distance in pixels between control points along a ring. */
    private static final double SPACING = 4;

    /**
     * @param coarse      run the coarse search first (the guess may be tens of pixels off)
     * @param searchPixels radius of the coarse beam-centre search (pixels)
     * @param free        parameters to refine
     * @param maxRings    the most rings to use (0 = all the detector reaches)
     */
    public record Options(boolean coarse, double searchPixels, Set<Param> free, int maxRings) {
        public Options {
            free = EnumSet.copyOf(free.isEmpty() ? EnumSet.noneOf(Param.class) : free);
            if (free.isEmpty()) {
                throw new IllegalArgumentException("every parameter is fixed: nothing to refine");
            }
        }

        public static Options defaults() {
            return new Options(true, 40, Refinement.defaultFree(), 0);
        }

        public Options withFree(Set<Param> f) {
            return new Options(coarse, searchPixels, f, maxRings);
        }

        public Options withCoarse(boolean c) {
            return new Options(c, searchPixels, free, maxRings);
        }
    }

    /**
     * The outcome: the geometry, its last refinement (residuals, RMS, uncertainties), and the
     * control points it used with the ring count.
     */
    public record Result(Poni poni, Refinement.Result fit, List<ControlPoint> points, int rings, int rounds) {
        /** RMS of the 2θ residuals in radians. */
        public double rms() {
            return fit.rms();
        }
    }

    private Calibrator() {
    }

    public static Result calibrate(CalibrationImage image, Calibrant calibrant, Poni guess, Options options) {
        if (!(guess.wavelength() > 0)) {
            throw new IllegalArgumentException("calibration needs the wavelength (or energy)");
        }
        double[] tth = calibrant.tth(guess.wavelength());
        Poni poni = guess;
        if (options.coarse()) {
            // the rings the guess reaches, and a margin for a distance up to 30 % off
            int near = Math.min(tth.length, reachable(image, guess, tth) * 3 / 2 + 2);
            poni = CoarseSearch.search(image, guess, java.util.Arrays.copyOf(tth, near), options.searchPixels(), 0.3);
        }
        int reachable = reachable(image, poni, tth);
        if (options.maxRings() > 0) {
            reachable = Math.min(reachable, options.maxRings());
        }
        if (reachable < 1) {
            throw new IllegalArgumentException("no ring of " + calibrant.name() + " falls on the detector with this guess");
        }
        double band = 30; // pixels, first round; the picker keeps it within a third of the ring spacing
        int rings = Math.min(FIRST_RINGS, reachable);
        int round = 0;
        Refinement.Result fit = null;
        List<ControlPoint> points = List.of();
        double[] d = calibrant.dSpacings();
        Poni before = poni;
        while (true) {
            round++;
            List<ControlPoint> picked = PeakPicker.pick(image, poni, tth, rings, band, SPACING);
            if (picked.size() <= options.free().size() + 2) {
                throw new IllegalStateException("only " + picked.size() + " control points found on the first " + rings
                        + " rings of " + calibrant.name() + ": check the calibrant, wavelength and guess");
            }
            fit = Refinement.refine(poni, picked, d, options.free());
            points = dropOutliers(picked, fit);
            fit = Refinement.refine(fit.poni(), points, d, options.free());
            poni = fit.poni();
            // pixels per radian of 2θ near the first ring, to turn the RMS into a band
            double rmsPixels = fit.rms() * poni.dist() / Math.sqrt(poni.pixel1() * poni.pixel2());
            band = Math.max(3, Math.min(band, 6 * rmsPixels));
            // the same rings again while the beam centre still moves by more than a pixel
            double moved = Math.hypot(poni.poni1() - before.poni1(), poni.poni2() - before.poni2()) / poni.pixel1();
            before = poni;
            if (moved > 1 && round < 20) {
                continue;
            }
            int reach = reachable(image, poni, tth);
            int next = Math.min(options.maxRings() > 0 ? Math.min(reach, options.maxRings()) : reach, rings * 2);
            if (next <= rings && round >= 3) {
                break;
            }
            rings = Math.max(rings, next);
        }
        return new Result(poni, fit, points, rings, round);
    }

    /**
     * The calibration seeded by control points picked by hand (on one ring or more): a first fit
     * on them alone (distance and PONI only when they lie on one ring, which cannot tell a tilt),
     * then the rounds of automatic picking from there.
     */
    public static Result calibrate(CalibrationImage image, Calibrant calibrant, Poni guess, List<ControlPoint> seeds, Options options) {
        if (!(guess.wavelength() > 0)) {
            throw new IllegalArgumentException("calibration needs the wavelength (or energy)");
        }
        long rings = seeds.stream().mapToInt(ControlPoint::ring).distinct().count();
        Set<Param> free = EnumSet.copyOf(options.free());
        if (rings < 2) {
            free.retainAll(EnumSet.of(Param.DIST, Param.PONI1, Param.PONI2));
        }
        if (free.isEmpty() || seeds.size() <= free.size() + 2) {
            throw new IllegalArgumentException(seeds.size() + " picked points are too few: pick more of a ring, or another ring");
        }
        Refinement.Result first = Refinement.refine(guess, seeds, calibrant.dSpacings(), free);
        return calibrate(image, calibrant, first.poni(), options.withCoarse(false));
    }

    private static List<ControlPoint> dropOutliers(List<ControlPoint> points, Refinement.Result fit) {
        double limit = OUTLIER * fit.rms();
        List<ControlPoint> kept = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            if (Math.abs(fit.residuals()[i]) <= limit) {
                kept.add(points.get(i));
            }
        }
        return kept;
    }

    /** How many rings (from the first) fall within the 2θ range of the detector's corners and edges. */
    static int reachable(CalibrationImage image, Poni poni, double[] tth) {
        Geometry g = new Geometry(poni, image.rows(), image.cols());
        double max = 0;
        int rows = image.rows(), cols = image.cols();
        for (int r = 0; r <= rows; r += Math.max(1, rows / 64)) {
            max = Math.max(max, Math.max(g.tth(r, 0), g.tth(r, cols)));
        }
        for (int c = 0; c <= cols; c += Math.max(1, cols / 64)) {
            max = Math.max(max, Math.max(g.tth(0, c), g.tth(rows, c)));
        }
        int n = 0;
        while (n < tth.length && tth[n] < max) {
            n++;
        }
        return n;
    }
}
