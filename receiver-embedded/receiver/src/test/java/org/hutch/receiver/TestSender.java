package org.hutch.receiver;

import java.util.List;
import org.hutch.stream.StinsEncoder;
import org.hutch.stream.StreamMessage;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/** A detector stand-in for tests: a PUSH socket bound on a free loopback port, as a DCU binds it. */
final class TestSender implements AutoCloseable {
    private final ZContext ctx = new ZContext(1);
    private final ZMQ.Socket push;
    private final int port;
    private final StinsEncoder stins = new StinsEncoder();

    TestSender() {
        push = ctx.createSocket(SocketType.PUSH);
        push.setLinger(5000);
        push.setSndHWM(1000);
        push.setSendTimeOut(10_000);
        // below the kernel's ephemeral range and jeromq's default random range (49152+), where receivers of other
        // tests on this machine may still be reconnecting to senders that are gone and would take these messages
        port = push.bindToRandomPort("tcp://127.0.0.1", 20000, 32000);
    }

    String endpoint() {
        return "tcp://127.0.0.1:" + port;
    }

    void send(StreamMessage m) {
        parts(stins.encode(m));
    }

    void parts(List<byte[]> parts) {
        for (int i = 0; i < parts.size(); i++) {
            if (!push.send(parts.get(i), i < parts.size() - 1 ? ZMQ.SNDMORE : 0)) {
                throw new IllegalStateException("send timed out: is the receiver connected?");
            }
        }
    }

    void json(String json, byte[]... blobs) {
        List<byte[]> p = new java.util.ArrayList<>();
        p.add(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        p.addAll(List.of(blobs));
        parts(p);
    }

    @Override
    public void close() {
        push.close();
        ctx.close();
    }
}
