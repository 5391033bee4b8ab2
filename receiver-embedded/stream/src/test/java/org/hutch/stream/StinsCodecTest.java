package org.hutch.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.hutch.codec.Bslz4Codec;
import org.hutch.codec.Lz4Codec;
import org.hutch.model.pixels.PixelType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StinsCodecTest {
    private final StinsDecoder decoder = new StinsDecoder();
    private final StinsEncoder encoder = new StinsEncoder();

    static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] pixels(int n, PixelType dtype, long seed) {
        Random r = new Random(seed);
        ByteBuffer b = ByteBuffer.allocate(n * dtype.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            long v = i % 61 == 0 ? -1 : r.nextInt(5);
            for (int j = 0; j < dtype.bytes(); j++) {
                b.put((byte) (v >>> (8 * j)));
            }
        }
        return b.array();
    }

    @Test
    void headerWithMetadataPartKeepsEverything() throws StreamFormatException {
        StreamMessage m = decoder.decode(List.of(
                json("{\"htype\":\"header\",\"msg_number\":0,\"filename\":\"/data/x.h5\",\"exptime\":0.1,\"extra\":{\"a\":[1,2]}}"),
                json("{\"sample\":\"LaB6\",\"nested\":{\"t\":293.5},\"save_raw\":true}")));
        SeriesStart s = assertInstanceOf(SeriesStart.class, m);
        assertEquals("/data/x.h5", s.filename());
        assertEquals(StreamFormat.STINS, s.format());
        assertEquals(0.1, s.header().get("exptime"));
        assertEquals(Map.of("a", List.of(1, 2)), s.header().get("extra"));
        assertEquals("LaB6", s.metadata().get("sample"));
        assertEquals(Map.of("t", 293.5), s.metadata().get("nested"));
        assertNull(s.expectedFrames());
        // and back: the encoder writes the same keys, the decoder reads the same message
        SeriesStart again = (SeriesStart) decoder.decode(encoder.encode(s));
        assertEquals(s.header(), again.header());
        assertEquals(s.metadata(), again.metadata());
        assertEquals(s.filename(), again.filename());
    }

    @Test
    void emptyFilenameMeansNoSaveAndFramesAreAnnounced() throws StreamFormatException {
        SeriesStart s = (SeriesStart) decoder.decode(List.of(
                json("{\"htype\":\"header\",\"msg_number\":0,\"filename\":\"\",\"nimages\":5,\"ntrigger\":3}")));
        assertTrue(s.noSave());
        assertEquals(15L, s.expectedFrames());
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void framesRoundTripAndDecodeToTheirPixels(Compression c) throws StreamFormatException {
        for (PixelType dtype : new PixelType[]{PixelType.UINT8, PixelType.UINT16, PixelType.UINT32, PixelType.FLOAT32}) {
            int rows = 37, cols = 53;
            byte[] raw = pixels(rows * cols, dtype, rows + dtype.ordinal());
            ByteBuffer blob = switch (c) {
                case NONE -> ByteBuffer.wrap(raw);
                case BSLZ4 -> Bslz4Codec.compress(ByteBuffer.wrap(raw), dtype.bytes());
                case LZ4 -> Lz4Codec.compressBlock(ByteBuffer.wrap(raw));
            };
            Frame f = new Frame(0, 7, 6, rows, cols, dtype, c, blob, Map.of("exposure_time", 0.5, "discard", true));
            List<byte[]> parts = encoder.encode(f);
            assertEquals(2, parts.size());
            Frame back = assertInstanceOf(Frame.class, decoder.decode(parts));
            assertEquals(7, back.msgNumber());
            assertEquals(6, back.frame());
            assertEquals(rows, back.rows());
            assertEquals(cols, back.cols());
            assertEquals(dtype, back.dtype());
            assertEquals(c, back.compression());
            assertEquals(0.5, back.header().get("exposure_time"));
            assertTrue(back.discard());
            assertArrayEquals(raw, FramePixels.decode(back).array());
        }
    }

    @Test
    void headerlessBslz4GetsItsHeader() throws StreamFormatException {
        byte[] raw = pixels(40 * 30, PixelType.UINT16, 3);
        ByteBuffer chunk = Bslz4Codec.compress(ByteBuffer.wrap(raw), 2);
        byte[] headerless = new byte[chunk.remaining() - 12];
        chunk.get(12, headerless);
        Frame f = (Frame) decoder.decode(List.of(json(
                "{\"htype\":\"image\",\"msg_number\":1,\"frame\":0,\"shape\":[40,30],\"type\":\"uint16\",\"compression\":\"bslz4\"}"),
                headerless));
        assertTrue(Bslz4Codec.hasHeader(f.blob()));
        assertEquals(chunk, f.blob());
        assertArrayEquals(raw, FramePixels.decode(f).array());
    }

    @Test
    void moduleBlobsAreJoined() throws StreamFormatException {
        byte[] a = pixels(10 * 8, PixelType.UINT32, 1), b = pixels(10 * 8, PixelType.UINT32, 2);
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        String h = "{\"htype\":\"image\",\"msg_number\":1,\"frame\":0,\"shape\":[20,8],\"type\":\"uint32\",\"compression\":\"%s\"}";
        Frame plain = (Frame) decoder.decode(List.of(json(String.format(h, "none")), a, b));
        assertArrayEquals(both, FramePixels.decode(plain).array());
        Frame packed = (Frame) decoder.decode(List.of(json(String.format(h, "bslz4")),
                Blobs.bytes(Bslz4Codec.compress(ByteBuffer.wrap(a), 4)),
                Blobs.bytes(Bslz4Codec.compress(ByteBuffer.wrap(b), 4))));
        assertEquals(Compression.NONE, packed.compression());
        assertArrayEquals(both, FramePixels.decode(packed).array());
        StreamFormatException e = assertThrows(StreamFormatException.class,
                () -> decoder.decode(List.of(json(String.format(h, "none")), a, b, a)));
        assertTrue(e.getMessage().contains("3 module blobs hold 960 bytes together but shape x type needs 640"),
                e.getMessage());
    }

    @Test
    void seriesEndRoundTrips() throws StreamFormatException {
        SeriesEnd e = (SeriesEnd) decoder.decode(List.of(json("{\"htype\":\"series_end\",\"msg_number\":11}")));
        assertEquals(11, e.msgNumber());
        assertEquals(e, decoder.decode(encoder.encode(e)));
    }

    private void rejects(String expected, byte[]... parts) {
        StreamFormatException e = assertThrows(StreamFormatException.class, () -> decoder.decode(List.of(parts)));
        assertTrue(e.getMessage().contains(expected), "'" + e.getMessage() + "' should say '" + expected + "'");
    }

    @Test
    void malformedMessagesAreRejectedWithTheReason() {
        String img = "{\"htype\":\"image\",\"msg_number\":1,\"frame\":0,\"shape\":[4,4],\"type\":\"uint16\",\"compression\":\"none\"}";
        rejects("not valid JSON", json("{\"htype\":\"header\",,}"));
        rejects("not valid JSON", json("{\"htype\":\"header\"} trailing"));
        rejects("not an object", json("[1,2]"));
        rejects("no 'htype'", json("{\"msg_number\":0}"));
        rejects("unknown htype 'picture'", json("{\"htype\":\"picture\"}"));
        rejects("3 parts, expected 1 or 2", json("{\"htype\":\"header\"}"), json("{}"), json("{}"));
        rejects("not valid JSON", json("{\"htype\":\"header\"}"), json("{oops"));
        rejects("no blob part", json(img));
        rejects("has no 'shape'", json(img.replace("\"shape\":[4,4],", "")), new byte[32]);
        rejects("has no 'type'", json(img.replace("\"type\":\"uint16\",", "")), new byte[32]);
        rejects("unknown pixel type 'uint12'", json(img.replace("uint16", "uint12")), new byte[32]);
        rejects("unknown compression 'zstd'", json(img.replace("\"none\"", "\"zstd\"")), new byte[32]);
        rejects("blob has 31 bytes but shape [4, 4] x uint16 needs 32", json(img), new byte[31]);
        rejects("bad size -4", json(img.replace("[4,4]", "[-4,4]")), new byte[32]);
        rejects("has no 'frame'", json(img.replace("\"frame\":0,", "")), new byte[32]);
        rejects("has no 'msg_number'", json(img.replace("\"msg_number\":1,", "")), new byte[32]);
        rejects("series_end has 2 parts", json("{\"htype\":\"series_end\",\"msg_number\":3}"), new byte[1]);
        byte[] chunk = Blobs.bytes(Bslz4Codec.compress(ByteBuffer.wrap(new byte[64]), 2));
        rejects("bslz4 chunk declares 64 uncompressed bytes but the frame (shape x dtype) is 32 bytes",
                json(img.replace("\"none\"", "\"bslz4\"")), chunk);
        rejects("STINS message has no parts");
    }

    /** A truncated bslz4 blob is refused when the message is decoded, so it is never stored. */
    @Test
    void corruptBlobIsRefusedByTheDecoder() {
        byte[] raw = pixels(64 * 64, PixelType.UINT32, 5);
        byte[] chunk = Blobs.bytes(Bslz4Codec.compress(ByteBuffer.wrap(raw), 4));
        List<byte[]> parts = new ArrayList<>(List.of(json(
                "{\"htype\":\"image\",\"msg_number\":1,\"frame\":3,\"shape\":[64,64],\"type\":\"uint32\",\"compression\":\"bslz4\"}"),
                Arrays.copyOf(chunk, chunk.length - 100)));
        StreamFormatException e = assertThrows(StreamFormatException.class, () -> decoder.decode(parts));
        assertTrue(e.getMessage().startsWith("STINS image (frame 3): bslz4 chunk truncated"), e.getMessage());
    }
}
