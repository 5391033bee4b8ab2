package org.hutch.app.files;

import static org.bytedeco.hdf5.global.hdf5.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.hdf5.H5G_info_t;
import org.bytedeco.hdf5.H5L_info2_t;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.SizeTPointer;
import org.hutch.codec.Bslz4Codec;
import org.hutch.codec.CodecException;
import org.hutch.model.pixels.PixelType;
import org.hutch.receiver.hdf5.AzintFile;

/**
 * Frames of HDF5 datasets (2D, or 3D frames x rows x cols), and the image datasets a file holds. Chunks
 * stored with the bitshuffle/LZ4 filter 32008, which this libhdf5 does not have, are read directly and
 * decoded with the project's codec; anything else goes through H5Dread. External links (DECTRIS master
 * files) are followed by libhdf5 itself, relative to the master file's folder. libhdf5 is not thread-safe:
 * calls hold the lock the receiver's writers hold ({@link AzintFile#LOCK}).
 */
final class Hdf5Images {
    private static final int FILTER_BITSHUFFLE = 32008;
    private static boolean initialised;

    private Hdf5Images() {
    }

    static ImageFiles.Image read(Path file, String dataset, int frame) {
        if (dataset == null) {
            throw new ImageFiles.BadInput("an HDF5 image needs --dataset PATH (for example /entry/data/data)");
        }
        synchronized (AzintFile.LOCK) {
            long f = open(file);
            try {
                long ds = H5Dopen2(f, dataset, H5P_DEFAULT);
                if (ds < 0) {
                    throw new ImageFiles.BadInput(H5Lexists(f, dataset, H5P_DEFAULT) > 0
                            ? dataset + " in " + file.getFileName() + " cannot be opened (an external link to a missing file?)"
                            : "no dataset " + dataset + " in " + file);
                }
                try {
                    return frame(ds, dataset, frame);
                } finally {
                    H5Dclose(ds);
                }
            } finally {
                H5Fclose(f);
            }
        }
    }

    /** One image dataset: where it is, its frames (1 for a 2D one), shape and pixel type. */
    record Dataset(String path, long frames, int rows, int cols, PixelType type, boolean stack) {
    }

    /**
     * The image datasets of a file, most likely first: a DECTRIS master file's {@code /entry/data/data_NNNNNN}
     * (external links, in order, each a part of one series); else NeXus' {@code /entry/data/data} (Hutch's
     * layout links it to the detector's dataset); else every 3D numeric dataset (2D ones when there is no 3D
     * one), found by walking the groups (MAX IV's receiver writes only its {@code dset_name}).
     *
     * @return a list of alternatives, each a list of parts read one after the other
     */
    static List<List<Dataset>> imageDatasets(Path file) {
        synchronized (AzintFile.LOCK) {
            long f = open(file);
            try {
                List<String> dectris = new ArrayList<>();
                if (H5Lexists(f, "/entry", H5P_DEFAULT) > 0 && H5Lexists(f, "/entry/data", H5P_DEFAULT) > 0) {
                    for (String name : linkNames(f, "/entry/data")) {
                        if (name.matches("data_\\d{6}")) {
                            dectris.add("/entry/data/" + name);
                        }
                    }
                }
                if (!dectris.isEmpty()) {
                    java.util.Collections.sort(dectris);
                    List<Dataset> parts = new ArrayList<>();
                    for (String d : dectris) {
                        Dataset ds = describe(f, d);
                        if (ds == null) {
                            throw new ImageFiles.BadInput(d + " in " + file.getFileName() + " links to a data file that cannot be"
                                    + " opened: it must lie beside the master file under its original name");
                        }
                        parts.add(ds);
                    }
                    return List.of(parts);
                }
                if (H5Lexists(f, "/entry", H5P_DEFAULT) > 0 && H5Lexists(f, "/entry/data", H5P_DEFAULT) > 0
                        && H5Lexists(f, "/entry/data/data", H5P_DEFAULT) > 0) {
                    Dataset d = describe(f, "/entry/data/data");
                    if (d != null) {
                        return List.of(List.of(d));
                    }
                }
                List<Dataset> found = new ArrayList<>();
                walk(f, "/", 0, found);
                boolean anyStack = found.stream().anyMatch(Dataset::stack);
                List<List<Dataset>> out = new ArrayList<>();
                for (Dataset d : found) {
                    if (d.stack() || !anyStack) {
                        out.add(List.of(d));
                    }
                }
                return out;
            } finally {
                H5Fclose(f);
            }
        }
    }

    private static long open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ImageFiles.BadInput("no such file: " + file);
        }
        if (!initialised) {
            H5open();
            H5Eset_auto2(H5E_DEFAULT, null, null); // our messages instead of libhdf5's error stack on stderr
            initialised = true;
        }
        long f = H5Fopen(file.toString(), H5F_ACC_RDONLY, H5P_DEFAULT);
        if (f < 0) {
            throw new ImageFiles.BadInput(file.getFileName() + " is not an HDF5 file, or is damaged or still open for writing");
        }
        return f;
    }

    private static List<String> linkNames(long f, String group) {
        List<String> names = new ArrayList<>();
        long g = H5Gopen2(f, group, H5P_DEFAULT);
        if (g < 0) {
            return names;
        }
        try {
            H5G_info_t info = new H5G_info_t();
            if (H5Gget_info(g, info) < 0) {
                return names;
            }
            for (long i = 0; i < info.nlinks(); i++) {
                byte[] name = new byte[512];
                long n = H5Lget_name_by_idx(g, ".", H5_INDEX_NAME, H5_ITER_INC, i, name, name.length, H5P_DEFAULT);
                if (n > 0) {
                    names.add(new String(name, 0, (int) Math.min(n, name.length - 1), java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        } finally {
            H5Gclose(g);
        }
        return names;
    }

    /** Numeric datasets of rank 2 or 3 below {@code group}, through hard links only (soft links repeat one). */
    private static void walk(long f, String group, int depth, List<Dataset> found) {
        if (depth > 8) {
            return;
        }
        for (String name : linkNames(f, group)) {
            String path = (group.endsWith("/") ? group : group + "/") + name;
            H5L_info2_t li = new H5L_info2_t();
            if (H5Lget_info2(f, path, li, H5P_DEFAULT) < 0 || li.type() != H5L_TYPE_HARD) {
                continue;
            }
            long o = H5Oopen(f, path, H5P_DEFAULT);
            if (o < 0) {
                continue;
            }
            int kind;
            try {
                kind = H5Iget_type(o);
            } finally {
                H5Oclose(o);
            }
            if (kind == H5I_GROUP) {
                walk(f, path, depth + 1, found);
            } else if (kind == H5I_DATASET) {
                Dataset d = describe(f, path);
                if (d != null) {
                    found.add(d);
                }
            }
        }
    }

    /** The dataset as an image series, or null when it is none (not numeric, not 2D or 3D, or cannot be opened). */
    private static Dataset describe(long f, String path) {
        long ds = H5Dopen2(f, path, H5P_DEFAULT);
        if (ds < 0) {
            return null;
        }
        try {
            long space = H5Dget_space(ds);
            int rank = H5Sget_simple_extent_ndims(space);
            long[] dims = new long[Math.max(rank, 1)];
            H5Sget_simple_extent_dims(space, dims, (long[]) null);
            H5Sclose(space);
            if (rank != 2 && rank != 3 || dims[rank - 1] < 2 || dims[rank - 2] < 2) {
                return null;
            }
            long t = H5Dget_type(ds);
            try {
                return new Dataset(path, rank == 3 ? dims[0] : 1, (int) dims[rank - 2], (int) dims[rank - 1], pixelType(t, path), rank == 3);
            } catch (ImageFiles.BadInput e) {
                return null;
            } finally {
                H5Tclose(t);
            }
        } finally {
            H5Dclose(ds);
        }
    }

    private static ImageFiles.Image frame(long ds, String dataset, int frame) {
        long space = H5Dget_space(ds);
        int rank = H5Sget_simple_extent_ndims(space);
        long[] dims = new long[Math.max(rank, 1)];
        H5Sget_simple_extent_dims(space, dims, (long[]) null);
        H5Sclose(space);
        if (rank != 2 && rank != 3) {
            throw new ImageFiles.BadInput(dataset + " has " + rank + " dimensions; need rows x cols or frames x rows x cols");
        }
        long frames = rank == 3 ? dims[0] : 1;
        if (frame < 0 || frame >= frames) {
            throw new ImageFiles.BadInput("--frame " + frame + " is outside " + dataset + " (" + frames + " frames)");
        }
        int rows = (int) dims[rank - 2], cols = (int) dims[rank - 1];
        long fileType = H5Dget_type(ds);
        PixelType type;
        try {
            type = pixelType(fileType, dataset);
        } finally {
            H5Tclose(fileType);
        }
        int bytes = rows * cols * type.bytes();
        ByteBuffer out = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (rank == 3 && readBitshuffleChunk(ds, frame, type, out)) {
            return new ImageFiles.Image(rows, cols, type, out);
        }
        long memType = memoryType(type);
        long fspace = H5Dget_space(ds);
        long mspace = H5Screate_simple(2, new long[] {rows, cols}, (long[]) null);
        try (BytePointer buf = new BytePointer(bytes)) {
            long[] start = rank == 3 ? new long[] {frame, 0, 0} : new long[] {0, 0};
            long[] count = rank == 3 ? new long[] {1, rows, cols} : new long[] {rows, cols};
            H5Sselect_hyperslab(fspace, H5S_SELECT_SET, start, null, count, (long[]) null);
            if (H5Dread(ds, memType, mspace, fspace, H5P_DEFAULT, buf) < 0) {
                throw new ImageFiles.BadInput("cannot read frame " + frame + " of " + dataset
                        + " (compressed with a filter this program lacks?)");
            }
            byte[] b = new byte[bytes];
            buf.get(b);
            out.put(0, b);
        } finally {
            H5Sclose(mspace);
            H5Sclose(fspace);
        }
        return new ImageFiles.Image(rows, cols, type, out);
    }

    /** Reads a (1, rows, cols) chunk stored under filter 32008 directly; false when the dataset is not like that. */
    private static boolean readBitshuffleChunk(long ds, int frame, PixelType type, ByteBuffer out) {
        long dcpl = H5Dget_create_plist(ds);
        try {
            if (H5Pget_layout(dcpl) != H5D_CHUNKED || H5Pget_nfilters(dcpl) != 1) {
                return false;
            }
            long[] chunk = new long[3];
            H5Pget_chunk(dcpl, 3, chunk);
            int[] flags = new int[1], cd = new int[8], config = new int[1];
            byte[] name = new byte[64];
            try (SizeTPointer n = new SizeTPointer(1)) {
                n.put(cd.length);
                if (H5Pget_filter2(dcpl, 0, flags, n, cd, name.length, name, config) != FILTER_BITSHUFFLE
                        || chunk[0] != 1) {
                    return false;
                }
            }
        } finally {
            H5Pclose(dcpl);
        }
        long[] off = {frame, 0, 0};
        long[] size = new long[1];
        if (H5Dget_chunk_storage_size(ds, off, size) < 0 || size[0] == 0) {
            throw new ImageFiles.BadInput("frame " + frame + " was never written to the file");
        }
        int[] mask = new int[1];
        byte[] stored = new byte[(int) size[0]];
        try (BytePointer buf = new BytePointer(size[0])) {
            if (H5Dread_chunk(ds, H5P_DEFAULT, off, mask, buf) < 0) {
                throw new ImageFiles.BadInput("cannot read the chunk of frame " + frame);
            }
            buf.get(stored);
        }
        if ((mask[0] & 1) != 0) { // filter skipped for this chunk: raw pixels
            if (stored.length != out.capacity()) {
                throw new ImageFiles.BadInput("raw chunk of frame " + frame + " holds " + stored.length + " bytes, expected " + out.capacity());
            }
            out.put(0, stored);
            return true;
        }
        try {
            Bslz4Codec.decompress(ByteBuffer.wrap(stored), type.bytes(), out);
        } catch (CodecException e) {
            throw new ImageFiles.BadInput("bslz4 chunk of frame " + frame + " is corrupt: " + e.getMessage());
        }
        return true;
    }

    private static PixelType pixelType(long t, String dataset) {
        int cls = H5Tget_class(t);
        long size = H5Tget_size(t);
        if (cls == H5T_FLOAT) {
            if (size == 4) return PixelType.FLOAT32;
            if (size == 8) return PixelType.FLOAT64;
        } else if (cls == H5T_INTEGER) {
            boolean signed = H5Tget_sign(t) == H5T_SGN_2;
            switch ((int) size) {
                case 1: return signed ? PixelType.INT8 : PixelType.UINT8;
                case 2: return signed ? PixelType.INT16 : PixelType.UINT16;
                case 4: return signed ? PixelType.INT32 : PixelType.UINT32;
                case 8: if (signed) return PixelType.INT64; break;
                default: break;
            }
        }
        throw new ImageFiles.BadInput(dataset + " has a pixel type this program does not read (class " + cls + ", " + size + " bytes)");
    }

    /** Little-endian memory type of a pixel type (the byte order of every image here). */
    private static long memoryType(PixelType t) {
        return switch (t) {
            case INT8 -> H5T_STD_I8LE_g();
            case UINT8 -> H5T_STD_U8LE_g();
            case INT16 -> H5T_STD_I16LE_g();
            case UINT16 -> H5T_STD_U16LE_g();
            case INT32 -> H5T_STD_I32LE_g();
            case UINT32 -> H5T_STD_U32LE_g();
            case INT64 -> H5T_STD_I64LE_g();
            case UINT64 -> H5T_STD_U64LE_g();
            case FLOAT32 -> H5T_IEEE_F32LE_g();
            case FLOAT64 -> H5T_IEEE_F64LE_g();
        };
    }
}
