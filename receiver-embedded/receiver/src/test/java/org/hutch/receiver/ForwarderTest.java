package org.hutch.receiver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hutch.model.pixels.PixelType;
import org.hutch.stream.Compression;
import org.hutch.stream.Frame;
import org.hutch.stream.SeriesEnd;
import org.hutch.stream.SeriesStart;
import org.hutch.stream.PullWakeup;
import org.hutch.stream.StinsDecoder;
import org.hutch.stream.StreamMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/** The forwarder re-emits what the receiver takes in as STINS on data_port, in order. */
class ForwarderTest {
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
            Thread.sleep(300); // let the forwarder see its client, as a downstream pipeline is there first
            tx.send(TestFrames.start(0, "fwd.h5", Map.of("exptime", 0.5)));
            List<Frame> sent = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Frame f = TestFrames.frame(i + 1, i, 12, 10, PixelType.UINT16, Compression.BSLZ4, i);
                sent.add(f);
                tx.send(f);
            }
            tx.send(TestFrames.end(6));
            StinsDecoder dec = new StinsDecoder();
            List<StreamMessage> got = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                List<byte[]> parts = new ArrayList<>();
                byte[] p = PullWakeup.recv(pull, 10_000);
                assertNotNull(p, "forwarded message " + i + " did not arrive");
                parts.add(p);
                while (pull.hasReceiveMore()) {
                    parts.add(pull.recv(0));
                }
                got.add(dec.decode(parts));
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
}
