package org.hutch.receiver.collect;

import java.time.Duration;
import java.util.function.Supplier;
import org.hutch.receiver.BoundedQueue;
import org.hutch.receiver.ReceiverState;
import org.hutch.receiver.forward.Forwarder;
import org.hutch.receiver.hdf5.WriterCommand;
import org.hutch.receiver.ingest.WorkerActivity;
import org.hutch.receiver.ingest.WorkerOutput;
import org.hutch.receiver.live.LastFrameSlot;
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
    private volatile boolean stopping;
    private Forwarder forwarder;
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
                     long seriesTimeoutNanos, long maxWaitingBytes, Duration tick) {
        this.tickMs = tick.toMillis();
        this.activity = activity;
        this.input = input;
        this.output = output;
        this.state = state;
        this.lastFrame = lastFrame;
        this.forwarderFactory = forwarderFactory;
        this.order = new Reorderer(this, GAP_NANOS, seriesTimeoutNanos, maxWaitingBytes, 10_000);
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
                    if (w.arrival() != null) {
                        Arrival a = placeEnd(w.arrival(), now);
                        if (a != null) {
                            order.offer(a, now);
                        }
                    } else {
                        state.fail("unreadable message: " + w.unreadable());
                    }
                }
                releasePendingEnd(now, false);
                order.tick(now);
            }
            releasePendingEnd(System.nanoTime(), true);
            order.finish("the receiver was stopped before series_end: the file was closed with the frames received");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            // never silent: without the collector nothing moves, so say so where users look
            LOG.error("collector stopped", e);
            state.fail("the receiver's collector stopped (" + e + "): restart the receiver");
        } finally {
            if (forwarder != null) {
                forwarder.close();
            }
        }
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
        LOG.info("series {} started (header msg {}, file '{}', {} frames expected)", seriesId, start.msgNumber(),
                start.filename(), start.expectedFrames());
        state.seriesStarted(seriesId, start.expectedFrames());
        state.seriesOpen(true);
        forward(start);
        toWriter(new WriterCommand.Open(start, seriesId), 0);
    }

    @Override
    public void frame(Frame frame) {
        state.frameReceived(System.nanoTime(), frame.blob().remaining());
        lastFrame.put(frame, seriesId);
        forward(frame);
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
        toWriter(new WriterCommand.Close(true, seriesId), 0);
    }

    @Override
    public void rejected(Arrival.Rejected r) {
        state.framesLost(1);
        state.fail("message " + r.msgNumber() + " refused: " + r.reason());
    }

    @Override
    public void interrupted(String reason) {
        state.seriesOpen(false);
        state.fail("series " + seriesId + " stopped without series_end (" + reason + ")");
        toWriter(new WriterCommand.Close(false, seriesId), 0);
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
