package org.hutch.receiver;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.hutch.model.pixels.PixelType;
import org.hutch.stream.Compression;
import org.hutch.stream.Frame;
import org.hutch.stream.SeriesEnd;
import org.hutch.stream.PullWakeup;
import org.hutch.stream.SeriesStart;
import org.hutch.stream.StinsDecoder;
import org.hutch.stream.StreamMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/** The forwarder re-emits what the receiver takes in as STINS on data_port, in order. */
class ForwarderIT {
    @TempDir
    Path dir;

    @Test
    void downstreamGetsTheSeriesAsStins() throws Exception {
        try (TestSender tx = new TestSender();
             EmbeddedReceiver rx = EmbeddedReceiver.start(ReceiverConfig.builder().endpoint(tx.endpoint())
                     .dataDir(dir).dataPort(0).workers(2).build());
             ZContext ctx = new ZContext(1)) {
            assertTrue(rx.dataPort() > 0);
            ZMQ.Socket pull = ctx.createSocket(SocketType.PULL);
            pull.setReceiveTimeOut(200);
            pull.connect("tcp://127.0.0.1:" + rx.dataPort());
            StinsDecoder dec = new StinsDecoder();
            // The forwarder sends only once it has seen its client connect; rather than sleep and hope, send
            // empty probe series until one of their messages comes through, so the client is known connected.
            AtomicInteger probes = new AtomicInteger();
            await("a probe series forwarded").atMost(Duration.ofSeconds(20)).until(() -> {
                String name = "probe-" + probes.incrementAndGet() + ".h5";
                tx.send(TestFrames.start(0, name, Map.of()));
                tx.send(TestFrames.end(1));
                Http.awaitJson(rx.apiUri(), "/api/v1/status", j -> j.path("state").asText().equals("idle")
                        && j.path("series").path("filename").asText().endsWith(name), 10);
                return receive(pull, dec, 200) != null;
            });
            tx.send(TestFrames.start(0, "fwd.h5", Map.of("exptime", 0.5)));
            List<Frame> sent = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Frame f = TestFrames.frame(i + 1, i, 12, 10, PixelType.UINT16, Compression.BSLZ4, i);
                sent.add(f);
                tx.send(f);
            }
            tx.send(TestFrames.end(6));
            List<StreamMessage> got = new ArrayList<>();
            while (got.size() < 7) {
                StreamMessage m = receive(pull, dec, 10_000);
                assertNotNull(m, "forwarded message " + got.size() + " did not arrive");
                // the rest of the last probe series comes first
                if (!got.isEmpty() || m instanceof SeriesStart s && "fwd.h5".equals(s.filename())) {
                    got.add(m);
                }
            }
            assertInstanceOf(SeriesStart.class, got.get(0));
            assertEquals("fwd.h5", ((SeriesStart) got.get(0)).filename());
            for (int i = 0; i < 5; i++) {
                Frame f = (Frame) got.get(i + 1);
                assertEquals(i, f.frame());
                byte[] want = new byte[sent.get(i).blob().remaining()];
                sent.get(i).blob().duplicate().get(want);
                byte[] have = new byte[f.blob().remaining()];
                f.blob().duplicate().get(have);
                assertArrayEquals(want, have);
            }
            assertInstanceOf(SeriesEnd.class, got.get(6));
        }
    }

    /** The next forwarded message, decoded, or null when none came within {@code timeoutMs}. */
    private static StreamMessage receive(ZMQ.Socket pull, StinsDecoder dec, int timeoutMs) throws Exception {
        byte[] p = PullWakeup.recv(pull, timeoutMs);
        if (p == null) {
            return null;
        }
        List<byte[]> parts = new ArrayList<>();
        parts.add(p);
        while (pull.hasReceiveMore()) {
            parts.add(pull.recv(0));
        }
        return dec.decode(parts);
    }
}
