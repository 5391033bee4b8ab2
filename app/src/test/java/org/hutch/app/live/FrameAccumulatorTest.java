package org.hutch.app.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

import org.hutch.app.client.LiveFrame;
import org.hutch.model.pixels.PixelType;
import org.junit.jupiter.api.Test;

class FrameAccumulatorTest {

    private static LiveFrame uint16(long n, int... v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int x : v) {
            b.putShort((short) x);
        }
        return new LiveFrame(1, n, 1, v.length, PixelType.UINT16, b.flip(), 1);
    }

    @Test
    void meanOfNFramesWithFlaggedPixelsInvalidAndHotPixelsInMostFrames() throws Exception {
        List<Integer> progress = new ArrayList<>();
        FrameAccumulator acc = new FrameAccumulator(3, Double.NaN, 10, progress::add);
        // median 2 in each frame: hot above 20; pixel 3 is hot in 2 of 3 frames, pixel 4 in 1 of 3
        acc.accept(uint16(0, 1, 2, 0xFFFF, 500, 30, 2));
        acc.accept(uint16(0, 9, 9, 9, 9, 9, 9)); // the same frame again: ignored
        acc.accept(uint16(1, 3, 2, 4, 600, 2, 2));
        assertFalse(acc.result().isDone());
        acc.accept(uint16(2, 2, 2, 5, 10, 2, 2));
        FrameAccumulator.Result r = acc.result().get();
        assertEquals(List.of(1, 2, 3), progress);
        assertEquals(2, r.mean()[0], 0);
        assertTrue(Double.isNaN(r.mean()[2]), "0xFFFF in one frame: invalid");
        assertEquals(370, r.mean()[3], 0);
        assertArrayEquals(new byte[] {0, 0, 0, 1, 0, 0}, r.hotMask());
        acc.accept(uint16(3, 1, 1, 1, 1, 1, 1)); // after the end: nothing
        assertEquals(3, r.frames());
    }

    @Test
    void reducedFramesOrAnotherShapeAreRefused() {
        FrameAccumulator acc = new FrameAccumulator(2, 100, Double.NaN, k -> { });
        acc.accept(new LiveFrame(1, 0, 1, 1, PixelType.UINT8, ByteBuffer.allocate(1), 2));
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, () -> acc.result().get());
        assertTrue(e.getCause().getMessage().contains("full-resolution"), e.getCause().getMessage());
        FrameAccumulator other = new FrameAccumulator(2, 100, Double.NaN, k -> { });
        other.accept(uint16(0, 1, 2));
        other.accept(uint16(1, 1, 2, 3));
        assertTrue(other.result().isCompletedExceptionally());
    }
}
