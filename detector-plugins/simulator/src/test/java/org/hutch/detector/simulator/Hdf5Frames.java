package org.hutch.detector.simulator;

import static org.bytedeco.hdf5.global.hdf5.H5Dclose;
import static org.bytedeco.hdf5.global.hdf5.H5Dget_chunk_storage_size;
import static org.bytedeco.hdf5.global.hdf5.H5Dget_create_plist;
import static org.bytedeco.hdf5.global.hdf5.H5Dget_space;
import static org.bytedeco.hdf5.global.hdf5.H5Dopen2;
import static org.bytedeco.hdf5.global.hdf5.H5Dread_chunk;
import static org.bytedeco.hdf5.global.hdf5.H5F_ACC_RDONLY;
import static org.bytedeco.hdf5.global.hdf5.H5Fclose;
import static org.bytedeco.hdf5.global.hdf5.H5Fopen;
import static org.bytedeco.hdf5.global.hdf5.H5P_DEFAULT;
import static org.bytedeco.hdf5.global.hdf5.H5Pclose;
import static org.bytedeco.hdf5.global.hdf5.H5Pget_nfilters;
import static org.bytedeco.hdf5.global.hdf5.H5Sclose;
import static org.bytedeco.hdf5.global.hdf5.H5Sget_simple_extent_dims;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;

/**
 * Reads a frame dataset back from an HDF5 file as its stored chunks (one frame per chunk), with the native
 * HDF5 library: the chunks of a bslz4 dataset are the bitshuffle-LZ4 blobs, decoded by the caller.
 */
final class Hdf5Frames {
    final long[] dims;
    final boolean filtered;
    final List<byte[]> chunks;

    private Hdf5Frames(long[] dims, boolean filtered, List<byte[]> chunks) {
        this.dims = dims;
        this.filtered = filtered;
        this.chunks = chunks;
    }

    static Hdf5Frames read(Path file, String dataset) {
        long f = H5Fopen(file.toString(), H5F_ACC_RDONLY, H5P_DEFAULT);
        if (f < 0) {
            throw new AssertionError("cannot open " + file + " with HDF5");
        }
        try {
            long d = H5Dopen2(f, dataset, H5P_DEFAULT);
            if (d < 0) {
                throw new AssertionError("no dataset " + dataset + " in " + file);
            }
            try {
                long space = H5Dget_space(d);
                long[] dims = new long[3];
                H5Sget_simple_extent_dims(space, dims, new long[3]);
                H5Sclose(space);
                long plist = H5Dget_create_plist(d);
                boolean filtered = H5Pget_nfilters(plist) > 0;
                H5Pclose(plist);
                List<byte[]> chunks = new ArrayList<>();
                for (long i = 0; i < dims[0]; i++) {
                    long[] offset = {i, 0, 0};
                    long[] size = new long[1];
                    if (H5Dget_chunk_storage_size(d, offset, size) < 0) {
                        throw new AssertionError("no chunk for frame " + i);
                    }
                    try (BytePointer buf = new BytePointer(size[0])) {
                        if (H5Dread_chunk(d, H5P_DEFAULT, offset, new int[1], buf) < 0) {
                            throw new AssertionError("cannot read the chunk of frame " + i);
                        }
                        byte[] b = new byte[(int) size[0]];
                        buf.get(b);
                        chunks.add(b);
                    }
                }
                return new Hdf5Frames(dims, filtered, chunks);
            } finally {
                H5Dclose(d);
            }
        } finally {
            H5Fclose(f);
        }
    }

    ByteBuffer chunk(int i) {
        return ByteBuffer.wrap(chunks.get(i));
    }
}
