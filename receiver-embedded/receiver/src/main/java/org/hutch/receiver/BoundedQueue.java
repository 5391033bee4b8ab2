package org.hutch.receiver;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A FIFO bounded both in items and in bytes, so that 2 MB frames and 20 kB frames are held back by
 * the same memory budget. A producer that finds it full waits: that is the back-pressure which
 * stops the ZeroMQ workers reading, fills the sockets' high-water marks and slows the sender.
 * One item larger than the whole budget is still let in when the queue is empty.
 */
public final class BoundedQueue<T> {
    private record Entry<T>(T item, long bytes) {
    }

    private final ArrayDeque<Entry<T>> items = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final Condition notEmpty = lock.newCondition();
    private final int maxItems;
    private final long maxBytes;
    private long bytes;
    private int waitingProducers;
    private int waitingConsumers;

    public BoundedQueue(int maxItems, long maxBytes) {
        this.maxItems = maxItems;
        this.maxBytes = maxBytes;
    }

    /** Waits up to {@code timeoutMs} for room; returns false if there was none (caller re-checks shutdown). */
    public boolean offer(T item, long itemBytes, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        lock.lock();
        try {
            while (!items.isEmpty() && (items.size() >= maxItems || bytes + itemBytes > maxBytes)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                waitingProducers++;
                try {
                    notFull.awaitNanos(left);
                } finally {
                    waitingProducers--;
                }
            }
            items.addLast(new Entry<>(item, itemBytes));
            bytes += itemBytes;
            // wake a consumer only if one sleeps: saves a futex call per frame at high rates
            if (waitingConsumers > 0) {
                notEmpty.signal();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Takes the oldest item, waiting up to {@code timeoutMs}; null if none came. */
    public T poll(long timeoutMs) throws InterruptedException {
        java.util.List<T> one = new java.util.ArrayList<>(1);
        return drain(one, 1, timeoutMs) == 0 ? null : one.get(0);
    }

    /**
     * Moves up to {@code max} of the oldest items to {@code out}, waiting up to {@code timeoutMs} for the
     * first one. Taking a batch under one lock keeps hand-offs cheap at thousands of frames per second.
     *
     * @return how many were moved (0 after the timeout)
     */
    public int drain(java.util.List<T> out, int max, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        lock.lock();
        try {
            while (items.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return 0;
                }
                waitingConsumers++;
                try {
                    notEmpty.awaitNanos(left);
                } finally {
                    waitingConsumers--;
                }
            }
            int n = 0;
            while (n < max && !items.isEmpty()) {
                Entry<T> e = items.pollFirst();
                bytes -= e.bytes();
                out.add(e.item());
                n++;
            }
            if (waitingProducers > 0) {
                notFull.signalAll();
            }
            return n;
        } finally {
            lock.unlock();
        }
    }

    public int size() {
        lock.lock();
        try {
            return items.size();
        } finally {
            lock.unlock();
        }
    }

    public long bytes() {
        lock.lock();
        try {
            return bytes;
        } finally {
            lock.unlock();
        }
    }
}
