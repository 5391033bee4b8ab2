package org.hutch.app.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.hutch.model.pixels.BlockReduction;
import org.hutch.model.pixels.PixelType;
import org.junit.jupiter.api.Test;

/** The client-side reduction of a frame, through the one block reducer: frame number and factor carried along. */
class LiveFrameReducedTest {

    private static LiveFrame uint32(int rows, int cols, int... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putInt(v);
        }
        return new LiveFrame(0, 7, rows, cols, PixelType.UINT32, b.flip(), 1);
    }

    @Test
    void maxKeepsTheBrightestPixelAndTheDtype() {
        // 2x4 -> 1x2 with f=2; 0xFFFFFFFF must stay an unsigned maximum, not become -1
        LiveFrame in = uint32(2, 4, 1, 2, 3, 0xFFFFFFFF, 5, 6, 7, 8);
        LiveFrame out = in.reduced(2, BlockReduction.MAX);
        assertEquals(1, out.rows());
        assertEquals(2, out.cols());
        assertEquals(PixelType.UINT32, out.dtype());
        assertEquals(6, out.value(0));
        assertEquals(4294967295.0, out.value(1));
        assertEquals(2, out.downsample());
        assertEquals(7, out.frame());
    }

    @Test
    void meanAndSumGiveFloat64AndDropIncompleteEdgeBlocks() {
        LiveFrame in = uint32(3, 3, 1, 2, 100, 3, 4, 100, 100, 100, 100);
        LiveFrame mean = in.reduced(2, BlockReduction.MEAN);
        assertEquals(1, mean.rows());
        assertEquals(1, mean.cols());
        assertEquals(PixelType.FLOAT64, mean.dtype());
        assertEquals(2.5, mean.value(0));
        assertEquals(10, in.reduced(2, BlockReduction.SUM).value(0));
    }

    @Test
    void factorOneIsTheSameFrameAndZeroIsRefused() {
        LiveFrame in = uint32(1, 2, 1, 2);
        assertEquals(in, in.reduced(1, BlockReduction.MAX));
        assertThrows(IllegalArgumentException.class, () -> in.reduced(0, BlockReduction.MAX));
    }
}
