package org.hutch.azint;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;

import org.hutch.model.pixels.PixelType;

/**
 * Read access to one frame's pixels, row-major, converting any pixel type to double. A pixel is
 * <em>invalid</em> (read as NaN, so it contributes nothing) when it is NaN, negative, or the
 * largest value of an unsigned 16-, 32- or 64-bit type (DECTRIS marks gaps and dead pixels with
 * 0xFFFF / 0xFFFFFFFF).
 */
public abstract class FrameView {
    private final int pixels;

    FrameView(int pixels) {
        this.pixels = pixels;
    }

    /** Number of pixels in the frame. */
    public int pixels() {
        return pixels;
    }

    /** Copies pixels [offset, offset + len) into dst[0..len), invalid ones as NaN. */
    public abstract void read(int offset, int len, double[] dst);

    /**
     * A frame held as raw bytes: the buffer's remaining bytes (position to limit), little-endian
     * whatever the buffer's own order. The buffer is not modified.
     */
    public static FrameView of(ByteBuffer bytes, PixelType type) {
        ByteBuffer b = bytes.slice().order(ByteOrder.LITTLE_ENDIAN);
        if (b.capacity() % type.bytes() != 0) {
            throw new IllegalArgumentException("buffer of " + b.capacity() + " bytes is not a whole number of " + type + " pixels");
        }
        return new Bytes(b, type);
    }

    public static FrameView of(int[] data) {
        return new FrameView(data.length) {
            @Override
            public void read(int offset, int len, double[] dst) {
                for (int i = 0; i < len; i++) {
                    int v = data[offset + i];
                    dst[i] = v < 0 ? Double.NaN : v;
                }
            }
        };
    }

    /** uint32 data held in an int[] (Java has no unsigned int): 0xFFFFFFFF is invalid. */
    public static FrameView ofUnsigned(int[] data) {
        return new FrameView(data.length) {
            @Override
            public void read(int offset, int len, double[] dst) {
                for (int i = 0; i < len; i++) {
                    int v = data[offset + i];
                    dst[i] = v == -1 ? Double.NaN : (double) (v & 0xFFFFFFFFL);
                }
            }
        };
    }

    /** uint16 data held in a short[]: 0xFFFF is invalid. */
    public static FrameView ofUnsigned(short[] data) {
        return new FrameView(data.length) {
            @Override
            public void read(int offset, int len, double[] dst) {
                for (int i = 0; i < len; i++) {
                    int v = data[offset + i] & 0xFFFF;
                    dst[i] = v == 0xFFFF ? Double.NaN : v;
                }
            }
        };
    }

    public static FrameView of(float[] data) {
        return new FrameView(data.length) {
            @Override
            public void read(int offset, int len, double[] dst) {
                for (int i = 0; i < len; i++) {
                    float v = data[offset + i];
                    dst[i] = v < 0 ? Double.NaN : v; // NaN stays NaN
                }
            }
        };
    }

    /**
     * A corrected frame (dark subtracted, flat divided): only NaN is invalid, since noise makes a
     * dark-subtracted pixel negative without making it wrong.
     */
    public static FrameView ofCorrected(double[] data) {
        return new FrameView(data.length) {
            @Override
            public void read(int offset, int len, double[] dst) {
                System.arraycopy(data, offset, dst, 0, len);
            }
        };
    }

    public static FrameView of(double[] data) {
        return new FrameView(data.length) {
            @Override
            public void read(int offset, int len, double[] dst) {
                for (int i = 0; i < len; i++) {
                    double v = data[offset + i];
                    dst[i] = v < 0 ? Double.NaN : v;
                }
            }
        };
    }

    /** Pixels [offset, offset + len) of little-endian bytes b (ints: b as ints, or null) into dst, invalid ones as NaN. */
    private static void convert(ByteBuffer b, IntBuffer ints, PixelType type, int offset, int len, double[] dst) {
        if (ints != null && b.hasArray()) {
            // read in place: no copy of the row
            byte[] a = b.array();
            int at = b.arrayOffset() + 4 * offset;
            if (type == PixelType.INT32) {
                for (int i = 0; i < len; i++, at += 4) {
                    int v = (int) INT_LE.get(a, at);
                    dst[i] = v < 0 ? Double.NaN : v;
                }
            } else {
                for (int i = 0; i < len; i++, at += 4) {
                    int v = (int) INT_LE.get(a, at);
                    dst[i] = v == -1 ? Double.NaN : (double) (v & 0xFFFFFFFFL);
                }
            }
            return;
        }
        if (ints != null) {
            // bulk copy (a plain memory copy on little-endian machines), then convert
            int[] t = scratch(len);
            ints.get(offset, t, 0, len);
            if (type == PixelType.INT32) {
                for (int i = 0; i < len; i++) {
                    int v = t[i];
                    dst[i] = v < 0 ? Double.NaN : v;
                }
            } else {
                for (int i = 0; i < len; i++) {
                    int v = t[i];
                    dst[i] = v == -1 ? Double.NaN : (double) (v & 0xFFFFFFFFL);
                }
            }
            return;
        }
        switch (type) {
            case INT8 -> { for (int i = 0; i < len; i++) { int v = b.get(offset + i); dst[i] = v < 0 ? Double.NaN : v; } }
            case UINT8 -> { for (int i = 0; i < len; i++) { dst[i] = b.get(offset + i) & 0xFF; } }
            case INT16 -> { for (int i = 0, p = 2 * offset; i < len; i++, p += 2) { int v = b.getShort(p); dst[i] = v < 0 ? Double.NaN : v; } }
            case UINT16 -> { for (int i = 0, p = 2 * offset; i < len; i++, p += 2) { int v = b.getShort(p) & 0xFFFF; dst[i] = v == 0xFFFF ? Double.NaN : v; } }
            case INT32 -> { for (int i = 0, p = 4 * offset; i < len; i++, p += 4) { int v = b.getInt(p); dst[i] = v < 0 ? Double.NaN : v; } }
            case UINT32 -> { for (int i = 0, p = 4 * offset; i < len; i++, p += 4) { int v = b.getInt(p); dst[i] = v == -1 ? Double.NaN : (double) (v & 0xFFFFFFFFL); } }
            case INT64 -> { for (int i = 0, p = 8 * offset; i < len; i++, p += 8) { long v = b.getLong(p); dst[i] = v < 0 ? Double.NaN : v; } }
            case UINT64 -> { for (int i = 0, p = 8 * offset; i < len; i++, p += 8) { long v = b.getLong(p); dst[i] = v == -1L ? Double.NaN : unsigned(v); } }
            case FLOAT32 -> { for (int i = 0, p = 4 * offset; i < len; i++, p += 4) { float v = b.getFloat(p); dst[i] = v < 0 ? Double.NaN : v; } }
            case FLOAT64 -> { for (int i = 0, p = 8 * offset; i < len; i++, p += 8) { double v = b.getDouble(p); dst[i] = v < 0 ? Double.NaN : v; } }
        }
    }

    /** An unsigned 64-bit value as the nearest double. */
    private static double unsigned(long v) {
        return v >= 0 ? v : 2.0 * (v >>> 1);
    }

    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    /** Per-thread scratch for bulk copies of 32-bit rows. */
    private static final ThreadLocal<int[]> INTS = ThreadLocal.withInitial(() -> new int[0]);

    private static int[] scratch(int len) {
        int[] t = INTS.get();
        if (t.length < len) {
            t = new int[len];
            INTS.set(t);
        }
        return t;
    }

    /** Gives a frame's next pixels, front to back: fills {@code dst}'s remaining bytes (little-endian) and advances it. */
    @FunctionalInterface
    public interface PixelStream {
        void next(ByteBuffer dst) throws Exception;
    }

    /** A streamed frame whose pixels could not be produced (a corrupt compressed block, ...). */
    public static final class UnreadableFrameException extends RuntimeException {
        UnreadableFrameException(Exception cause) {
            super(cause.getMessage(), cause);
        }
    }

    /**
     * A frame produced as it is read, a row at a time (typically decompressed block by block): it must be
     * read front to back, each pixel once, as {@link Integrator.Lane} reads it. The whole frame is never held
     * decoded, so each decoded row is integrated while still in cache.
     *
     * @throws IllegalStateException from {@link #read} when read out of order
     * @throws UnreadableFrameException from {@link #read} when the stream fails
     */
    public static FrameView streamed(int pixels, PixelType type, PixelStream stream) {
        return new Streamed(pixels, type, stream);
    }

    private static final class Streamed extends FrameView {
        private final PixelType type;
        private final PixelStream stream;
        private ByteBuffer band = ByteBuffer.allocate(0);
        private IntBuffer bandInts;
        private long next;

        Streamed(int pixels, PixelType type, PixelStream stream) {
            super(pixels);
            this.type = type;
            this.stream = stream;
        }

        @Override
        public void read(int offset, int len, double[] dst) {
            if (offset != next) {
                throw new IllegalStateException("a streamed frame is read front to back: pixel " + offset
                        + " asked, " + next + " next");
            }
            int bytes = len * type.bytes();
            if (band.capacity() < bytes) {
                band = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
                bandInts = type == PixelType.INT32 || type == PixelType.UINT32 ? band.asIntBuffer() : null;
            }
            band.clear().limit(bytes);
            try {
                stream.next(band);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new UnreadableFrameException(e);
            }
            next += len;
            convert(band, bandInts, type, 0, len, dst);
        }
    }

    private static final class Bytes extends FrameView {
        private final ByteBuffer b;
        private final PixelType type;
        private final IntBuffer ints;

        Bytes(ByteBuffer b, PixelType type) {
            super(b.capacity() / type.bytes());
            this.b = b;
            this.type = type;
            this.ints = type == PixelType.INT32 || type == PixelType.UINT32 ? b.asIntBuffer() : null;
        }

        @Override
        public void read(int offset, int len, double[] dst) {
            convert(b, ints, type, offset, len, dst);
        }
    }
}
