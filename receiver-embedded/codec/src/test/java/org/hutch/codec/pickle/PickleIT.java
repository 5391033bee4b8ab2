package org.hutch.codec.pickle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hutch.testkit.Python;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pickles checked against the real CPython pickle module (and numpy where installed), both directions. */
class PickleIT {
    @TempDir
    Path tmp;

    /** The same value, built in Java here and in Python in {@link #PY_SAMPLE}. */
    static Map<String, Object> sampleHeader() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("a", Arrays.asList(1L, -2L, 3.5, null, true, false));
        nested.put("big", 1L << 40);
        nested.put("huge", new BigInteger("123456789012345678901234567890"));
        nested.put("neg", -70000L);
        nested.put("i16", 65535L);
        nested.put("i8", 255L);
        nested.put("unicode", "\u00fc\u20ac\uD83D\uDE00");
        nested.put("long_string", "x".repeat(300));
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("htype", "image");
        h.put("msg_number", 7L);
        h.put("frame", 6L);
        h.put("shape", List.of(2L, 3L));
        h.put("type", "uint16");
        h.put("compression", "none");
        h.put("exposure_time", 0.25);
        h.put("discard", false);
        h.put("nested", nested);
        h.put("empty", new LinkedHashMap<>());
        h.put("many", new ArrayList<>(java.util.stream.LongStream.range(0, 2500).boxed().toList()));
        return h;
    }

    static byte[] sampleBlob(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 7 + 3);
        }
        return b;
    }

    static final String PY_SAMPLE = String.join("\n",
            "def sample():",
            "    nested = {'a': [1, -2, 3.5, None, True, False], 'big': 1 << 40,",
            "              'huge': 123456789012345678901234567890, 'neg': -70000, 'i16': 65535, 'i8': 255,",
            "              'unicode': '\\u00fc\\u20ac\\U0001F600', 'long_string': 'x' * 300}",
            "    h = {'htype': 'image', 'msg_number': 7, 'frame': 6, 'shape': [2, 3], 'type': 'uint16',",
            "         'compression': 'none', 'exposure_time': 0.25, 'discard': False, 'nested': nested,",
            "         'empty': {}, 'many': list(range(2500))}",
            "    return h",
            "def blob(n):",
            "    return bytes(((i * 7 + 3) & 0xFF) for i in range(n))",
            "");

    @Test
    void javaPickleIsReadByPython() throws IOException {
        Python.assumeModules();
        for (int n : new int[]{0, 100, 255, 256, 70_000}) {
            Path f = tmp.resolve("j" + n + ".pickle");
            Files.write(f, PickleWriter.dumps(List.of(sampleHeader(), sampleBlob(n))));
            String out = Python.check(PY_SAMPLE + String.join("\n",
                    "import pickle, sys",
                    "v = pickle.load(open(sys.argv[1], 'rb'))",
                    "assert isinstance(v, list) and len(v) == 2, type(v)",
                    "assert v[0] == sample(), v[0]",
                    "assert list(v[0].keys()) == list(sample().keys())",
                    "assert isinstance(v[1], bytes) and v[1] == blob(int(sys.argv[2])), len(v[1])",
                    "print('ok', len(v[1]))"), f.toString(), String.valueOf(n));
            assertEquals("ok " + n, out.strip());
        }
    }

    @Test
    void pythonPickleIsReadByJava() throws IOException, PickleException {
        Python.assumeModules();
        for (int proto : new int[]{2, 3, 4, 5}) {
            Path f = tmp.resolve("p" + proto + ".pickle");
            Python.check(PY_SAMPLE + String.join("\n",
                    "import pickle, sys",
                    "h = sample()",
                    "h['tuple'] = (1, 'two', (3.0,), ())",
                    "h['same'] = [h['shape'], h['shape']]", // memo references
                    "open(sys.argv[1], 'wb').write(pickle.dumps([h, blob(70000)], protocol=int(sys.argv[2])))"),
                    f.toString(), String.valueOf(proto));
            if (proto == 2) {
                // protocol 2 has no bytes opcode: Python writes bytes through _codecs.encode, which is refused
                PickleException e = assertThrows(PickleException.class, () -> PickleReader.loads(Files.readAllBytes(f)));
                assertTrue(e.getMessage().contains("_codecs.encode"), e.getMessage());
                continue;
            }
            Object v = PickleReader.loads(Files.readAllBytes(f));
            List<?> l = assertInstanceOf(List.class, v);
            assertEquals(2, l.size());
            Map<?, ?> h = assertInstanceOf(Map.class, l.get(0));
            Map<String, Object> expected = sampleHeader();
            expected.put("tuple", List.of(1L, "two", List.of(3.0), List.of()));
            expected.put("same", List.of(List.of(2L, 3L), List.of(2L, 3L)));
            assertEquals(expected, h, "protocol " + proto);
            assertArrayEquals(sampleBlob(70000), (byte[]) l.get(1));
        }
    }

    @Test
    void numpyArraysFromPython() throws IOException, PickleException {
        Python.assumeModules("numpy");
        String[] dtypes = {"<u2", "|u1", "<u4", "<f4", ">i4", "<f8", "<i8"};
        for (int proto = 3; proto <= 5; proto++) {
            for (String dt : dtypes) {
                for (boolean fortran : new boolean[]{false, true}) {
                    Path f = tmp.resolve("np.pickle");
                    Path raw = tmp.resolve("np.raw");
                    Python.check(String.join("\n",
                            "import pickle, sys, numpy as np",
                            "a = (np.arange(3 * 5) * 3 + 1).astype(sys.argv[3]).reshape(3, 5)",
                            "if sys.argv[4] == 'F': a = np.asfortranarray(a)",
                            "hdr = {'htype': 'image', 'shape': list(a.shape), 'type': a.dtype.name, 'frame': np.int64(5),",
                            "       'mx': np.uint16(65535), 'f': np.float32(0.5)}",
                            "open(sys.argv[1], 'wb').write(pickle.dumps([hdr, a], protocol=int(sys.argv[5])))",
                            "open(sys.argv[2], 'wb').write(a.tobytes(order='A'))"),
                            f.toString(), raw.toString(), dt, fortran ? "F" : "C", String.valueOf(proto));
                    List<?> v = assertInstanceOf(List.class, PickleReader.loads(Files.readAllBytes(f)));
                    NdArray a = assertInstanceOf(NdArray.class, v.get(1));
                    assertArrayEquals(new int[]{3, 5}, a.shape());
                    assertEquals(dt, a.dtype());
                    assertEquals(fortran, a.fortranOrder());
                    assertArrayEquals(Files.readAllBytes(raw), a.data());
                    Map<?, ?> h = (Map<?, ?>) v.get(0);
                    assertEquals(5L, h.get("frame"));
                    assertEquals(65535L, h.get("mx"));
                    assertEquals(0.5, h.get("f"));
                }
            }
        }
    }

    @Test
    void numpyArraysFromJava() throws IOException {
        Python.assumeModules("numpy");
        byte[] data = new byte[4 * 6 * 2];
        for (int i = 0; i < data.length; i += 2) {
            data[i] = (byte) (i * 3);
            data[i + 1] = (byte) i;
        }
        NdArray a = new NdArray(new int[]{4, 6}, "<u2", data, false);
        Path f = tmp.resolve("j.pickle");
        Files.write(f, PickleWriter.dumps(List.of(Map.of("htype", "image"), a)));
        String out = Python.check(String.join("\n",
                "import pickle, sys, numpy as np",
                "v = pickle.load(open(sys.argv[1], 'rb'))",
                "a = v[1]",
                "assert isinstance(a, np.ndarray), type(a)",
                "assert a.dtype == np.dtype('<u2') and a.shape == (4, 6), (a.dtype, a.shape)",
                "e = np.frombuffer(bytes(((i * 3) & 0xFF) if i % 2 == 0 else ((i - 1) & 0xFF) for i in range(48)), '<u2')",
                "assert np.array_equal(a.ravel(), e), (a, e)",
                "print(int(a.sum()))"), f.toString());
        long sum = 0;
        for (int i = 0; i < data.length; i += 2) {
            sum += (data[i] & 0xFF) | ((data[i + 1] & 0xFF) << 8);
        }
        assertEquals(String.valueOf(sum), out.strip());
    }

    @Test
    void javaRoundTripKeepsValues() throws PickleException {
        Map<String, Object> h = sampleHeader();
        NdArray a = new NdArray(new int[]{2, 2}, "<f4", new byte[16], true);
        Object back = PickleReader.loads(PickleWriter.dumps(Arrays.asList(h, sampleBlob(300), a, null,
                new Object[]{1, "x"})));
        List<?> l = (List<?>) back;
        assertEquals(h, l.get(0));
        assertArrayEquals(sampleBlob(300), (byte[]) l.get(1));
        assertEquals(a, l.get(2));
        assertEquals(null, l.get(3));
        assertEquals(List.of(1L, "x"), l.get(4));
        assertEquals(List.of(Map.of(), new byte[0]).size(), ((List<?>) PickleReader.loads(
                PickleWriter.dumps(List.of(Map.of(), new byte[0])))).size());
    }

    /**
     * Pickles a hostile or broken sender could send, by what is wrong with them; every reader must refuse each
     * with a PickleException (never an OutOfMemoryError or an IndexOutOfBoundsException).
     */
    static Map<String, byte[]> hostilePickles() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        Map<String, Object> header = Map.of("htype", "image", "shape", List.of(2L, 3L), "type", "uint16");
        byte[] pair = PickleWriter.dumps(List.of(header, sampleBlob(12)));
        byte[] array = PickleWriter.dumps(new NdArray(new int[]{2, 3}, "<u2", sampleBlob(12), false));
        for (int n = 0; n < pair.length; n++) {
            m.put("[header, blob] cut after " + n + " of " + pair.length + " bytes", Arrays.copyOf(pair, n));
        }
        for (int n = 0; n < array.length; n++) {
            m.put("numpy array cut after " + n + " of " + array.length + " bytes", Arrays.copyOf(array, n));
        }
        m.put("opcode 0xff after PROTO", bytes(0x80, 4, 0xFF));
        byte[] wrong = pair.clone();
        wrong[wrong.length / 2] = (byte) 0xB0; // lands in the blob or header; the STOP is replaced below
        wrong[wrong.length - 1] = (byte) 0xFF;
        m.put("opcode 0xff instead of STOP", wrong);
        m.put("STOP on an empty stack", bytes(0x80, 4, '.'));
        m.put("STOP with two values", bytes(0x80, 4, 'N', 'N', '.'));
        m.put("memo read before it was written", bytes(0x80, 4, 'h', 5, '.'));
        m.put("APPEND to None", bytes(0x80, 4, 'N', 'N', 'a', '.'));
        m.put("array of 5x4 <u2 with 12 bytes",
                PickleWriter.dumps(new NdArray(new int[]{5, 4}, "<u2", sampleBlob(12), false)));
        m.put("array of 2x3 <u2 with 13 bytes",
                PickleWriter.dumps(new NdArray(new int[]{2, 3}, "<u2", sampleBlob(13), false)));
        m.put("array of 100000x100000 <u8 with 12 bytes",
                PickleWriter.dumps(new NdArray(new int[]{100_000, 100_000}, "<u8", sampleBlob(12), false)));
        // a length that claims far more bytes than follow: allocating it first would exhaust the heap
        m.put("BINBYTES8 claiming 2 GiB - 9", bytes(0x80, 4, 0x8E, 0xF7, 0xFF, 0xFF, 0x7F, 0, 0, 0, 0, 1, 2, '.'));
        m.put("BINBYTES8 claiming 2^62", bytes(0x80, 4, 0x8E, 0, 0, 0, 0, 0, 0, 0, 0x40, 1, 2, '.'));
        m.put("BINBYTES8 claiming a negative length", bytes(0x80, 4, 0x8E, 0, 0, 0, 0, 0, 0, 0, 0x80, 1, '.'));
        m.put("BYTEARRAY8 claiming 2 GiB - 9", bytes(0x80, 5, 0x96, 0xF7, 0xFF, 0xFF, 0x7F, 0, 0, 0, 0, 1, '.'));
        m.put("BINBYTES claiming 2 GiB - 1", bytes(0x80, 4, 'B', 0xFF, 0xFF, 0xFF, 0x7F, 1, 2, '.'));
        m.put("BINBYTES claiming a negative length", bytes(0x80, 4, 'B', 0xFF, 0xFF, 0xFF, 0xFF, 1, 2, '.'));
        m.put("BINUNICODE claiming 2 GiB - 16", bytes(0x80, 4, 'X', 0xF0, 0xFF, 0xFF, 0x7F, 'a', '.'));
        m.put("BINUNICODE8 claiming 2 GiB - 9", bytes(0x80, 4, 0x8D, 0xF7, 0xFF, 0xFF, 0x7F, 0, 0, 0, 0, 'a', '.'));
        m.put("LONG4 claiming 2 GiB - 1", bytes(0x80, 4, 0x8B, 0xFF, 0xFF, 0xFF, 0x7F, 1, '.'));
        return m;
    }

    private static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    /** The pickle with numpy 2's module names ({@code numpy._core.multiarray}) instead of numpy 1's. */
    static byte[] asNumpy2(byte[] pickle) {
        String s = new String(pickle, StandardCharsets.ISO_8859_1);
        String numpy1 = "numpy.core.multiarray";
        String numpy2 = "numpy._core.multiarray";
        // PickleWriter writes the module as SHORT_BINUNICODE: opcode 0x8c, length, text
        String out = s.replace("\u008c" + (char) numpy1.length() + numpy1, "\u008c" + (char) numpy2.length() + numpy2);
        assertFalse(out.equals(s), "no numpy 1 module name in the pickle");
        return out.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void hostilePicklesAreRefusedWithAPickleException() {
        for (Map.Entry<String, byte[]> c : hostilePickles().entrySet()) {
            PickleException e = assertThrows(PickleException.class, () -> PickleReader.loads(c.getValue()), c.getKey());
            assertFalse(e.getMessage() == null || e.getMessage().isBlank(), c.getKey());
        }
    }

    @Test
    void numpy2ModuleNames() throws PickleException {
        NdArray a = new NdArray(new int[]{2, 3}, "<u2", sampleBlob(12), false);
        assertEquals(a, PickleReader.loads(asNumpy2(PickleWriter.dumps(a))));
    }

    @Test
    void badPicklesAreRefused() throws IOException {
        byte[] good = PickleWriter.dumps(List.of(sampleHeader(), sampleBlob(1000)));
        PickleException cut = assertThrows(PickleException.class,
                () -> PickleReader.loads(Arrays.copyOf(good, good.length - 500)));
        assertTrue(cut.getMessage().contains("truncated"), cut.getMessage());
        assertThrows(PickleException.class, () -> PickleReader.loads(new byte[0]));
        assertThrows(PickleException.class, () -> PickleReader.loads(new byte[]{(byte) 0x80, 4, (byte) 0xFF}));
        // a global that is not numpy: refused by name, nothing is executed
        byte[] evil = "cos\nsystem\n(S'true'\ntR.".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        PickleException e = assertThrows(PickleException.class, () -> PickleReader.loads(evil));
        assertTrue(e.getMessage().contains("os.system"), e.getMessage());
        assertFalse(e.getMessage().isBlank());
    }
}
