package org.hutch.codec.pickle;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.Unpickler;

/**
 * A pickle reader on Pyrolite ({@code net.razorvine:pickle}) with numpy's constructors registered, giving the
 * same values as {@link PickleReader}: kept in the tests to compare the two (speed, and what each accepts).
 *
 * <p>Pyrolite alone is not safe on hostile input: a claimed length becomes {@code new byte[n]} before any
 * byte is read (an OutOfMemoryError for a 2 GB claim), an unknown global becomes a dictionary instead of a
 * refusal, and a malformed stack gives ClassCastException or IndexOutOfBoundsException. This class guards
 * the first two in {@link GuardedUnpickler#dispatch} and turns the rest into {@link PickleException}. It also
 * keeps a dict's key order, which Pyrolite's HashMaps lose.
 */
final class PyrolitePickleReader {
    private static final Set<String> NUMPY_MODULES = Set.of("numpy.core.multiarray", "numpy._core.multiarray");
    private static final Set<String> NUMERIC_MODULES = Set.of("numpy.core.numeric", "numpy._core.numeric");
    private static final Set<String> ALLOWED = Set.of(
            "numpy.core.multiarray._reconstruct", "numpy._core.multiarray._reconstruct",
            "numpy.core.multiarray.scalar", "numpy._core.multiarray.scalar",
            "numpy.core.numeric._frombuffer", "numpy._core.numeric._frombuffer",
            "numpy.ndarray", "numpy.dtype");

    /** What {@code numpy.ndarray} stands for as the first argument of {@code _reconstruct}. */
    private static final Object NDARRAY_CLASS = new Object();

    static {
        for (String m : NUMPY_MODULES) {
            Unpickler.registerConstructor(m, "_reconstruct", args -> new ArrayBuilder());
            Unpickler.registerConstructor(m, "scalar", PyrolitePickleReader::scalar);
        }
        for (String m : NUMERIC_MODULES) {
            Unpickler.registerConstructor(m, "_frombuffer", PyrolitePickleReader::fromBuffer);
        }
        Unpickler.registerConstructor("numpy", "ndarray", args -> NDARRAY_CLASS);
        Unpickler.registerConstructor("numpy", "dtype", args -> {
            if (args.length == 0 || !(args[0] instanceof String)) {
                throw new net.razorvine.pickle.PickleException("numpy.dtype with arguments " + Arrays.toString(args));
            }
            return new DtypeBuilder((String) args[0]);
        });
    }

    private PyrolitePickleReader() {
    }

    static Object loads(byte[] pickle) throws PickleException {
        Object v;
        try {
            v = new GuardedUnpickler().loads(pickle);
        } catch (IOException | RuntimeException e) {
            // our refusals come through as they are, or wrapped by Pyrolite's reflective BUILD
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof PickleRuntimeException) {
                    throw ((PickleRuntimeException) t).checked;
                }
            }
            throw new PickleException("malformed pickle: " + e);
        }
        return normalize(v, new IdentityHashMap<>());
    }

    /** Refuses what plain Pyrolite would allocate or construct before noticing it is wrong. */
    private static final class GuardedUnpickler extends Unpickler {
        @Override
        protected Object dispatch(short key) throws IOException {
            switch (key) {
                case Opcodes.BINBYTES, Opcodes.BINUNICODE, Opcodes.BINSTRING -> claim(4, key);
                case Opcodes.BINBYTES8, Opcodes.BINUNICODE8, Opcodes.BYTEARRAY8 -> claim(8, key);
                case Opcodes.LONG4 -> claim(4, key);
                case Opcodes.GLOBAL -> {
                    String module = readLine();
                    String name = readLine();
                    stack.add(constructor(module, name));
                    return NO_RETURN_VALUE;
                }
                case Opcodes.STACK_GLOBAL -> {
                    Object name = stack.pop();
                    Object module = stack.pop();
                    if (!(module instanceof String) || !(name instanceof String)) {
                        throw refuse("malformed pickle: STACK_GLOBAL needs two strings");
                    }
                    stack.add(constructor((String) module, (String) name));
                    return NO_RETURN_VALUE;
                }
                case Opcodes.STOP -> {
                    if (stack.size() != 1) { // Pyrolite takes the top and drops the rest
                        throw refuse("malformed pickle: STOP with " + stack.size() + " values on the stack");
                    }
                }
                case Opcodes.EMPTY_DICT -> { // Pyrolite's HashMaps would lose the key order
                    stack.add(new LinkedHashMap<>());
                    return NO_RETURN_VALUE;
                }
                case Opcodes.SETITEMS -> {
                    List<Object> kv = stack.pop_all_since_marker();
                    if (kv.size() % 2 != 0 || !(stack.peek() instanceof Map)) {
                        throw refuse("malformed pickle: SETITEMS without a dict and pairs");
                    }
                    @SuppressWarnings("unchecked")
                    Map<Object, Object> dict = (Map<Object, Object>) stack.peek();
                    for (int i = 0; i < kv.size(); i += 2) {
                        dict.put(kv.get(i), kv.get(i + 1));
                    }
                    return NO_RETURN_VALUE;
                }
                case Opcodes.NEWOBJ, Opcodes.NEWOBJ_EX, Opcodes.INST, Opcodes.OBJ, Opcodes.PERSID,
                        Opcodes.BINPERSID, Opcodes.EXT1, Opcodes.EXT2, Opcodes.EXT4, Opcodes.NEXT_BUFFER,
                        Opcodes.READONLY_BUFFER -> throw refuse(String.format(
                        "pickle opcode 0x%02x is not supported", key));
                default -> {
                }
            }
            return super.dispatch(key);
        }

        /** Peeks at a length argument and refuses it when fewer bytes remain. */
        private void claim(int width, short op) throws IOException {
            input.mark(width);
            byte[] b = new byte[width];
            if (input.read(b) != width) {
                throw refuse("pickle truncated in the length of opcode " + op);
            }
            input.reset();
            long n = width == 4 ? (b[0] & 0xFFL) | (b[1] & 0xFFL) << 8 | (b[2] & 0xFFL) << 16 | (long) b[3] << 24
                    : ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (n < 0 || n > input.available() - width) {
                throw refuse("pickle truncated: opcode " + op + " claims " + n + " bytes, "
                        + (input.available() - width) + " left");
            }
        }

        private String readLine() throws IOException {
            StringBuilder sb = new StringBuilder();
            for (int c = input.read(); c != '\n'; c = input.read()) {
                if (c < 0) {
                    throw refuse("pickle truncated in a GLOBAL name");
                }
                sb.append((char) c);
            }
            return sb.toString();
        }

        private static IObjectConstructor constructor(String module, String name) {
            String q = module + "." + name;
            if (!ALLOWED.contains(q)) {
                throw refuse("pickle refers to " + q + ": only plain data and numpy arrays are accepted");
            }
            return objectConstructors.get(q);
        }
    }

    /** Carries a checked PickleException through Pyrolite's unchecked call paths. */
    private static final class PickleRuntimeException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient PickleException checked;

        PickleRuntimeException(PickleException checked) {
            super(checked.getMessage(), null, false, false);
            this.checked = checked;
        }
    }

    private static PickleRuntimeException refuse(String message) {
        return new PickleRuntimeException(new PickleException(message));
    }

    /** {@code numpy.dtype(code, align, copy)}, completed by BUILD with its byte order. Public for Pyrolite's BUILD. */
    public static final class DtypeBuilder {
        final String code;
        String byteOrder;

        DtypeBuilder(String code) {
            this.code = code;
            this.byteOrder = code.endsWith("1") && !code.equals("c1") ? "|" : "<";
        }

        public void __setstate__(Object[] state) {
            if (state.length >= 2 && state[1] instanceof String) {
                String o = (String) state[1];
                byteOrder = o.equals("=") ? "<" : o;
            }
        }

        String str() {
            return byteOrder + code;
        }
    }

    /** An array between {@code _reconstruct} and its BUILD. Public for Pyrolite's BUILD. */
    public static final class ArrayBuilder {
        NdArray result;

        public void __setstate__(Object[] s) {
            if (s.length != 5 || !(s[1] instanceof Object[]) || !(s[2] instanceof DtypeBuilder)
                    || !(s[3] instanceof Boolean) || !(s[4] instanceof byte[])) {
                throw refuse("numpy array state is not (version, shape, dtype, fortran, bytes): "
                        + "object arrays are not supported");
            }
            result = array((Object[]) s[1], (DtypeBuilder) s[2], (byte[]) s[4], (Boolean) s[3]);
        }
    }

    private static NdArray array(Object[] shapeItems, DtypeBuilder d, byte[] data, boolean fortran) {
        int[] shape = new int[shapeItems.length];
        for (int i = 0; i < shape.length; i++) {
            Object v = shapeItems[i];
            long n = v instanceof Integer || v instanceof Long ? ((Number) v).longValue() : -1;
            if (n < 0 || n > Integer.MAX_VALUE) {
                throw refuse("numpy array has a bad shape " + Arrays.toString(shapeItems));
            }
            shape[i] = (int) n;
        }
        try {
            NdArray arr = new NdArray(shape, d.str(), data, fortran);
            if (arr.elements() * arr.itemSize() != data.length) {
                throw refuse("numpy array " + arr + ": " + data.length + " bytes but shape " + Arrays.toString(shape)
                        + " x " + d.str() + " needs " + arr.elements() * arr.itemSize());
            }
            return arr;
        } catch (NumberFormatException e) {
            throw refuse("numpy array has dtype " + d.str() + ", which is not a plain numeric type");
        }
    }

    private static Object fromBuffer(Object[] a) {
        if (a.length != 4 || !(a[0] instanceof byte[]) || !(a[1] instanceof DtypeBuilder) || !(a[2] instanceof Object[])) {
            throw refuse("pickle calls numpy _frombuffer with unexpected arguments " + Arrays.toString(a));
        }
        return array((Object[]) a[2], (DtypeBuilder) a[1], (byte[]) a[0], "F".equals(a[3]));
    }

    private static Object scalar(Object[] a) {
        if (a.length != 2 || !(a[0] instanceof DtypeBuilder) || !(a[1] instanceof byte[])) {
            throw refuse("pickle calls numpy scalar with unexpected arguments " + Arrays.toString(a));
        }
        DtypeBuilder d = (DtypeBuilder) a[0];
        ByteBuffer bb = ByteBuffer.wrap((byte[]) a[1])
                .order(d.byteOrder.equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        switch (d.code) {
            case "u1": return (long) (bb.get() & 0xFF);
            case "i1": return (long) bb.get();
            case "b1": return bb.get() != 0;
            case "u2": return (long) (bb.getShort() & 0xFFFF);
            case "i2": return (long) bb.getShort();
            case "u4": return bb.getInt() & 0xFFFFFFFFL;
            case "i4": return (long) bb.getInt();
            case "i8": return bb.getLong();
            case "u8": {
                long v = bb.getLong();
                return v >= 0 ? (Object) v : new BigInteger(Long.toUnsignedString(v));
            }
            case "f4": return (double) bb.getFloat();
            case "f8": return bb.getDouble();
            default:
                throw refuse("numpy scalar of type " + d.str() + " is not supported");
        }
    }

    /** Pyrolite's values as PickleReader gives them: Long, List (tuples unmodifiable), LinkedHashMap, NdArray. */
    private static Object normalize(Object v, Map<Object, Object> seen) throws PickleException {
        if (v instanceof Integer) {
            return (long) (Integer) v;
        }
        if (v instanceof BigInteger) {
            BigInteger b = (BigInteger) v;
            return b.bitLength() < 64 ? (Object) b.longValue() : b;
        }
        if (v instanceof ArrayBuilder) {
            NdArray r = ((ArrayBuilder) v).result;
            if (r == null) {
                throw new PickleException("malformed pickle: numpy array without its state");
            }
            return r;
        }
        if (v instanceof DtypeBuilder) {
            return ((DtypeBuilder) v).str();
        }
        if (v instanceof Object[] || v instanceof List || v instanceof Map) {
            Object done = seen.get(v);
            if (done != null) {
                return done;
            }
        }
        if (v instanceof Object[]) {
            List<Object> out = new ArrayList<>();
            for (Object o : (Object[]) v) {
                out.add(normalize(o, seen));
            }
            List<Object> t = Collections.unmodifiableList(out);
            seen.put(v, t);
            return t;
        }
        if (v instanceof List) {
            List<Object> out = new ArrayList<>();
            seen.put(v, out);
            for (Object o : (List<?>) v) {
                out.add(normalize(o, seen));
            }
            return out;
        }
        if (v instanceof Map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            seen.put(v, out);
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                out.put(normalize(e.getKey(), seen), normalize(e.getValue(), seen));
            }
            return out;
        }
        if (v instanceof IObjectConstructor || v == NDARRAY_CLASS) {
            throw new PickleException("malformed pickle: a numpy callable left as a value");
        }
        return v;
    }
}
