package org.hutch.detector.tango;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class BoundedReadsTest {

    @Test
    void aReadPastItsDeadlineFreesTheCallerAndLaterReadsAreRefusedUntilItReturns() throws Exception {
        BoundedReads reads = new BoundedReads("test/detector/1", 200);
        CountDownLatch answer = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean refusedRan = new AtomicBoolean();
        TimeoutException late = assertThrows(TimeoutException.class, () -> reads.run(() -> {
            started.countDown();
            answer.await();
            return "late";
        }));
        assertTrue(late.getMessage().contains("no answer within 0.2 s"), late.getMessage());
        assertTrue(started.await(60, TimeUnit.SECONDS));
        TimeoutException refused = assertThrows(TimeoutException.class, () -> reads.run(() -> {
            refusedRan.set(true);
            return "never run";
        }));
        assertTrue(refused.getMessage().startsWith("not answering"), refused.getMessage());
        answer.countDown();
        String next = null;
        for (int i = 0; i < 100 && next == null; i++) {
            try {
                next = reads.run(() -> "answered");
            } catch (TimeoutException stillWaiting) {
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
        assertEquals("answered", next);
        assertFalse(refusedRan.get(), "a refused read never reaches the device");
    }

    @Test
    void aReadsOwnErrorReachesTheCaller() {
        BoundedReads reads = new BoundedReads("test/detector/1", 5000);
        ExecutionException e = assertThrows(ExecutionException.class, () -> reads.run(() -> {
            throw new IOException("the device's reason");
        }));
        assertEquals("the device's reason", e.getCause().getMessage());
    }
}
