package org.hutch.codec.pickle;

import static org.hutch.codec.pickle.Opcodes.*;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes Python pickles, protocol 4, one frame. Values: {@code null}, Boolean, integers (Byte..Long,
 * BigInteger), Float/Double, String, {@code byte[]} and ByteBuffer (Python bytes), List/Collection
 * (list), {@code Object[]} and {@code int[]} (tuple), Map (dict, insertion order kept), and
 * {@link NdArray} (numpy's own reconstruct sequence, so {@code pickle.loads} gives an ndarray).
 * MAX IV's {@code /last_frame} body is {@code dumps(List.of(headerMap, blobBytes))}.
 */
public final class PickleWriter {
    private static final int BATCH = 1000;

    private byte[] buf;
    private int len;

    private PickleWriter(int sizeHint) {
        buf = new byte[Math.max(64, sizeHint)];
    }

    /** The pickle of {@code value}. */
    public static byte[] dumps(Object value) {
        PickleWriter w = new PickleWriter(estimate(value) + 64);
        w.put(PROTO);
        w.put(4);
        w.put(FRAME);
        int frameLenAt = w.len;
        w.len += 8;
        w.value(value);
        w.put(STOP);
        long frameLen = w.len - frameLenAt - 8;
        for (int i = 0; i < 8; i++) {
            w.buf[frameLenAt + i] = (byte) (frameLen >>> (8 * i));
        }
        return w.len == w.buf.length ? w.buf : Arrays.copyOf(w.buf, w.len);
    }

    /** Rough size, so big blobs are copied once. */
    private static int estimate(Object v) {
        if (v instanceof byte[]) {
            return ((byte[]) v).length + 9;
        }
        if (v instanceof ByteBuffer) {
            return ((ByteBuffer) v).remaining() + 9;
        }
        if (v instanceof NdArray) {
            return ((NdArray) v).data().length + 200;
        }
        if (v instanceof Collection) {
            long s = 0;
            for (Object o : (Collection<?>) v) {
                s += estimate(o);
            }
            return (int) Math.min(Integer.MAX_VALUE - 100, s + 16);
        }
        if (v instanceof Map) {
            long s = 0;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                s += estimate(e.getKey()) + estimate(e.getValue());
            }
            return (int) Math.min(Integer.MAX_VALUE - 100, s + 16);
        }
        return 16;
    }

    private void value(Object v) {
        if (v == null) {
            put(NONE);
        } else if (v instanceof Boolean) {
            put((Boolean) v ? NEWTRUE : NEWFALSE);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            integer(((Number) v).longValue());
        } else if (v instanceof BigInteger) {
            bigInteger((BigInteger) v);
        } else if (v instanceof Float || v instanceof Double) {
            put(BINFLOAT);
            long bits = Double.doubleToRawLongBits(((Number) v).doubleValue());
            for (int i = 7; i >= 0; i--) {
                put((int) (bits >>> (8 * i)));
            }
        } else if (v instanceof String || v instanceof Character || v instanceof Enum) {
            string(String.valueOf(v));
        } else if (v instanceof byte[]) {
            bytes((byte[]) v, 0, ((byte[]) v).length);
        } else if (v instanceof ByteBuffer) {
            ByteBuffer b = (ByteBuffer) v;
            if (b.hasArray()) {
                bytes(b.array(), b.arrayOffset() + b.position(), b.remaining());
            } else {
                byte[] a = new byte[b.remaining()];
                b.duplicate().get(a);
                bytes(a, 0, a.length);
            }
        } else if (v instanceof Object[]) {
            tuple((Object[]) v);
        } else if (v instanceof Collection) {
            list((Collection<?>) v);
        } else if (v instanceof Map) {
            dict((Map<?, ?>) v);
        } else if (v instanceof NdArray) {
            ndarray((NdArray) v);
        } else if (v instanceof int[]) {
            tuple(Arrays.stream((int[]) v).boxed().toArray());
        } else {
            throw new IllegalArgumentException("cannot pickle a " + v.getClass().getName() + ": " + v);
        }
    }

    private void integer(long x) {
        if (x >= 0 && x <= 0xFF) {
            put(BININT1);
            put((int) x);
        } else if (x >= 0 && x <= 0xFFFF) {
            put(BININT2);
            put((int) x);
            put((int) (x >>> 8));
        } else if (x >= Integer.MIN_VALUE && x <= Integer.MAX_VALUE) {
            put(BININT);
            le32((int) x);
        } else {
            bigInteger(BigInteger.valueOf(x));
        }
    }

    /** LONG1: little-endian two's complement, as short as possible. */
    private void bigInteger(BigInteger x) {
        byte[] be = x.toByteArray();
        if (be.length > 255) {
            throw new IllegalArgumentException("integer too large to pickle: " + be.length + " bytes");
        }
        put(LONG1);
        put(be.length);
        for (int i = be.length - 1; i >= 0; i--) {
            put(be[i]);
        }
    }

    private void string(String s) {
        byte[] u = s.getBytes(StandardCharsets.UTF_8);
        if (u.length < 256) {
            put(SHORT_BINUNICODE);
            put(u.length);
        } else {
            put(BINUNICODE);
            le32(u.length);
        }
        append(u, 0, u.length);
        put(MEMOIZE);
    }

    private void bytes(byte[] b, int off, int n) {
        if (n < 256) {
            put(SHORT_BINBYTES);
            put(n);
        } else {
            put(BINBYTES);
            le32(n);
        }
        append(b, off, n);
    }

    private void tuple(Object[] items) {
        switch (items.length) {
            case 0:
                put(EMPTY_TUPLE);
                return;
            case 1: case 2: case 3:
                for (Object o : items) {
                    value(o);
                }
                put(TUPLE1 + items.length - 1);
                return;
            default:
                put(MARK);
                for (Object o : items) {
                    value(o);
                }
                put(TUPLE);
        }
    }

    private void list(Collection<?> items) {
        put(EMPTY_LIST);
        put(MEMOIZE);
        Iterator<?> it = items.iterator();
        while (it.hasNext()) {
            put(MARK);
            for (int n = 0; n < BATCH && it.hasNext(); n++) {
                value(it.next());
            }
            put(APPENDS);
        }
    }

    private void dict(Map<?, ?> m) {
        put(EMPTY_DICT);
        put(MEMOIZE);
        Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
        while (it.hasNext()) {
            put(MARK);
            for (int n = 0; n < BATCH && it.hasNext(); n++) {
                Map.Entry<?, ?> e = it.next();
                value(e.getKey());
                value(e.getValue());
            }
            put(SETITEMS);
        }
    }

    /** {@code _reconstruct(ndarray, (0,), b'b')} then BUILD with {@code (1, shape, dtype, fortran, data)}. */
    private void ndarray(NdArray a) {
        global("numpy.core.multiarray", "_reconstruct");
        global("numpy", "ndarray");
        value(new Object[]{0});
        bytes(new byte[]{'b'}, 0, 1);
        put(TUPLE3);
        put(REDUCE);
        put(MARK);
        integer(1);
        tuple(Arrays.stream(a.shape()).boxed().toArray());
        // dtype: numpy.dtype('u2', False, True) then BUILD (3, '<', None, None, None, -1, -1, 0)
        global("numpy", "dtype");
        value(new Object[]{a.dtype().substring(1), false, true});
        put(REDUCE);
        value(new Object[]{3, a.dtype().substring(0, 1), null, null, null, -1, -1, 0});
        put(BUILD);
        value(a.fortranOrder());
        bytes(a.data(), 0, a.data().length);
        put(TUPLE);
        put(BUILD);
    }

    private void global(String module, String name) {
        string(module);
        string(name);
        put(STACK_GLOBAL);
    }

    private void le32(int x) {
        put(x);
        put(x >>> 8);
        put(x >>> 16);
        put(x >>> 24);
    }

    private void put(int b) {
        if (len == buf.length) {
            grow(1);
        }
        buf[len++] = (byte) b;
    }

    private void append(byte[] b, int off, int n) {
        if (len + n > buf.length) {
            grow(n);
        }
        System.arraycopy(b, off, buf, len, n);
        len += n;
    }

    private void grow(int need) {
        long size = Math.max((long) buf.length * 2, (long) len + need);
        if (size > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("pickle larger than 2 GiB");
        }
        buf = Arrays.copyOf(buf, (int) size);
    }
}
