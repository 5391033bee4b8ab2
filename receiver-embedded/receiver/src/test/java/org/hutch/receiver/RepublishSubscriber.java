package org.hutch.receiver;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hutch.receiver.pipeline.AzintPipeline;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/** A real SUB on a pipeline's republish port, as a subscriber outside the pipeline reads it. */
final class RepublishSubscriber {
    /** One message: its JSON header and its float32 parts by the names the header's {@code arrays} gives. */
    record Message(JsonNode header, Map<String, float[]> arrays) {
        String htype() {
            return header.required("htype").asText();
        }
    }

    private final ZMQ.Socket sub;

    /**
     * Connects to {@code port} and waits until the subscription is in place: PUB drops what goes out before a
     * subscriber is connected, so empty probe series are offered to the pipeline until one arrives (up to 60 s:
     * a loaded machine once needed more than 20 s to connect).
     */
    RepublishSubscriber(ZContext ctx, int port, AzintPipeline pipeline) throws InterruptedException {
        sub = ctx.createSocket(SocketType.SUB);
        sub.subscribe(new byte[0]);
        sub.connect("tcp://127.0.0.1:" + port);
        sub.setReceiveTimeOut(200);
        byte[] probe = null;
        for (int i = 0; i < 300 && probe == null; i++) {
            pipeline.offer(TestFrames.start(0, "", Map.of()));
            pipeline.offer(TestFrames.end(1));
            probe = sub.recv();
        }
        assertTrue(probe != null, "the subscriber never connected");
        sub.setReceiveTimeOut(20_000);
    }

    ZMQ.Socket socket() {
        return sub;
    }

    /** The next message, or null after 20 s without one. */
    Message next() throws java.io.IOException {
        byte[] h = sub.recv();
        if (h == null) {
            return null;
        }
        JsonNode head = Http.JSON.readTree(h);
        Map<String, float[]> arrays = new LinkedHashMap<>();
        JsonNode names = head.path("arrays");
        for (int i = 0; sub.hasReceiveMore(); i++) {
            ByteBuffer b = ByteBuffer.wrap(sub.recv()).order(ByteOrder.LITTLE_ENDIAN);
            float[] f = new float[b.remaining() / 4];
            b.asFloatBuffer().get(f);
            arrays.put(i < names.size() ? names.get(i).asText() : "part" + (i + 1), f);
        }
        return new Message(head, arrays);
    }

    /** The next {@code azint_frame} message, skipping starts and ends, or null. */
    Message nextFrame() throws java.io.IOException {
        for (Message m = next(); m != null; m = next()) {
            if (m.htype().equals("azint_frame")) {
                return m;
            }
        }
        return null;
    }
}
