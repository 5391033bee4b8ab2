package org.hutch.receiver.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Map;
import org.hutch.model.pixels.PixelType;
import org.hutch.stream.Compression;
import org.hutch.stream.Frame;
import org.hutch.stream.FramePixels;
import org.hutch.stream.StreamFormatException;
import org.junit.jupiter.api.Test;

class LiveViewTest {
    /** Digests what is written: holds nothing of the body. */
    private static final class DigestStream extends OutputStream {
        final MessageDigest md;
        long bytes;

        DigestStream() throws Exception {
            md = MessageDigest.getInstance("SHA-256");
        }

        @Override
        public void write(int b) {
            md.update((byte) b);
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            md.update(b, off, len);
            bytes += len;
        }
    }

    private static long allocatedByThisThread() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    @Test
    void fullViewIsTheDecodedFrameWrittenWithBoundedMemory() throws Exception {
        // 4096 x 4096 uint32: 64 MiB decoded, 16 times the band bound
        Frame raw = TiledReducerTest.frame(4096, 4096, PixelType.UINT32, Compression.NONE, 7);
        byte[] want = MessageDigest.getInstance("SHA-256").digest(FramePixels.decode(raw).array());
        Frame[] frames = {raw, TiledReducerTest.frame(4096, 4096, PixelType.UINT32, Compression.BSLZ4, 7),
                TiledReducerTest.frame(4096, 4096, PixelType.UINT32, Compression.LZ4, 7), null};
        frames[3] = TiledReducerTest.lz4Framed(frames[2]);
        LiveView view = new LiveView(new LastFrameSlot());
        for (Frame f : frames) {
            LastFrame lf = new LastFrame(f, 1, 1);
            DigestStream out = new DigestStream();
            view.checkPixels(lf);
            view.writePixels(lf, out); // warm: class loading and JIT allocate too
            out = new DigestStream();
            long before = allocatedByThisThread();
            view.checkPixels(lf);
            view.writePixels(lf, out);
            long held = allocatedByThisThread() - before;
            assertEquals(f.rawBytes(), out.bytes, f.compression().wireName());
            assertArrayEquals(want, out.md.digest(), f.compression().wireName());
            // allocated, not only held at once: two bands (check and write) and windows, far below the frame's 64 MiB
            assertTrue(held <= 2L * TiledReducer.SCRATCH_BYTES + (1 << 20),
                    f.compression().wireName() + " allocated " + held + " bytes for a " + f.rawBytes() + "-byte frame");
        }
    }

    @Test
    void aFrameThatDoesNotDecodeFailsTheCheckBeforeAnyByteIsWritten() throws Exception {
        Frame lz4 = TiledReducerTest.frame(300, 200, PixelType.UINT16, Compression.LZ4, 3);
        ByteBuffer cut = lz4.blob().duplicate();
        cut.limit(cut.limit() - 5);
        Frame bad = new Frame(0, 1, 7, 300, 200, PixelType.UINT16, Compression.LZ4, cut.slice(), Map.of());
        assertThrows(StreamFormatException.class, () -> new LiveView(new LastFrameSlot()).checkPixels(new LastFrame(bad, 1, 1)));
    }
}
