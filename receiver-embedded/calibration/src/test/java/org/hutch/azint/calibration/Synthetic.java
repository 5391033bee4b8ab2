package org.hutch.azint.calibration;

import org.hutch.azint.FrameView;
import org.hutch.azint.Geometry;
import org.hutch.azint.Poni;

/** Synthetic calibrant images: Gaussian rings at the calibrant's 2θ on a flat background, from a known geometry. */
final class Synthetic {
    private Synthetic() {
    }

    /**
     * @param widthPixels ring standard deviation in pixels (radially, at normal incidence)
     */
    static CalibrationImage rings(Poni poni, Calibrant calibrant, DetectorLayout detector, double widthPixels) {
        Geometry g = new Geometry(poni, detector.rows(), detector.cols());
        double[] tth = calibrant.tth(poni.wavelength());
        double sigma = widthPixels * poni.pixel1() / poni.dist();
        float[] v = new float[detector.rows() * detector.cols()];
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(42);
        for (int r = 0, i = 0; r < detector.rows(); r++) {
            for (int c = 0; c < detector.cols(); c++, i++) {
                double t = g.tthAt(r, c);
                double s = 10;
                int k = java.util.Arrays.binarySearch(tth, t);
                int from = Math.max(0, (k < 0 ? -k - 1 : k) - 2), to = Math.min(tth.length, from + 4);
                for (int j = from; j < to; j++) {
                    double x = (t - tth[j]) / sigma;
                    s += 1000 * Math.exp(-0.5 * x * x);
                }
                // a little noise so the picking sees real data, not a perfect surface
                v[i] = (float) (s + Math.sqrt(s) * (rnd.nextDouble() - 0.5));
            }
        }
        return CalibrationImage.of(FrameView.of(v), detector.rows(), detector.cols(), null, detector);
    }
}
