package org.hutch.receiver.collect;

import java.util.Map;
import java.util.TreeMap;
import org.hutch.stream.Frame;
import org.hutch.stream.SeriesEnd;
import org.hutch.stream.SeriesStart;
import org.hutch.stream.StreamFormat;

/**
 * Puts the messages of several PULL workers back in {@code msgNumber} order, and says what went
 * wrong: duplicates, gaps (after a grace time, or when too much is waiting), messages that arrive
 * without a series header, and series that stop without {@code series_end}. Pure logic, one thread:
 * the caller passes the clock.
 */
public final class Reorderer {

    /** Receives the ordered result. Called on the thread that calls {@link #offer} / {@link #tick}. */
    public interface Sink {
        void start(SeriesStart start);

        void frame(Frame frame);

        void end(SeriesEnd end);

        /** A frame whose content was refused, in its place in the order. */
        void rejected(Arrival.Rejected rejected);

        /** The running series stopped without series_end ({@code reason} says how it was noticed). */
        void interrupted(String reason);

        /** The running series went silent for the series timeout without series_end. */
        default void timedOut(String reason) {
            interrupted(reason);
        }

        /** {@code count} messages will never arrive or were dropped; {@code what} describes them. */
        void lost(long count, String what);

        /** A message whose position was already taken. */
        void duplicate(Arrival arrival);
    }

    private record Waiting(Arrival arrival, long sinceNanos) {
    }

    private final Sink sink;
    private final long gapNanos;
    private final long seriesTimeoutNanos;
    private final long maxWaitingBytes;
    private final int maxWaitingCount;
    /** a STINS message waiting this long before its header arrived is a stray, not an overtaking frame */
    private final long strayNanos;
    private final TreeMap<Long, Waiting> waiting = new TreeMap<>();
    private long waitingBytes;
    /** msgNumber expected next; -1 when no series runs. */
    private long next = -1;
    private long lastActivityNanos;

    /**
     * @param gapNanos           how long a hole in the order may stay open before it is declared lost
     * @param seriesTimeoutNanos silence after which a running series is declared stopped
     * @param maxWaitingBytes    waiting blobs above this declare the oldest hole lost at once (memory bound)
     * @param maxWaitingCount    same, counted in messages
     */
    public Reorderer(Sink sink, long gapNanos, long seriesTimeoutNanos, long maxWaitingBytes, int maxWaitingCount) {
        this(sink, gapNanos, seriesTimeoutNanos, maxWaitingBytes, maxWaitingCount, 0);
    }

    /**
     * @param strayNanos a STINS message (which has no series id) that waited at least this long when a header
     *                   arrives was sent before that header and is dropped; 0 (one worker, whose socket keeps
     *                   the order) drops every message that arrived before the header
     */
    public Reorderer(Sink sink, long gapNanos, long seriesTimeoutNanos, long maxWaitingBytes, int maxWaitingCount,
                     long strayNanos) {
        this.strayNanos = strayNanos;
        this.sink = sink;
        this.gapNanos = gapNanos;
        this.seriesTimeoutNanos = seriesTimeoutNanos;
        this.maxWaitingBytes = maxWaitingBytes;
        this.maxWaitingCount = maxWaitingCount;
    }

    public boolean seriesRunning() {
        return next >= 0;
    }

    public int waitingCount() {
        return waiting.size();
    }

    public long waitingBytes() {
        return waitingBytes;
    }

    public void offer(Arrival a, long now) {
        lastActivityNanos = now;
        if (a instanceof Arrival.Message m && m.isStart()) {
            startSeries((SeriesStart) m.message(), now);
            return;
        }
        long n = a.msgNumber();
        if (waiting.containsKey(n) || (next >= 0 && n < next && !(a instanceof Arrival.Message m2 && m2.isEnd()))) {
            sink.duplicate(a);
            return;
        }
        if (next >= 0 && a instanceof Arrival.Message m && m.isEnd() && n < next) {
            // an end numbered behind what was already delivered: take it as "the series ends now"
            flushSeries();
            emitEnd((SeriesEnd) m.message());
            return;
        }
        if (n == next) {
            emit(a);
            drain();
        } else {
            waiting.put(n, new Waiting(a, now));
            waitingBytes += a.bytes();
            if (waitingBytes > maxWaitingBytes || waiting.size() > maxWaitingCount) {
                skipHole();
            }
        }
    }

    /** Closes holes that stayed open too long and notices a silent series; call it regularly. */
    public void tick(long now) {
        while (!waiting.isEmpty() && now - waiting.firstEntry().getValue().sinceNanos() > gapNanos) {
            skipHole();
        }
        if (next >= 0 && now - lastActivityNanos > seriesTimeoutNanos) {
            flushSeries();
            next = -1;
            sink.timedOut("no message for " + (seriesTimeoutNanos / 1_000_000_000L)
                    + " s and no series_end: the series was closed as it was");
        }
    }

    /** The receiver stops: deliver what can be delivered and close a running series. */
    public void finish(String reason) {
        if (next >= 0) {
            flushSeries();
            next = -1;
            sink.interrupted(reason);
        }
        if (!waiting.isEmpty()) {
            dropOrphans(Long.MAX_VALUE);
        }
    }

    /**
     * Ends the running series at once, on request: the frames waiting are delivered in order, holes
     * are not reported (the series was cut on purpose), a waiting series_end is dropped.
     */
    public void abortSeries() {
        while (next >= 0 && !waiting.isEmpty()) {
            Arrival a = take(waiting.firstKey());
            if (a instanceof Arrival.Message m && m.isEnd()) {
                continue;
            }
            next = a.msgNumber();
            emit(a);
        }
        next = -1;
    }

    private void startSeries(SeriesStart start, long now) {
        if (next >= 0) {
            // frames of the old series that were waiting behind a hole still get delivered
            flushBelow(start.msgNumber());
            next = -1;
            sink.interrupted("a new series header arrived before series_end");
        }
        dropOrphans(start.msgNumber());
        dropStrays(start, now);
        next = start.msgNumber() + 1;
        sink.start(start);
        drain();
    }

    private void emit(Arrival a) {
        if (a instanceof Arrival.Rejected r) {
            sink.rejected(r);
            next = a.msgNumber() + 1;
            return;
        }
        var msg = ((Arrival.Message) a).message();
        if (msg instanceof Frame f) {
            sink.frame(f);
            next = a.msgNumber() + 1;
        } else if (msg instanceof SeriesEnd e) {
            emitEnd(e);
        }
    }

    private void emitEnd(SeriesEnd e) {
        next = -1;
        sink.end(e);
    }

    private void drain() {
        while (next >= 0 && !waiting.isEmpty() && waiting.firstKey() == next) {
            emit(take(waiting.firstKey()));
        }
    }

    private Arrival take(long key) {
        Waiting w = waiting.remove(key);
        waitingBytes -= w.arrival().bytes();
        return w.arrival();
    }

    /** Declares the first hole lost and delivers what waited behind it. */
    private void skipHole() {
        if (next < 0) {
            dropOrphans(Long.MAX_VALUE);
            return;
        }
        long first = waiting.firstKey();
        if (first > next) {
            sink.lost(first - next, describe(next, first - 1));
            next = first;
        }
        drain();
    }

    /** Delivers everything waiting below {@code limit} for the running series, holes counted as lost. */
    private void flushBelow(long limit) {
        while (next >= 0 && !waiting.isEmpty() && waiting.firstKey() < limit) {
            long first = waiting.firstKey();
            if (first > next) {
                sink.lost(first - next, describe(next, first - 1));
                next = first;
            }
            emit(take(first));
        }
    }

    private void flushSeries() {
        flushBelow(Long.MAX_VALUE);
    }

    private void dropOrphans(long below) {
        long count = 0;
        long first = -1;
        long last = -1;
        while (!waiting.isEmpty() && waiting.firstKey() < below) {
            last = waiting.firstKey();
            first = count == 0 ? last : first;
            take(last);
            count++;
        }
        if (count > 0) {
            sink.lost(count, count + " message(s) numbered " + (first == last ? first : first + ".." + last)
                    + " arrived without a series header and were dropped");
        }
    }

    /**
     * Drops what waited for this header but was sent before it: DECTRIS messages of another series, and
     * STINS messages (no series id) that arrived before the header by more than an overtaking frame can.
     */
    private void dropStrays(SeriesStart start, long now) {
        long count = 0;
        var it = waiting.entrySet().iterator();
        while (it.hasNext()) {
            Waiting w = it.next().getValue();
            boolean stray;
            if (start.format() != StreamFormat.STINS && w.arrival() instanceof Arrival.Message m) {
                stray = m.message().series() != start.series();
            } else {
                stray = now - w.sinceNanos() >= strayNanos;
            }
            if (stray) {
                it.remove();
                waitingBytes -= w.arrival().bytes();
                count++;
            }
        }
        if (count > 0) {
            sink.lost(count, count + " message(s) that arrived before the series header and do not belong to the "
                    + "series were dropped");
        }
    }

    private static String describe(long from, long to) {
        return from == to ? "message " + from + " never arrived"
                : "messages " + from + ".." + to + " never arrived";
    }

    /** For tests and status: the messages waiting, by number. */
    Map<Long, Arrival> waitingView() {
        TreeMap<Long, Arrival> m = new TreeMap<>();
        waiting.forEach((k, v) -> m.put(k, v.arrival()));
        return m;
    }
}
