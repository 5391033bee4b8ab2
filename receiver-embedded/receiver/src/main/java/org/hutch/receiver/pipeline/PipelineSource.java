package org.hutch.receiver.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.hutch.stream.PullWakeup;
import org.hutch.stream.StreamDecoder;
import org.hutch.stream.StreamDecoders;
import org.hutch.stream.StreamFormatException;
import org.hutch.stream.StreamMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Feeds the pipeline from a receiver's forwarded stream: a PULL socket connected to Hutch's forwarder or
 * MAX IV's {@code data_port} (both PUSH STINS), or straight to a detector (DECTRIS Stream V1/V2: the
 * format is recognised per message). Runs on its own thread, which owns the socket; decoding here reads
 * headers only (the workers decompress). When the pipeline is lossless and full, this thread waits, the
 * socket's high water mark fills and the sender's forwarder drops (and counts) after its send timeout:
 * the receiver itself never waits for the pipeline.
 */
public final class PipelineSource implements Runnable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineSource.class);
    private static final int RECEIVE_SLICE_MS = 500;

    private final String endpoint;
    private final AzintPipeline pipeline;
    private final long quietAbortNanos;
    private final StreamDecoder decoder = StreamDecoders.autoDetecting();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile long messages;

    /** @param quietAbortNanos a series with no message for this long is closed as incomplete */
    public PipelineSource(String endpoint, AzintPipeline pipeline, long quietAbortNanos) {
        this.endpoint = endpoint;
        this.pipeline = pipeline;
        this.quietAbortNanos = quietAbortNanos;
    }

    public long messages() {
        return messages;
    }

    @Override
    public void run() {
        try (ZContext ctx = new ZContext(1)) {
            ZMQ.Socket pull = ctx.createSocket(SocketType.PULL);
            pull.setRcvHWM(16);
            pull.setLinger(0);
            pull.connect(endpoint);
            LOG.info("azint pipeline reading {}", endpoint);
            long last = System.nanoTime();
            List<byte[]> parts = new ArrayList<>();
            while (running) {
                byte[] first = PullWakeup.recv(pull, RECEIVE_SLICE_MS);
                if (first == null) {
                    if (System.nanoTime() - last > quietAbortNanos && pipeline.seriesOpen()) {
                        pipeline.abort("no message for " + quietAbortNanos / 1_000_000_000L + " s");
                    }
                    continue;
                }
                last = System.nanoTime();
                parts.clear();
                parts.add(first);
                while (pull.hasReceiveMore()) {
                    parts.add(pull.recv(0));
                }
                messages++;
                try {
                    StreamMessage m = decoder.decode(parts);
                    if (m != null) {
                        pipeline.offer(m);
                    }
                } catch (StreamFormatException e) {
                    pipeline.counters().error("unreadable message: " + e.getMessage());
                    LOG.warn("azint pipeline: unreadable message: {}", e.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        } finally {
            stopped.countDown();
        }
    }

    /** Stops reading within the receive slice; the pipeline is left to its owner. */
    @Override
    public void close() {
        running = false;
        try {
            stopped.await(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
