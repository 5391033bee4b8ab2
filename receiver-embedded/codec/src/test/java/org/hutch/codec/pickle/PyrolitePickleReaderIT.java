package org.hutch.codec.pickle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.hutch.testkit.Python;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Pyrolite reader kept for comparison gives what {@link PickleReader} gives, on pickles from CPython and
 * numpy and on Hutch's own, and refuses the same hostile input with a PickleException.
 */
class PyrolitePickleReaderIT {
    /** Every dtype Hutch uses, in both byte orders. */
    static final List<String> DTYPES = List.of("|u1", "<u2", ">u2", "<u4", ">u4", "<u8", ">u8", "<i4", ">i4",
            "<f4", ">f4", "<f8", ">f8");

    @TempDir
    Path tmp;

    @Test
    void numpyArraysFromPythonComeOutAsPickleReaderGivesThem() throws IOException, PickleException {
        Python.assumeModules("numpy");
        // one Python run writes every case: the pickle of [header, array] and the array's raw bytes
        Python.check(String.join("\n",
                "import pickle, sys, os, numpy as np",
                "for proto in (3, 4, 5):",
                "    for dt in sys.argv[2].split(','):",
                "        for order in 'CF':",
                "            a = (np.arange(3 * 5) * 3 + 1).astype(dt).reshape(3, 5)",
                "            if order == 'F': a = np.asfortranarray(a)",
                "            hdr = {'htype': 'image', 'shape': list(a.shape), 'type': a.dtype.name, 'frame': np.int64(5),",
                "                   'mx': np.uint16(65535), 'f': np.float32(0.5), 'big': np.uint64(2**64 - 1)}",
                "            name = os.path.join(sys.argv[1], '%d_%s_%s' % (proto, dt.replace('<', 'l').replace('>', 'b')"
                        + ".replace('|', 'n'), order))",
                "            open(name + '.pickle', 'wb').write(pickle.dumps([hdr, a], protocol=proto))",
                "            open(name + '.raw', 'wb').write(a.tobytes(order='A'))",
                "            open(name + '.bare', 'wb').write(pickle.dumps(a, protocol=proto))"),
                tmp.toString(), String.join(",", DTYPES));
        int cases = 0;
        for (int proto = 3; proto <= 5; proto++) {
            for (String dt : DTYPES) {
                for (String order : List.of("C", "F")) {
                    String name = proto + "_" + dt.replace('<', 'l').replace('>', 'b').replace('|', 'n') + "_" + order;
                    byte[] pickle = Files.readAllBytes(tmp.resolve(name + ".pickle"));
                    List<?> v = assertInstanceOf(List.class, assertSameAsPickleReader(pickle, name));
                    NdArray a = assertInstanceOf(NdArray.class, v.get(1), name);
                    assertEquals(dt, a.dtype(), name);
                    assertArrayEquals(new int[]{3, 5}, a.shape(), name);
                    assertEquals(order.equals("F"), a.fortranOrder(), name);
                    assertArrayEquals(Files.readAllBytes(tmp.resolve(name + ".raw")), a.data(), name);
                    Map<?, ?> h = (Map<?, ?>) v.get(0);
                    assertEquals(List.of("htype", "shape", "type", "frame", "mx", "f", "big"), List.copyOf(h.keySet()));
                    assertEquals(5L, h.get("frame"));
                    assertEquals(65535L, h.get("mx"));
                    assertEquals(0.5, h.get("f"));
                    // MAX IV's downsampled answer: the bare array
                    assertEquals(a, assertSameAsPickleReader(Files.readAllBytes(tmp.resolve(name + ".bare")), name));
                    cases++;
                }
            }
        }
        assertEquals(3 * DTYPES.size() * 2, cases);
    }

    @Test
    void maxIvHeaderAndBlobFromPython() throws IOException, PickleException {
        Python.assumeModules();
        for (int proto : new int[]{3, 4, 5}) {
            Path f = tmp.resolve("p" + proto + ".pickle");
            Python.check(PickleIT.PY_SAMPLE + String.join("\n",
                    "import pickle, sys",
                    "h = sample()",
                    "h['tuple'] = (1, 'two', (3.0,), ())",
                    "h['same'] = [h['shape'], h['shape']]",
                    "open(sys.argv[1], 'wb').write(pickle.dumps([h, blob(70000)], protocol=int(sys.argv[2])))"),
                    f.toString(), String.valueOf(proto));
            List<?> v = assertInstanceOf(List.class, assertSameAsPickleReader(Files.readAllBytes(f), "protocol " + proto));
            assertArrayEquals(PickleIT.sampleBlob(70000), (byte[]) v.get(1));
        }
    }

    @Test
    void hutchsOwnPickles() throws PickleException {
        assertSameAsPickleReader(PickleWriter.dumps(List.of(PickleIT.sampleHeader(), PickleIT.sampleBlob(300))),
                "[header, blob]");
        assertSameAsPickleReader(PickleWriter.dumps(List.of(Map.of(), new byte[0])), "[{}, b\"\"]");
        for (String dt : DTYPES) {
            int item = Integer.parseInt(dt.substring(2));
            NdArray a = new NdArray(new int[]{4, 6}, dt, PickleIT.sampleBlob(4 * 6 * item), dt.startsWith(">"));
            assertEquals(a, assertSameAsPickleReader(PickleWriter.dumps(a), dt));
            List<?> l = (List<?>) assertSameAsPickleReader(PickleWriter.dumps(List.of(PickleIT.sampleHeader(), a)), dt);
            assertEquals(a, l.get(1));
        }
    }

    @Test
    void numpy2ModuleNames() throws PickleException {
        NdArray a = new NdArray(new int[]{2, 3}, "<u2", PickleIT.sampleBlob(12), false);
        byte[] numpy2 = PickleIT.asNumpy2(PickleWriter.dumps(a));
        assertTrue(new String(numpy2, StandardCharsets.ISO_8859_1).contains("numpy._core.multiarray"));
        assertEquals(a, assertSameAsPickleReader(numpy2, "numpy._core"));
    }

    @Test
    void hostilePicklesAreRefusedWithAPickleException() {
        for (Map.Entry<String, byte[]> c : PickleIT.hostilePickles().entrySet()) {
            PickleException e = assertThrows(PickleException.class, () -> PyrolitePickleReader.loads(c.getValue()),
                    c.getKey());
            assertFalse(e.getMessage() == null || e.getMessage().isBlank(), c.getKey());
        }
        byte[] evil = "cos\nsystem\n(S'true'\ntR.".getBytes(StandardCharsets.ISO_8859_1);
        PickleException e = assertThrows(PickleException.class, () -> PyrolitePickleReader.loads(evil));
        assertTrue(e.getMessage().contains("os.system"), e.getMessage());
    }

    /** Reads with both readers, checks they agree, and returns the value. */
    private static Object assertSameAsPickleReader(byte[] pickle, String what) throws PickleException {
        Object expected = PickleReader.loads(pickle);
        Object actual = PyrolitePickleReader.loads(pickle);
        assertSameValue(expected, actual, what);
        return actual;
    }

    private static void assertSameValue(Object expected, Object actual, String where) {
        if (expected instanceof byte[]) {
            assertArrayEquals((byte[]) expected, assertInstanceOf(byte[].class, actual, where), where);
        } else if (expected instanceof List) {
            List<?> e = (List<?>) expected;
            List<?> a = assertInstanceOf(List.class, actual, where);
            assertEquals(e.size(), a.size(), where);
            assertEquals(e instanceof ArrayList, a instanceof ArrayList, where + ": list versus tuple");
            for (int i = 0; i < e.size(); i++) {
                assertSameValue(e.get(i), a.get(i), where + "[" + i + "]");
            }
        } else if (expected instanceof Map) {
            Map<?, ?> e = (Map<?, ?>) expected;
            Map<?, ?> a = assertInstanceOf(Map.class, actual, where);
            assertEquals(new ArrayList<>(e.keySet()), new ArrayList<>(a.keySet()), where + ": keys in order");
            Iterator<?> ai = a.values().iterator();
            for (Map.Entry<?, ?> x : e.entrySet()) {
                assertSameValue(x.getValue(), ai.next(), where + "." + x.getKey());
            }
        } else {
            assertEquals(expected, actual, where);
            if (expected != null) {
                assertEquals(expected.getClass(), actual.getClass(), where + ": " + Arrays.asList(expected, actual));
            }
        }
    }
}
