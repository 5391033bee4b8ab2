package org.hutch.receiver.pipeline;

import java.util.concurrent.atomic.AtomicInteger;
import org.hutch.azint.AzintResult;

/**
 * One frame's cake: intensity over azimuth × radial bins, {@code intensity[a * radial.length + r]}, as
 * float32 (a 360 × 1000 cake is 1.4 MB a frame; its double-precision sums stay in the worker).
 *
 * <p>A pipeline's cakes live in arrays taken from a {@link CakeBuffers} pool, so their intensity is valid while
 * someone holds the cake: the pipeline holds it until its listeners have returned and its file has written it.
 * Whoever keeps a cake beyond a {@link AzintPipeline.Listener#integrated} call {@link #retain()}s it and
 * {@link #release()}s it when done; the last release gives the array back to the pool. A cake made with the
 * public constructor has no pool and is never reused.
 *
 * @see CakeBuffers
 */
public final class Cake {
    private final double[] radial;
    private final double[] azimuth;
    private final float[] intensity;
    private final CakeBuffers pool;
    private final AtomicInteger holders = new AtomicInteger(1);

    /**
     * @param radial  bin centres in the series' radial unit
     * @param azimuth χ bin centres in degrees, −180..180
     */
    public Cake(double[] radial, double[] azimuth, float[] intensity) {
        this(radial, azimuth, intensity, null);
    }

    private Cake(double[] radial, double[] azimuth, float[] intensity, CakeBuffers pool) {
        if (intensity.length != (long) radial.length * azimuth.length) {
            throw new IllegalArgumentException("a cake of " + azimuth.length + "x" + radial.length + " bins has "
                    + intensity.length + " values");
        }
        this.radial = radial;
        this.azimuth = azimuth;
        this.intensity = intensity;
        this.pool = pool;
    }

    /** The intensity of a 2D result (its sums are left behind), in an array of {@code pool}'s; held once. */
    static Cake of(AzintResult r, CakeBuffers pool) {
        double[] in = r.intensity();
        float[] f = pool.take(in.length);
        for (int i = 0; i < in.length; i++) {
            f[i] = (float) in[i];
        }
        return new Cake(r.radial(), r.azimuth(), f, pool);
    }

    public double[] radial() {
        return radial;
    }

    public double[] azimuth() {
        return azimuth;
    }

    /** Valid while the cake is held (see the class comment). */
    public float[] intensity() {
        return intensity;
    }

    /** One more holder, while the cake is certainly held by another (a listener during its call). */
    public Cake retain() {
        if (!tryRetain()) {
            throw new IllegalStateException("a cake given back to its pool cannot be held again");
        }
        return this;
    }

    /** One more holder unless the cake was already given back (then its array may hold another frame). */
    public boolean tryRetain() {
        while (true) {
            int n = holders.get();
            if (n <= 0) {
                return false;
            }
            if (holders.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** One holder fewer; the last gives the array back to the pool. */
    public void release() {
        int n = holders.decrementAndGet();
        if (n == 0 && pool != null) {
            pool.give(intensity);
        } else if (n < 0) {
            throw new IllegalStateException("a cake released more often than held");
        }
    }
}
