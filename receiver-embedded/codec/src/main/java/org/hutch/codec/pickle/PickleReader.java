package org.hutch.codec.pickle;

import static org.hutch.codec.pickle.Opcodes.*;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads Python pickles (protocols 2-5 without out-of-band buffers) of plain data, plus numpy arrays
 * and scalars. Python values become: None -> null, bool -> Boolean, int -> Long (BigInteger beyond 64 bits),
 * float -> Double, str -> String, bytes/bytearray -> byte[], list -> mutable List, tuple -> unmodifiable
 * List, dict -> LinkedHashMap, numpy.ndarray -> {@link NdArray}, numpy scalar -> Long/Double, numpy.dtype
 * -> its {@code str} (for example {@code <u2}).
 *
 * <p>Safe by construction: no class is ever loaded; the only callables are numpy's
 * {@code _reconstruct}, {@code ndarray}, {@code dtype} and {@code scalar} (from {@code numpy.core.multiarray}
 * or {@code numpy._core.multiarray}); any other global is refused with its name.
 */
public final class PickleReader {
    private static final Set<String> RECONSTRUCT = Set.of("numpy.core.multiarray._reconstruct",
            "numpy._core.multiarray._reconstruct");
    private static final Set<String> SCALAR = Set.of("numpy.core.multiarray.scalar", "numpy._core.multiarray.scalar");
    /** protocol 5 arrays: {@code _frombuffer(buffer, dtype, shape, order)} */
    private static final Set<String> FROMBUFFER = Set.of("numpy.core.numeric._frombuffer",
            "numpy._core.numeric._frombuffer");
    private static final Set<String> NDARRAY = Set.of("numpy.ndarray");
    private static final Set<String> DTYPE = Set.of("numpy.dtype");

    private final byte[] in;
    private int pos;
    private final List<Object> stack = new ArrayList<>();
    private final List<Integer> marks = new ArrayList<>();
    private final Map<Long, Object> memo = new HashMap<>();

    /** A numpy global seen by GLOBAL / STACK_GLOBAL. */
    private record Global(String qualifiedName) {
    }

    /** An array between {@code _reconstruct} and its BUILD. */
    private static final class ArrayInProgress {
        NdArray result;
    }

    /** A dtype between {@code numpy.dtype(code, ...)} and its BUILD (which sets the byte order). */
    private static final class DtypeInProgress {
        final String code;
        String byteOrder;

        DtypeInProgress(String code) {
            this.code = code;
            this.byteOrder = defaultOrder(code);
        }

        String str() {
            return byteOrder + code;
        }
    }

    private PickleReader(byte[] in) {
        this.in = in;
    }

    /** Reads one pickled value. */
    public static Object loads(byte[] pickle) throws PickleException {
        return new PickleReader(pickle).run();
    }

    private Object run() throws PickleException {
        while (true) {
            if (pos >= in.length) {
                throw new PickleException("pickle truncated: no STOP after " + pos + " bytes");
            }
            int at = pos;
            int op = in[pos++] & 0xFF;
            switch (op) {
                case PROTO:
                    int proto = u8();
                    if (proto > 5) {
                        throw new PickleException("pickle protocol " + proto + " is not supported (at most 5)");
                    }
                    break;
                case FRAME:
                    need(8, "FRAME");
                    pos += 8; // frames only group bytes; the content follows in line
                    break;
                case STOP:
                    if (stack.size() != 1 || !marks.isEmpty()) {
                        throw new PickleException("malformed pickle: STOP with " + stack.size()
                                + " values on the stack");
                    }
                    return resolve(stack.get(0));
                case MARK:
                    marks.add(stack.size());
                    break;
                case POP:
                    pop();
                    break;
                case POP_MARK:
                    popMark();
                    break;
                case DUP:
                    push(peek());
                    break;
                case NONE:
                    push(null);
                    break;
                case NEWTRUE:
                    push(Boolean.TRUE);
                    break;
                case NEWFALSE:
                    push(Boolean.FALSE);
                    break;
                case BININT:
                    push((long) le32());
                    break;
                case BININT1:
                    push((long) u8());
                    break;
                case BININT2:
                    push((long) (u8() | (u8() << 8)));
                    break;
                case LONG1:
                    push(longN(u8()));
                    break;
                case LONG4:
                    push(longN(length(le32(), "LONG4")));
                    break;
                case BINFLOAT: {
                    need(8, "BINFLOAT");
                    long bits = 0;
                    for (int i = 0; i < 8; i++) {
                        bits = (bits << 8) | (in[pos++] & 0xFF);
                    }
                    push(Double.longBitsToDouble(bits));
                    break;
                }
                case SHORT_BINUNICODE:
                    push(utf8(u8()));
                    break;
                case BINUNICODE:
                    push(utf8(length(le32(), "BINUNICODE")));
                    break;
                case BINUNICODE8:
                    push(utf8(length(le64(), "BINUNICODE8")));
                    break;
                case SHORT_BINSTRING:
                    push(latin1(u8()));
                    break;
                case BINSTRING:
                    push(latin1(length(le32(), "BINSTRING")));
                    break;
                case SHORT_BINBYTES:
                    push(bytes(u8()));
                    break;
                case BINBYTES:
                    push(bytes(length(le32(), "BINBYTES")));
                    break;
                case BINBYTES8:
                case BYTEARRAY8:
                    push(bytes(length(le64(), op == BINBYTES8 ? "BINBYTES8" : "BYTEARRAY8")));
                    break;
                case EMPTY_LIST:
                    push(new ArrayList<>());
                    break;
                case EMPTY_DICT:
                    push(new LinkedHashMap<>());
                    break;
                case EMPTY_TUPLE:
                    push(List.of());
                    break;
                case LIST:
                    push(new ArrayList<>(popMark()));
                    break;
                case DICT: {
                    Map<Object, Object> m = new LinkedHashMap<>();
                    putAll(m, popMark());
                    push(m);
                    break;
                }
                case TUPLE:
                    push(tuple(popMark()));
                    break;
                case TUPLE1:
                case TUPLE2:
                case TUPLE3: {
                    int n = op - TUPLE1 + 1;
                    List<Object> items = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        items.add(0, pop());
                    }
                    push(tuple(items));
                    break;
                }
                case APPEND: {
                    Object v = pop();
                    listAt(peek()).add(v);
                    break;
                }
                case APPENDS: {
                    List<Object> items = popMark();
                    listAt(peek()).addAll(items);
                    break;
                }
                case SETITEM: {
                    Object v = pop();
                    Object k = pop();
                    dictAt(peek()).put(k, v);
                    break;
                }
                case SETITEMS: {
                    List<Object> items = popMark();
                    putAll(dictAt(peek()), items);
                    break;
                }
                case MEMOIZE:
                    memo.put((long) memo.size(), peek());
                    break;
                case BINPUT:
                    memo.put((long) u8(), peek());
                    break;
                case LONG_BINPUT:
                    memo.put(le32() & 0xFFFFFFFFL, peek());
                    break;
                case BINGET:
                    push(memoGet(u8()));
                    break;
                case LONG_BINGET:
                    push(memoGet(le32() & 0xFFFFFFFFL));
                    break;
                case GLOBAL:
                    push(global(line(), line()));
                    break;
                case STACK_GLOBAL: {
                    Object name = pop();
                    Object module = pop();
                    if (!(module instanceof String) || !(name instanceof String)) {
                        throw new PickleException("malformed pickle: STACK_GLOBAL needs two strings at byte " + at);
                    }
                    push(global((String) module, (String) name));
                    break;
                }
                case REDUCE: {
                    Object args = pop();
                    Object callable = pop();
                    push(reduce(callable, args, at));
                    break;
                }
                case NEWOBJ: {
                    pop();
                    Object cls = pop();
                    throw new PickleException("pickle creates an object of " + cls + " (NEWOBJ): not allowed");
                }
                case BUILD: {
                    Object state = pop();
                    build(peek(), state, at);
                    break;
                }
                default:
                    throw new PickleException(String.format("pickle opcode 0x%02x at byte %d is not supported", op, at));
            }
        }
    }

    private Object global(String module, String name) throws PickleException {
        String q = module + "." + name;
        if (RECONSTRUCT.contains(q) || SCALAR.contains(q) || NDARRAY.contains(q) || DTYPE.contains(q)
                || FROMBUFFER.contains(q)) {
            return new Global(q);
        }
        throw new PickleException("pickle refers to " + q + ": only plain data and numpy arrays are accepted");
    }

    private Object reduce(Object callable, Object args, int at) throws PickleException {
        if (!(callable instanceof Global) || !(args instanceof List)) {
            throw new PickleException("malformed pickle: REDUCE at byte " + at + " without a callable and arguments");
        }
        String q = ((Global) callable).qualifiedName();
        List<?> a = (List<?>) args;
        if (RECONSTRUCT.contains(q)) {
            return new ArrayInProgress();
        }
        if (DTYPE.contains(q) && !a.isEmpty() && a.get(0) instanceof String) {
            return new DtypeInProgress((String) a.get(0));
        }
        if (SCALAR.contains(q) && a.size() == 2 && a.get(0) instanceof DtypeInProgress && a.get(1) instanceof byte[]) {
            return scalar((DtypeInProgress) a.get(0), (byte[]) a.get(1));
        }
        if (FROMBUFFER.contains(q) && a.size() == 4 && a.get(0) instanceof byte[] && a.get(1) instanceof DtypeInProgress
                && a.get(2) instanceof List) {
            return array((List<?>) a.get(2), (DtypeInProgress) a.get(1), (byte[]) a.get(0), "F".equals(a.get(3)), at);
        }
        throw new PickleException("pickle calls " + q + " with unexpected arguments " + a);
    }

    private void build(Object target, Object state, int at) throws PickleException {
        if (target instanceof DtypeInProgress && state instanceof List && ((List<?>) state).size() >= 2) {
            Object order = ((List<?>) state).get(1);
            if (order instanceof String) {
                String o = (String) order;
                ((DtypeInProgress) target).byteOrder = o.equals("=") ? "<" : o;
            }
            return;
        }
        if (target instanceof ArrayInProgress && state instanceof List && ((List<?>) state).size() == 5) {
            List<?> s = (List<?>) state;
            if (!(s.get(1) instanceof List) || !(s.get(2) instanceof DtypeInProgress) || !(s.get(3) instanceof Boolean)
                    || !(s.get(4) instanceof byte[])) {
                throw new PickleException("numpy array state at byte " + at + " is not (version, shape, dtype, "
                        + "fortran, bytes): object arrays are not supported");
            }
            NdArray arr = array((List<?>) s.get(1), (DtypeInProgress) s.get(2), (byte[]) s.get(4), (Boolean) s.get(3), at);
            ((ArrayInProgress) target).result = arr;
            stack.set(stack.size() - 1, arr);
            return;
        }
        throw new PickleException("pickle BUILD at byte " + at + " on an object this reader does not create");
    }

    private static NdArray array(List<?> shapeList, DtypeInProgress d, byte[] data, boolean fortran, int at)
            throws PickleException {
        int[] shape = new int[shapeList.size()];
        for (int i = 0; i < shape.length; i++) {
            Object v = shapeList.get(i);
            if (!(v instanceof Long) || (Long) v < 0 || (Long) v > Integer.MAX_VALUE) {
                throw new PickleException("numpy array at byte " + at + " has a bad shape " + shapeList);
            }
            shape[i] = (int) (long) (Long) v;
        }
        NdArray arr;
        try {
            arr = new NdArray(shape, d.str(), data, fortran);
            if (arr.elements() * arr.itemSize() != data.length) {
                throw new PickleException("numpy array " + arr + ": " + data.length + " bytes but shape "
                        + Arrays.toString(shape) + " x " + d.str() + " needs " + arr.elements() * arr.itemSize());
            }
        } catch (NumberFormatException e) {
            throw new PickleException("numpy array at byte " + at + " has dtype " + d.str()
                    + ", which is not a plain numeric type");
        }
        return arr;
    }

    private static Object scalar(DtypeInProgress d, byte[] b) throws PickleException {
        ByteBuffer bb = ByteBuffer.wrap(b).order(d.byteOrder.equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        String c = d.code;
        switch (c) {
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
                throw new PickleException("numpy scalar of type " + d.str() + " is not supported");
        }
    }

    private static String defaultOrder(String code) {
        return code.endsWith("1") && !code.equals("c1") ? "|" : "<";
    }

    /** Replaces leftovers (a dtype object, an array built later than referenced) by their final values. */
    private static Object resolve(Object v) {
        if (v instanceof ArrayInProgress) {
            return ((ArrayInProgress) v).result;
        }
        if (v instanceof DtypeInProgress) {
            return ((DtypeInProgress) v).str();
        }
        if (v instanceof List) {
            List<?> l = (List<?>) v;
            boolean tuple = isTuple(l);
            List<Object> out = new ArrayList<>(l.size());
            boolean changed = false;
            for (Object o : l) {
                Object r = resolve(o);
                changed |= r != o;
                out.add(r);
            }
            if (!changed) {
                return v;
            }
            return tuple ? Collections.unmodifiableList(out) : out;
        }
        if (v instanceof Map) {
            Map<Object, Object> m = new LinkedHashMap<>();
            boolean changed = false;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                Object r = resolve(e.getValue());
                changed |= r != e.getValue();
                m.put(resolve(e.getKey()), r);
            }
            return changed ? m : v;
        }
        return v;
    }

    private static boolean isTuple(List<?> l) {
        return !(l instanceof ArrayList);
    }

    private static List<Object> tuple(List<Object> items) {
        return Collections.unmodifiableList(new ArrayList<>(items));
    }

    @SuppressWarnings("unchecked")
    private List<Object> listAt(Object o) throws PickleException {
        if (o instanceof ArrayList) {
            return (List<Object>) o;
        }
        throw new PickleException("malformed pickle: APPEND to a " + typeName(o) + ", not a list, at byte " + (pos - 1));
    }

    @SuppressWarnings("unchecked")
    private Map<Object, Object> dictAt(Object o) throws PickleException {
        if (o instanceof Map) {
            return (Map<Object, Object>) o;
        }
        throw new PickleException("malformed pickle: SETITEM on a " + typeName(o) + ", not a dict, at byte " + (pos - 1));
    }

    private static String typeName(Object o) {
        return o == null ? "None" : o.getClass().getSimpleName();
    }

    private void putAll(Map<Object, Object> m, List<Object> kv) throws PickleException {
        if (kv.size() % 2 != 0) {
            throw new PickleException("malformed pickle: odd number of dict items at byte " + (pos - 1));
        }
        for (int i = 0; i < kv.size(); i += 2) {
            m.put(kv.get(i), kv.get(i + 1));
        }
    }

    private Object memoGet(long key) throws PickleException {
        if (!memo.containsKey(key)) {
            throw new PickleException("malformed pickle: memo " + key + " read before it was written");
        }
        Object v = memo.get(key);
        if (v instanceof ArrayInProgress && ((ArrayInProgress) v).result != null) {
            return ((ArrayInProgress) v).result;
        }
        return v;
    }

    private void push(Object o) {
        stack.add(o);
    }

    private Object peek() throws PickleException {
        if (stack.isEmpty() || (!marks.isEmpty() && marks.get(marks.size() - 1) == stack.size())) {
            throw new PickleException("malformed pickle: stack empty at byte " + (pos - 1));
        }
        return stack.get(stack.size() - 1);
    }

    private Object pop() throws PickleException {
        Object o = peek();
        stack.remove(stack.size() - 1);
        return o;
    }

    private List<Object> popMark() throws PickleException {
        if (marks.isEmpty()) {
            throw new PickleException("malformed pickle: no MARK before byte " + (pos - 1));
        }
        int m = marks.remove(marks.size() - 1);
        List<Object> items = new ArrayList<>(stack.subList(m, stack.size()));
        stack.subList(m, stack.size()).clear();
        return items;
    }

    private void need(long n, String what) throws PickleException {
        if (n > in.length - pos) {
            throw new PickleException("pickle truncated: " + what + " at byte " + (pos - 1) + " needs " + n
                    + " bytes, " + (in.length - pos) + " left");
        }
    }

    private int length(long n, String what) throws PickleException {
        if (n < 0) {
            throw new PickleException("malformed pickle: negative length in " + what);
        }
        need(n, what);
        return (int) n;
    }

    private int u8() throws PickleException {
        need(1, "an argument");
        return in[pos++] & 0xFF;
    }

    private int le32() throws PickleException {
        need(4, "an argument");
        int v = (in[pos] & 0xFF) | (in[pos + 1] & 0xFF) << 8 | (in[pos + 2] & 0xFF) << 16 | (in[pos + 3] & 0xFF) << 24;
        pos += 4;
        return v;
    }

    private long le64() throws PickleException {
        long lo = le32() & 0xFFFFFFFFL;
        long hi = le32() & 0xFFFFFFFFL;
        return lo | (hi << 32);
    }

    private Object longN(int n) throws PickleException {
        need(n, "LONG");
        if (n == 0) {
            return 0L;
        }
        byte[] be = new byte[n];
        for (int i = 0; i < n; i++) {
            be[n - 1 - i] = in[pos + i];
        }
        pos += n;
        BigInteger b = new BigInteger(be);
        return b.bitLength() < 64 ? (Object) b.longValue() : b;
    }

    private String utf8(int n) throws PickleException {
        need(n, "a string");
        String s = new String(in, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    private String latin1(int n) throws PickleException {
        need(n, "a string");
        String s = new String(in, pos, n, StandardCharsets.ISO_8859_1);
        pos += n;
        return s;
    }

    private byte[] bytes(int n) throws PickleException {
        need(n, "bytes");
        byte[] b = Arrays.copyOfRange(in, pos, pos + n);
        pos += n;
        return b;
    }

    private String line() throws PickleException {
        int start = pos;
        while (pos < in.length && in[pos] != '\n') {
            pos++;
        }
        if (pos >= in.length) {
            throw new PickleException("pickle truncated in a GLOBAL name");
        }
        return new String(in, start, pos++ - start, StandardCharsets.UTF_8);
    }
}
