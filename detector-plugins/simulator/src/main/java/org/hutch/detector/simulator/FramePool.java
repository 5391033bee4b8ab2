package org.hutch.detector.simulator;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.hutch.codec.Bslz4Codec;
import org.hutch.model.pixels.PixelType;
import org.hutch.stream.Compression;

/**
 * A few frames drawn and encoded in advance (Poisson noise on a {@link PowderPattern}, hot pixels, dtype,
 * optional bslz4), sent in turn so that the sender only moves bytes. Immutable once built; blobs are
 * shared and must not be modified.
 *
 * <p>Each blob is kept twice: as a heap array for the stream encoders, and as a direct buffer for the
 * socket. NIO writes a heap buffer through a temporary direct copy of everything that remains, on every
 * partial write, which makes sending megabyte frames quadratic; from a direct buffer it writes in place.
 */
public final class FramePool {
    /** pool memory cap: fewer frames are drawn when they are big */
    private static final long MAX_POOL_BYTES = 128L << 20;

    private final int rows;
    private final int cols;
    private final PixelType dtype;
    private final Compression compression;
    private final double exposureTime;
    private final byte[][] blobs;
    private final ByteBuffer[] directBlobs;

    private FramePool(int rows, int cols, PixelType dtype, Compression compression, double exposureTime, byte[][] blobs) {
        this.rows = rows;
        this.cols = cols;
        this.dtype = dtype;
        this.compression = compression;
        this.exposureTime = exposureTime;
        this.blobs = blobs;
        this.directBlobs = new ByteBuffer[blobs.length];
        for (int i = 0; i < blobs.length; i++) {
            directBlobs[i] = ByteBuffer.allocateDirect(blobs[i].length).put(blobs[i]).flip().asReadOnlyBuffer();
        }
    }

    /**
     * Draws and encodes the frames, in parallel. Slow (about 50 ms per megapixel frame): call it off the FX thread.
     *
     * @param hotPixels number of hot pixels, at positions fixed by the seed (the same in every frame)
     * @param seed      the noise of frame k is fixed by (seed, k): two pools with the same seed hold the same pixels
     */
    public static FramePool build(PowderPattern pattern, double exposureTime, PixelType dtype, Compression compression,
                                  int size, int hotPixels, long seed) {
        if (dtype != PixelType.UINT16 && dtype != PixelType.UINT32 && dtype != PixelType.INT32) {
            throw new IllegalArgumentException("the simulator makes uint16, uint32 or int32 frames, not " + dtype.numpyName());
        }
        if (compression == Compression.LZ4) {
            throw new IllegalArgumentException("the simulator compresses with none or bslz4, not lz4");
        }
        long rawBytes = (long) pattern.rows() * pattern.cols() * dtype.bytes();
        if (rawBytes > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException("frame of " + rawBytes + " bytes is too big");
        }
        int n = (int) Math.max(1, Math.min(size, MAX_POOL_BYTES / rawBytes));
        int[] hot = hotPixelPositions(pattern.rows() * pattern.cols(), hotPixels, seed);
        byte[][] blobs = new byte[n][];
        IntStream.range(0, n).parallel().forEach(k -> {
            ByteBuffer raw = draw(pattern, exposureTime, dtype, hot, new SplittableRandom(seed * 1_000_003L + k));
            blobs[k] = compression == Compression.BSLZ4 ? toArray(Bslz4Codec.compress(raw, dtype.bytes())) : raw.array();
        });
        return new FramePool(pattern.rows(), pattern.cols(), dtype, compression, exposureTime, blobs);
    }

    private static int[] hotPixelPositions(int pixels, int count, long seed) {
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        return IntStream.range(0, Math.min(count, pixels)).map(i -> r.nextInt(pixels)).toArray();
    }

    private static ByteBuffer draw(PowderPattern pattern, double exposureTime, PixelType dtype, int[] hot, SplittableRandom random) {
        float[] rate = pattern.rate();
        // the top value is the detectors' "invalid pixel" flag: counts saturate one below it
        long max = dtype == PixelType.UINT16 ? 0xFFFEL : dtype == PixelType.UINT32 ? 0xFFFF_FFFEL : Integer.MAX_VALUE - 1L;
        ByteBuffer out = ByteBuffer.allocate(rate.length * dtype.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < rate.length; i++) {
            long v = Math.min(max, poisson(rate[i] * exposureTime, random));
            if (dtype == PixelType.UINT16) {
                out.putShort(i * 2, (short) v);
            } else {
                out.putInt(i * 4, (int) v);
            }
        }
        long hotValue = Math.min(max, 60_000);
        for (int i : hot) {
            if (dtype == PixelType.UINT16) {
                out.putShort(i * 2, (short) hotValue);
            } else {
                out.putInt(i * 4, (int) hotValue);
            }
        }
        return out;
    }

    /** A Poisson draw: Knuth's product method for small means, the normal approximation above 30. */
    static long poisson(double mean, SplittableRandom random) {
        if (!(mean > 0)) {
            return 0;
        }
        if (mean < 30) {
            double limit = Math.exp(-mean);
            double p = random.nextDouble();
            long k = 0;
            while (p > limit) {
                p *= random.nextDouble();
                k++;
            }
            return k;
        }
        return Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
    }

    private static byte[] toArray(ByteBuffer b) {
        if (b.hasArray() && b.arrayOffset() == 0 && b.position() == 0 && b.remaining() == b.array().length) {
            return b.array();
        }
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    /** The blob of frame {@code index} (frames cycle through the pool). Shared: do not modify. */
    public byte[] blob(long index) {
        return blobs[(int) (index % blobs.length)];
    }

    /** The same bytes as {@link #blob(long)} in a direct buffer (a fresh view: position 0, limit = size). */
    public ByteBuffer directBlob(long index) {
        return directBlobs[(int) (index % directBlobs.length)].duplicate();
    }

    public int size() {
        return blobs.length;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public PixelType dtype() {
        return dtype;
    }

    public Compression compression() {
        return compression;
    }

    public double exposureTime() {
        return exposureTime;
    }

    /** Size of one frame's pixels, uncompressed. */
    public long rawBytes() {
        return (long) rows * cols * dtype.bytes();
    }

    /** Mean blob size on the wire. */
    public double meanBlobBytes() {
        long sum = 0;
        for (byte[] b : blobs) {
            sum += b.length;
        }
        return (double) sum / blobs.length;
    }
}
