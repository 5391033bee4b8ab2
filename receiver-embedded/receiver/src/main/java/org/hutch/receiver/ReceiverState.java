package org.hutch.receiver;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.hutch.model.receiver.ReceiverStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state machine {@code idle --header--> running --series_end, file closed--> idle}, any failure
 * {@code -> error} with its reason. Unlike MAX IV, {@code error} stays until the next series header or
 * {@link #reset()}, so a 1 Hz poller cannot miss it. Thread-safe: workers, collector, writer and HTTP
 * threads all touch it; none of them waits on another here.
 */
public final class ReceiverState {
    private static final Logger LOG = LoggerFactory.getLogger(ReceiverState.class);

    private final AtomicLong totalReceived = new AtomicLong();
    private final AtomicLong totalWritten = new AtomicLong();
    private final AtomicLong totalBytes = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong seriesReceived = new AtomicLong();
    private final AtomicLong seriesWritten = new AtomicLong();
    private final AtomicLong seriesLost = new AtomicLong();
    private final AtomicReference<Instant> lastErrorTime = new AtomicReference<>();
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong forwardFailed = new AtomicLong();
    private final AtomicLong droppedAfterAbort = new AtomicLong();
    private final java.util.List<String> deadThreads = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** set when a thread died: the error no header, reset or abort clears, until a restart */
    private String stickyError;
    private final RateMeter rate;
    private volatile LongSupplier queueFrames = () -> 0;
    private volatile LongSupplier queueBytes = () -> 0;
    private volatile int downsample = 1;

    private ReceiverStatus.State state = ReceiverStatus.State.IDLE;
    private String error;
    private Instant errorTime;
    private long seriesId = -1;

    /** With the rate averaged over the default window of the receiver's preferences. */
    public ReceiverState() {
        this(ReceiverPreferences.load().rateWindowSeconds());
    }

    /** @param rateWindowSeconds the frame and byte rates are averaged over this many complete seconds */
    public ReceiverState(int rateWindowSeconds) {
        rate = new RateMeter(rateWindowSeconds);
    }
    private String filename;
    private Long expected;
    private Instant started;
    /** how the shown series ended, or null while it runs */
    private SeriesEndReason end;
    private boolean seriesOpen;
    private volatile long currentSeries = -1;

    /** A header arrived: clears any error, resets the per-series counters. */
    public synchronized void seriesStarted(long id, Long expectedFrames) {
        state = stickyError == null ? ReceiverStatus.State.RUNNING : ReceiverStatus.State.ERROR;
        error = stickyError;
        errorTime = stickyError == null ? null : errorTime;
        seriesId = id;
        currentSeries = id;
        filename = null;
        expected = expectedFrames;
        started = Instant.now();
        rate.seriesStarted(System.nanoTime());
        end = null;
        seriesReceived.set(0);
        seriesWritten.set(0);
        seriesLost.set(0);
    }

    /** The writer opened the series' file. */
    public synchronized void fileOpened(long id, String path) {
        if (id == seriesId) {
            filename = path;
        }
    }

    /** The series is complete and its file closed: running -> idle (an error stays; a newer series is left alone). */
    public synchronized void seriesFinished(long id) {
        if (id != seriesId) {
            return;
        }
        if (end == null) {
            end = state == ReceiverStatus.State.ERROR ? SeriesEndReason.ERROR : SeriesEndReason.COMPLETE;
        }
        if (state == ReceiverStatus.State.RUNNING) {
            state = ReceiverStatus.State.IDLE;
        }
    }

    /** The series ended without series_end ({@code reason} timeout or error); the state keeps its error. */
    public synchronized void seriesCutShort(long id, SeriesEndReason reason) {
        if (id == seriesId && end == null) {
            end = reason;
        }
    }

    /**
     * The series was aborted on request and its file closed: the state goes to idle (an abort is
     * asked for, not a fault), and the end says "aborted".
     */
    public synchronized void seriesAborted(long id) {
        if (id != seriesId) {
            return;
        }
        end = SeriesEndReason.ABORTED;
        if (stickyError == null) {
            state = ReceiverStatus.State.IDLE;
            error = null;
            errorTime = null;
        }
    }

    /** A receiver thread died: the state says so until the receiver is restarted. */
    public synchronized void threadDied(String name, String why) {
        deadThreads.add(name + ": " + why);
        String reason = "the receiver's thread " + name + " stopped (" + why + "): restart the receiver";
        stickyError = stickyError == null ? reason : stickyError;
        Instant now = Instant.now();
        lastErrorTime.set(now);
        state = ReceiverStatus.State.ERROR;
        error = stickyError;
        errorTime = now;
    }

    /** Threads that died since start, as "name: why". */
    public java.util.List<String> deadThreads() {
        return java.util.List.copyOf(deadThreads);
    }

    /** A message of an aborted series arrived after the abort and was dropped. */
    public void droppedAfterAbort() {
        droppedAfterAbort.incrementAndGet();
    }

    /** Messages of aborted series dropped since start. */
    public long droppedAfterAbortCount() {
        return droppedAfterAbort.get();
    }

    /** The id the collector gave the shown series (-1 before the first). */
    public synchronized long seriesId() {
        return seriesId;
    }

    /** Frames written in the shown series. */
    public long writtenInSeries() {
        return seriesWritten.get();
    }

    /** Something went wrong; the first reason of a series is kept, later ones are only logged. */
    public synchronized void fail(String reason) {
        Instant now = Instant.now();
        lastErrorTime.set(now);
        if (state == ReceiverStatus.State.ERROR) {
            LOG.warn("further error: {}", reason);
            return;
        }
        LOG.error("receiver error: {}", reason);
        state = ReceiverStatus.State.ERROR;
        error = reason;
        errorTime = now;
    }

    /** Explicit reset: error -> idle (a running series keeps running). */
    public synchronized void reset() {
        if (state == ReceiverStatus.State.ERROR && stickyError == null) {
            state = seriesOpen ? ReceiverStatus.State.RUNNING : ReceiverStatus.State.IDLE;
            error = null;
            errorTime = null;
        }
    }

    /** Whether a series is open at the collector (so a reset goes back to running, not idle). */
    public synchronized void seriesOpen(boolean open) {
        seriesOpen = open;
    }

    public void frameReceived(long nowNanos, long bytes) {
        totalReceived.incrementAndGet();
        seriesReceived.incrementAndGet();
        totalBytes.addAndGet(bytes);
        rate.add(nowNanos, bytes);
    }

    public void frameWritten(long id) {
        totalWritten.incrementAndGet();
        if (id == currentSeries) {
            seriesWritten.incrementAndGet();
        }
    }

    public void framesLost(long n) {
        lost.addAndGet(n);
        seriesLost.addAndGet(n);
    }

    public void duplicate() {
        duplicates.incrementAndGet();
    }

    public long receivedInSeries() {
        return seriesReceived.get();
    }

    public int downsample() {
        return downsample;
    }

    public void downsample(int f) {
        downsample = f;
    }

    /** Where the queue gauges come from (set once at start). */
    public void queueGauges(LongSupplier frames, LongSupplier bytes) {
        queueFrames = frames;
        queueBytes = bytes;
    }

    /** Messages the forwarder re-emitted (the forwarder counts here). */
    public AtomicLong forwarded() {
        return forwarded;
    }

    /** Messages the forwarder could not send within its timeout. */
    public AtomicLong forwardFailed() {
        return forwardFailed;
    }

    public Instant lastErrorTime() {
        return lastErrorTime.get();
    }

    public synchronized ReceiverStatus.State state() {
        return state;
    }

    public synchronized String error() {
        return error;
    }

    public ReceiverStatus snapshot() {
        double[] r = rate.rates(System.nanoTime());
        synchronized (this) {
            ReceiverStatus.Series s = seriesId < 0 ? null
                    : new ReceiverStatus.Series(seriesId, filename, expected, seriesReceived.get(), seriesWritten.get(),
                    seriesLost.get(), started, end == null ? null : end.wireName());
            return new ReceiverStatus(state, error, errorTime, s, r[0], Double.NaN, r[1], queueFrames.getAsLong(),
                    queueBytes.getAsLong(), -1, lost.get(), duplicates.get(), totalReceived.get(), totalWritten.get(),
                    totalBytes.get(), null);
        }
    }
}
