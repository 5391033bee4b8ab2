package org.hutch.azint.calibration;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;
import org.hutch.azint.Poni;

/**
 * Least squares of the 2θ residuals of control points (the 2θ of the point in the geometry minus
 * the 2θ of its ring at the wavelength) over the free parameters of a PONI, by Commons Math's
 * Levenberg-Marquardt. The uncertainties are the square roots of the covariance diagonal scaled
 * by the residual variance, as pyFAI reports them. Stateless.
 */
public final class Refinement {
    /** Central-difference steps of the Jacobian, in each parameter's unit (wavelength in Å inside). */
    private static final double[] STEP = {1e-7, 1e-8, 1e-8, 1e-8, 1e-8, 1e-8, 1e-7};
    private static final double SINGULAR = 1e-14;

    private Refinement() {
    }

    /**
     * The refined geometry.
     *
     * @param dSpacings the calibrant's d-spacings (Å) indexed by the points' ring
     * @param free      the parameters to refine; the others keep the guess's value
     */
    public static Result refine(Poni guess, List<ControlPoint> points, double[] dSpacings, Set<Param> free) {
        Param[] params = free.stream().sorted().toArray(Param[]::new);
        int n = points.size();
        if (n <= params.length) {
            throw new IllegalArgumentException(n + " control points cannot determine " + params.length + " parameters");
        }
        if (!(guess.wavelength() > 0)) {
            throw new IllegalArgumentException("the geometry needs a wavelength to place the rings");
        }
        double[] all = values(guess);
        double[] start = new double[params.length];
        for (int j = 0; j < params.length; j++) {
            start[j] = all[params[j].ordinal()];
        }
        double[] d1 = new double[n], d2 = new double[n], d = new double[n];
        for (int i = 0; i < n; i++) {
            ControlPoint p = points.get(i);
            d1[i] = p.d1();
            d2[i] = p.d2();
            d[i] = dSpacings[p.ring()];
        }
        Model model = new Model(guess, all, params, d1, d2, d);
        LeastSquaresOptimizer.Optimum opt = new LevenbergMarquardtOptimizer().optimize(new LeastSquaresBuilder()
                .start(start).model(model).target(new double[n]).maxEvaluations(10_000).maxIterations(1_000).build());
        double[] best = opt.getPoint().toArray();
        double[] residuals = model.residuals(best);
        double rss = 0;
        for (double r : residuals) {
            rss += r * r;
        }
        double variance = rss / (n - params.length);
        RealMatrix cov = opt.getCovariances(SINGULAR);
        Map<Param, Double> sigma = new EnumMap<>(Param.class);
        for (int j = 0; j < params.length; j++) {
            double s = Math.sqrt(cov.getEntry(j, j) * variance);
            // the wavelength is refined in Å; report it in metres
            sigma.put(params[j], params[j] == Param.WAVELENGTH ? s * 1e-10 : s);
        }
        return new Result(model.poni(best), residuals, Math.sqrt(rss / n), sigma, opt.getIterations());
    }

    /**
     * One refinement's outcome.
     *
     * @param residuals 2θ residual (radians) of every point, in the order given
     * @param rms       root mean square of the residuals (radians)
     * @param sigma     standard uncertainty of each refined parameter (metres, radians)
     */
    public record Result(Poni poni, double[] residuals, double rms, Map<Param, Double> sigma, int iterations) {
    }

    /** The parameter values of a PONI in {@link Param} order, the wavelength in Å. */
    static double[] values(Poni p) {
        return new double[] {p.dist(), p.poni1(), p.poni2(), p.rot1(), p.rot2(), p.rot3(), p.wavelength() * 1e10};
    }

    static Poni poni(Poni base, double[] v) {
        return new Poni(base.detector(), base.pixel1(), base.pixel2(), base.rows(), base.cols(), v[0], v[1], v[2], v[3], v[4], v[5],
                v[6] * 1e-10);
    }

    /** The residual vector and its central-difference Jacobian. */
    private static final class Model implements MultivariateJacobianFunction {
        private final Poni base;
        private final double[] all;
        private final Param[] params;
        private final double[] d1, d2, d;

        Model(Poni base, double[] all, Param[] params, double[] d1, double[] d2, double[] d) {
            this.base = base;
            this.all = all;
            this.params = params;
            this.d1 = d1;
            this.d2 = d2;
            this.d = d;
        }

        Poni poni(double[] x) {
            return Refinement.poni(base, full(x));
        }

        private double[] full(double[] x) {
            double[] v = all.clone();
            for (int j = 0; j < params.length; j++) {
                v[params[j].ordinal()] = x[j];
            }
            return v;
        }

        double[] residuals(double[] x) {
            double[] out = new double[d.length];
            TwoTheta.residuals(base.pixel1(), base.pixel2(), full(x), d1, d2, d, out);
            return out;
        }

        @Override
        public Pair<RealVector, RealMatrix> value(RealVector point) {
            double[] x = point.toArray();
            double[] r = residuals(x);
            double[][] jac = new double[d.length][params.length];
            for (int j = 0; j < params.length; j++) {
                double h = STEP[params[j].ordinal()];
                double[] xp = x.clone(), xm = x.clone();
                xp[j] += h;
                xm[j] -= h;
                double[] rp = residuals(xp), rm = residuals(xm);
                for (int i = 0; i < d.length; i++) {
                    jac[i][j] = (rp[i] - rm[i]) / (2 * h);
                }
            }
            return new Pair<>(new ArrayRealVector(r, false), new Array2DRowRealMatrix(jac, false));
        }
    }

    /** Every parameter but rot3 (which 2θ cannot see) and the wavelength: pyFAI's usual choice. */
    public static Set<Param> defaultFree() {
        return EnumSet.of(Param.DIST, Param.PONI1, Param.PONI2, Param.ROT1, Param.ROT2);
    }
}
