package org.hutch.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hutch.codec.Bslz4Codec;
import org.hutch.model.pixels.PixelType;
import org.junit.jupiter.api.Test;

/** Parts received in (native) buffers: STINS keeps a single blob as it is, other formats copy it to the heap. */
class DecodeBuffersTest {
    private static final int ROWS = 64;
    private static final int COLS = 48;

    private static List<ByteBuffer> inDirectBuffers(List<byte[]> parts) {
        List<ByteBuffer> out = new ArrayList<>();
        for (byte[] p : parts) {
            out.add(ByteBuffer.allocateDirect(p.length).put(p).flip());
        }
        return out;
    }

    private static Frame frame(Compression c) {
        ByteBuffer raw = ByteBuffer.allocate(ROWS * COLS * 2);
        for (int i = 0; i < ROWS * COLS; i++) {
            raw.putShort((short) (i * 7));
        }
        raw.flip();
        ByteBuffer blob = c == Compression.BSLZ4 ? Bslz4Codec.compress(raw, 2) : raw;
        return new Frame(0, 3, 2, ROWS, COLS, PixelType.UINT16, c, blob, Map.of());
    }

    @Test
    void stinsKeepsTheReceivedBlobBufferAsTheFramesBlob() throws Exception {
        for (Compression c : List.of(Compression.NONE, Compression.BSLZ4)) {
            Frame sent = frame(c);
            List<ByteBuffer> parts = inDirectBuffers(new StinsEncoder().encode(sent));
            Frame got = assertInstanceOf(Frame.class, new StinsDecoder().decodeBuffers(parts));
            assertSame(parts.get(1), got.blob(), c + ": the blob was copied");
            assertEquals(sent.blob(), got.blob(), c.toString());
            assertEquals(2, got.frame());
        }
    }

    @Test
    void autoDetectionPassesTheBuffersOn() throws Exception {
        List<ByteBuffer> parts = inDirectBuffers(new StinsEncoder().encode(frame(Compression.NONE)));
        Frame got = assertInstanceOf(Frame.class, StreamDecoders.autoDetecting().decodeBuffers(parts));
        assertSame(parts.get(1), got.blob());
    }

    @Test
    void otherFormatsDecodeACopyOnTheHeap() throws Exception {
        Frame sent = frame(Compression.BSLZ4);
        StreamEncoder enc = StreamDecoders.encoderFor(StreamFormat.DECTRIS_V2);
        StreamDecoder dec = StreamDecoders.forFormat(StreamFormat.DECTRIS_V2);
        dec.decodeBuffers(inDirectBuffers(enc.encode(new SeriesStart(7, 0, StreamFormat.DECTRIS_V2, "x", 1L,
                Map.of(), Map.of()))));
        List<ByteBuffer> parts = inDirectBuffers(enc.encode(new Frame(7, 1, 0, ROWS, COLS, PixelType.UINT16,
                Compression.BSLZ4, sent.blob(), Map.of())));
        Frame got = assertInstanceOf(Frame.class, dec.decodeBuffers(parts));
        for (ByteBuffer p : parts) {
            assertNotSame(p, got.blob());
        }
        assertEquals(false, got.blob().isDirect());
        assertEquals(FramePixels.decode(sent), FramePixels.decode(got));
    }
}
