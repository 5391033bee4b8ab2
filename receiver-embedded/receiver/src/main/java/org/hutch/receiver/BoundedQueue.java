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
                notFull.awaitNanos(left);
            }
            items.addLast(new Entry<>(item, itemBytes));
            bytes += itemBytes;
            notEmpty.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Takes the oldest item, waiting up to {@code timeoutMs}; null if none came. */
    public T poll(long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        lock.lock();
        try {
            while (items.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                notEmpty.awaitNanos(left);
            }
            Entry<T> e = items.pollFirst();
            bytes -= e.bytes();
            notFull.signalAll();
            return e.item();
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
