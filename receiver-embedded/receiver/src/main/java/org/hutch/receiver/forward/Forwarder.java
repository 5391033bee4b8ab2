package org.hutch.receiver.forward;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.hutch.stream.StinsEncoder;
import org.hutch.stream.StreamMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * MAX IV's forwarder: a PUSH socket bound on {@code data_port} that re-emits every message as STINS
 * for downstream processing. Like MAX IV it sends only while a client is connected; a client that
 * does not keep up holds the receiver back for at most the send timeout, after which the message is
 * counted as not forwarded. Owned by the collector thread (create, use and close it there).
 */
public final class Forwarder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Forwarder.class);
    private static final AtomicLong MONITORS = new AtomicLong();

    private final ZMQ.Socket push;
    private final ZMQ.Socket monitor;
    private final StinsEncoder encoder = new StinsEncoder();
    private final int port;
    private final AtomicLong forwarded;
    private final AtomicLong dropped;
    private int clients;

    /** @param sendTimeout how long a send waits for a downstream reader before the message is dropped (and counted) */
    public Forwarder(ZContext context, String host, int port, AtomicLong forwarded, AtomicLong dropped,
                     Duration sendTimeout) {
        this.forwarded = forwarded;
        this.dropped = dropped;
        push = context.createSocket(SocketType.PUSH);
        push.setSndHWM(64);
        push.setSendTimeOut((int) sendTimeout.toMillis());
        push.setLinger(1000);
        String mon = "inproc://hutch-forwarder-monitor-" + MONITORS.incrementAndGet();
        push.monitor(mon, ZMQ.EVENT_ACCEPTED | ZMQ.EVENT_DISCONNECTED);
        monitor = context.createSocket(SocketType.PAIR);
        monitor.connect(mon);
        String h = host.contains(":") ? "[" + host + "]" : host;
        if (port == 0) {
            this.port = push.bindToRandomPort("tcp://" + h);
        } else {
            push.bind("tcp://" + h + ":" + port);
            this.port = port;
        }
        LOG.info("forwarder bound on tcp://{}:{}", h, this.port);
    }

    public int port() {
        return port;
    }

    /** Re-emits the message as STINS if a client is connected. */
    public void send(StreamMessage m) {
        pollMonitor();
        if (clients <= 0) {
            return;
        }
        List<byte[]> parts = encoder.encode(m);
        for (int i = 0; i < parts.size(); i++) {
            boolean more = i < parts.size() - 1;
            if (!push.send(parts.get(i), more ? ZMQ.SNDMORE : 0)) {
                dropped.incrementAndGet();
                if (i == 0) {
                    return;
                }
            }
        }
        forwarded.incrementAndGet();
    }

    private void pollMonitor() {
        ZMQ.Event e;
        while ((e = ZMQ.Event.recv(monitor, ZMQ.DONTWAIT)) != null) {
            if (e.getEvent() == ZMQ.EVENT_ACCEPTED) {
                clients++;
                LOG.info("forwarder client connected ({} now)", clients);
            } else if (e.getEvent() == ZMQ.EVENT_DISCONNECTED) {
                clients = Math.max(0, clients - 1);
                LOG.info("forwarder client left ({} now)", clients);
            }
        }
    }

    @Override
    public void close() {
        push.monitor(null, 0);
        monitor.close();
        push.close();
    }
}
