package org.hutch.stream;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.hutch.codec.Bslz4Codec;
import org.hutch.model.pixels.PixelType;
import org.junit.jupiter.api.Test;

/** Bad DECTRIS messages are refused with a reason a user can act on. */
class MalformedDectrisTest {

    private static void rejects(StreamDecoder d, List<byte[]> parts, String expected) {
        StreamFormatException e = assertThrows(StreamFormatException.class, () -> d.decode(parts));
        assertTrue(e.getMessage().contains(expected), "'" + e.getMessage() + "' should say '" + expected + "'");
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Frame frame(Compression c) {
        byte[] raw = new byte[16 * 8 * 4];
        raw[5] = 9;
        ByteBuffer blob = c == Compression.BSLZ4 ? Bslz4Codec.compress(ByteBuffer.wrap(raw), 4) : ByteBuffer.wrap(raw);
        return new Frame(3, 1, 0, 16, 8, PixelType.UINT32, c, blob, Map.of());
    }

    @Test
    void v2Malformed() {
        DectrisV2Decoder d = new DectrisV2Decoder();
        byte[] image = new DectrisV2Encoder().encode(frame(Compression.BSLZ4)).get(0);
        rejects(d, List.of(Arrays.copyOf(image, image.length - 20)), "not valid CBOR");
        rejects(d, List.of(Arrays.copyOf(image, 7)), "not valid CBOR");
        rejects(d, List.of(image, image), "2 parts, expected 1");
        rejects(d, List.of(utf8("{\"type\":\"start\"}")), "not valid CBOR");
        // typed-array tag 70 (uint32 LE) replaced by 66 (uint32 big-endian)
        byte[] wrongTag = image.clone();
        int at = indexOf(wrongTag, new byte[]{(byte) 0xD8, 70});
        wrongTag[at + 1] = 66;
        rejects(d, List.of(wrongTag), "typed-array tag 66 is not supported");
        rejects(d, List.of(cbor(Map.of("type", "image", "series_id", 1))), "has no 'image_id'");
        rejects(d, List.of(cbor(Map.of("type", "image", "series_id", 1, "image_id", 0))), "has no 'data' map");
        rejects(d, List.of(cbor(Map.of("type", "image", "series_id", 1, "image_id", 0,
                "data", Map.of("threshold_1", new byte[4])))), "is not a tagged array");
        rejects(d, List.of(cbor(Map.of("type", "picture"))), "unknown type 'picture'");
        rejects(d, List.of(cbor(Map.of("series_id", 1))), "has no 'type'");
        rejects(d, List.of(cbor(Map.of("type", "end"))), "has no 'series_id'");
        rejects(new DectrisV2Decoder("threshold_2"), List.of(image), "has no channel 'threshold_2'");
        // a bslz4 chunk whose header disagrees with the shape
        Frame lying = new Frame(3, 1, 0, 16, 4, PixelType.UINT32, Compression.BSLZ4, frame(Compression.BSLZ4).blob(), Map.of());
        rejects(d, new DectrisV2Encoder().encode(lying), "bslz4 chunk declares 512 uncompressed bytes but the frame (shape x dtype) is 256 bytes");
    }

    private static byte[] cbor(Map<String, Object> m) {
        return Cbor.write(g -> Cbor.writeValue(g, m), 256);
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("pattern not found");
    }

    @Test
    void v1Malformed() {
        DectrisV1Decoder d = new DectrisV1Decoder();
        List<byte[]> good = new DectrisV1Encoder().encode(frame(Compression.BSLZ4));
        List<byte[]> badEncoding = new ArrayList<>(good);
        badEncoding.set(1, utf8(new String(good.get(1), StandardCharsets.UTF_8).replace("bs32-lz4<", "bs32-zstd<")));
        rejects(d, badEncoding, "unknown encoding 'bs32-zstd<'");
        List<byte[]> wrongBits = new ArrayList<>(good);
        wrongBits.set(1, utf8(new String(good.get(1), StandardCharsets.UTF_8).replace("bs32-lz4<", "bs16-lz4<")));
        rejects(d, wrongBits, "encoding bs16-lz4< does not match type uint32");
        List<byte[]> wrongSize = new ArrayList<>(good);
        wrongSize.set(2, Arrays.copyOf(good.get(2), good.get(2).length + 1));
        rejects(d, wrongSize, "but the blob has");
        rejects(d, good.subList(0, 2), "has 2 parts, expected 3 to 5");
        rejects(d, List.of(utf8("{\"htype\":\"dheader-1.0\",\"header_detail\":\"basic\",\"series\":1}")),
                "has no detector config part");
        rejects(d, List.of(utf8("{\"htype\":\"dheader-1.0\",\"header_detail\":\"most\",\"series\":1}")),
                "unknown header_detail 'most'");
        rejects(d, List.of(utf8("{\"htype\":\"dimage-2.0\"}")), "unknown htype 'dimage-2.0'");
        rejects(d, List.of(utf8("{\"series\":1}")), "has no 'htype'");
        List<byte[]> rawWrong = new ArrayList<>(new DectrisV1Encoder().encode(frame(Compression.NONE)));
        rawWrong.set(1, utf8(new String(rawWrong.get(1), StandardCharsets.UTF_8).replace("\"size\":512,", "")));
        rawWrong.set(2, new byte[500]);
        rejects(d, rawWrong, "blob has 500 bytes but shape [16, 8] x uint32 needs 512");
        rejects(d, List.of(utf8("{\"htype\":\"dheader-1.0\",\"header_detail\":\"all\",\"series\":1}"), utf8("{}"),
                utf8("{\"htype\":\"dflatfield-1.0\",\"shape\":[4,4],\"type\":\"float32\"}"), new byte[60]),
                "blob has 60 bytes but shape [4, 4] x float32 needs 64");
    }

    @Test
    void detectionRefusesUnknownBytes() {
        StreamFormatException e = assertThrows(StreamFormatException.class,
                () -> StreamDecoders.detect(List.of(new byte[]{0x01, 0x02})));
        assertTrue(e.getMessage().contains("neither JSON"), e.getMessage());
    }
}
