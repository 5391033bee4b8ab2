package org.hutch.receiver.buffers;

import zmq.Msg;
import zmq.msg.MsgAllocator;

/**
 * jeromq's message allocator for the ingest sockets: a message part of at least {@code threshold}
 * bytes is received straight into a pooled native buffer (jeromq reads large parts into the message
 * itself, so the frame crosses from the kernel once and is never copied on the Java heap); smaller
 * parts, and any part while the pool is at its limit, go to the heap as before. Called on jeromq's
 * I/O thread.
 */
public final class PooledMsgAllocator implements MsgAllocator {
    private final FrameBufferPool pool;
    private final int threshold;

    public PooledMsgAllocator(FrameBufferPool pool, int threshold) {
        this.pool = pool;
        this.threshold = threshold;
    }

    @Override
    public Msg allocate(int size) {
        if (size >= threshold) {
            FrameBufferPool.Lease lease = pool.acquire(size);
            if (lease != null) {
                return new PooledMsg(lease);
            }
        }
        return new Msg(size);
    }

    /** A received part in pooled memory; whoever takes it from the socket owns its lease. */
    public static final class PooledMsg extends Msg {
        private final FrameBufferPool.Lease lease;

        PooledMsg(FrameBufferPool.Lease lease) {
            super(lease.buffer());
            this.lease = lease;
        }

        public FrameBufferPool.Lease lease() {
            return lease;
        }
    }
}
