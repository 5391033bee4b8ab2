package org.hutch.receiver.buffers;

import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.hutch.stream.BlobOwner;

/**
 * Native (direct) buffers for received frames, reused instead of allocated per frame: a frame lands
 * once in native memory, goes to HDF5 from there, and its buffer serves a later frame. Buffers come
 * in size classes a quarter of a power of two apart (at most 25 % unused). The pool holds at most
 * {@code maxBytes} of native memory, in use and idle together; past that {@link #acquire} says no and
 * the caller uses the heap, so memory stays bounded whatever the sender does. A buffer whose lease is
 * never released (a frame dropped on an error path) is simply not reused: the garbage collector frees
 * it and the pool counts it out. Thread-safe.
 */
public final class FrameBufferPool {
    private static final Cleaner CLEANER = Cleaner.create();
    /** buffers below this size are not worth pooling (headers, small frames go to the heap) */
    private static final int MIN_CLASS_SHIFT = 12;
    private static final int CLASSES = 4 * (31 - MIN_CLASS_SHIFT);

    private final long maxBytes;
    private final AtomicLong liveBytes = new AtomicLong();
    @SuppressWarnings("unchecked")
    private final ArrayDeque<Slab>[] idle = new ArrayDeque[CLASSES];
    private final AtomicLong allocations = new AtomicLong();
    private final AtomicLong refusals = new AtomicLong();

    /** @param maxBytes native memory the pool may hold (in use and idle) */
    public FrameBufferPool(long maxBytes) {
        this.maxBytes = maxBytes;
        for (int i = 0; i < CLASSES; i++) {
            idle[i] = new ArrayDeque<>();
        }
    }

    /**
     * A buffer of exactly {@code size} bytes (position 0, limit {@code size}) with its lease (one holder),
     * or null when the pool is at its limit (use the heap then).
     */
    public Lease acquire(int size) {
        int c = sizeClass(size);
        if (c < 0) {
            return null;
        }
        Slab s;
        synchronized (idle[c]) {
            s = idle[c].pollLast();
        }
        if (s == null) {
            long cap = classCapacity(c);
            if (liveBytes.addAndGet(cap) > maxBytes) {
                liveBytes.addAndGet(-cap);
                refusals.incrementAndGet();
                return null;
            }
            try {
                s = new Slab(ByteBuffer.allocateDirect((int) cap), c);
            } catch (OutOfMemoryError e) {
                // the JVM's direct memory limit (-XX:MaxDirectMemorySize) is reached: the heap will do
                liveBytes.addAndGet(-cap);
                refusals.incrementAndGet();
                return null;
            }
            CLEANER.register(s, s.leak(liveBytes, cap));
            allocations.incrementAndGet();
        }
        return new Lease(this, s, size);
    }

    private void recycle(Slab s) {
        synchronized (idle[s.sizeClass]) {
            idle[s.sizeClass].addLast(s);
        }
    }

    /** Native bytes held, in use and idle. */
    public long liveBytes() {
        return liveBytes.get();
    }

    /** Native buffers allocated so far (a steady stream reuses them: this stops growing). */
    public long allocations() {
        return allocations.get();
    }

    /** Times the pool was at its limit and the caller had to use the heap. */
    public long refusals() {
        return refusals.get();
    }

    /** The class of a size: 4 classes per power of two; -1 when too small or too large to pool. */
    static int sizeClass(int size) {
        if (size <= 1 << MIN_CLASS_SHIFT || size > 1 << 30) {
            return -1;
        }
        int shift = 31 - Integer.numberOfLeadingZeros(size - 1); // floor(log2(size - 1))
        for (int q = 1; q <= 4; q++) {
            if (size <= quarterStep(shift, q)) {
                return 4 * (shift - MIN_CLASS_SHIFT) + q - 1;
            }
        }
        throw new AssertionError(size);
    }

    static long classCapacity(int c) {
        return quarterStep(MIN_CLASS_SHIFT + c / 4, c % 4 + 1);
    }

    /** 2^shift * (1 + q/4) */
    private static long quarterStep(int shift, int q) {
        return (1L << shift) + ((long) q << shift) / 4;
    }

    /** One native buffer of the pool. */
    private static final class Slab {
        final ByteBuffer memory;
        final int sizeClass;
        /** set once the buffer is counted out of the pool */
        final AtomicBoolean gone = new AtomicBoolean();

        Slab(ByteBuffer memory, int sizeClass) {
            this.memory = memory;
            this.sizeClass = sizeClass;
        }

        /** What the cleaner does when the slab is unreachable: count its bytes out (must not capture the slab). */
        Runnable leak(AtomicLong live, long cap) {
            AtomicBoolean g = gone;
            return () -> {
                if (g.compareAndSet(false, true)) {
                    live.addAndGet(-cap);
                }
            };
        }
    }

    /**
     * One use of a pooled buffer: starts with one holder; each {@link #retain()} adds one, each
     * {@link #release()} removes one, and the buffer returns to the pool after the last. A release
     * beyond the last is a bug and throws (it would hand one buffer to two frames).
     */
    public static final class Lease implements BlobOwner {
        private final FrameBufferPool pool;
        private final Slab slab;
        private final ByteBuffer buffer;
        private final AtomicInteger holders = new AtomicInteger(1);

        private Lease(FrameBufferPool pool, Slab slab, int size) {
            this.pool = pool;
            this.slab = slab;
            this.buffer = slab.memory.duplicate().clear().limit(size).slice();
        }

        /** The leased memory: position 0, limit = the size asked for. Valid until the last release. */
        public ByteBuffer buffer() {
            return buffer;
        }

        @Override
        public void retain() {
            if (holders.getAndIncrement() <= 0) {
                holders.decrementAndGet();
                throw new IllegalStateException("retain after the last release of a pooled frame buffer");
            }
        }

        @Override
        public void release() {
            int left = holders.decrementAndGet();
            if (left == 0) {
                pool.recycle(slab);
            } else if (left < 0) {
                throw new IllegalStateException("pooled frame buffer released more often than held");
            }
        }

        /** Holders left (for tests). */
        int holders() {
            return holders.get();
        }
    }
}
