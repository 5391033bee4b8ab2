package org.hutch.receiver;

import java.lang.management.ManagementFactory;
import org.hutch.receiver.buffers.FrameBufferPool;
import org.hutch.receiver.buffers.PooledMsgAllocator;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import zmq.Msg;

/**
 * The loopback ceiling the receiver works under, measured with plain jeromq and nothing of the receiver
 * around it: {@code LoopbackProbe push <bind endpoint> <messages> <bytes>} sends messages of one part;
 * {@code LoopbackProbe sink <connect endpoint> [pooled]} receives every part (multipart messages too,
 * such as a STINS sender's) until the stream has been quiet for a second, the large parts into the
 * receiver's pooled native buffers with {@code pooled}, else into jeromq's own {@code byte[]}s. Each
 * prints one JSON line: messages, bytes, seconds from the first to the last, rate, and the process's
 * CPU per message. A benchmark tool, not a test.
 */
public final class LoopbackProbe {
    private LoopbackProbe() {
    }

    public static void main(String[] args) throws Exception {
        switch (args.length > 0 ? args[0] : "") {
            case "push" -> push(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "sink" -> sink(args[1], args.length > 2 && args[2].equals("pooled"));
            default -> throw new IllegalArgumentException(
                    "usage: LoopbackProbe push <bind endpoint> <messages> <bytes> | sink <connect endpoint> [pooled]");
        }
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void push(String endpoint, int n, int bytes) throws InterruptedException {
        try (ZContext ctx = new ZContext()) {
            ZMQ.Socket s = ctx.createSocket(SocketType.PUSH);
            s.setSndHWM(16);
            s.bind(endpoint);
            Thread.sleep(1000); // the sink connects
            byte[] payload = new byte[bytes];
            long cpu0 = cpuNanos();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                payload[0] = (byte) i;
                s.send(payload, 0);
            }
            report("push", n, (long) n * bytes, System.nanoTime() - t0, cpuNanos() - cpu0);
            s.setLinger(30_000);
        }
    }

    private static void sink(String endpoint, boolean pooled) {
        try (ZContext ctx = new ZContext()) {
            ZMQ.Socket s = ctx.createSocket(SocketType.PULL);
            s.setRcvHWM(1000);
            if (pooled) {
                s.setMsgAllocator(new PooledMsgAllocator(new FrameBufferPool(256L << 20), 32 * 1024));
            }
            s.connect(endpoint);
            s.setReceiveTimeOut(60_000);
            long messages = 0;
            long bytes = 0;
            long first = 0;
            long last = 0;
            long cpu0 = 0;
            while (true) {
                Msg m = s.recvMsg(0);
                if (m == null) {
                    break;
                }
                if (messages == 0) {
                    first = System.nanoTime();
                    cpu0 = cpuNanos();
                    s.setReceiveTimeOut(1000);
                }
                bytes += taken(m);
                while (m.hasMore()) {
                    m = s.recvMsg(0);
                    bytes += taken(m);
                }
                messages++;
                last = System.nanoTime();
            }
            report(pooled ? "sink-pooled" : "sink", messages, bytes, last - first, cpuNanos() - cpu0);
        }
    }

    /** A received part's size; a pooled one goes back to its pool. */
    private static int taken(Msg m) {
        if (m instanceof PooledMsgAllocator.PooledMsg p) {
            p.lease().release();
        }
        return m.size();
    }

    private static void report(String what, long n, long bytes, long nanos, long cpu) {
        double s = nanos / 1e9;
        System.out.printf("{\"probe\": \"%s\", \"messages\": %d, \"bytes\": %d, \"seconds\": %.3f, \"per_s\": %.1f,"
                        + " \"MB_per_s\": %.1f, \"cpu_ms_per_message\": %.3f}%n", what, n, bytes, s, n / s,
                bytes / s / 1e6, cpu / 1e6 / Math.max(1, n));
    }
}
