package org.hutch.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/** A capture replayed over a real ZeroMQ PUSH -> PULL pair on loopback decodes bit-exact on the far side. */
class ZmqReplayIT {

    @ParameterizedTest
    @ValueSource(strings = {Captures.V1, Captures.V2})
    void replayedCaptureDecodesOnThePullSide(String capture) throws Exception {
        List<List<byte[]>> messages = Captures.messages(capture);
        ExecutorService sender = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-capture-push"));
        try (ZContext ctx = new ZContext()) {
            ctx.setLinger(2000);
            ZMQ.Socket pull = ctx.createSocket(SocketType.PULL);
            pull.setReceiveTimeOut(10_000);
            // the sender binds (as a detector does); the port is chosen by the system
            ZMQ.Socket push = ctx.createSocket(SocketType.PUSH);
            int port = push.bindToRandomPort("tcp://127.0.0.1");
            pull.connect("tcp://127.0.0.1:" + port);
            Future<?> sent = sender.submit(() -> {
                for (List<byte[]> m : messages) {
                    for (int i = 0; i < m.size(); i++) {
                        push.send(m.get(i), i < m.size() - 1 ? ZMQ.SNDMORE : 0);
                    }
                }
            });
            StreamDecoder decoder = StreamDecoders.autoDetecting();
            List<StreamMessage> decoded = new ArrayList<>();
            for (int n = 0; n < messages.size(); n++) {
                List<byte[]> parts = new ArrayList<>();
                do {
                    byte[] part = PullWakeup.recv(pull, 10_000);
                    assertNotNull(part, "timed out after " + n + " of " + messages.size() + " messages");
                    parts.add(part);
                } while (pull.hasReceiveMore());
                assertEquals(messages.get(n).size(), parts.size(), "parts of message " + n);
                decoded.add(decoder.decode(parts));
            }
            sent.get(10, TimeUnit.SECONDS);
            DectrisCapturesTest.assertMatchesExpected(capture, decoded);
        } finally {
            sender.shutdownNow();
        }
    }
}
