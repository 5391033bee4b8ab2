package org.hutch.codec.pickle;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.hutch.codec.Bslz4Codec;

import net.razorvine.pickle.Unpickler;

/**
 * Reads 4M-pixel {@code /last_frame} pickles with {@link PickleReader} and with {@link PyrolitePickleReader}
 * (and with Pyrolite without its guards)
 * in the same JVM, alternating the readers so that load on the machine hits both alike; prints the median time
 * per read of each round and the median over the rounds. The figures are in the package-info of
 * {@code org.hutch.codec.pickle}.
 *
 * <pre>
 * mvn -B -o -pl receiver-embedded/codec test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx2g -cp receiver-embedded/codec/target/test-classes:receiver-embedded/codec/target/classes:$(cat receiver-embedded/codec/target/cp.txt) \
 *     org.hutch.codec.pickle.PickleReaderBenchmark [rounds] [readsPerRound]
 * </pre>
 */
public final class PickleReaderBenchmark {
    private interface Reader {
        Object loads(byte[] pickle) throws PickleException;
    }

    private PickleReaderBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int reads = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Map<String, byte[]> cases = new LinkedHashMap<>();
        cases.put("ndarray 2162x2068 <u4", PickleWriter.dumps(array(2162, 2068, 4)));
        cases.put("ndarray 2070x2167 <u2", PickleWriter.dumps(array(2070, 2167, 2)));
        NdArray frame = array(2162, 2068, 4);
        byte[] bslz4 = bytes(Bslz4Codec.compress(ByteBuffer.wrap(frame.data()), 4));
        cases.put("[header, bslz4 " + bslz4.length / 1024 + " KiB] 2162x2068 uint32",
                PickleWriter.dumps(List.of(header(2162, 2068, "uint32", "bslz4"), bslz4)));
        Reader hutch = PickleReader::loads;
        Reader pyrolite = PyrolitePickleReader::loads;
        // Pyrolite without the guards against hostile input, with the same numpy constructors, to show what
        // the guards cost; its arrays stay ArrayBuilders and its ints Integers
        Reader plain = p -> {
            try {
                return new Unpickler().loads(p);
            } catch (IOException e) {
                throw new PickleException(e.getMessage());
            }
        };
        PyrolitePickleReader.loads(PickleWriter.dumps(List.of())); // registers the numpy constructors
        System.out.printf("%d rounds of %d reads each, readers alternating; ms per read (median of a round)%n",
                rounds, reads);
        for (Map.Entry<String, byte[]> c : cases.entrySet()) {
            byte[] p = c.getValue();
            for (int i = 0; i < 3 * reads; i++) { // warm-up: all readers compiled before any round counts
                sink(hutch.loads(p));
                sink(pyrolite.loads(p));
                sink(plain.loads(p));
            }
            double[] h = new double[rounds];
            double[] y = new double[rounds];
            double[] u = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                h[r] = round(hutch, p, reads);
                y[r] = round(pyrolite, p, reads);
                u[r] = round(plain, p, reads);
            }
            System.out.printf("%s, %.1f MB%n  PickleReader      %s -> %.2f%n  Pyrolite          %s -> %.2f (x%.2f)%n"
                    + "  Pyrolite unguarded %s -> %.2f (x%.2f)%n", c.getKey(), p.length / 1e6, fmt(h), median(h),
                    fmt(y), median(y), median(y) / median(h), fmt(u), median(u), median(u) / median(h));
        }
        System.out.println("checksum " + sinkHash);
    }

    private static double round(Reader reader, byte[] pickle, int reads) throws PickleException {
        double[] t = new double[reads];
        for (int i = 0; i < reads; i++) {
            long t0 = System.nanoTime();
            Object v = reader.loads(pickle);
            t[i] = (System.nanoTime() - t0) / 1e6;
            sink(v);
        }
        return median(t);
    }

    private static int sinkHash;

    /** Touches the result, so the read cannot be optimised away. */
    private static void sink(Object v) {
        Object x = v instanceof List ? ((List<?>) v).get(1) : v;
        if (x instanceof PyrolitePickleReader.ArrayBuilder) {
            x = ((PyrolitePickleReader.ArrayBuilder) x).result;
        }
        byte[] d = x instanceof NdArray ? ((NdArray) x).data() : (byte[]) x;
        sinkHash += d.length + d[d.length / 2];
    }

    static NdArray array(int rows, int cols, int itemSize) {
        SplittableRandom rnd = new SplittableRandom(42);
        ByteBuffer b = ByteBuffer.allocate(rows * cols * itemSize).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < rows * cols; i++) {
            int v = rnd.nextInt(100) < 2 ? rnd.nextInt(60_000) : rnd.nextInt(16); // counts, a few bright pixels
            if (itemSize == 4) {
                b.putInt(v);
            } else {
                b.putShort((short) v);
            }
        }
        return new NdArray(new int[]{rows, cols}, "<u" + itemSize, b.array(), false);
    }

    static Map<String, Object> header(int rows, int cols, String type, String compression) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("htype", "image");
        h.put("msg_number", 1234L);
        h.put("frame", 1233L);
        h.put("shape", new ArrayList<>(List.of((long) rows, (long) cols)));
        h.put("type", type);
        h.put("compression", compression);
        return h;
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static String fmt(double[] v) {
        StringBuilder sb = new StringBuilder("[");
        for (double d : v) {
            sb.append(sb.length() > 1 ? " " : "").append(String.format("%.2f", d));
        }
        return sb.append("]").toString();
    }
}
