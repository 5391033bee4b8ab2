package org.hutch.receiver.collect;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.hutch.receiver.BoundedQueue;
import org.hutch.receiver.ReceiverState;
import org.hutch.receiver.SeriesAbort;
import org.hutch.receiver.SeriesEndReason;
import org.hutch.receiver.forward.Forwarder;
import org.hutch.receiver.hdf5.WriterCommand;
import org.hutch.receiver.ingest.WorkerActivity;
import org.hutch.receiver.ingest.WorkerOutput;
import org.hutch.receiver.live.LastFrameSlot;
import org.hutch.receiver.pipeline.AzintPipeline;
import org.hutch.stream.Frame;
import org.hutch.stream.SeriesEnd;
import org.hutch.stream.SeriesStart;
import org.hutch.stream.StreamFormat;
import org.hutch.stream.StreamMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collector thread: takes what the workers decoded, puts it in order ({@link Reorderer}),
 * counts it, publishes the newest frame to the last-frame slot, forwards it, and queues it for the
 * writer. Every problem the order reveals becomes an error in the state with a reason.
 */
public final class Collector implements Runnable, Reorderer.Sink {
    private static final Logger LOG = LoggerFactory.getLogger(Collector.class);
    private static final long GAP_NANOS = 2_000_000_000L;
    private static final int BATCH = 16;
    private static final long END_QUIET_NANOS = 300_000_000L;
    private static final long END_MAX_HOLD_NANOS = 5_000_000_000L;

    /** how long one wait for the workers' output lasts before the timers are checked */
    private final long tickMs;
    private final BoundedQueue<WorkerOutput> input;
    private final BoundedQueue<WriterCommand> output;
    private final ReceiverState state;
    private final LastFrameSlot lastFrame;
    private final Supplier<Forwarder> forwarderFactory;
    private final Reorderer order;
    private final WorkerActivity activity;
    private final SeriesAbort aborts;
    private final FrameBounds bounds;
    /** frames the open series' header announced, or null */
    private Long expected;
    private final AfterAbort afterAbort = new AfterAbort();
    /** the open series' id as the stream numbers it (DECTRIS series id; 0 for STINS) */
    private long streamSeries;
    private volatile boolean stopping;
    private Forwarder forwarder;
    /** the full-rate azint pipeline fed with every message (--azint-all), or null; it never blocks this thread */
    private volatile AzintPipeline pipeline;
    private long seriesCounter;
    private long seriesId = -1;
    private long trackedSeries = Long.MIN_VALUE;
    private long trackedHighest = -1;
    private Long trackedExpected;
    private long lastArrival;
    private SeriesEnd pendingEnd;
    private long pendingEndSince;

    /**
     * @param tick             how long one wait for the workers' output lasts before the timers are checked
     * @param forwarderFactory makes the forwarder on the collector thread (its socket lives there), or returns null
     */
    public Collector(BoundedQueue<WorkerOutput> input, BoundedQueue<WriterCommand> output, ReceiverState state,
                     LastFrameSlot lastFrame, Supplier<Forwarder> forwarderFactory, WorkerActivity activity,
                     long seriesTimeoutNanos, long maxWaitingBytes, Duration tick, SeriesAbort aborts,
                     FrameBounds bounds, long strayNanos) {
        this.aborts = aborts;
        this.bounds = bounds;
        this.tickMs = tick.toMillis();
        this.activity = activity;
        this.input = input;
        this.output = output;
        this.state = state;
        this.lastFrame = lastFrame;
        this.forwarderFactory = forwarderFactory;
        this.order = new Reorderer(this, GAP_NANOS, seriesTimeoutNanos, maxWaitingBytes, 10_000, strayNanos);
    }

    /** Feeds every message from now on to the pipeline too (made not lossless, so a full pipeline skips). */
    public void pipeline(AzintPipeline p) {
        pipeline = p;
    }

    private void toPipeline(StreamMessage m) {
        AzintPipeline p = pipeline;
        if (p != null) {
            try {
                // the pipeline integrates later, after the writer may have given a pooled blob back
                p.offer(m instanceof Frame f ? f.onHeap() : m);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Ends the loop once the input is drained; a running series is closed as interrupted. */
    public void stop() {
        stopping = true;
    }

    public int waitingCount() {
        return order.waitingCount();
    }

    @Override
    public void run() {
        try {
            forwarder = forwarderFactory.get();
            java.util.List<WorkerOutput> batch = new java.util.ArrayList<>(BATCH);
            while (true) {
                batch.clear();
                int n = input.drain(batch, BATCH, tickMs);
                long now = System.nanoTime();
                if (n == 0 && stopping) {
                    break;
                }
                for (WorkerOutput w : batch) {
                    take(w, now);
                }
                CompletableFuture<SeriesAbort.Outcome> abort = aborts.poll();
                if (abort != null) {
                    abort(abort, now);
                }
                releasePendingEnd(now, false);
                order.tick(now);
            }
            releasePendingEnd(System.nanoTime(), true);
            order.finish("the receiver was stopped before series_end: the file was closed with the frames received");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (forwarder != null) {
                forwarder.close();
            }
        }
    }

    /** One message; whatever it does wrong is reported and the loop goes on (no input ends this thread). */
    private void take(WorkerOutput w, long now) {
        try {
            takeChecked(w, now);
        } catch (RuntimeException | OutOfMemoryError e) {
            LOG.warn("message {} could not be handled", w.arrival() == null ? "?" : w.arrival().msgNumber(), e);
            state.framesLost(1);
            state.fail("message " + (w.arrival() == null ? "" : w.arrival().msgNumber() + " ")
                    + "could not be handled (" + e + "): it was dropped");
        }
    }

    private void takeChecked(WorkerOutput w, long now) {
        if (w.arrival() == null) {
            state.fail("unreadable message: " + w.unreadable());
            return;
        }
        if (afterAbort.drops(w.arrival())) {
            state.droppedAfterAbort();
            LOG.debug("message {} of an aborted series dropped", w.arrival().msgNumber());
            return;
        }
        Arrival a = placeEnd(w.arrival(), now);
        if (a != null) {
            order.offer(a, now);
        }
    }

    /**
     * Aborts the open series on request: what the workers already handed over is taken first, then the
     * series is closed; the writer answers the request once the file is closed and marked incomplete.
     */
    private void abort(CompletableFuture<SeriesAbort.Outcome> request, long now) throws InterruptedException {
        java.util.List<WorkerOutput> queued = new java.util.ArrayList<>();
        input.drain(queued, input.size(), 0);
        for (WorkerOutput w : queued) {
            take(w, now);
        }
        // a series_end already here but held back ends the series as it should
        releasePendingEnd(now, true);
        if (!order.seriesRunning()) {
            SeriesAbort.nothingOpen(request);
            return;
        }
        order.abortSeries();
        LOG.info("series {} aborted on request ({} frames received)", seriesId, state.receivedInSeries());
        state.seriesOpen(false);
        afterAbort.aborted(streamSeries);
        toWriter(new WriterCommand.Abort(seriesId, request), 0);
    }

    /**
     * DECTRIS formats carry no message numbers: decoders derive them (frame i -> i + 1) and number the
     * end after the highest frame that decoder saw, which with several workers may be too low; and on
     * another worker's socket the end may overtake frames, or even the series' start. So an end of those
     * formats is held back until the frames the start announced have arrived, or every worker has been
     * idle for a moment (a series stopped early), and is then placed after every frame of its series.
     */
    private Arrival placeEnd(Arrival a, long now) {
        lastArrival = now;
        if (a instanceof Arrival.Message m) {
            StreamMessage msg = m.message();
            if (msg instanceof SeriesEnd e && m.format() != StreamFormat.STINS) {
                releasePendingEnd(now, true);
                track(e.series(), e.msgNumber() - 1);
                pendingEnd = e;
                pendingEndSince = now;
                return null;
            }
            if (msg instanceof SeriesStart s) {
                if (pendingEnd != null && pendingEnd.series() != s.series()) {
                    releasePendingEnd(now, true);
                }
                track(s.series(), s.msgNumber());
                trackedExpected = s.expectedFrames();
            } else {
                track(msg.series(), msg.msgNumber());
            }
        }
        return a;
    }

    private void track(long series, long msgNumber) {
        if (series != trackedSeries) {
            trackedSeries = series;
            trackedHighest = msgNumber;
            trackedExpected = null;
        } else {
            trackedHighest = Math.max(trackedHighest, msgNumber);
        }
    }

    private void releasePendingEnd(long now, boolean force) {
        if (pendingEnd == null) {
            return;
        }
        boolean allFrames = trackedExpected != null && trackedHighest >= trackedExpected;
        boolean quiet = now - lastArrival > END_QUIET_NANOS && activity.allIdleSince(lastArrival);
        if (force || allFrames || quiet || now - pendingEndSince > END_MAX_HOLD_NANOS) {
            SeriesEnd e = pendingEnd;
            pendingEnd = null;
            long n = e.series() == trackedSeries ? Math.max(e.msgNumber(), trackedHighest + 1) : e.msgNumber();
            order.offer(new Arrival.Message(new SeriesEnd(e.series(), n), StreamFormat.STINS), now);
        }
    }

    private void toWriter(WriterCommand c, long bytes) {
        try {
            while (!output.offer(c, bytes, 1000)) {
                LOG.debug("writer queue full: waiting");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while queueing for the writer", e);
        }
    }

    private void forward(StreamMessage m) {
        if (forwarder != null) {
            forwarder.send(m);
        }
    }

    @Override
    public void start(SeriesStart start) {
        seriesId = ++seriesCounter;
        streamSeries = start.series();
        expected = start.expectedFrames();
        LOG.info("series {} started (header msg {}, file '{}', {} frames expected)", seriesId, start.msgNumber(),
                start.filename(), start.expectedFrames());
        state.seriesStarted(seriesId, start.expectedFrames());
        state.seriesOpen(true);
        forward(start);
        toPipeline(start);
        toWriter(new WriterCommand.Open(start, seriesId), 0);
    }

    @Override
    public void frame(Frame frame) {
        String refusal = bounds.refusal(frame, expected);
        if (refusal != null) {
            frame.owner().release();
            state.framesLost(1);
            state.fail(refusal);
            return;
        }
        state.frameReceived(System.nanoTime(), frame.blob().remaining());
        lastFrame.put(frame, seriesId);
        forward(frame);
        toPipeline(frame);
        if (!frame.discard()) {
            toWriter(new WriterCommand.Write(frame, seriesId), frame.blob().remaining());
        } else {
            frame.owner().release();
        }
    }

    @Override
    public void end(SeriesEnd end) {
        LOG.info("series {} ended ({} frames received)", seriesId, state.receivedInSeries());
        state.seriesOpen(false);
        forward(end);
        toPipeline(end);
        toWriter(new WriterCommand.Close(SeriesEndReason.COMPLETE, seriesId), 0);
    }

    @Override
    public void rejected(Arrival.Rejected r) {
        state.framesLost(1);
        state.fail("message " + r.msgNumber() + " refused: " + r.reason());
    }

    @Override
    public void interrupted(String reason) {
        cutShort(reason, SeriesEndReason.ERROR);
    }

    @Override
    public void timedOut(String reason) {
        cutShort(reason, SeriesEndReason.TIMEOUT);
    }

    private void cutShort(String reason, SeriesEndReason end) {
        state.seriesOpen(false);
        state.fail("series " + seriesId + " stopped without series_end (" + reason + ")");
        AzintPipeline p = pipeline;
        if (p != null) {
            p.abort(reason);
        }
        toWriter(new WriterCommand.Close(end, seriesId), 0);
    }

    @Override
    public void lost(long count, String what) {
        state.framesLost(count);
        state.fail(count + " frame(s) lost: " + what);
    }

    @Override
    public void duplicate(Arrival a) {
        state.duplicate();
        state.fail("duplicate message " + a.msgNumber() + " dropped (its position was already taken)");
    }
}
