package org.hutch.receiver.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hutch.receiver.BoundedQueue;
import org.hutch.receiver.buffers.FrameBufferPool;
import org.hutch.receiver.buffers.PooledMsgAllocator;
import org.hutch.receiver.collect.Arrival;
import org.hutch.stream.Frame;
import org.hutch.stream.PullWakeup;
import org.hutch.stream.SeriesEnd;
import org.hutch.stream.SeriesStart;
import org.hutch.stream.StreamDecoder;
import org.hutch.stream.StreamDecoders;
import org.hutch.stream.StreamFormat;
import org.hutch.stream.StreamFormatException;
import org.hutch.stream.StreamMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import zmq.Msg;

/**
 * One PULL worker: its own socket on its own thread, connected to every endpoint. It decodes the
 * header only (blobs stay as they arrived) and hands the result to the collector through a bounded
 * queue. When the queue is full it simply stops reading: ZeroMQ's receive high-water mark then fills
 * and the sender is slowed (back-pressure instead of buffering). Stops on {@link #stop()} within one
 * receive timeout; the socket is closed by its own thread. With an allocator, large parts arrive in
 * pooled native buffers; a frame whose blob is such a buffer carries its lease on to the writer, and
 * every other pooled part is given back as soon as the message is decoded.
 */
public final class IngestWorker implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(IngestWorker.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final int receiveTimeoutMs;
    /** how often an idle worker nudges its socket (jeromq 0.6.0 lost wake-up, see PullWakeup) */
    private final long wakeupIntervalNanos;

    private final ZContext context;
    private final List<String> endpoints;
    private final int receiveHwm;
    private final StreamDecoder decoder;
    private final BoundedQueue<WorkerOutput> queue;
    private final WorkerActivity activity;
    private final int index;
    private final StreamFormat fixedFormat;
    private final PooledMsgAllocator allocator;
    private final List<ByteBuffer> parts = new ArrayList<>(4);
    /** the lease of each part in {@link #parts}, null for a heap part */
    private final List<FrameBufferPool.Lease> leases = new ArrayList<>(4);
    private volatile boolean running = true;

    /**
     * @param fixedFormat the configured format, or null when it is recognised per message
     * @param allocator   receives large parts into pooled native buffers; null: every part on the heap
     */
    public IngestWorker(ZContext context, List<String> endpoints, int receiveHwm, StreamDecoder decoder,
                        StreamFormat fixedFormat, BoundedQueue<WorkerOutput> queue, WorkerActivity activity,
                        int index, Duration receiveTimeout, Duration wakeupInterval, PooledMsgAllocator allocator) {
        this.allocator = allocator;
        this.receiveTimeoutMs = (int) receiveTimeout.toMillis();
        this.wakeupIntervalNanos = wakeupInterval.toNanos();
        this.fixedFormat = fixedFormat;
        this.activity = activity;
        this.index = index;
        this.context = context;
        this.endpoints = endpoints;
        this.receiveHwm = receiveHwm;
        this.decoder = decoder;
        this.queue = queue;
    }

    public void stop() {
        running = false;
    }

    @Override
    public void run() {
        ZMQ.Socket socket = context.createSocket(SocketType.PULL);
        try {
            socket.setRcvHWM(receiveHwm);
            socket.setReceiveTimeOut(receiveTimeoutMs);
            socket.setLinger(0);
            if (allocator != null) {
                // before connecting: each connection's decoder takes the allocator when it is made
                socket.setMsgAllocator(allocator);
            }
            for (String e : endpoints) {
                socket.connect(e);
            }
            LOG.info("{} connected to {}", Thread.currentThread().getName(), endpoints);
            long lastWakeup = System.nanoTime();
            while (running) {
                Msg first = socket.recvMsg(ZMQ.DONTWAIT);
                if (first == null) {
                    activity.idle(index, System.nanoTime());
                    first = socket.recvMsg(0);
                    if (first == null) {
                        long now = System.nanoTime();
                        if (now - lastWakeup > wakeupIntervalNanos) {
                            // a new connection to a sender may sit unstarted until the I/O thread gets a command
                            PullWakeup.poke(socket);
                            lastWakeup = now;
                        }
                        continue;
                    }
                }
                parts.clear();
                leases.clear();
                add(first);
                for (Msg part = first; part.hasMore(); ) {
                    part = socket.recvMsg(0);
                    if (part == null) {
                        break;
                    }
                    add(part);
                }
                WorkerOutput out = decodeReceived();
                if (out != null) {
                    hand(out);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | LinkageError e) {
            if (running) {
                LOG.error("worker stopped by an unexpected error", e);
                try {
                    hand(WorkerOutput.unreadable("receiver worker " + Thread.currentThread().getName()
                            + " stopped: " + e));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
            }
        } finally {
            socket.close();
        }
    }

    private void add(Msg part) {
        parts.add(part.buf());
        leases.add(part instanceof PooledMsgAllocator.PooledMsg p ? p.lease() : null);
    }

    /**
     * Decodes {@link #parts}. A frame whose blob is one of the pooled parts takes that part's lease with it;
     * every other lease is released here, whatever the outcome.
     */
    private WorkerOutput decodeReceived() {
        FrameBufferPool.Lease kept = null;
        try {
            WorkerOutput out = decode(parts);
            if (out != null && out.arrival() instanceof Arrival.Message m && m.message() instanceof Frame f) {
                int i = indexOf(f.blob());
                if (i >= 0 && leases.get(i) != null) {
                    kept = leases.get(i);
                    return WorkerOutput.of(new Arrival.Message(f.withOwner(kept), m.format()));
                }
            }
            return out;
        } finally {
            for (FrameBufferPool.Lease l : leases) {
                if (l != null && l != kept) {
                    l.release();
                }
            }
            leases.clear();
            parts.clear();
        }
    }

    private int indexOf(ByteBuffer blob) {
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i) == blob) {
                return i;
            }
        }
        return -1;
    }

    WorkerOutput decode(List<ByteBuffer> parts) {
        try {
            StreamMessage m = decoder.decodeBuffers(parts);
            return m == null ? null : WorkerOutput.of(new Arrival.Message(m, formatOf(m, parts)));
        } catch (StreamFormatException | RuntimeException e) {
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            byte[] part0 = headOf(parts);
            Long msg = msgNumberOf(part0);
            if (msg != null) {
                // its place in the order is known: the collector need not wait for it
                Long frame = frameOf(part0);
                return WorkerOutput.of(new Arrival.Rejected(msg, frame == null ? -1 : frame, reason));
            }
            return WorkerOutput.unreadable(reason);
        }
    }

    /** Part 0 (a header: small, on the heap) as bytes; empty when it is missing or too large to be one. */
    private static byte[] headOf(List<ByteBuffer> parts) {
        if (parts.isEmpty() || parts.get(0).remaining() > 1 << 20) {
            return new byte[0];
        }
        ByteBuffer b = parts.get(0);
        if (b.hasArray() && b.arrayOffset() == 0 && b.position() == 0 && b.remaining() == b.array().length) {
            return b.array();
        }
        byte[] a = new byte[b.remaining()];
        b.get(b.position(), a);
        return a;
    }

    /** Only an end's format matters downstream (its number may be derived); other messages skip the check. */
    private StreamFormat formatOf(StreamMessage m, List<ByteBuffer> parts) throws StreamFormatException {
        if (fixedFormat != null) {
            return fixedFormat;
        }
        if (m instanceof SeriesStart s) {
            return s.format();
        }
        return m instanceof SeriesEnd ? StreamDecoders.detect(List.of(headOf(parts))) : null;
    }

    private void hand(WorkerOutput out) throws InterruptedException {
        while (running && !queue.offer(out, out.bytes(), 100)) {
            // full: wait, socket unread, sender held back by the high-water marks
        }
    }

    /** The position of an image that failed to decode, if its JSON part says: STINS msg_number, Stream V1 frame + 1. */
    private static Long msgNumberOf(byte[] part0) {
        JsonNode n = tryJson(part0);
        if (n == null) {
            return null;
        }
        if (n.path("msg_number").canConvertToLong() && n.path("htype").asText().equals("image")) {
            return n.path("msg_number").asLong();
        }
        // Stream V1 carries no message numbers: its decoder numbers frame i as message i + 1
        return n.path("frame").canConvertToLong() && n.path("htype").asText().equals("dimage-1.0")
                ? n.path("frame").asLong() + 1 : null;
    }

    private static Long frameOf(byte[] part0) {
        JsonNode n = tryJson(part0);
        return n != null && n.path("frame").canConvertToLong() ? n.path("frame").asLong() : null;
    }

    private static JsonNode tryJson(byte[] b) {
        if (b.length == 0 || b[0] != '{' || b.length > 1 << 20) {
            return null;
        }
        try {
            return JSON.readTree(b);
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
