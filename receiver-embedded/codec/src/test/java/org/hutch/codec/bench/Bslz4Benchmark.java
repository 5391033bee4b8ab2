package org.hutch.codec.bench;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.hutch.codec.Bslz4Codec;
import org.hutch.codec.CodecException;
import org.hutch.codec.EigerLikeFrame;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * bslz4 decode and encode of the synthetic 2162x2068 uint32 EIGER-like frame (the frame of
 * {@code ./hutch bench codec}). Run (see the README):
 * {@code mvn -o -pl receiver-embedded/codec test-compile exec:exec@jmh -Djmh.args=Bslz4Benchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class Bslz4Benchmark {
    private static final int ROWS = 2162;
    private static final int COLS = 2068;
    private static final int ELEM_SIZE = 4;

    private final Bslz4Codec.Encoder encoder = new Bslz4Codec.Encoder();
    private final Bslz4Codec.Decoder decoder = new Bslz4Codec.Decoder();
    private ByteBuffer raw;
    private ByteBuffer chunk;
    private ByteBuffer compressed;
    private ByteBuffer decoded;

    @Setup
    public void setup() throws CodecException {
        raw = EigerLikeFrame.generate(ROWS, COLS, ELEM_SIZE, 42);
        compressed = ByteBuffer.allocate(Bslz4Codec.maxCompressedLength(raw.remaining(), ELEM_SIZE));
        decoded = ByteBuffer.allocate(raw.remaining());
        int size = encoder.compress(raw, ELEM_SIZE, compressed);
        chunk = ByteBuffer.wrap(compressed.array().clone(), 0, size);
        decoder.decompress(chunk, ELEM_SIZE, decoded);
        if (!decoded.equals(raw)) {
            throw new IllegalStateException("decoded frame differs from the original");
        }
    }

    @Benchmark
    public ByteBuffer decode() throws CodecException {
        decoder.decompress(chunk, ELEM_SIZE, decoded);
        return decoded;
    }

    @Benchmark
    public int encode() {
        return encoder.compress(raw, ELEM_SIZE, compressed);
    }
}
