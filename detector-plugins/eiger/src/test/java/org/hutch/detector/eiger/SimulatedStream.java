package org.hutch.detector.eiger;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.hutch.model.pixels.PixelType;
import org.hutch.stream.Compression;
import org.hutch.stream.DectrisV1Encoder;
import org.hutch.stream.DectrisV2Encoder;
import org.hutch.stream.Frame;
import org.hutch.stream.SeriesEnd;
import org.hutch.stream.SeriesStart;
import org.hutch.stream.StreamEncoder;
import org.hutch.stream.StreamFormat;
import org.hutch.stream.StreamMessage;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The simulated DCU's stream interface: a ZeroMQ PUSH socket on 127.0.0.1 (random port) sending DECTRIS Stream V1
 * (legacy) or V2 (cbor) messages, as the stream format parameter says at arm. The socket lives on its own sender
 * thread; the HTTP handlers only queue messages. Frames are small (4 x 3 uint32, pixel = frame number).
 */
public final class SimulatedStream implements AutoCloseable {
    static final int ROWS = 3;
    static final int COLS = 4;
    private static final Object STOP = new Object();

    private final ZContext context = new ZContext();
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Thread sender;
    private final int port;
    private final AtomicLong frameNumber = new AtomicLong();
    private volatile StreamEncoder encoder = new DectrisV1Encoder();
    private volatile boolean running = true;
    private volatile boolean placeholderHeaderBlobs;

    SimulatedStream() {
        context.setLinger(1000);
        ZMQ.Socket push = context.createSocket(SocketType.PUSH);
        this.port = push.bindToRandomPort("tcp://127.0.0.1");
        this.sender = new Thread(() -> send(push), "simplon-sim-stream-sender");
        sender.setDaemon(true);
        sender.start();
    }

    /** The value of every pixel of frame {@code n} (frames are filled with their number). */
    public static int pixelOf(long n) {
        return (int) n;
    }

    public String endpoint() {
        return "tcp://127.0.0.1:" + port;
    }

    /** Series start with the detector config (header detail basic) and the header appendix. */
    void start(long series, Map<String, Object> values) {
        boolean cbor = "cbor".equals(values.get("stream/config/format"));
        encoder = cbor ? new DectrisV2Encoder() : new DectrisV1Encoder();
        frameNumber.set(0);
        String appendix = (String) values.get("stream/config/header_appendix");
        Map<String, Object> config = new LinkedHashMap<>();
        if (cbor) { // Stream V2 start keys
            config.put("count_time", values.get("detector/config/count_time"));
            config.put("frame_time", values.get("detector/config/frame_time"));
            config.put("image_size_x", values.get("detector/config/x_pixels_in_detector"));
            config.put("image_size_y", values.get("detector/config/y_pixels_in_detector"));
            config.put("incident_energy", values.get("detector/config/photon_energy"));
            config.put("threshold_energy", Map.of("threshold_1", values.get("detector/config/threshold_energy")));
            if (appendix != null && !appendix.isEmpty()) {
                config.put("user_data", appendix);
            }
        } else { // Stream V1 header detail basic: the detector config
            for (String k : List.of("count_time", "frame_time", "nimages", "ntrigger", "trigger_mode",
                    "photon_energy", "threshold_energy", "compression", "x_pixels_in_detector",
                    "y_pixels_in_detector", "description")) {
                config.put(k, values.get("detector/config/" + k));
            }
            if (appendix != null && !appendix.isEmpty()) {
                config.put("header_appendix", appendix);
            }
        }
        long expected = (Long) values.get("detector/config/nimages") * (Long) values.get("detector/config/ntrigger");
        if (placeholderHeaderBlobs && !cbor) {
            queue.add(placeholderHeader(series, config));
            return;
        }
        queue.add(new SeriesStart(series, 0, cbor ? StreamFormat.DECTRIS_V2 : StreamFormat.DECTRIS_V1, null, expected,
                Map.of(), config));
    }

    /** Header detail {@code all} as a careless firmware sends it: array parts whose blob is a placeholder. */
    private static List<byte[]> placeholderHeader(long series, Map<String, Object> config) {
        List<byte[]> parts = new java.util.ArrayList<>();
        parts.add(json(Map.of("htype", "dheader-1.0", "header_detail", "all", "series", series)));
        parts.add(json(config));
        for (String htype : List.of("dflatfield-1.0", "dpixelmask-1.0", "dcountrate_table-1.0")) {
            parts.add(json(Map.of("htype", htype, "shape", List.of(COLS, ROWS), "type", "float32")));
            parts.add("placeholder".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        return parts;
    }

    private static byte[] json(Object o) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    void placeholderHeaderBlobs(boolean on) {
        placeholderHeaderBlobs = on;
    }

    /** The next frame is number 0 again (firmware that numbers the frames of each trigger from 0). */
    void restartFrameNumbers() {
        frameNumber.set(0);
    }

    void frame(long series) {
        long n = frameNumber.getAndIncrement();
        ByteBuffer b = ByteBuffer.allocate(ROWS * COLS * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < ROWS * COLS; i++) {
            b.putInt((int) n);
        }
        b.flip();
        queue.add(new Frame(series, n + 1, n, ROWS, COLS, PixelType.UINT32, Compression.NONE, b, Map.of()));
    }

    void end(long series) {
        queue.add(new SeriesEnd(series, frameNumber.get() + 1));
    }

    private void send(ZMQ.Socket push) {
        try {
            while (running) {
                Object m = queue.poll(100, TimeUnit.MILLISECONDS);
                if (m == null) {
                    continue;
                }
                if (m == STOP) {
                    break;
                }
                @SuppressWarnings("unchecked")
                List<byte[]> parts = m instanceof List ? (List<byte[]>) m : encoder.encode((StreamMessage) m);
                for (int i = 0; i < parts.size(); i++) {
                    push.send(parts.get(i), i < parts.size() - 1 ? ZMQ.SNDMORE : 0);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            push.close();
        }
    }

    @Override
    public void close() {
        queue.add(STOP);
        running = false;
        try {
            sender.join(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        context.close();
    }
}
