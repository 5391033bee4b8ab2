package org.hutch.receiver.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hutch.model.pixels.PixelType;
import org.hutch.stream.Compression;
import org.hutch.stream.Frame;
import org.hutch.stream.SeriesEnd;
import org.hutch.stream.SeriesStart;
import org.hutch.stream.StreamFormat;
import org.junit.jupiter.api.Test;

/** The ordering logic alone, with a hand-driven clock. */
class ReordererTest {
    private static final long S = 1_000_000_000L;
    private final List<String> events = new ArrayList<>();
    private final Reorderer r = new Reorderer(new Reorderer.Sink() {
        @Override
        public void start(SeriesStart start) {
            events.add("start " + start.msgNumber());
        }

        @Override
        public void frame(Frame frame) {
            events.add("frame " + frame.frame());
        }

        @Override
        public void end(SeriesEnd end) {
            events.add("end " + end.msgNumber());
        }

        @Override
        public void rejected(Arrival.Rejected rejected) {
            events.add("rejected " + rejected.msgNumber());
        }

        @Override
        public void interrupted(String reason) {
            events.add("interrupted");
        }

        @Override
        public void lost(long count, String what) {
            events.add("lost " + count);
        }

        @Override
        public void duplicate(Arrival arrival) {
            events.add("duplicate " + arrival.msgNumber());
        }
    }, 2 * S, 60 * S, 1 << 20, 100, S / 10);

    private static Arrival start(long msg) {
        return new Arrival.Message(new SeriesStart(0, msg, StreamFormat.STINS, "x.h5", null, Map.of(), Map.of()),
                StreamFormat.STINS);
    }

    private static Arrival frame(long msg) {
        return new Arrival.Message(new Frame(0, msg, msg - 1, 1, 4, PixelType.UINT8, Compression.NONE,
                ByteBuffer.allocate(4), Map.of()), StreamFormat.STINS);
    }

    private static Arrival end(long msg) {
        return new Arrival.Message(new SeriesEnd(0, msg), StreamFormat.STINS);
    }

    @Test
    void shuffledArrivalsComeOutInOrder() {
        long t = 0;
        for (Arrival a : List.of(frame(2), start(0), frame(3), frame(1), end(5), frame(4))) {
            r.offer(a, t++);
        }
        assertEquals(List.of("start 0", "frame 0", "frame 1", "frame 2", "frame 3", "end 5"), events);
        assertEquals(0, r.waitingCount());
    }

    @Test
    void holeIsDeclaredLostAfterTheGraceTime() {
        r.offer(start(0), 0);
        r.offer(frame(1), 0);
        r.offer(frame(3), 0);
        r.offer(end(4), 0);
        r.tick(S);
        assertEquals(List.of("start 0", "frame 0"), events);
        r.tick(3 * S);
        assertEquals(List.of("start 0", "frame 0", "lost 1", "frame 2", "end 4"), events);
    }

    @Test
    void duplicatesAreReportedNotDelivered() {
        r.offer(start(0), 0);
        r.offer(frame(1), 0);
        r.offer(frame(1), 0);
        r.offer(frame(3), 0);
        r.offer(frame(3), 0);
        assertEquals(List.of("start 0", "frame 0", "duplicate 1", "duplicate 3"), events);
    }

    @Test
    void rejectedFrameTakesItsPlace() {
        r.offer(start(0), 0);
        r.offer(frame(2), 0);
        r.offer(new Arrival.Rejected(1, 0, "bad blob"), 0);
        r.offer(end(3), 0);
        assertEquals(List.of("start 0", "rejected 1", "frame 1", "end 3"), events);
    }

    @Test
    void newHeaderClosesASeriesWithoutEnd() {
        r.offer(start(0), 0);
        r.offer(frame(1), 0);
        r.offer(frame(3), 0);
        r.offer(start(10), 0);
        r.offer(frame(11), 0);
        assertEquals(List.of("start 0", "frame 0", "lost 1", "frame 2", "interrupted", "start 10", "frame 10"), events);
    }

    @Test
    void silentSeriesTimesOut() {
        r.offer(start(0), 0);
        r.offer(frame(1), 0);
        r.tick(30 * S);
        assertTrue(r.seriesRunning());
        r.tick(61 * S);
        assertEquals(List.of("start 0", "frame 0", "interrupted"), events);
        assertTrue(!r.seriesRunning());
    }

    @Test
    void framesWithoutHeaderAreDroppedAsLost() {
        r.offer(frame(5), 0);
        r.offer(frame(6), 0);
        r.tick(3 * S);
        assertEquals(List.of("lost 2"), events);
    }

    @Test
    void frameBeforeItsHeaderWaitsForIt() {
        r.offer(frame(1), 0);
        r.offer(start(0), S / 20);
        assertEquals(List.of("start 0", "frame 0"), events);
    }

    @Test
    void strayLongBeforeTheHeaderIsDroppedNotAdopted() {
        r.offer(frame(1), 0);
        r.offer(start(0), S / 5);
        r.offer(frame(1), S / 5);
        assertEquals(List.of("lost 1", "start 0", "frame 0"), events);
        assertEquals(0, r.waitingCount());
    }

    @Test
    void tooMuchWaitingSkipsTheHoleAtOnce() {
        Reorderer small = new Reorderer(new Reorderer.Sink() {
            public void start(SeriesStart s) { events.add("start"); }
            public void frame(Frame f) { events.add("frame " + f.frame()); }
            public void end(SeriesEnd e) { }
            public void rejected(Arrival.Rejected x) { }
            public void interrupted(String reason) { }
            public void lost(long count, String what) { events.add("lost " + count); }
            public void duplicate(Arrival a) { }
        }, 100 * S, 600 * S, 1 << 20, 3);
        small.offer(start(0), 0);
        for (int m = 3; m <= 6; m++) {
            small.offer(frame(m), 0);
        }
        assertEquals(List.of("start", "lost 2", "frame 2", "frame 3", "frame 4", "frame 5"), events);
    }

    @Test
    void finishDeliversWhatWaitsAndInterrupts() {
        r.offer(start(0), 0);
        r.offer(frame(2), 0);
        r.finish("stopped");
        assertEquals(List.of("start 0", "lost 1", "frame 1", "interrupted"), events);
    }
}
