package org.hutch.app.cli.simulate;

import java.util.Locale;
import org.hutch.stream.PullWakeup;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * A PULL socket that counts messages and bytes and throws them away: the far end of the simulator benchmark.
 * It reads STINS and DECTRIS Stream V1 (it looks at the {@code htype} of the first part).
 * Runs on its own thread in the benchmark's JVM, or alone in another JVM through {@link #main}.
 */
public final class PullSink {
    private static final int SLICE_MS = 250;
    private final String endpoint;
    private final int receiveTimeoutMs;

    /** What a sink saw; {@code seconds} runs from the first to the last message. */
    public record Result(long messages, long bytes, long series, double seconds) {
    }

    public PullSink(String endpoint, int receiveTimeoutMs) {
        this.endpoint = endpoint;
        this.receiveTimeoutMs = receiveTimeoutMs;
    }

    /**
     * Receives until {@code seriesEnds} series end messages have been seen, or nothing arrives within the timeout.
     * Counts image messages and their bytes.
     */
    public Result run(int seriesEnds) {
        try (ZMQ.Context context = ZMQ.context(1)) {
            ZMQ.Socket pull = context.socket(SocketType.PULL);
            pull.setRcvHWM(1000);
            pull.setReceiveTimeOut(SLICE_MS);
            pull.connect(endpoint);
            long images = 0;
            long bytes = 0;
            long ends = 0;
            long first = 0;
            long last = 0;
            long idleSince = System.nanoTime();
            while (ends < seriesEnds) {
                zmq.Msg head = pull.base().recv(0);
                if (head == null) {
                    if (System.nanoTime() - idleSince > receiveTimeoutMs * 1_000_000L) {
                        break;
                    }
                    PullWakeup.poke(pull);
                    continue;
                }
                idleSince = System.nanoTime();
                last = System.nanoTime();
                if (first == 0) {
                    first = last;
                }
                String kind = htype(head);
                if (kind.contains("series_end")) {
                    ends++;
                }
                boolean image = kind.contains("image");
                long messageBytes = head.size();
                zmq.Msg part = head;
                while (part.hasMore()) {
                    part = pull.base().recv(0);
                    if (part == null) {
                        break;
                    }
                    messageBytes += part.size();
                }
                if (image) {
                    images++;
                    bytes += messageBytes;
                }
            }
            pull.close();
            return new Result(images, bytes, ends, (last - first) / 1e9);
        }
    }

    /** The start of the first part, enough to see its htype. */
    private static String htype(zmq.Msg msg) {
        byte[] d = msg.data();
        return new String(d, 0, Math.min(d.length, 40), java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** {@code PullSink ENDPOINT [SERIES]}: prints {@code messages bytes seconds} on stdout. */
    public static void main(String[] args) {
        Result r = new PullSink(args[0], 20000).run(args.length > 1 ? Integer.parseInt(args[1]) : 1);
        System.out.printf(Locale.ROOT, "%d %d %d %.6f%n", r.messages(), r.bytes(), r.series(), r.seconds());
    }
}
