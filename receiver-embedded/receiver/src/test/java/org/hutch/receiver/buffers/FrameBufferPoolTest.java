package org.hutch.receiver.buffers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;

class FrameBufferPoolTest {

    @Test
    void sizeClassesWasteAtMostAQuarter() {
        for (int size : new int[] {4097, 5000, 65536, 65537, 204800, 2 << 20, (2 << 20) + 1, 17_943_000, 1 << 30}) {
            long cap = FrameBufferPool.classCapacity(FrameBufferPool.sizeClass(size));
            assertTrue(cap >= size && cap <= size * 1.25 + 1, size + " -> " + cap);
        }
        assertEquals(-1, FrameBufferPool.sizeClass(4096));
        assertEquals(-1, FrameBufferPool.sizeClass((1 << 30) + 1));
    }

    @Test
    void aBufferIsReusedOnlyAfterItsLastHolderReleasedIt() {
        FrameBufferPool pool = new FrameBufferPool(64 << 20);
        FrameBufferPool.Lease a = pool.acquire(100_000);
        assertEquals(100_000, a.buffer().remaining());
        assertTrue(a.buffer().isDirect());
        a.retain();
        a.release();
        FrameBufferPool.Lease b = pool.acquire(100_000);
        assertNotEquals(address(a), address(b), "a held buffer was handed out again");
        a.release();
        FrameBufferPool.Lease c = pool.acquire(110_000);
        assertEquals(address(a), address(c), "the released buffer of the same size class was not reused");
        assertEquals(110_000, c.buffer().remaining());
        assertEquals(2, pool.allocations());
    }

    @Test
    void releasingMoreOftenThanHeldIsRefused() {
        FrameBufferPool pool = new FrameBufferPool(64 << 20);
        FrameBufferPool.Lease a = pool.acquire(10_000);
        a.release();
        assertThrows(IllegalStateException.class, a::release);
        assertThrows(IllegalStateException.class, a::retain);
    }

    @Test
    void atItsLimitThePoolSaysNoAndAReleaseMakesRoomAgain() {
        FrameBufferPool pool = new FrameBufferPool(3 << 20);
        FrameBufferPool.Lease a = pool.acquire(1 << 20);
        FrameBufferPool.Lease b = pool.acquire(1 << 20);
        FrameBufferPool.Lease c = pool.acquire(1 << 20);
        assertNotNull(c);
        assertNull(pool.acquire(1 << 20));
        assertEquals(1, pool.refusals());
        b.release();
        assertNotNull(pool.acquire(1 << 20));
        assertEquals(3 << 20, pool.liveBytes());
        a.release();
        c.release();
    }

    /** Where the leased memory starts: equal addresses mean the same native buffer. */
    private static long address(FrameBufferPool.Lease l) {
        return new Pointer(l.buffer()).address();
    }
}
