package org.hutch.receiver;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.hutch.codec.Bslz4Codec;
import org.hutch.model.pixels.PixelType;
import org.hutch.stream.Compression;
import org.hutch.stream.Frame;
import org.hutch.stream.FramePixels;
import org.hutch.stream.SeriesEnd;
import org.hutch.stream.SeriesStart;
import org.hutch.stream.StreamFormat;
import org.hutch.testkit.Hdf5ReadBack;

/** Deterministic test frames (sparse Poisson-like counts) and their SHA-256. */
final class TestFrames {
    private TestFrames() {
    }

    static ByteBuffer raw(int rows, int cols, PixelType dtype, long seed) {
        ByteBuffer b = ByteBuffer.allocate(rows * cols * dtype.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < rows * cols; i++) {
            long v = rnd.nextInt(100) < 90 ? rnd.nextInt(3) : rnd.nextInt(1000);
            switch (dtype.bytes()) {
                case 1: b.put((byte) v); break;
                case 2: b.putShort((short) v); break;
                case 4: if (dtype == PixelType.FLOAT32) { b.putFloat(v); } else { b.putInt((int) v); } break;
                default: if (dtype == PixelType.FLOAT64) { b.putDouble(v); } else { b.putLong(v); } break;
            }
        }
        return b.flip();
    }

    static Frame frame(long msg, long index, int rows, int cols, PixelType dtype, Compression c, long seed) {
        ByteBuffer raw = raw(rows, cols, dtype, seed);
        ByteBuffer blob = c == Compression.BSLZ4 ? Bslz4Codec.compress(raw, dtype.bytes()) : raw;
        return new Frame(0, msg, index, rows, cols, dtype, c, blob, Map.of());
    }

    static SeriesStart start(long msg, String filename, Map<String, Object> metadata) {
        Map<String, Object> h = new HashMap<>();
        if (filename != null) {
            h.put("filename", filename);
        }
        return new SeriesStart(0, msg, StreamFormat.STINS, filename, null, h, metadata);
    }

    static SeriesEnd end(long msg) {
        return new SeriesEnd(0, msg);
    }

    /**
     * SHA-256 of each frame's pixels in a written dataset, read back chunk by chunk with libhdf5 and decoded
     * with the project's codec: a Java-only check beside h5py. Null for a frame with no chunk.
     */
    static List<String> hashesInFile(Path file, String dset, PixelType dtype) throws Exception {
        Hdf5ReadBack back = Hdf5ReadBack.read(file, dset);
        long[] dims = back.dims();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < back.frames(); i++) {
            if (back.chunkOrNull(i) == null) {
                out.add(null);
                continue;
            }
            Compression c = back.chunkFiltered(i) ? Compression.BSLZ4 : Compression.NONE;
            Frame f = new Frame(0, 0, i, (int) dims[1], (int) dims[2], dtype, c, back.chunk(i), null);
            out.add(sha256(FramePixels.decode(f)));
        }
        return out;
    }

    static String sha256(ByteBuffer b) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(b.duplicate());
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
