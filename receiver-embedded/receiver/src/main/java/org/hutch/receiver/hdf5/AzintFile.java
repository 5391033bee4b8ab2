package org.hutch.receiver.hdf5;

import static org.bytedeco.hdf5.global.hdf5.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * The reduced data of one series, {@code <series>_azint.h5}, as NeXus:
 * <pre>
 *   /entry            NXentry, default = azint
 *     azint           NXdata, signal = I, axes = [frame_numbers, radial]
 *       radial        [bins] float64, attribute units (nm^-1, A^-1, deg)
 *       I             [frames, bins] float64
 *       sigma         [frames, bins] float64 (also linked as I_errors, NeXus' name for it)
 *       frame_numbers [frames] int64, the detector frame of each row
 *     process         NXprocess: program, version, poni, mask_sha256, unit, normalization, ...
 * </pre>
 * The file is written in SWMR mode (HDF5 1.10 format): everything is created first, then rows are
 * appended and flushed, so a reader opening it with {@code h5py.File(path, "r", swmr=True)} sees
 * every flushed row while the series runs ({@code refresh()} the datasets for newer ones).
 * libhdf5 is not thread-safe: confine an instance to one thread and hold {@link #LOCK} around every call
 * when another thread of the process uses HDF5 too.
 */
public final class AzintFile implements AutoCloseable {
    /** Held around every libhdf5 call of this class; the receiver's writer holds it too. */
    public static final Object LOCK = H5.LOCK;
    private static final int CHUNK_ROWS = 16;

    private final Path path;
    private final int bins;
    private final boolean errors;
    private long file = -1;
    private long dsI = -1;
    private long dsSigma = -1;
    private long dsFrames = -1;
    private long dsCake = -1;
    /** azimuth × radial cells of a cake row, 0 without a cake */
    private final int cakeCells;
    private final int[] cakeShape;
    private long rows;
    private final List<float[]> pendingCake = new ArrayList<>();
    private final List<double[]> pendingI = new ArrayList<>();
    private final List<double[]> pendingSigma = new ArrayList<>();
    private final List<Long> pendingFrames = new ArrayList<>();

    private AzintFile(Path path, int bins, boolean errors, int[] cakeShape) {
        this.path = path;
        this.bins = bins;
        this.errors = errors;
        this.cakeShape = cakeShape;
        this.cakeCells = cakeShape == null ? 0 : cakeShape[0] * cakeShape[1];
    }

    /**
     * Creates the file (refusing to replace one) with the axis and the provenance, and starts SWMR writing.
     *
     * @param radial     bin centres
     * @param units      the radial axis' NeXus units ("nm^-1", "A^-1", "deg")
     * @param longName   axis label, such as "q (nm^-1)"
     * @param errors     whether rows carry sigma
     * @param provenance written under /entry/process as the receiver writes header metadata (maps become groups)
     */
    public static AzintFile create(Path path, double[] radial, String units, String longName, boolean errors,
                                   Map<String, Object> provenance) throws IOException {
        return create(path, radial, units, longName, errors, provenance, null, null);
    }

    /**
     * As above, with a cake {@code [frames, azimuth, radial]} beside the curves when its axes are given.
     *
     * @param cakeRadial  the cake's radial bin centres (same units), or null for no cake
     * @param cakeAzimuth the cake's χ bin centres in degrees, or null for no cake
     */
    public static AzintFile create(Path path, double[] radial, String units, String longName, boolean errors,
                                   Map<String, Object> provenance, double[] cakeRadial, double[] cakeAzimuth)
            throws IOException {
        if ((cakeRadial == null) != (cakeAzimuth == null)) {
            throw new IllegalArgumentException("a cake needs both its axes");
        }
        if (Files.exists(path)) {
            throw new IOException("file " + path + " already exists");
        }
        Files.createDirectories(path.getParent());
        synchronized (LOCK) {
            H5.init();
            int[] cake = cakeRadial == null ? null : new int[] {cakeAzimuth.length, cakeRadial.length};
            AzintFile f = new AzintFile(path, radial.length, errors, cake);
            try {
                f.layout(radial, units, longName, provenance);
                if (cake != null) {
                    f.cakeLayout(cakeRadial, cakeAzimuth, units, longName);
                }
                H5.check(H5Fstart_swmr_write(f.file), "starting SWMR writing");
                return f;
            } catch (Hdf5Exception e) {
                f.closeQuietly();
                throw new IOException("cannot set up " + path + ": " + e.getMessage());
            }
        }
    }

    private void layout(double[] radial, String units, String longName, Map<String, Object> provenance) {
        long fapl = H5.check(H5Pcreate(H5P_CLS_FILE_ACCESS_ID_g()), "H5Pcreate");
        try {
            // SWMR needs the 1.10 format; 1.10 is also what older h5py builds read
            H5.check(H5Pset_libver_bounds(fapl, H5F_LIBVER_V110, H5F_LIBVER_V110), "H5Pset_libver_bounds");
            file = H5Fcreate(path.toString(), H5F_ACC_EXCL, H5P_DEFAULT, fapl);
        } finally {
            H5Pclose(fapl);
        }
        if (file < 0) {
            throw new Hdf5Exception("cannot create " + path + " (disk full, permission, or open in another program?)");
        }
        H5.stringAttribute(file, "default", "entry");
        long entry = group(file, "entry", "NXentry");
        long data = -1;
        long process = -1;
        try {
            H5.stringAttribute(entry, "default", "azint");
            data = group(entry, "azint", "NXdata");
            H5.stringAttribute(data, "signal", "I");
            stringArrayAttribute(data, "axes", List.of("frame_numbers", "radial"));
            longAttribute(data, "frame_numbers_indices", 0);
            longAttribute(data, "radial_indices", 1);
            long r = fixed(data, "radial", radial);
            H5.stringAttribute(r, "units", units);
            H5.stringAttribute(r, "long_name", longName);
            H5Dclose(r);
            dsI = growing(data, "I", H5T_IEEE_F64LE_g(), bins);
            H5.stringAttribute(dsI, "long_name", "intensity");
            if (errors) {
                dsSigma = growing(data, "sigma", H5T_IEEE_F64LE_g(), bins);
                H5.stringAttribute(dsSigma, "long_name", "standard deviation of I");
                H5.check(H5Lcreate_hard(data, "sigma", data, "I_errors", H5P_DEFAULT, H5P_DEFAULT), "linking I_errors");
            }
            dsFrames = growing(data, "frame_numbers", H5T_STD_I64LE_g(), 0);
            process = group(entry, "process", "NXprocess");
            MetadataWriter.write(process, provenance, Set.of());
        } finally {
            H5.closeQuietly(process, org.bytedeco.hdf5.global.hdf5::H5Gclose);
            H5.closeQuietly(data, org.bytedeco.hdf5.global.hdf5::H5Gclose);
            H5Gclose(entry);
        }
    }

    /** /entry/cake: float32 [frames, azimuth, radial], one frame per chunk, its axes, the frame numbers linked. */
    private void cakeLayout(double[] radial, double[] azimuth, String units, String longName) {
        long cake = -1;
        try {
            long entry = H5.check(H5Gopen2(file, "entry", H5P_DEFAULT), "opening entry");
            try {
                cake = group(entry, "cake", "NXdata");
            } finally {
                H5Gclose(entry);
            }
            H5.stringAttribute(cake, "signal", "I");
            stringArrayAttribute(cake, "axes", List.of("frame_numbers", "azimuth", "radial"));
            longAttribute(cake, "frame_numbers_indices", 0);
            longAttribute(cake, "azimuth_indices", 1);
            longAttribute(cake, "radial_indices", 2);
            long r = fixed(cake, "radial", radial);
            H5.stringAttribute(r, "units", units);
            H5.stringAttribute(r, "long_name", longName);
            H5Dclose(r);
            long a = fixed(cake, "azimuth", azimuth);
            H5.stringAttribute(a, "units", "degree");
            H5.stringAttribute(a, "long_name", "chi (deg)");
            H5Dclose(a);
            long[] dims = {0, azimuth.length, radial.length};
            long[] max = {H5.UNLIMITED, azimuth.length, radial.length};
            long space = H5.check(H5Screate_simple(3, dims, max), "H5Screate_simple");
            long dcpl = H5.check(H5Pcreate(H5P_CLS_DATASET_CREATE_ID_g()), "H5Pcreate");
            try {
                H5.check(H5Pset_chunk(dcpl, 3, new long[] {1, azimuth.length, radial.length}), "H5Pset_chunk");
                dsCake = H5.check(H5Dcreate2(cake, "I", H5T_IEEE_F32LE_g(), space, H5P_DEFAULT, dcpl, H5P_DEFAULT),
                        "creating cake/I");
            } finally {
                H5Pclose(dcpl);
                H5Sclose(space);
            }
            H5.stringAttribute(dsCake, "long_name", "intensity");
            H5.check(H5Lcreate_hard(file, "entry/azint/frame_numbers", cake, "frame_numbers", H5P_DEFAULT, H5P_DEFAULT),
                    "linking cake/frame_numbers");
        } finally {
            H5.closeQuietly(cake, org.bytedeco.hdf5.global.hdf5::H5Gclose);
        }
    }

    private static long group(long loc, String name, String nxClass) {
        long g = H5.check(H5Gcreate2(loc, name, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), "creating group " + name);
        H5.stringAttribute(g, "NX_class", nxClass);
        return g;
    }

    private static long fixed(long loc, String name, double[] values) {
        long space = H5.check(H5Screate_simple(1, new long[] {values.length}, (long[]) null), "H5Screate_simple");
        try (DoublePointer p = new DoublePointer(values)) {
            long ds = H5.check(H5Dcreate2(loc, name, H5T_IEEE_F64LE_g(), space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                    "creating " + name);
            H5.check(H5Dwrite(ds, H5T_NATIVE_DOUBLE_g(), H5S_ALL, H5S_ALL, H5P_DEFAULT, p), "writing " + name);
            return ds;
        } finally {
            H5Sclose(space);
        }
    }

    /** An empty dataset that grows along its first axis: [0] for width 0, else [0, width]. */
    private static long growing(long loc, String name, long type, int width) {
        int rank = width == 0 ? 1 : 2;
        long[] dims = rank == 1 ? new long[] {0} : new long[] {0, width};
        long[] max = rank == 1 ? new long[] {H5.UNLIMITED} : new long[] {H5.UNLIMITED, width};
        long[] chunk = rank == 1 ? new long[] {1024} : new long[] {CHUNK_ROWS, width};
        long space = H5.check(H5Screate_simple(rank, dims, max), "H5Screate_simple");
        long dcpl = H5.check(H5Pcreate(H5P_CLS_DATASET_CREATE_ID_g()), "H5Pcreate");
        try {
            H5.check(H5Pset_chunk(dcpl, rank, chunk), "H5Pset_chunk");
            return H5.check(H5Dcreate2(loc, name, type, space, H5P_DEFAULT, dcpl, H5P_DEFAULT), "creating " + name);
        } finally {
            H5Pclose(dcpl);
            H5Sclose(space);
        }
    }

    private static void longAttribute(long obj, String name, long value) {
        long space = H5.check(H5Screate(H5S_SCALAR), "H5Screate");
        long attr = -1;
        try (LongPointer p = new LongPointer(1).put(value)) {
            attr = H5.check(H5Acreate2(obj, name, H5T_STD_I64LE_g(), space, H5P_DEFAULT, H5P_DEFAULT), "creating " + name);
            H5.check(H5Awrite(attr, H5T_NATIVE_INT64_g(), p), "writing " + name);
        } finally {
            H5.closeQuietly(attr, org.bytedeco.hdf5.global.hdf5::H5Aclose);
            H5Sclose(space);
        }
    }

    /** A 1D array of variable-length strings (NeXus {@code axes}). */
    private static void stringArrayAttribute(long obj, String name, List<String> values) {
        long type = H5.vlenString();
        long space = H5.check(H5Screate_simple(1, new long[] {values.size()}, (long[]) null), "H5Screate_simple");
        long attr = -1;
        List<BytePointer> keep = new ArrayList<>();
        try (PointerPointer<BytePointer> p = new PointerPointer<>(values.size())) {
            for (int i = 0; i < values.size(); i++) {
                byte[] b = values.get(i).getBytes(StandardCharsets.UTF_8);
                BytePointer s = new BytePointer(b.length + 1);
                s.put(b).put(b.length, (byte) 0);
                keep.add(s);
                p.put(i, s);
            }
            attr = H5.check(H5Acreate2(obj, name, type, space, H5P_DEFAULT, H5P_DEFAULT), "creating attribute " + name);
            H5.check(H5Awrite(attr, type, p), "writing attribute " + name);
        } finally {
            keep.forEach(BytePointer::close);
            H5.closeQuietly(attr, org.bytedeco.hdf5.global.hdf5::H5Aclose);
            H5Sclose(space);
            H5Tclose(type);
        }
    }

    public Path path() {
        return path;
    }

    /** Rows written or waiting for the next flush. */
    public long frames() {
        return rows + pendingFrames.size();
    }

    /** Rows waiting for the next {@link #flush()}. */
    public int pending() {
        return pendingFrames.size();
    }

    /** Bytes of the rows waiting for the next {@link #flush()} (a cake row is 4 bytes a cell). */
    public long pendingBytes() {
        return (long) pendingFrames.size() * (8L * bins * (errors ? 2 : 1) + 8 + 4L * cakeCells);
    }

    /** Whether the file has a cake, whose rows {@link #append(long, double[], double[], float[])} must give. */
    public boolean hasCake() {
        return cakeCells > 0;
    }

    /** Queues one row; it reaches the file at the next {@link #flush()}. The arrays are kept: do not reuse them. */
    public void append(long frameNumber, double[] intensity, double[] sigma) {
        append(frameNumber, intensity, sigma, null);
    }

    /** As above, with the frame's cake ({@code [azimuth][radial]} row-major) when the file has one. */
    public void append(long frameNumber, double[] intensity, double[] sigma, float[] cake) {
        if (intensity.length != bins || (errors && (sigma == null || sigma.length != bins))) {
            throw new IllegalArgumentException("row of " + intensity.length + " bins for a file of " + bins);
        }
        if (cakeCells > 0 && (cake == null || cake.length != cakeCells)) {
            throw new IllegalArgumentException("cake of " + (cake == null ? "none" : cake.length + " cells") + " for a file of "
                    + cakeShape[0] + "x" + cakeShape[1]);
        }
        if (cakeCells > 0) {
            pendingCake.add(cake);
        }
        pendingI.add(intensity);
        pendingSigma.add(sigma);
        pendingFrames.add(frameNumber);
    }

    /** Writes the queued rows and flushes every dataset, so SWMR readers see them. */
    public void flush() {
        if (file < 0 || pendingFrames.isEmpty()) {
            return;
        }
        synchronized (LOCK) {
            int n = pendingFrames.size();
            writeRows(dsI, pendingI, n);
            if (errors) {
                writeRows(dsSigma, pendingSigma, n);
            }
            long[] f = pendingFrames.stream().mapToLong(Long::longValue).toArray();
            H5.check(H5Dset_extent(dsFrames, rows + n), "extending frame_numbers");
            try (LongPointer p = new LongPointer(f)) {
                writeSlab(dsFrames, H5T_NATIVE_INT64_g(), new long[] {rows}, new long[] {n}, p);
            }
            if (cakeCells > 0) {
                writeCake(n);
            }
            rows += n;
            pendingI.clear();
            pendingCake.clear();
            pendingSigma.clear();
            pendingFrames.clear();
            H5.check(H5Dflush(dsI), "flushing I");
            if (errors) {
                H5.check(H5Dflush(dsSigma), "flushing sigma");
            }
            H5.check(H5Dflush(dsFrames), "flushing frame_numbers");
            if (cakeCells > 0) {
                H5.check(H5Dflush(dsCake), "flushing cake");
            }
        }
    }

    private void writeCake(int n) {
        H5.check(H5Dset_extent(dsCake, rows + n, cakeShape[0], cakeShape[1]), "extending the cake");
        try (FloatPointer p = new FloatPointer(cakeCells)) {
            for (int i = 0; i < n; i++) {
                p.put(pendingCake.get(i), 0, cakeCells);
                writeSlab(dsCake, H5T_NATIVE_FLOAT_g(), new long[] {rows + i, 0, 0},
                        new long[] {1, cakeShape[0], cakeShape[1]}, p);
            }
        }
    }

    private void writeRows(long ds, List<double[]> values, int n) {
        double[] flat = new double[n * bins];
        for (int i = 0; i < n; i++) {
            System.arraycopy(values.get(i), 0, flat, i * bins, bins);
        }
        H5.check(H5Dset_extent(ds, rows + n, bins), "extending a dataset");
        try (DoublePointer p = new DoublePointer(flat)) {
            writeSlab(ds, H5T_NATIVE_DOUBLE_g(), new long[] {rows, 0}, new long[] {n, bins}, p);
        }
    }

    private static void writeSlab(long ds, long memType, long[] start, long[] count, org.bytedeco.javacpp.Pointer p) {
        long fspace = H5.check(H5Dget_space(ds), "H5Dget_space");
        long mspace = H5.check(H5Screate_simple(count.length, count, (long[]) null), "H5Screate_simple");
        try {
            H5.check(H5Sselect_hyperslab(fspace, H5S_SELECT_SET, start, null, count, null), "selecting rows");
            H5.check(H5Dwrite(ds, memType, mspace, fspace, H5P_DEFAULT, p), "writing rows");
        } finally {
            H5Sclose(mspace);
            H5Sclose(fspace);
        }
    }

    /** Writes what is queued and closes the file: complete and readable afterwards. */
    @Override
    public void close() {
        if (file < 0) {
            return;
        }
        synchronized (LOCK) {
            try {
                flush();
            } finally {
                closeQuietly();
            }
        }
    }

    private void closeQuietly() {
        for (long ds : new long[] {dsI, dsSigma, dsFrames, dsCake}) {
            H5.closeQuietly(ds, org.bytedeco.hdf5.global.hdf5::H5Dclose);
        }
        dsI = dsSigma = dsFrames = dsCake = -1;
        H5.closeQuietly(file, org.bytedeco.hdf5.global.hdf5::H5Fclose);
        file = -1;
    }
}
