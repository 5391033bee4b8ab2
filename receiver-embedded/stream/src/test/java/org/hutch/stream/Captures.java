package org.hutch.stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import org.hutch.testkit.TestData;

/** The real DECTRIS captures in the shared test data, and what their frames must decode to. */
final class Captures {
    static final String V1 = "eiger1m-stream-v1";
    static final String V2 = "stream-v2";

    private Captures() {
    }

    static Path dir() {
        Path d = TestData.path("streams");
        assumeTrue(Files.isDirectory(d), "shared test data not found at " + d + ": capture tests skipped");
        return d;
    }

    static List<List<byte[]>> messages(String name) throws IOException {
        return ZmqDump.readAll(dir().resolve(name + ".zmqdump"));
    }

    static List<Map<String, Object>> expected(String name) throws IOException {
        return Json.MAPPER.readValue(dir().resolve(name + ".expected.json").toFile(),
                new TypeReference<List<Map<String, Object>>>() {
                });
    }

    /** sha256 hex, unsigned sum and max of uint32 little-endian pixels */
    record Stats(String sha256, BigInteger sum, long max) {
        static Stats ofUint32(ByteBuffer pixels) {
            try {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                md.update(pixels.duplicate());
                ByteBuffer le = pixels.duplicate().order(ByteOrder.LITTLE_ENDIAN);
                long sum = 0, max = 0;
                while (le.remaining() >= 4) {
                    long v = le.getInt() & 0xFFFFFFFFL;
                    sum += v;
                    max = Math.max(max, v);
                }
                return new Stats(HexFormat.of().formatHex(md.digest()), BigInteger.valueOf(sum), max);
            } catch (NoSuchAlgorithmException e) {
                throw new AssertionError(e);
            }
        }

        static Stats of(Map<String, Object> expected) {
            return new Stats((String) expected.get("sha256"), new BigInteger(String.valueOf(expected.get("sum"))),
                    ((Number) expected.get("max")).longValue());
        }
    }
}
