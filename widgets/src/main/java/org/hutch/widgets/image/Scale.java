package org.hutch.widgets.image;

/** How pixel values between the contrast limits map to colour-map positions. */
public enum Scale {
    LINEAR, LOG, SQRT;

    /**
     * Position in [0, 1] of {@code v} between {@code lo} and {@code hi} (values outside are clamped).
     * For LOG, {@code lo} must be positive (see {@link #effectiveLow}).
     */
    public double position(double v, double lo, double hi) {
        double t;
        switch (this) {
            case LOG:
                t = v <= 0 ? 0 : (Math.log(v) - Math.log(lo)) / (Math.log(hi) - Math.log(lo));
                break;
            case SQRT:
                t = (Math.sqrt(Math.max(v, 0)) - Math.sqrt(Math.max(lo, 0))) / (Math.sqrt(Math.max(hi, 0)) - Math.sqrt(Math.max(lo, 0)));
                break;
            default:
                t = (v - lo) / (hi - lo);
        }
        return t > 0 ? (t < 1 ? t : 1) : 0; // NaN maps to 0
    }

    /** The low limit this scale can use: LOG needs a positive one, so a non-positive low becomes {@code positiveFloor}. */
    public double effectiveLow(double lo, double hi, double positiveFloor) {
        if (this != LOG || lo > 0) {
            return lo;
        }
        double floor = positiveFloor > 0 ? positiveFloor : Math.max(hi, 1) * 1e-6;
        return Math.min(floor, hi > 0 ? hi / 2 : floor);
    }

    @Override
    public String toString() {
        return name().toLowerCase();
    }
}
