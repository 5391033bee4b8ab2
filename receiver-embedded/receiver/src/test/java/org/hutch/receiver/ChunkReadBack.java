package org.hutch.receiver;

import static org.bytedeco.hdf5.global.hdf5.*;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.hutch.model.pixels.PixelType;
import org.hutch.stream.Compression;
import org.hutch.stream.Frame;
import org.hutch.stream.FramePixels;

/**
 * Reads a written dataset back chunk by chunk with H5Dread_chunk and decompresses bslz4 chunks with
 * the project's codec: a second, Java-only check beside h5py (runs where Python is missing).
 */
final class ChunkReadBack {
    private ChunkReadBack() {
    }

    /** SHA-256 of each frame's decompressed pixels; null for a frame with no chunk. */
    static List<String> frameHashes(Path file, String dset, PixelType dtype) throws Exception {
        H5open();
        long f = H5Fopen(file.toString(), H5F_ACC_RDONLY, H5P_DEFAULT);
        if (f < 0) {
            throw new IllegalStateException("cannot open " + file);
        }
        long ds = H5Dopen2(f, dset, H5P_DEFAULT);
        try {
            long space = H5Dget_space(ds);
            long[] dims = new long[3];
            H5Sget_simple_extent_dims(space, dims, (long[]) null);
            H5Sclose(space);
            List<String> out = new ArrayList<>();
            for (long i = 0; i < dims[0]; i++) {
                long[] off = {i, 0, 0};
                long[] size = new long[1];
                if (H5Dget_chunk_storage_size(ds, off, size) < 0 || size[0] == 0) {
                    out.add(null);
                    continue;
                }
                int[] mask = new int[1];
                try (BytePointer buf = new BytePointer(size[0])) {
                    if (H5Dread_chunk(ds, H5P_DEFAULT, off, mask, buf) < 0) {
                        throw new IllegalStateException("H5Dread_chunk " + i);
                    }
                    byte[] bytes = new byte[(int) size[0]];
                    buf.get(bytes);
                    Compression c = mask[0] == 0 && filtered(ds) ? Compression.BSLZ4 : Compression.NONE;
                    Frame fr = new Frame(0, 0, i, (int) dims[1], (int) dims[2], dtype, c, ByteBuffer.wrap(bytes), null);
                    out.add(TestFrames.sha256(FramePixels.decode(fr)));
                }
            }
            return out;
        } finally {
            H5Dclose(ds);
            H5Fclose(f);
        }
    }

    private static boolean filtered(long ds) {
        long dcpl = H5Dget_create_plist(ds);
        try {
            return H5Pget_nfilters(dcpl) > 0;
        } finally {
            H5Pclose(dcpl);
        }
    }
}
