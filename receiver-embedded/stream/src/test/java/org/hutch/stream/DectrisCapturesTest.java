package org.hutch.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.hutch.model.pixels.PixelType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every message of the real DECTRIS captures decodes, and every frame to the expected pixels. */
class DectrisCapturesTest {

    static List<StreamMessage> decodeAll(List<List<byte[]>> messages, StreamDecoder decoder) throws StreamFormatException {
        List<StreamMessage> out = new ArrayList<>();
        for (List<byte[]> m : messages) {
            out.add(decoder.decode(m));
        }
        return out;
    }

    /** Checks series structure, msg numbers and the pixels of every frame against the expected file. */
    static void assertMatchesExpected(String capture, List<StreamMessage> decoded) throws Exception {
        List<Map<String, Object>> expected = Captures.expected(capture);
        assertInstanceOf(SeriesStart.class, decoded.get(0));
        assertInstanceOf(SeriesEnd.class, decoded.get(decoded.size() - 1));
        List<StreamMessage> frames = decoded.subList(1, decoded.size() - 1);
        assertEquals(expected.size(), frames.size(), "number of frames");
        for (int i = 0; i < frames.size(); i++) {
            Frame f = assertInstanceOf(Frame.class, frames.get(i));
            Map<String, Object> e = expected.get(i);
            assertEquals(((Number) e.get("image")).longValue(), f.frame());
            assertEquals(f.frame() + 1, f.msgNumber());
            assertEquals(List.of(f.rows(), f.cols()), e.get("shape"));
            assertEquals(PixelType.fromName((String) e.get("dtype")), f.dtype());
            assertEquals(Compression.BSLZ4, f.compression());
            assertEquals(Captures.Stats.of(e), Captures.Stats.ofUint32(FramePixels.decode(f)), "frame " + i);
        }
        long lastFrame = ((Frame) frames.get(frames.size() - 1)).frame();
        assertEquals(lastFrame + 2, decoded.get(decoded.size() - 1).msgNumber());
    }

    @Test
    void streamV1CaptureDecodesBitExact() throws Exception {
        List<List<byte[]>> messages = Captures.messages(Captures.V1);
        assertEquals(StreamFormat.DECTRIS_V1, StreamDecoders.detect(messages.get(0)));
        assertEquals(StreamFormat.DECTRIS_V1, StreamDecoders.detect(messages.get(1)));
        List<StreamMessage> decoded = decodeAll(messages, StreamDecoders.forFormat(StreamFormat.DECTRIS_V1));
        assertMatchesExpected(Captures.V1, decoded);

        SeriesStart s = (SeriesStart) decoded.get(0);
        assertEquals(14, s.series());
        assertEquals(StreamFormat.DECTRIS_V1, s.format());
        assertEquals("all", s.header().get("header_detail"));
        assertEquals(100000L, s.expectedFrames());
        assertEquals(1030, s.metadata().get("x_pixels_in_detector"));
        assertEquals(Map.of("filename", "", "rotate", 0), s.metadata().get("header_appendix"));
        assertEquals("", s.filename());
        assertTrue(s.noSave());
        PixelArray flat = assertInstanceOf(PixelArray.class, s.metadata().get("flatfield"));
        assertEquals(List.of(1065, 1030), flat.shape());
        assertEquals(PixelType.FLOAT32, flat.dtype());
        PixelArray mask = assertInstanceOf(PixelArray.class, s.metadata().get("pixel_mask"));
        assertEquals(PixelType.UINT32, mask.dtype());
        assertEquals(1065L * 1030 * 4, mask.data().remaining());
        PixelArray rate = assertInstanceOf(PixelArray.class, s.metadata().get("countrate_table"));
        assertEquals(List.of(4000, 2), rate.shape());
        ByteBuffer maskPixels = FramePixels.decode(mask).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(mask.data(), maskPixels);
        int flagged = 0;
        for (int i = 0; i < 1065 * 1030; i++) {
            flagged += maskPixels.getInt(4 * i) != 0 ? 1 : 0;
        }
        assertEquals(s.metadata().get("number_of_excluded_pixels"), flagged, "pixel mask vs the config's count");

        Frame f0 = (Frame) decoded.get(1);
        assertEquals(14, f0.series());
        assertEquals("385db6946033c3d5d79ef6fe6fb01b69", f0.header().get("hash"));
        assertEquals("bs32-lz4<", f0.header().get("encoding"));
        assertEquals(994339020, f0.header().get("real_time"));
        assertEquals("dimage-1.0", f0.header().get("htype"));
    }

    @Test
    void streamV2CaptureDecodesBitExact() throws Exception {
        List<List<byte[]>> messages = Captures.messages(Captures.V2);
        assertEquals(StreamFormat.DECTRIS_V2, StreamDecoders.detect(messages.get(0)));
        List<StreamMessage> decoded = decodeAll(messages, StreamDecoders.forFormat(StreamFormat.DECTRIS_V2));
        assertMatchesExpected(Captures.V2, decoded);

        SeriesStart s = (SeriesStart) decoded.get(0);
        assertEquals(16, s.series());
        assertEquals(10L, s.expectedFrames());
        assertNull(s.filename(), "user_data has no filename");
        Map<?, ?> userData = assertInstanceOf(Map.class, s.metadata().get("user_data"));
        assertEquals("lyso1/dir/file", userData.get("file_prefix"));
        Map<?, ?> flat = assertInstanceOf(Map.class, s.metadata().get("flatfield"));
        PixelArray ff = assertInstanceOf(PixelArray.class, flat.get("threshold_1"));
        assertEquals(List.of(1065, 1030), ff.shape());
        assertEquals(PixelType.FLOAT32, ff.dtype());
        PixelArray table = assertInstanceOf(PixelArray.class, s.metadata().get("countrate_correction_lookup_table"));
        assertEquals(List.of(65536), table.shape());
        assertEquals("01HRCJF83SA63WH8M5X1VBKFJM", s.header().get("series_unique_id"));

        Frame f0 = (Frame) decoded.get(1);
        assertEquals("threshold_1", f0.header().get("channel"));
        assertEquals(List.of(49716627, 50000000), f0.header().get("real_time"));
    }

    @ParameterizedTest
    @ValueSource(strings = {Captures.V1, Captures.V2})
    void autoDetectionDecodesEitherCapture(String capture) throws Exception {
        assertMatchesExpected(capture, decodeAll(Captures.messages(capture), StreamDecoders.autoDetecting()));
    }

    /** Decode, encode again in the same format, decode: same messages, same pixels. */
    @ParameterizedTest
    @ValueSource(strings = {Captures.V1, Captures.V2})
    void reEncodedCaptureDecodesTheSame(String capture) throws Exception {
        List<List<byte[]>> messages = Captures.messages(capture);
        StreamFormat format = StreamDecoders.detect(messages.get(0));
        List<StreamMessage> decoded = decodeAll(messages, StreamDecoders.forFormat(format));
        StreamEncoder encoder = StreamDecoders.encoderFor(format);
        List<List<byte[]>> again = new ArrayList<>();
        for (StreamMessage m : decoded) {
            again.add(encoder.encode(m));
        }
        List<StreamMessage> redecoded = decodeAll(again, StreamDecoders.forFormat(format));
        assertMatchesExpected(capture, redecoded);
        SeriesStart a = (SeriesStart) decoded.get(0), b = (SeriesStart) redecoded.get(0);
        assertEquals(a.metadata(), b.metadata());
        assertEquals(a.filename(), b.filename());
        assertEquals(a.expectedFrames(), b.expectedFrames());
        for (int i = 1; i < decoded.size() - 1; i++) {
            assertEquals(((Frame) decoded.get(i)).blob(), ((Frame) redecoded.get(i)).blob(), "blob " + i);
        }
        if (format == StreamFormat.DECTRIS_V1) {
            // the image parts are byte for byte what the detector sent
            for (int i = 1; i < messages.size() - 1; i++) {
                for (int p = 0; p < 4; p++) {
                    assertArrayEquals(messages.get(i).get(p), again.get(i).get(p), "message " + i + " part " + p);
                }
            }
        }
    }

    /** DECTRIS frames forwarded as STINS keep their pixels. */
    @Test
    void v2FramesSurviveForwardingAsStins() throws Exception {
        List<StreamMessage> decoded = decodeAll(Captures.messages(Captures.V2), new DectrisV2Decoder());
        StinsEncoder enc = new StinsEncoder();
        StinsDecoder dec = new StinsDecoder();
        List<StreamMessage> viaStins = new ArrayList<>();
        for (StreamMessage m : decoded) {
            viaStins.add(dec.decode(enc.encode(m)));
        }
        // STINS end carries its own msg number; frames and pixels must be identical
        assertMatchesExpected(Captures.V2, viaStins);
    }

    @Test
    void dumpWriterAndReaderRoundTrip(@TempDir Path tmp) throws IOException {
        List<List<byte[]>> messages = Captures.messages(Captures.V1);
        Path copy = tmp.resolve("copy.zmqdump");
        ZmqDump.writeAll(copy, messages);
        assertEquals(Files.size(Captures.dir().resolve(Captures.V1 + ".zmqdump")),
                Files.size(copy));
        List<List<byte[]>> back = ZmqDump.readAll(copy);
        assertEquals(messages.size(), back.size());
        for (int i = 0; i < messages.size(); i++) {
            assertEquals(messages.get(i).size(), back.get(i).size());
            for (int p = 0; p < messages.get(i).size(); p++) {
                assertArrayEquals(messages.get(i).get(p), back.get(i).get(p));
            }
        }
        byte[] all = Files.readAllBytes(copy);
        Path cut = tmp.resolve("cut.zmqdump");
        Files.write(cut, Arrays.copyOf(all, all.length - 10));
        IOException e = assertThrows(IOException.class, () -> ZmqDump.readAll(cut));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        ByteBuffer.wrap(all); // the file is untouched by reading
    }
}
