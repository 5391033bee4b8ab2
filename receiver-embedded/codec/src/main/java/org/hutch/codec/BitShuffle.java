package org.hutch.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The bitshuffle transform of one block, byte-compatible with the reference C library
 * ({@code bshuf_trans_bit_elem} / {@code bshuf_untrans_bit_elem}).
 *
 * <p>A block of {@code n} elements ({@code n % 8 == 0}) of {@code es} bytes becomes {@code 8 * es}
 * bit rows of {@code n / 8} bytes: row {@code 8 * j + k} holds bit {@code k} of byte {@code j} of
 * every element, element {@code 8 * m + i} at bit {@code i} of the row's byte {@code m}.
 *
 * <p>Works on 64 elements at a time: eight 64-bit loads per byte plane, an 8x8 byte transpose and
 * an 8x8 bit transpose per 8 elements, all in registers; planes that are all zero (the high bytes
 * of sparse detector counts) skip the transposes. Instances hold scratch space: one per thread.
 */
final class BitShuffle {
    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final long LO32 = 0x00000000FFFFFFFFL;
    private static final long HI32 = 0xFFFFFFFF00000000L;
    private static final long LO16 = 0x0000FFFF0000FFFFL;
    private static final long HI16 = 0xFFFF0000FFFF0000L;
    private static final long LO8 = 0x00FF00FF00FF00FFL;
    private static final long HI8 = 0xFF00FF00FF00FF00L;
    private static final long B1 = 0x5555555555555555L;
    private static final long B2 = 0x3333333333333333L;
    private static final long B4 = 0x0F0F0F0F0F0F0F0FL;
    /** bytes 0 and 4 */
    private static final long PAIR = 0x000000FF000000FFL;

    /** y[8 * j + m]: byte j of the 8 elements of group m (byte i = element i), for one column group */
    private final long[] planes;
    private final int elemSize;

    BitShuffle(int elemSize) {
        if (elemSize < 1 || elemSize > 64) {
            throw new IllegalArgumentException("element size " + elemSize + " (expected 1..64 bytes)");
        }
        this.elemSize = elemSize;
        this.planes = new long[8 * elemSize];
    }

    int elemSize() {
        return elemSize;
    }

    /** Reverses the transform: {@code n} elements from bit rows in {@code src} to elements in {@code dst}. */
    void unshuffle(byte[] src, int srcOff, byte[] dst, int dstOff, int n) {
        final int nb = n >>> 3;
        final int es = elemSize;
        int c = 0;
        if (es == 1) {
            // one byte plane: every group takes the low-byte path
            for (; c + 8 <= nb; c += 8) {
                lowBytePlaneOnly(src, srcOff + c, nb, dst, dstOff + 8 * c);
            }
        } else if (es == 2 || es == 4) {
            // sparse counts: the high byte planes of most 64-pixel groups are all zero
            for (; c + 8 <= nb; c += 8) {
                int row = srcOff + c;
                long high = 0;
                for (int k = 8; k < 8 * es; k++) {
                    high |= getLong(src, row + k * nb);
                }
                if (high == 0) {
                    lowBytePlaneOnly(src, row, nb, dst, dstOff + 8 * es * c);
                } else if (allOnes(src, row, nb, 8 * es)) {
                    // module gaps: every pixel all ones
                    fillOnes(dst, dstOff + 8 * es * c, 8 * es);
                } else {
                    unshuffleColumns(src, srcOff, dst, dstOff, nb, c, c + 8);
                }
            }
        }
        unshuffleColumns(src, srcOff, dst, dstOff, nb, c, nb);
    }

    /** True when the {@code count} words at {@code at}, {@code at + stride}, ... are all ones. */
    private static boolean allOnes(byte[] b, int at, int stride, int count) {
        long all = -1L;
        for (int k = 0; k < count; k++) {
            all &= getLong(b, at + k * stride);
        }
        return all == -1L;
    }

    private static void fillOnes(byte[] dst, int out, int words) {
        for (int k = 0; k < words; k++) {
            LONG_LE.set(dst, out + 8 * k, -1L);
        }
    }

    /**
     * 64 elements whose high bytes are all zero (or bytes): only bit rows 0..7 carry data. The eight row
     * words are bit-transposed lane by lane (byte m of every word at once, no byte transpose first), which
     * leaves the low byte of element 8m + i in byte m of word i; each output word then takes byte m of two
     * (uint32) or four (uint16) of those words with a shift and a mask, or (bytes) of all eight.
     */
    private void lowBytePlaneOnly(byte[] src, int row, int nb, byte[] dst, int out) {
        long a0 = getLong(src, row), a1 = getLong(src, row + nb), a2 = getLong(src, row + 2 * nb);
        long a3 = getLong(src, row + 3 * nb), a4 = getLong(src, row + 4 * nb), a5 = getLong(src, row + 5 * nb);
        long a6 = getLong(src, row + 6 * nb), a7 = getLong(src, row + 7 * nb);
        final int step = 8 * elemSize;
        if ((a0 | a1 | a2 | a3 | a4 | a5 | a6 | a7) == 0) {
            // 64 zero pixels: common in low-flux frames
            for (int k = 0; k < step; k++) {
                LONG_LE.set(dst, out + 8 * k, 0L);
            }
            return;
        }
        // swap bit i + s of word k with bit i of word k + s in all eight byte lanes, for s = 1, 2, 4
        long t;
        t = ((a0 >>> 1) ^ a1) & B1; a1 ^= t; a0 ^= t << 1;
        t = ((a2 >>> 1) ^ a3) & B1; a3 ^= t; a2 ^= t << 1;
        t = ((a4 >>> 1) ^ a5) & B1; a5 ^= t; a4 ^= t << 1;
        t = ((a6 >>> 1) ^ a7) & B1; a7 ^= t; a6 ^= t << 1;
        t = ((a0 >>> 2) ^ a2) & B2; a2 ^= t; a0 ^= t << 2;
        t = ((a1 >>> 2) ^ a3) & B2; a3 ^= t; a1 ^= t << 2;
        t = ((a4 >>> 2) ^ a6) & B2; a6 ^= t; a4 ^= t << 2;
        t = ((a5 >>> 2) ^ a7) & B2; a7 ^= t; a5 ^= t << 2;
        t = ((a0 >>> 4) ^ a4) & B4; a4 ^= t; a0 ^= t << 4;
        t = ((a1 >>> 4) ^ a5) & B4; a5 ^= t; a1 ^= t << 4;
        t = ((a2 >>> 4) ^ a6) & B4; a6 ^= t; a2 ^= t << 4;
        t = ((a3 >>> 4) ^ a7) & B4; a7 ^= t; a3 ^= t << 4;
        if (elemSize == 4) {
            // output word 4m + p: elements 8m + 2p and 8m + 2p + 1, from words 2p and 2p + 1
            putPairs(dst, out, (a0 & LO32) | (a1 << 32), (a0 >>> 32) | (a1 & HI32));
            putPairs(dst, out + 8, (a2 & LO32) | (a3 << 32), (a2 >>> 32) | (a3 & HI32));
            putPairs(dst, out + 16, (a4 & LO32) | (a5 << 32), (a4 >>> 32) | (a5 & HI32));
            putPairs(dst, out + 24, (a6 & LO32) | (a7 << 32), (a6 >>> 32) | (a7 & HI32));
        } else if (elemSize == 2) {
            // output word 2m + h: elements 8m + 4h .. 8m + 4h + 3, from words 4h .. 4h + 3
            putQuads(dst, out, (a0 & LO32) | (a2 << 32), (a1 & LO32) | (a3 << 32),
                    (a0 >>> 32) | (a2 & HI32), (a1 >>> 32) | (a3 & HI32));
            putQuads(dst, out + 8, (a4 & LO32) | (a6 << 32), (a5 & LO32) | (a7 << 32),
                    (a4 >>> 32) | (a6 & HI32), (a5 >>> 32) | (a7 & HI32));
        } else {
            // bytes: output word m is byte m of every word
            final long[] y = planes;
            transposeBytes(a0, a1, a2, a3, a4, a5, a6, a7, y, 0);
            for (int m = 0; m < 8; m++) {
                LONG_LE.set(dst, out + 8 * m, y[m]);
            }
        }
    }

    /** uint32: byte m of lo (m < 4) or of hi (m >= 4), with the one 32 bits up, as the word at out + 32m. */
    private static void putPairs(byte[] dst, int out, long lo, long hi) {
        LONG_LE.set(dst, out, lo & PAIR);
        LONG_LE.set(dst, out + 32, (lo >>> 8) & PAIR);
        LONG_LE.set(dst, out + 64, (lo >>> 16) & PAIR);
        LONG_LE.set(dst, out + 96, (lo >>> 24) & PAIR);
        LONG_LE.set(dst, out + 128, hi & PAIR);
        LONG_LE.set(dst, out + 160, (hi >>> 8) & PAIR);
        LONG_LE.set(dst, out + 192, (hi >>> 16) & PAIR);
        LONG_LE.set(dst, out + 224, (hi >>> 24) & PAIR);
    }

    /** uint16: as putPairs, with the odd elements' pairs 16 bits up, as the word at out + 16m. */
    private static void putQuads(byte[] dst, int out, long lo, long loOdd, long hi, long hiOdd) {
        for (int m = 0; m < 4; m++) {
            int s = 8 * m;
            LONG_LE.set(dst, out + 16 * m, ((lo >>> s) & PAIR) | (((loOdd >>> s) & PAIR) << 16));
            LONG_LE.set(dst, out + 64 + 16 * m, ((hi >>> s) & PAIR) | (((hiOdd >>> s) & PAIR) << 16));
        }
    }

    /** The general path for column groups [from, to) of 8 row bytes (64 elements) each. */
    private void unshuffleColumns(byte[] src, int srcOff, byte[] dst, int dstOff, int nb, int from, int to) {
        final int es = elemSize;
        final long[] y = planes;
        for (int c = from; c < to; c += 8) {
            final int w = Math.min(8, nb - c);
            for (int j = 0; j < es; j++) {
                int row = srcOff + 8 * j * nb + c;
                long l0, l1, l2, l3, l4, l5, l6, l7;
                if (w == 8) {
                    l0 = getLong(src, row);
                    l1 = getLong(src, row + nb);
                    l2 = getLong(src, row + 2 * nb);
                    l3 = getLong(src, row + 3 * nb);
                    l4 = getLong(src, row + 4 * nb);
                    l5 = getLong(src, row + 5 * nb);
                    l6 = getLong(src, row + 6 * nb);
                    l7 = getLong(src, row + 7 * nb);
                } else {
                    l0 = getPartial(src, row, w);
                    l1 = getPartial(src, row + nb, w);
                    l2 = getPartial(src, row + 2 * nb, w);
                    l3 = getPartial(src, row + 3 * nb, w);
                    l4 = getPartial(src, row + 4 * nb, w);
                    l5 = getPartial(src, row + 5 * nb, w);
                    l6 = getPartial(src, row + 6 * nb, w);
                    l7 = getPartial(src, row + 7 * nb, w);
                }
                transposeBytesThenBits(l0, l1, l2, l3, l4, l5, l6, l7, y, 8 * j);
            }
            int out = dstOff + 8 * c * es;
            for (int m = 0; m < w; m++, out += 8 * es) {
                writeElements(y, m, dst, out);
            }
        }
    }

    /** The forward transform: {@code n} elements from {@code src} to bit rows in {@code dst}. */
    void shuffle(byte[] src, int srcOff, byte[] dst, int dstOff, int n) {
        final int nb = n >>> 3;
        final int es = elemSize;
        int c = 0;
        if (es == 2 || es == 4) {
            final long highBytes = es == 4 ? 0xFFFFFF00FFFFFF00L : 0xFF00FF00FF00FF00L;
            for (; c + 8 <= nb; c += 8) {
                int in = srcOff + 8 * es * c;
                long high = 0;
                for (int q = 0; q < 8 * es; q++) {
                    high |= getLong(src, in + 8 * q);
                }
                if ((high & highBytes) == 0) {
                    shuffleLowBytePlaneOnly(src, in, dst, dstOff + c, nb);
                } else if (allOnes(src, in, 8, 8 * es)) {
                    // module gaps: every pixel all ones, so every bit row too
                    for (int k = 0, r = dstOff + c; k < 8 * es; k++, r += nb) {
                        LONG_LE.set(dst, r, -1L);
                    }
                } else {
                    shuffleColumns(src, srcOff, dst, dstOff, nb, c, c + 8);
                }
            }
        }
        shuffleColumns(src, srcOff, dst, dstOff, nb, c, nb);
    }

    /** 64 elements below 256: bit rows 0..7 from their low bytes, the other rows zero. */
    private void shuffleLowBytePlaneOnly(byte[] src, int in, byte[] dst, int row, int nb) {
        final long[] y = planes;
        final int es = elemSize;
        for (int m = 0; m < 8; m++, in += 8 * es) {
            long low;
            if (es == 4) {
                long o0 = getLong(src, in), o1 = getLong(src, in + 8), o2 = getLong(src, in + 16);
                long o3 = getLong(src, in + 24);
                low = gather32(o0) | (gather32(o1) << 16) | (gather32(o2) << 32) | (gather32(o3) << 48);
            } else {
                low = gather16(getLong(src, in)) | (gather16(getLong(src, in + 8)) << 32);
            }
            y[m] = transposeBits(low);
        }
        transposeBytes(y[0], y[1], y[2], y[3], y[4], y[5], y[6], y[7], y, 0);
        for (int k = 0; k < 8; k++, row += nb) {
            LONG_LE.set(dst, row, y[k]);
        }
        for (int k = 8; k < 8 * es; k++, row += nb) {
            LONG_LE.set(dst, row, 0L);
        }
    }

    /** The general forward path for column groups [from, to). */
    private void shuffleColumns(byte[] src, int srcOff, byte[] dst, int dstOff, int nb, int from, int to) {
        final int es = elemSize;
        final long[] y = planes;
        for (int c = from; c < to; c += 8) {
            final int w = Math.min(8, nb - c);
            int in = srcOff + 8 * c * es;
            for (int m = 0; m < 8; m++, in += 8 * es) {
                if (m < w) {
                    readElements(src, in, y, m);
                } else {
                    for (int j = 0; j < es; j++) {
                        y[8 * j + m] = 0;
                    }
                }
            }
            for (int j = 0; j < es; j++) {
                int p = 8 * j;
                // bit transpose per group, then the byte transpose turns groups into row words
                long x0 = transposeBits(y[p]), x1 = transposeBits(y[p + 1]);
                long x2 = transposeBits(y[p + 2]), x3 = transposeBits(y[p + 3]);
                long x4 = transposeBits(y[p + 4]), x5 = transposeBits(y[p + 5]);
                long x6 = transposeBits(y[p + 6]), x7 = transposeBits(y[p + 7]);
                transposeBytes(x0, x1, x2, x3, x4, x5, x6, x7, y, p);
                int row = dstOff + 8 * j * nb + c;
                for (int k = 0; k < 8; k++, row += nb) {
                    if (w == 8) {
                        LONG_LE.set(dst, row, y[p + k]);
                    } else {
                        putPartial(dst, row, w, y[p + k]);
                    }
                }
            }
        }
    }

    /** Rows words l0..l7 (byte m = group m) to y[p + m] = byte plane of group m, element i at byte i. */
    private static void transposeBytesThenBits(long l0, long l1, long l2, long l3, long l4, long l5, long l6,
                                               long l7, long[] y, int p) {
        if ((l0 | l1 | l2 | l3 | l4 | l5 | l6 | l7) == 0) {
            y[p] = 0; y[p + 1] = 0; y[p + 2] = 0; y[p + 3] = 0;
            y[p + 4] = 0; y[p + 5] = 0; y[p + 6] = 0; y[p + 7] = 0;
            return;
        }
        transposeBytes(l0, l1, l2, l3, l4, l5, l6, l7, y, p);
        for (int m = p; m < p + 8; m++) {
            y[m] = transposeBits(y[m]);
        }
    }

    /** 8x8 byte matrix transpose: row k = a_k (byte m = column m); result row m into y[p + m]. */
    private static void transposeBytes(long a0, long a1, long a2, long a3, long a4, long a5, long a6, long a7,
                                       long[] y, int p) {
        long b0 = (a0 & LO32) | (a4 << 32), b4 = (a0 >>> 32) | (a4 & HI32);
        long b1 = (a1 & LO32) | (a5 << 32), b5 = (a1 >>> 32) | (a5 & HI32);
        long b2 = (a2 & LO32) | (a6 << 32), b6 = (a2 >>> 32) | (a6 & HI32);
        long b3 = (a3 & LO32) | (a7 << 32), b7 = (a3 >>> 32) | (a7 & HI32);

        long c0 = (b0 & LO16) | ((b2 & LO16) << 16), c2 = ((b0 >>> 16) & LO16) | (b2 & HI16);
        long c1 = (b1 & LO16) | ((b3 & LO16) << 16), c3 = ((b1 >>> 16) & LO16) | (b3 & HI16);
        long c4 = (b4 & LO16) | ((b6 & LO16) << 16), c6 = ((b4 >>> 16) & LO16) | (b6 & HI16);
        long c5 = (b5 & LO16) | ((b7 & LO16) << 16), c7 = ((b5 >>> 16) & LO16) | (b7 & HI16);

        y[p] = (c0 & LO8) | ((c1 & LO8) << 8);
        y[p + 1] = ((c0 >>> 8) & LO8) | (c1 & HI8);
        y[p + 2] = (c2 & LO8) | ((c3 & LO8) << 8);
        y[p + 3] = ((c2 >>> 8) & LO8) | (c3 & HI8);
        y[p + 4] = (c4 & LO8) | ((c5 & LO8) << 8);
        y[p + 5] = ((c4 >>> 8) & LO8) | (c5 & HI8);
        y[p + 6] = (c6 & LO8) | ((c7 & LO8) << 8);
        y[p + 7] = ((c6 >>> 8) & LO8) | (c7 & HI8);
    }

    /** 8x8 bit matrix transpose of a little-endian word: bit 8i+k to bit 8k+i (the reference TRANS_BIT_8X8). */
    static long transposeBits(long x) {
        long t = (x ^ (x >>> 7)) & 0x00AA00AA00AA00AAL;
        x = x ^ t ^ (t << 7);
        t = (x ^ (x >>> 14)) & 0x0000CCCC0000CCCCL;
        x = x ^ t ^ (t << 14);
        t = (x ^ (x >>> 28)) & 0x00000000F0F0F0F0L;
        return x ^ t ^ (t << 28);
    }

    /** Interleaves the byte planes of group m into 8 little-endian elements at dst[out]. */
    private void writeElements(long[] y, int m, byte[] dst, int out) {
        switch (elemSize) {
            case 1:
                LONG_LE.set(dst, out, y[m]);
                break;
            case 2: {
                long y0 = y[m], y1 = y[8 + m];
                LONG_LE.set(dst, out, spread16(y0) | (spread16(y1) << 8));
                LONG_LE.set(dst, out + 8, spread16(y0 >>> 32) | (spread16(y1 >>> 32) << 8));
                break;
            }
            case 4: {
                long y0 = y[m], y1 = y[8 + m], y2 = y[16 + m], y3 = y[24 + m];
                if ((y1 | y2 | y3) == 0) {
                    LONG_LE.set(dst, out, spread32(y0));
                    LONG_LE.set(dst, out + 8, spread32(y0 >>> 16));
                    LONG_LE.set(dst, out + 16, spread32(y0 >>> 32));
                    LONG_LE.set(dst, out + 24, spread32(y0 >>> 48));
                } else {
                    for (int q = 0; q < 4; q++) {
                        int s = 16 * q;
                        LONG_LE.set(dst, out + 8 * q, spread32(y0 >>> s) | (spread32(y1 >>> s) << 8)
                                | (spread32(y2 >>> s) << 16) | (spread32(y3 >>> s) << 24));
                    }
                }
                break;
            }
            default: {
                int es = elemSize;
                for (int j = 0; j < es; j++) {
                    long v = y[8 * j + m];
                    for (int i = 0; i < 8; i++) {
                        dst[out + i * es + j] = (byte) (v >>> (8 * i));
                    }
                }
            }
        }
    }

    /** Gathers byte j of the 8 elements at src[in] into y[8 * j + m]. */
    private void readElements(byte[] src, int in, long[] y, int m) {
        switch (elemSize) {
            case 1:
                y[m] = (long) LONG_LE.get(src, in);
                break;
            case 2: {
                long o0 = (long) LONG_LE.get(src, in), o1 = (long) LONG_LE.get(src, in + 8);
                y[m] = gather16(o0) | (gather16(o1) << 32);
                y[8 + m] = gather16(o0 >>> 8) | (gather16(o1 >>> 8) << 32);
                break;
            }
            case 4: {
                long o0 = (long) LONG_LE.get(src, in), o1 = (long) LONG_LE.get(src, in + 8);
                long o2 = (long) LONG_LE.get(src, in + 16), o3 = (long) LONG_LE.get(src, in + 24);
                for (int j = 0; j < 4; j++) {
                    int s = 8 * j;
                    y[8 * j + m] = gather32(o0 >>> s) | (gather32(o1 >>> s) << 16)
                            | (gather32(o2 >>> s) << 32) | (gather32(o3 >>> s) << 48);
                }
                break;
            }
            default: {
                int es = elemSize;
                for (int j = 0; j < es; j++) {
                    long v = 0;
                    for (int i = 0; i < 8; i++) {
                        v |= (src[in + i * es + j] & 0xFFL) << (8 * i);
                    }
                    y[8 * j + m] = v;
                }
            }
        }
    }

    /** bytes 0..3 of v to bytes 0, 2, 4, 6 */
    private static long spread16(long v) {
        v &= LO32;
        v = (v | (v << 16)) & LO16;
        return (v | (v << 8)) & LO8;
    }

    /** bytes 0, 1 of v to bytes 0, 4 */
    private static long spread32(long v) {
        return (v & 0xFFL) | ((v & 0xFF00L) << 24);
    }

    /** bytes 0, 2, 4, 6 of v to bytes 0..3 */
    private static long gather16(long v) {
        v &= LO8;
        v = (v | (v >>> 8)) & LO16;
        return (v | (v >>> 16)) & LO32;
    }

    /** bytes 0, 4 of v to bytes 0, 1 */
    private static long gather32(long v) {
        return (v & 0xFFL) | ((v >>> 24) & 0xFF00L);
    }

    private static long getLong(byte[] b, int off) {
        return (long) LONG_LE.get(b, off);
    }

    private static long getPartial(byte[] b, int off, int w) {
        long v = 0;
        for (int i = 0; i < w; i++) {
            v |= (b[off + i] & 0xFFL) << (8 * i);
        }
        return v;
    }

    private static void putPartial(byte[] b, int off, int w, long v) {
        for (int i = 0; i < w; i++) {
            b[off + i] = (byte) (v >>> (8 * i));
        }
    }
}
