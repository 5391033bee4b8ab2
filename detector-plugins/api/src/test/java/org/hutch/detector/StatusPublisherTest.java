package org.hutch.detector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A publisher that delivers on the caller's thread makes a test hang on its latches: the timeout fails it. */
@Timeout(20)
class StatusPublisherTest {
    private static final DetectorStatus CONNECTING = DetectorStatus.of(DetectorState.UNKNOWN, "connecting");

    /** Records statuses with the thread that delivered each. */
    private static final class Recorder implements DetectorStateListener {
        final LinkedBlockingQueue<DetectorStatus> statuses = new LinkedBlockingQueue<>();
        final LinkedBlockingQueue<Thread> threads = new LinkedBlockingQueue<>();

        @Override
        public void stateChanged(DetectorStatus status) {
            threads.add(Thread.currentThread());
            statuses.add(status);
        }

        DetectorStatus next() throws InterruptedException {
            DetectorStatus s = statuses.poll(5, TimeUnit.SECONDS);
            if (s == null) {
                throw new AssertionError("no status delivered within 5 s");
            }
            return s;
        }
    }

    private static DetectorStatus running(int i) {
        return DetectorStatus.of(DetectorState.RUNNING, "image " + i);
    }

    @Test
    void aListenerIsToldTheCurrentStatusThenEveryLaterOneInOrder() throws Exception {
        try (StatusPublisher p = new StatusPublisher("test-state-events", CONNECTING)) {
            p.publish(DetectorStatus.of(DetectorState.READY, "ready"));
            Recorder r = new Recorder();
            p.addListener(r);
            for (int i = 0; i < 1000; i++) {
                p.publish(running(i));
            }
            assertEquals("READY: ready", r.next().toString());
            for (int i = 0; i < 1000; i++) {
                assertEquals("image " + i, r.next().message());
            }
            assertEquals("image 999", p.current().message());
        }
    }

    @Test
    void listenersAreCalledOnTheNamedDaemonThreadNotThePublisher() throws Exception {
        try (StatusPublisher p = new StatusPublisher("test-state-events-dcu:80", CONNECTING)) {
            Recorder r = new Recorder();
            p.addListener(r);
            p.publish(running(1));
            r.next();
            r.next();
            for (Thread t : List.of(r.threads.take(), r.threads.take())) {
                assertEquals("test-state-events-dcu:80", t.getName());
                assertTrue(t.isDaemon());
                assertNotEquals(Thread.currentThread(), t);
            }
        }
    }

    @Test
    void aSlowListenerDoesNotBlockThePublishingThread() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        try (StatusPublisher p = new StatusPublisher("test-state-events", CONNECTING)) {
            p.addListener(s -> {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertTrue(entered.await(5, TimeUnit.SECONDS));
            // the listener is stuck; publishing must still return at once
            for (int i = 0; i < 100; i++) {
                p.publish(running(i));
            }
            assertEquals("image 99", p.current().message());
            release.countDown();
        }
    }

    @Test
    void aThrowingListenerIsLoggedAndTheOthersAreStillTold() throws Exception {
        try (StatusPublisher p = new StatusPublisher("test-state-events", CONNECTING)) {
            Recorder before = new Recorder();
            Recorder after = new Recorder();
            p.addListener(before);
            p.addListener(s -> {
                throw new IllegalStateException("listener bug");
            });
            p.addListener(after);
            p.publish(running(1));
            p.publish(running(2));
            assertEquals(CONNECTING, before.next());
            assertEquals("image 1", before.next().message());
            assertEquals("image 2", before.next().message());
            assertEquals(CONNECTING, after.next());
            assertEquals("image 1", after.next().message());
            assertEquals("image 2", after.next().message());
        }
    }

    @Test
    void publishRepeatsButPublishIfChangedCoalescesEqualStateAndMessage() throws Exception {
        try (StatusPublisher p = new StatusPublisher("test-state-events", CONNECTING)) {
            Recorder r = new Recorder();
            p.addListener(r);
            DetectorStatus ready = DetectorStatus.of(DetectorState.READY, "ready");
            assertTrue(p.publishIfChanged(ready));
            assertFalse(p.publishIfChanged(DetectorStatus.of(DetectorState.READY, "ready")));
            assertSame(ready, p.current(), "the status kept is the first, with its time");
            assertTrue(p.publishIfChanged(DetectorStatus.of(DetectorState.READY, "ready, cooled")));
            p.publish(DetectorStatus.of(DetectorState.READY, "ready, cooled"));
            p.publish(DetectorStatus.of(DetectorState.OFF, "closed"));
            List<String> seen = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                seen.add(r.next().toString());
            }
            assertEquals(List.of("UNKNOWN: connecting", "READY: ready", "READY: ready, cooled",
                    "READY: ready, cooled", "OFF: closed"), seen);
        }
    }

    @Test
    void aRemovedListenerIsToldNothingMore() throws Exception {
        try (StatusPublisher p = new StatusPublisher("test-state-events", CONNECTING)) {
            Recorder removed = new Recorder();
            Recorder kept = new Recorder();
            p.addListener(removed);
            p.addListener(kept);
            assertEquals(CONNECTING, removed.next());
            p.removeListener(removed);
            p.publish(running(1));
            assertEquals(CONNECTING, kept.next());
            assertEquals("image 1", kept.next().message());
            // delivery is in order on one thread: once kept has image 1, removed would have had it too
            assertTrue(removed.statuses.isEmpty(), removed.statuses.toString());
        }
    }

    @Test
    void closeDeliversWhatIsQueuedThenStopsTheThread() throws Exception {
        StatusPublisher p = new StatusPublisher("test-state-events-closing", CONNECTING);
        List<DetectorStatus> seen = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        p.addListener(s -> {
            synchronized (seen) {
                seen.add(s);
                threads.add(Thread.currentThread());
            }
        });
        for (int i = 0; i < 100; i++) {
            p.publish(running(i));
        }
        p.publish(DetectorStatus.of(DetectorState.OFF, "closed"));
        p.close();
        Thread delivery;
        synchronized (seen) {
            // close waited for the queue: everything is there already, the final OFF last
            assertEquals(102, seen.size());
            assertEquals(DetectorState.OFF, seen.get(101).state());
            delivery = threads.get(0);
        }
        delivery.join(5000);
        assertFalse(delivery.isAlive(), "the delivery thread has stopped");
        p.publish(DetectorStatus.of(DetectorState.FAULT, "after close"));
        assertEquals("after close", p.current().message());
        synchronized (seen) {
            assertEquals(102, seen.size(), "nobody is told after close");
        }
        p.close();
    }

    @Test
    void aListenerMayCloseThePublisherWithoutWaitingForItself() throws Exception {
        StatusPublisher p = new StatusPublisher("test-state-events", CONNECTING);
        CountDownLatch closed = new CountDownLatch(1);
        long[] tookNs = new long[1];
        p.addListener(s -> {
            if (s.state() == DetectorState.OFF) {
                long t0 = System.nanoTime();
                p.close();
                tookNs[0] = System.nanoTime() - t0;
                closed.countDown();
            }
        });
        p.publish(DetectorStatus.of(DetectorState.OFF, "closed"));
        assertTrue(closed.await(5, TimeUnit.SECONDS));
        assertTrue(tookNs[0] < TimeUnit.SECONDS.toNanos(1), "close on the delivery thread returned at once: "
                + tookNs[0] / 1e6 + " ms");
    }
}
