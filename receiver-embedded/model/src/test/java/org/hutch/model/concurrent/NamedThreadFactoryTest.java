package org.hutch.model.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class NamedThreadFactoryTest {

    @Test
    void factoryNumbersItsThreadsAndMakesDaemons() {
        NamedThreadFactory f = new NamedThreadFactory("hutch-test");
        Thread a = f.newThread(() -> { });
        Thread b = f.newThread(() -> { });
        assertEquals("hutch-test-1", a.getName());
        assertEquals("hutch-test-2", b.getName());
        assertTrue(a.isDaemon());
        assertFalse(new NamedThreadFactory("x", false).newThread(() -> { }).isDaemon());
    }

    @Test
    void singleThreadExecutorRunsOnTheNamedThread() throws Exception {
        ExecutorService ex = NamedThreadFactory.singleThreadExecutor("hutch-single");
        try {
            assertEquals("hutch-single", ex.submit(() -> Thread.currentThread().getName()).get(5, TimeUnit.SECONDS));
            assertTrue(ex.submit(() -> Thread.currentThread().isDaemon()).get(5, TimeUnit.SECONDS));
        } finally {
            ex.shutdownNow();
        }
    }
}
