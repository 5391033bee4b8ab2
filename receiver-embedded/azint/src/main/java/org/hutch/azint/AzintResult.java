package org.hutch.azint;

import java.util.Arrays;
import org.hutch.model.curve.RadialUnit;

/**
 * One integrated frame. 1D: arrays of {@code radial.length} bins. 2D cake: arrays of
 * {@code azimuth.length * radial.length} cells, index {@code a * radial.length + r}.
 * The arrays are filled in place by {@link Integrator#integrate(FrameView, AzintResult)} so a
 * result can be reused frame after frame; {@link #copy()} before handing one to another thread.
 *
 * <p>Per bin: {@code intensity = sumSignal / sumNormalization}, {@code sigma = √sumVariance /
 * sumNormalization}, both 0 where no valid pixel contributed ({@code count == 0}); count is Σw over
 * valid pixels (fractional with splitting). sigma is null when errors are off.
 *
 * @param radial  bin centres in {@code unit}
 * @param azimuth χ bin centres in degrees, null for 1D
 */
public record AzintResult(RadialUnit unit, double[] radial, double[] azimuth, double[] intensity, double[] sigma,
                          double[] sumSignal, double[] sumVariance, double[] sumNormalization, double[] count) {

    public boolean is2d() {
        return azimuth != null;
    }

    /** Number of bins (1D) or cells (2D). */
    public int size() {
        return intensity.length;
    }

    /** A deep copy, safe to publish to another thread. */
    public AzintResult copy() {
        return new AzintResult(unit, radial.clone(), azimuth == null ? null : azimuth.clone(), intensity.clone(),
                sigma == null ? null : sigma.clone(), sumSignal.clone(), sumVariance == null ? null : sumVariance.clone(),
                sumNormalization.clone(), count.clone());
    }

    @Override
    public String toString() {
        return "AzintResult[" + unit + ", " + radial.length + " radial" + (azimuth == null ? "" : " x " + azimuth.length + " azimuth")
                + " bins, intensity " + Arrays.stream(intensity).limit(4).boxed().toList() + "...]";
    }
}
