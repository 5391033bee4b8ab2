package org.hutch.testkit;

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
import static org.bytedeco.hdf5.global.hdf5.H5Sget_simple_extent_ndims;
import static org.bytedeco.hdf5.global.hdf5.H5open;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;

/**
 * A frame dataset read back, with the native HDF5 library the receiver writes with, as its stored chunks
 * (one frame per chunk, read raw with H5Dread_chunk): for a bslz4 dataset these are the bitshuffle-LZ4
 * blobs, which the caller decodes with the project's codec. A Java-only check beside h5py.
 */
public final class Hdf5ReadBack {
    /** The frame dataset of the receiver's NeXus files. */
    public static final String FRAMES = "/entry/instrument/detector/data";

    private final long[] dims;
    private final boolean filtered;
    private final List<byte[]> chunks;
    private final List<Integer> filterMasks;

    private Hdf5ReadBack(long[] dims, boolean filtered, List<byte[]> chunks, List<Integer> filterMasks) {
        this.dims = dims;
        this.filtered = filtered;
        this.chunks = chunks;
        this.filterMasks = filterMasks;
    }

    /** The dataset's shape (any rank). */
    public long[] dims() {
        return dims.clone();
    }

    /** Whether the dataset has a filter (bslz4) in its pipeline. */
    public boolean filtered() {
        return filtered;
    }

    public int frames() {
        return chunks.size();
    }

    /** The stored bytes of frame {@code i}'s chunk, or null when the frame has no chunk. */
    public byte[] chunkOrNull(int i) {
        return chunks.get(i);
    }

    /** Whether frame {@code i}'s chunk went through the dataset's filter (HDF5 skips it for a chunk it cannot shrink). */
    public boolean chunkFiltered(int i) {
        return filtered && filterMasks.get(i) == 0;
    }

    /** The stored bytes of frame {@code i}'s chunk; fails when it has none. */
    public ByteBuffer chunk(int i) {
        byte[] b = chunks.get(i);
        if (b == null) {
            throw new AssertionError("no chunk stored for frame " + i);
        }
        return ByteBuffer.wrap(b);
    }

    /** The dataset's shape only, without reading chunks. */
    public static synchronized long[] shape(Path file, String dset) {
        return withDataset(file, dset, Hdf5ReadBack::dimsOf);
    }

    /** Reads every frame chunk of a 3-D dataset chunked one frame per chunk. */
    public static synchronized Hdf5ReadBack read(Path file, String dset) {
        return withDataset(file, dset, d -> {
            long[] dims = dimsOf(d);
            if (dims.length != 3) {
                throw new AssertionError(dset + " in " + file + " has rank " + dims.length + ", not 3");
            }
            long plist = H5Dget_create_plist(d);
            boolean filtered;
            try {
                filtered = H5Pget_nfilters(plist) > 0;
            } finally {
                H5Pclose(plist);
            }
            List<byte[]> chunks = new ArrayList<>();
            List<Integer> masks = new ArrayList<>();
            for (long i = 0; i < dims[0]; i++) {
                long[] offset = {i, 0, 0};
                long[] size = new long[1];
                if (H5Dget_chunk_storage_size(d, offset, size) < 0 || size[0] == 0) {
                    chunks.add(null);
                    masks.add(0);
                    continue;
                }
                int[] mask = new int[1];
                try (BytePointer buf = new BytePointer(size[0])) {
                    if (H5Dread_chunk(d, H5P_DEFAULT, offset, mask, buf) < 0) {
                        throw new AssertionError("cannot read the chunk of frame " + i + " of " + file);
                    }
                    byte[] b = new byte[(int) size[0]];
                    buf.get(b);
                    chunks.add(b);
                    masks.add(mask[0]);
                }
            }
            return new Hdf5ReadBack(dims, filtered, Collections.unmodifiableList(chunks), List.copyOf(masks));
        });
    }

    private interface DatasetReader<T> {
        T read(long dataset);
    }

    private static <T> T withDataset(Path file, String dset, DatasetReader<T> reader) {
        H5open();
        long f = H5Fopen(file.toString(), H5F_ACC_RDONLY, H5P_DEFAULT);
        if (f < 0) {
            throw new AssertionError("cannot open " + file + " with libhdf5");
        }
        try {
            long d = H5Dopen2(f, dset, H5P_DEFAULT);
            if (d < 0) {
                throw new AssertionError("no dataset " + dset + " in " + file);
            }
            try {
                return reader.read(d);
            } finally {
                H5Dclose(d);
            }
        } finally {
            H5Fclose(f);
        }
    }

    private static long[] dimsOf(long dataset) {
        long space = H5Dget_space(dataset);
        try {
            long[] dims = new long[H5Sget_simple_extent_ndims(space)];
            H5Sget_simple_extent_dims(space, dims, (long[]) null);
            return dims;
        } finally {
            H5Sclose(space);
        }
    }
}
