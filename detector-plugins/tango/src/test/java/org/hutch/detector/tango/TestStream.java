package org.hutch.detector.tango;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The detector side of a test device: takes frames on a schedule and, where the system property
 * {@code hutch.test.stream} names an endpoint, sends them as STINS (header, 8x8 uint16 images, series end) over a
 * ZeroMQ PUSH socket bound there, as a MAX IV detector streams to its receiver. All sends run on its one thread,
 * which owns the socket. Without the property it only counts frames.
 */
final class TestStream {
    static final String PROPERTY = "hutch.test.stream";

    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "test-device-stream");
        t.setDaemon(true);
        return t;
    });
    private final String endpoint = System.getProperty(PROPERTY, "");
    private ZContext context;
    private ZMQ.Socket push;
    private long msg;
    private ScheduledFuture<?> frames;

    /** Called back on the stream thread after each frame is sent, with the frames sent in this series. */
    interface FrameListener {
        void frameTaken(long framesInSeries);
    }

    TestStream() {
        if (!endpoint.isEmpty()) {
            thread.execute(() -> {
                context = new ZContext();
                push = context.createSocket(SocketType.PUSH);
                push.setSndHWM(100_000);
                push.bind(endpoint);
            });
        }
    }

    /** Sends the series header. */
    void header(String fileName) {
        thread.execute(() -> {
            msg = 0;
            send("{\"htype\":\"header\",\"msg_number\":0" + (fileName.isEmpty() ? "" : ",\"filename\":\""
                    + fileName + "\"") + "}", null);
        });
    }

    /**
     * Takes {@code count} frames, one every {@code periodS}, numbered from {@code first}; tells the listener after
     * each. Replaces a burst in progress.
     */
    synchronized void frames(long first, long count, double periodS, FrameListener listener) {
        long periodMicros = Math.max(1000, Math.round(periodS * 1e6));
        long[] next = {0};
        ScheduledFuture<?>[] self = new ScheduledFuture<?>[1];
        self[0] = thread.scheduleAtFixedRate(() -> {
            if (next[0] >= count) {
                self[0].cancel(false);
                return;
            }
            long frame = first + next[0]++;
            msg++;
            byte[] pixels = new byte[8 * 8 * 2];
            pixels[0] = (byte) frame;
            send("{\"htype\":\"image\",\"msg_number\":" + msg + ",\"frame\":" + frame
                    + ",\"shape\":[8,8],\"type\":\"uint16\",\"compression\":\"none\"}", pixels);
            listener.frameTaken(frame + 1);
            if (next[0] >= count) {
                self[0].cancel(false);
            }
        }, periodMicros, periodMicros, TimeUnit.MICROSECONDS);
        frames = self[0];
    }

    /** Stops taking frames at once (abort, stop). */
    synchronized void cancel() {
        if (frames != null) {
            frames.cancel(false);
        }
    }

    /** Sends the series end, after the frames already queued. */
    void end() {
        thread.execute(() -> {
            msg++;
            send("{\"htype\":\"series_end\",\"msg_number\":" + msg + "}", null);
        });
    }

    /** Runs on the stream thread, after what is queued (a device's state change after its last frame). */
    void then(Runnable r) {
        thread.execute(r);
    }

    void close() {
        thread.execute(() -> {
            if (context != null) {
                context.close();
            }
        });
        thread.shutdown();
    }

    private void send(String json, byte[] blob) {
        if (push == null) {
            return;
        }
        if (blob == null) {
            push.send(json.getBytes(StandardCharsets.UTF_8), 0);
        } else {
            push.send(json.getBytes(StandardCharsets.UTF_8), ZMQ.SNDMORE);
            push.send(blob, 0);
        }
    }
}
