package org.hutch.app.client;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Writes pickle protocol 4 byte for byte as CPython 3.11 + numpy 1.24 write {@code pickle.dumps([header, x])}
 * in MAX IV's streaming-receiver, where {@code x} is {@code bytes} or a C-ordered numpy array (memoized the
 * same way, FRAME included). Test-side only: it lets the MAX IV test server send what a real one sends.
 * Values: String, Integer/Long, Boolean, List (as tuple when {@link Tuple}), byte[], {@link NdArray}.
 */
final class PythonPickleBytes {

    record Tuple(List<Object> items) {
    }

    /** A numpy array: dtype code such as {@code u2}, shape, raw little-endian C-order bytes. */
    record NdArray(String dtypeCode, int[] shape, byte[] data) {
    }

    /** bytes objects this large are written outside frames, as CPython's pickler does */
    private static final int FRAME_SIZE_TARGET = 64 * 1024;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private ByteArrayOutputStream body = new ByteArrayOutputStream();
    private int memo;

    static byte[] dumpsList(Map<String, Object> header, Object second) {
        PythonPickleBytes p = new PythonPickleBytes();
        p.op(']');
        p.memoize();
        p.op('(');
        p.dict(header);
        p.value(second);
        p.op('e');
        p.op('.');
        p.commitFrame();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.write(0x80);
        all.write(4);
        all.writeBytes(p.out.toByteArray());
        return all.toByteArray();
    }

    /** Writes the pending opcodes as one FRAME (or bare when shorter than 4 bytes, as CPython does). */
    private void commitFrame() {
        byte[] b = body.toByteArray();
        if (b.length >= 4) {
            out.write(0x95);
            long n = b.length;
            for (int i = 0; i < 8; i++) {
                out.write((int) (n >>> (8 * i)) & 0xFF);
            }
        }
        out.writeBytes(b);
        body = new ByteArrayOutputStream();
    }

    private void op(char c) {
        body.write(c);
    }

    private void memoize() {
        body.write(0x94);
        memo++;
    }

    private void dict(Map<String, Object> m) {
        op('}');
        memoize();
        if (m.isEmpty()) {
            return;
        }
        if (m.size() > 1) {
            op('(');
        }
        for (Map.Entry<String, Object> e : m.entrySet()) {
            string(e.getKey());
            value(e.getValue());
        }
        op(m.size() > 1 ? 'u' : 's'); // CPython writes SETITEM for a one-item batch
    }

    private void value(Object v) {
        if (v instanceof String s) {
            string(s);
        } else if (v instanceof Boolean b) {
            body.write(b ? 0x88 : 0x89);
        } else if (v instanceof Integer || v instanceof Long) {
            integer(((Number) v).longValue());
        } else if (v instanceof Tuple t) {
            tuple(t.items());
        } else if (v instanceof byte[] bytes) {
            bytes(bytes);
        } else if (v instanceof NdArray a) {
            ndarray(a);
        } else {
            throw new IllegalArgumentException("cannot pickle " + v);
        }
    }

    private void string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length < 256) {
            body.write(0x8c);
            body.write(b.length);
        } else {
            body.write('X');
            int32(b.length);
        }
        body.writeBytes(b);
        memoize();
    }

    private void integer(long v) {
        if (v >= 0 && v < 256) {
            body.write('K');
            body.write((int) v);
        } else if (v >= 0 && v < 65536) {
            body.write('M');
            body.write((int) v & 0xFF);
            body.write((int) (v >>> 8) & 0xFF);
        } else {
            body.write('J');
            int32((int) v);
        }
    }

    private void tuple(List<Object> items) {
        if (items.size() <= 3) {
            for (Object o : items) {
                value(o);
            }
            body.write(items.isEmpty() ? ')' : 0x84 + items.size());
        } else {
            op('(');
            for (Object o : items) {
                value(o);
            }
            op('t');
        }
        memoize();
    }

    private void bytes(byte[] b) {
        if (b.length < 256) {
            body.write('C');
            body.write(b.length);
        } else if (b.length >= FRAME_SIZE_TARGET) {
            commitFrame();
            body.write('B');
            int32(b.length);
            body.writeBytes(b);
            out.writeBytes(body.toByteArray());
            body = new ByteArrayOutputStream();
        } else {
            body.write('B');
            int32(b.length);
        }
        if (b.length < FRAME_SIZE_TARGET) {
            body.writeBytes(b);
        }
        memoize();
    }

    private void int32(int v) {
        for (int i = 0; i < 4; i++) {
            body.write((v >>> (8 * i)) & 0xFF);
        }
    }

    /** numpy's __reduce__: _reconstruct(ndarray, (0,), b'b') then BUILD (1, shape, dtype, False, data). */
    private void ndarray(NdArray a) {
        string("numpy.core.multiarray");
        string("_reconstruct");
        body.write(0x93); // STACK_GLOBAL
        memoize();
        string("numpy");
        int numpyMemo = memo - 1;
        string("ndarray");
        body.write(0x93);
        memoize();
        integer(0);
        body.write(0x85);
        memoize();
        bytes(new byte[] {'b'});
        body.write(0x87);
        memoize();
        op('R');
        memoize();
        op('(');
        integer(1);
        tuple(java.util.Arrays.stream(a.shape()).boxed().map(Object.class::cast).toList());
        body.write('h'); // BINGET the memoized 'numpy'
        body.write(numpyMemo);
        string("dtype");
        body.write(0x93);
        memoize();
        string(a.dtypeCode());
        body.write(0x89);
        body.write(0x88);
        body.write(0x87);
        memoize();
        op('R');
        memoize();
        op('(');
        integer(3);
        string("<");
        op('N');
        op('N');
        op('N');
        body.write('J');
        int32(-1);
        body.write('J');
        int32(-1);
        integer(0);
        op('t');
        memoize();
        op('b');
        body.write(0x89);
        bytes(a.data());
        op('t');
        memoize();
        op('b');
    }
}
