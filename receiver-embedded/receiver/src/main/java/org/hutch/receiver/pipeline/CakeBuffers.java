package org.hutch.receiver.pipeline;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * The float arrays of a pipeline's cakes, reused from frame to frame: with {@code --cake N} every frame
 * has one (1.4 MB for 360 × 1000 bins, hundreds of them a second). A worker {@link #take}s one; the last
 * holder of the {@link Cake} {@link #give}s it back. At most {@code capacity} arrays wait here: more are
 * left to the garbage collector (when more frames were in flight than usual).
 */
final class CakeBuffers {
    private final ArrayBlockingQueue<float[]> free;

    CakeBuffers(int capacity) {
        this.free = new ArrayBlockingQueue<>(Math.max(1, capacity));
    }

    /** An array of {@code cells} values; its contents are left over from another cake. */
    float[] take(int cells) {
        float[] a;
        while ((a = free.poll()) != null) {
            if (a.length == cells) {
                return a;
            }
            // the cake's bins changed with the series: the old size is no use any more
        }
        return new float[cells];
    }

    void give(float[] a) {
        free.offer(a);
    }
}
