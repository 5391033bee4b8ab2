package org.hutch.receiver.collect;

import org.hutch.stream.SeriesStart;
import org.hutch.stream.StreamMessage;

/**
 * Keeps what is still on its way for an aborted series out of the next one. Until the next header,
 * every message of the aborted series is dropped; STINS carries no series id (all 0), so there that
 * is every message. After the next header, DECTRIS messages still carrying the aborted series' id
 * are dropped too. One thread (the collector).
 */
final class AfterAbort {
    private boolean active;
    private boolean beforeHeader;
    private long abortedSeries;

    /** The series with this stream id was aborted. */
    void aborted(long streamSeries) {
        active = true;
        beforeHeader = true;
        abortedSeries = streamSeries;
    }

    /** Whether this arrival belongs to the aborted series and is to be dropped (and counted). */
    boolean drops(Arrival a) {
        if (!active) {
            return false;
        }
        if (a instanceof Arrival.Message m && m.message() instanceof SeriesStart s) {
            beforeHeader = false;
            // a new series with the same id (STINS: always): nothing is known to belong to the old one any more
            active = s.series() != abortedSeries;
            return false;
        }
        if (!(a instanceof Arrival.Message m)) {
            // a refused frame carries no series id: before the next header it can only be the aborted one's
            return beforeHeader;
        }
        StreamMessage msg = m.message();
        return msg.series() == abortedSeries;
    }
}
