package org.hutch.receiver.hdf5;

import static org.bytedeco.hdf5.global.hdf5.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Map;
import java.util.Set;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.hutch.model.pixels.PixelType;
import org.hutch.receiver.ReceiverConfig.OnExists;

/**
 * One open HDF5 file of a series, in MAX IV's layout plus NeXus classes:
 * <pre>
 *   /                      default = entry
 *   /entry                 NXentry, default = data
 *   /entry/instrument      NXinstrument (any group between the entry and the detector group)
 *   /entry/instrument/detector   NXdetector: header metadata (recursively), sequence_number, the dataset
 *   /entry/data            NXdata, signal = data, "data" = hard link to the dataset
 * </pre>
 * The dataset has one chunk per frame ({@code (1, rows, cols)}); frame {@code i} of the series goes
 * to index {@code base + i} where {@code base} is 0 for a new file and the old length when appending.
 * bslz4 blobs are stored verbatim with direct chunk write under filter 32008 (optional, with its
 * cd_values filled in, since this libhdf5 has no bitshuffle plugin); raw frames are plain chunks
 * (filter skipped with the chunk's filter mask when the dataset is bslz4). Not thread-safe: the
 * writer thread owns it.
 */
public final class SeriesFile implements AutoCloseable {
    private static final String SEQUENCE = "sequence_number";
    private static final int NO_FRAME = -1;

    private final Path path;
    private final String dsetPath;
    private final String detectorGroupPath;
    private final String nxdataPath;
    private long file = -1;
    private long dataset = -1;
    private PixelType dtype;
    private int rows;
    private int cols;
    private boolean filtered;
    private long base;
    private long extent;
    private int[] sequence = new int[0];
    private final BitSet written = new BitSet();
    private BytePointer native1;
    private long frames;
    private long estimatedFree = -1;
    /** header metadata that could not be written ("name: why") */
    private java.util.List<String> metadataProblems = java.util.List.of();
    /** room kept free for what HDF5 writes at close */
    private static final long RESERVE_BYTES = 1L << 20;

    private SeriesFile(Path path, String dsetPath) {
        this.path = path;
        this.dsetPath = dsetPath;
        this.detectorGroupPath = dsetPath.substring(0, dsetPath.lastIndexOf('/'));
        String entry = "/" + dsetPath.split("/")[1];
        this.nxdataPath = entry + "/data";
    }

    /**
     * Creates (or, with APPEND, opens) the file and writes the groups and the header metadata.
     *
     * @throws IOException with a clear reason (exists, not writable, not HDF5)
     */
    public static SeriesFile open(Path path, OnExists onExists, String dsetPath, Map<String, Object> metadata)
            throws IOException {
        H5.init();
        SeriesFile f = new SeriesFile(path, dsetPath);
        boolean exists = Files.exists(path);
        if (exists && onExists == OnExists.ERROR) {
            throw new IOException("file " + path + " already exists: choose another file name, or start the receiver "
                    + "with --on-exists append|overwrite");
        }
        if (exists && Files.isDirectory(path)) {
            throw new IOException(path + " is a directory, not a file");
        }
        Path dir = path.getParent();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("cannot create the folder " + dir + ": " + e.getMessage());
        }
        if (!Files.isWritable(dir)) {
            throw new IOException("cannot write in " + dir + " (permission denied or read-only file system)");
        }
        try {
            if (exists && onExists == OnExists.APPEND) {
                f.file = H5Fopen(path.toString(), H5F_ACC_RDWR, H5P_DEFAULT);
                if (f.file < 0) {
                    throw new IOException("cannot open " + path + " to append: not an HDF5 file, or locked by another program");
                }
            } else {
                f.file = H5Fcreate(path.toString(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
                if (f.file < 0) {
                    throw new IOException("cannot create " + path + " (disk full, permission, or open in another program?)");
                }
            }
            f.layout(metadata);
            return f;
        } catch (Hdf5Exception e) {
            f.closeQuietly();
            throw new IOException("cannot set up " + path + ": " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            f.closeQuietly();
            throw e;
        }
    }

    private void layout(Map<String, Object> metadata) {
        if (H5Aexists(file, "default") <= 0) {
            H5.stringAttribute(file, "default", dsetPath.split("/")[1]);
        }
        String[] parts = dsetPath.substring(1).split("/");
        StringBuilder p = new StringBuilder();
        for (int i = 0; i < parts.length - 1; i++) {
            p.append('/').append(parts[i]);
            String g = p.toString();
            String nxClass;
            if (i == 0) {
                nxClass = "NXentry";
            } else if (g.equals(detectorGroupPath)) {
                nxClass = g.equals(nxdataPath) ? "NXdata" : "NXdetector";
            } else {
                nxClass = parts[i].equals("instrument") ? "NXinstrument" : "NXcollection";
            }
            long id = openOrCreateGroup(g, nxClass);
            try {
                if (i == 0 && H5Aexists(id, "default") <= 0) {
                    H5.stringAttribute(id, "default", "data");
                }
                if (g.equals(nxdataPath) && H5Aexists(id, "signal") <= 0) {
                    H5.stringAttribute(id, "signal", parts[parts.length - 1]);
                }
                if (g.equals(detectorGroupPath)) {
                    metadataProblems = MetadataWriter.write(id, metadata, Set.of(parts[parts.length - 1], SEQUENCE));
                }
            } finally {
                H5Gclose(id);
            }
        }
        if (!detectorGroupPath.equals(nxdataPath)) {
            long id = openOrCreateGroup(nxdataPath, "NXdata");
            try {
                if (H5Aexists(id, "signal") <= 0) {
                    H5.stringAttribute(id, "signal", "data");
                }
            } finally {
                H5Gclose(id);
            }
        }
        if (H5.exists(file, dsetPath)) {
            openExistingDataset();
        }
    }

    private long openOrCreateGroup(String g, String nxClass) {
        if (H5.exists(file, g)) {
            return H5.check(H5Gopen2(file, g, H5P_DEFAULT), "opening group " + g);
        }
        long id = H5.check(H5Gcreate2(file, g, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), "creating group " + g);
        H5.stringAttribute(id, "NX_class", nxClass);
        return id;
    }

    private void openExistingDataset() {
        dataset = H5.check(H5Dopen2(file, dsetPath, H5P_DEFAULT), "opening " + dsetPath);
        long space = H5Dget_space(dataset);
        long[] dims = new long[3];
        int nd = H5Sget_simple_extent_ndims(space);
        if (nd != 3) {
            H5Sclose(space);
            throw new Hdf5Exception(dsetPath + " in the existing file has " + nd + " dimensions, not 3");
        }
        H5Sget_simple_extent_dims(space, dims, (long[]) null);
        H5Sclose(space);
        base = dims[0];
        extent = dims[0];
        rows = (int) dims[1];
        cols = (int) dims[2];
        long type = H5Dget_type(dataset);
        try {
            for (PixelType d : PixelType.values()) {
                if (H5Tequal(type, H5.fileType(d)) > 0) {
                    dtype = d;
                }
            }
        } finally {
            H5Tclose(type);
        }
        if (dtype == null) {
            throw new Hdf5Exception(dsetPath + " in the existing file has a pixel type the receiver cannot append to");
        }
        long dcpl = H5Dget_create_plist(dataset);
        filtered = H5Pget_nfilters(dcpl) > 0;
        H5Pclose(dcpl);
    }

    private void createDataset(PixelType d, int r, int c, boolean bslz4) {
        long space = H5.check(H5Screate_simple(3, new long[] {0, r, c}, new long[] {H5.UNLIMITED, r, c}),
                "H5Screate_simple");
        long dcpl = H5.check(H5Pcreate(H5P_CLS_DATASET_CREATE_ID_g()), "H5Pcreate");
        try {
            H5.check(H5Pset_chunk(dcpl, 3, new long[] {1, r, c}), "H5Pset_chunk");
            if (bslz4) {
                // no set_local callback runs (filter not registered here): cd_values filled in by hand, LZ4 = 2
                H5.check(H5Pset_filter(dcpl, H5.FILTER_BITSHUFFLE, H5Z_FLAG_OPTIONAL, 5,
                        new int[] {0, 0, d.bytes(), 0, 2}), "H5Pset_filter 32008");
            }
            dataset = H5.check(H5Dcreate2(file, dsetPath, H5.fileType(d), space, H5P_DEFAULT, dcpl, H5P_DEFAULT),
                    "creating " + dsetPath);
        } finally {
            H5Pclose(dcpl);
            H5Sclose(space);
        }
        dtype = d;
        rows = r;
        cols = c;
        filtered = bslz4;
        if (!detectorGroupPath.equals(nxdataPath) && !H5.exists(file, nxdataPath + "/data")) {
            H5.check(H5Lcreate_hard(file, dsetPath, file, nxdataPath + "/data", H5P_DEFAULT, H5P_DEFAULT),
                    "linking " + nxdataPath + "/data");
        }
    }

    /** True once the first frame fixed the dataset's type and shape; then {@link #filtered()} is known. */
    public boolean hasDataset() {
        return dataset >= 0;
    }

    /** Whether chunks are stored under the bitshuffle filter. */
    public boolean filtered() {
        return filtered;
    }

    public Path path() {
        return path;
    }

    /** Header metadata that could not be written when the file was opened ("name: why"); the rest is there. */
    public java.util.List<String> metadataProblems() {
        return metadataProblems;
    }

    /** Frames written through this object. */
    public long frames() {
        return frames;
    }

    /**
     * Prepares the dataset for a frame of this type and shape; the first frame decides them.
     *
     * @param bslz4 create the dataset with filter 32008 (used only for the first frame)
     * @throws IllegalArgumentException when the frame does not fit the dataset
     */
    public void prepare(PixelType d, int r, int c, boolean bslz4) {
        if (dataset < 0) {
            createDataset(d, r, c, bslz4);
            return;
        }
        if (d != dtype || r != rows || c != cols) {
            throw new IllegalArgumentException("frame is " + d.numpyName() + " " + r + "x" + c + " but " + dsetPath
                    + " is " + dtype.numpyName() + " " + rows + "x" + cols);
        }
    }

    /**
     * Writes one chunk at position {@code base + frameIndex}.
     *
     * @param chunk      the chunk bytes: a bslz4 blob (with its 12-byte header) when {@code compressed}, else raw pixels
     * @param compressed whether {@code chunk} went through the bitshuffle filter
     * @throws IllegalArgumentException when that frame index was already written in this series
     * @throws Hdf5Exception when the write fails (the message says so; the file stays readable)
     */
    public void write(long frameIndex, ByteBuffer chunk, boolean compressed) {
        if (frameIndex < 0 || frameIndex >= org.hutch.receiver.collect.FrameBounds.MAX_FRAME_NUMBER) {
            throw new IllegalArgumentException("frame number " + frameIndex + " is out of range");
        }
        if (written.get((int) frameIndex)) {
            throw new IllegalArgumentException("frame " + frameIndex + " was already written in this series: "
                    + "the second copy was not written");
        }
        if (compressed && !filtered) {
            throw new IllegalStateException("compressed chunk for an unfiltered dataset");
        }
        ensureSpace(chunk.remaining());
        long pos = base + frameIndex;
        if (pos >= extent) {
            H5.check(H5Dset_extent(dataset, pos + 1, rows, cols), "extending " + dsetPath);
            extent = pos + 1;
        }
        int n = chunk.remaining();
        BytePointer data = toNative(chunk, n);
        // filter mask bit 0 set = "filter 0 (bitshuffle) not applied to this chunk"
        int mask = filtered && !compressed ? 1 : 0;
        int ret = H5Dwrite_chunk(dataset, H5P_DEFAULT, mask, new long[] {pos, 0, 0}, n, data);
        if (ret < 0) {
            throw new Hdf5Exception("writing frame " + frameIndex + " to " + path + " failed" + diskHint());
        }
        written.set((int) frameIndex);
        recordSequence(frameIndex);
        frames++;
    }

    /**
     * Stops writing while there is still room to close the file: HDF5 writes its index and the
     * dataset's extent at close, and a file whose close hit a full disk is unreadable. Free space is
     * asked of the file system only when the running estimate gets near the reserve.
     */
    private void ensureSpace(long next) {
        long reserve = RESERVE_BYTES + 2 * next + frames * 64;
        estimatedFree -= next;
        if (estimatedFree > 4 * reserve) {
            return;
        }
        try {
            estimatedFree = Files.getFileStore(path.getParent()).getUsableSpace();
        } catch (IOException e) {
            return;
        }
        if (estimatedFree < reserve + next) {
            throw new Hdf5Exception("the disk of " + path + " is full (" + estimatedFree / 1024
                    + " KiB free): writing stopped at frame " + frames + " so the file could still be closed");
        }
    }

    private BytePointer toNative(ByteBuffer chunk, int n) {
        if (chunk.isDirect()) {
            return new BytePointer(chunk.slice());
        }
        if (native1 == null || native1.capacity() < n) {
            if (native1 != null) {
                native1.close();
            }
            native1 = new BytePointer(Math.max(n, 1 << 16));
        }
        native1.position(0).limit(n);
        if (chunk.hasArray()) {
            native1.put(chunk.array(), chunk.arrayOffset() + chunk.position(), n);
        } else {
            byte[] tmp = new byte[n];
            chunk.duplicate().get(tmp);
            native1.put(tmp, 0, n);
        }
        return native1;
    }

    private void recordSequence(long frameIndex) {
        int i = (int) frameIndex;
        if (i >= sequence.length) {
            int old = sequence.length;
            sequence = Arrays.copyOf(sequence, Math.max(i + 1, old * 2 + 16));
            Arrays.fill(sequence, old, sequence.length, NO_FRAME);
        }
        sequence[i] = i;
    }

    private String diskHint() {
        try {
            long free = Files.getFileStore(path.getParent()).getUsableSpace();
            return free < 64L << 20 ? ": the disk is full (" + free / 1024 + " KiB free)" : " (" + free / (1 << 20)
                    + " MiB free)";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** {@code <detector group>/sequence_number}: the frame number at each index (uint32, 0xFFFFFFFF where none). */
    private void writeSequence() {
        long n = extent - base;
        if (n <= 0) {
            return;
        }
        String seqPath = detectorGroupPath + "/" + SEQUENCE;
        long ds;
        long fileLen;
        if (H5.exists(file, seqPath)) {
            ds = H5.check(H5Dopen2(file, seqPath, H5P_DEFAULT), "opening " + seqPath);
            long sp = H5Dget_space(ds);
            long[] d = new long[1];
            H5Sget_simple_extent_dims(sp, d, (long[]) null);
            H5Sclose(sp);
            fileLen = d[0];
        } else {
            long space = H5.check(H5Screate_simple(1, new long[] {0}, new long[] {H5.UNLIMITED}), "H5Screate_simple");
            long dcpl = H5Pcreate(H5P_CLS_DATASET_CREATE_ID_g());
            H5Pset_chunk(dcpl, 1, 4096L);
            ds = H5.check(H5Dcreate2(file, seqPath, H5T_STD_U32LE_g(), space, H5P_DEFAULT, dcpl, H5P_DEFAULT),
                    "creating " + seqPath);
            H5Pclose(dcpl);
            H5Sclose(space);
            fileLen = 0;
        }
        try {
            // sequence_number runs parallel to the dataset: index base + i holds frame i
            long start = base;
            long total = Math.max(fileLen, extent);
            H5.check(H5Dset_extent(ds, total), "extending " + seqPath);
            int[] vals = new int[(int) n];
            for (int i = 0; i < n; i++) {
                vals[i] = i < sequence.length ? sequence[i] : NO_FRAME;
            }
            long fspace = H5Dget_space(ds);
            long mspace = H5Screate_simple(1, new long[] {n}, (long[]) null);
            try (IntPointer p = new IntPointer(vals)) {
                H5.check(H5Sselect_hyperslab(fspace, H5S_SELECT_SET, new long[] {start}, null, new long[] {n}, null),
                        "selecting " + seqPath);
                H5.check(H5Dwrite(ds, H5T_NATIVE_UINT32_g(), mspace, fspace, H5P_DEFAULT, p), "writing " + seqPath);
            } finally {
                H5Sclose(mspace);
                H5Sclose(fspace);
            }
        } finally {
            H5Dclose(ds);
        }
    }

    /**
     * Marks the series as not ended by series_end: on the NeXus entry group, {@code incomplete} = 1 (uint8)
     * and {@code end_reason} (aborted, timeout, error). A file appended to later keeps the mark.
     */
    public void markIncomplete(String reason) {
        if (file < 0) {
            return;
        }
        String entry = "/" + dsetPath.split("/")[1];
        long g = H5.check(H5Gopen2(file, entry, H5P_DEFAULT), "opening " + entry);
        try {
            H5.uint8Attribute(g, "incomplete", 1);
            if (H5Aexists(g, "end_reason") > 0) {
                H5.check(H5Adelete(g, "end_reason"), "replacing attribute end_reason");
            }
            H5.stringAttribute(g, "end_reason", reason);
        } finally {
            H5Gclose(g);
        }
    }

    /** Pushes what is written to the file system (metadata included), so a crash loses little. */
    public void flush() {
        if (file >= 0) {
            writeSequence();
            H5Fflush(file, H5F_SCOPE_LOCAL);
        }
    }

    /** Writes sequence_number and closes everything; the file is complete and readable afterwards. */
    @Override
    public void close() {
        if (file < 0) {
            return;
        }
        RuntimeException failure = null;
        try {
            writeSequence();
        } catch (RuntimeException | OutOfMemoryError e) {
            // whatever happened, the file is closed below so its lock goes and what is in it stays readable
            failure = e instanceof RuntimeException r ? r : new Hdf5Exception(String.valueOf(e));
        }
        closeQuietly();
        if (failure != null) {
            throw new Hdf5Exception("closing " + path + ": " + failure.getMessage() + diskHint());
        }
    }

    private void closeQuietly() {
        if (dataset >= 0) {
            H5Dclose(dataset);
            dataset = -1;
        }
        if (file >= 0) {
            H5Fclose(file);
            file = -1;
        }
        if (native1 != null) {
            native1.close();
            native1 = null;
        }
    }
}
