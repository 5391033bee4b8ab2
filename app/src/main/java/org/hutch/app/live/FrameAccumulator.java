package org.hutch.app.live;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.hutch.app.client.LiveFrame;
import org.hutch.azint.FrameView;

/**
 * Takes the next N full-resolution frames of the live stream (as a frame tap, on the poll
 * thread) and sums them pixel by pixel: their mean for a dark or flat image, and for each pixel in how
 * many frames it was hot (above {@code hotAbove}, or above {@code hotFactor} times the frame's median).
 * A pixel invalid in any frame (the detector's flag values, NaN) is NaN in the mean.
 */
public final class FrameAccumulator implements Consumer<LiveFrame> {

    /** What N frames gave. */
    public record Result(int rows, int cols, int frames, double[] mean, int[] hotCount) {
        /** 1 where the pixel was hot in more than half the frames. */
        public byte[] hotMask() {
            byte[] m = new byte[hotCount.length];
            for (int i = 0; i < m.length; i++) {
                m[i] = (byte) (2 * hotCount[i] > frames ? 1 : 0);
            }
            return m;
        }
    }

    private final int wanted;
    private final double hotAbove;
    private final double hotFactor;
    private final Consumer<Integer> progress;
    private final CompletableFuture<Result> done = new CompletableFuture<>();
    private double[] sum;
    private int[] hot;
    private int rows;
    private int cols;
    private int taken;
    private long lastFrame = Long.MIN_VALUE;

    /**
     * @param hotAbove  a pixel is hot above this value (NaN: no such limit)
     * @param hotFactor ... or above this many times the frame's median of valid pixels (NaN: no such limit)
     * @param progress  told the number of frames taken so far
     */
    public FrameAccumulator(int frames, double hotAbove, double hotFactor, Consumer<Integer> progress) {
        if (frames < 1) {
            throw new IllegalArgumentException("take at least 1 frame");
        }
        this.wanted = frames;
        this.hotAbove = hotAbove;
        this.hotFactor = hotFactor;
        this.progress = progress;
    }

    public CompletableFuture<Result> result() {
        return done;
    }

    @Override
    public synchronized void accept(LiveFrame f) {
        if (done.isDone() || f.frame() == lastFrame && f.frame() >= 0) {
            return;
        }
        if (f.downsample() > 1) {
            done.completeExceptionally(new IllegalStateException("frames come reduced " + f.downsample()
                    + "x: a dark, flat or hot-pixel mask needs full-resolution frames"));
            return;
        }
        if (sum == null) {
            rows = f.rows();
            cols = f.cols();
            sum = new double[f.pixelCount()];
            hot = new int[f.pixelCount()];
        } else if (f.rows() != rows || f.cols() != cols) {
            done.completeExceptionally(new IllegalStateException("the frame shape changed from " + rows + "x" + cols
                    + " to " + f.rows() + "x" + f.cols() + " while frames were taken"));
            return;
        }
        lastFrame = f.frame();
        double[] v = new double[f.pixelCount()];
        FrameView.of(f.pixels(), f.dtype()).read(0, v.length, v);
        double limit = hotAbove;
        if (!Double.isNaN(hotFactor)) {
            double byMedian = hotFactor * median(v);
            limit = Double.isNaN(limit) ? byMedian : Math.min(limit, byMedian);
        }
        for (int i = 0; i < v.length; i++) {
            sum[i] += v[i]; // NaN sticks
            if (v[i] > limit) {
                hot[i]++;
            }
        }
        taken++;
        progress.accept(taken);
        if (taken == wanted) {
            double[] mean = new double[sum.length];
            for (int i = 0; i < mean.length; i++) {
                mean[i] = sum[i] / taken;
            }
            done.complete(new Result(rows, cols, taken, mean, hot));
        }
    }

    /** The median of the valid (non-NaN) values; 0 when none. */
    static double median(double[] v) {
        double[] s = Arrays.stream(v).filter(x -> x == x).toArray();
        if (s.length == 0) {
            return 0;
        }
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
    }
}
