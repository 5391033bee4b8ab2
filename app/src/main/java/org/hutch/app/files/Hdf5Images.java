package org.hutch.app.files;

import static org.bytedeco.hdf5.global.hdf5.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.SizeTPointer;
import org.hutch.codec.Bslz4Codec;
import org.hutch.codec.CodecException;
import org.hutch.model.pixels.PixelType;

/**
 * One frame of an HDF5 dataset (2D, or 3D frames x rows x cols) for the command line. Chunks stored
 * with the bitshuffle/LZ4 filter 32008, which this libhdf5 does not have, are read directly and
 * decoded with the project's codec; anything else goes through H5Dread. libhdf5 is not thread-safe:
 * calls are serialised on this class.
 */
final class Hdf5Images {
    private static final int FILTER_BITSHUFFLE = 32008;
    private static boolean initialised;

    private Hdf5Images() {
    }

    static synchronized ImageFiles.Image read(Path file, String dataset, int frame) {
        if (!Files.isRegularFile(file)) {
            throw new ImageFiles.BadInput("no such file: " + file);
        }
        if (dataset == null) {
            throw new ImageFiles.BadInput("an HDF5 image needs --dataset PATH (for example /entry/data/data)");
        }
        if (!initialised) {
            H5open();
            H5Eset_auto2(H5E_DEFAULT, null, null); // our messages instead of libhdf5's error stack on stderr
            initialised = true;
        }
        long f = H5Fopen(file.toString(), H5F_ACC_RDONLY, H5P_DEFAULT);
        if (f < 0) {
            throw new ImageFiles.BadInput("cannot open " + file + " as HDF5");
        }
        try {
            long ds = H5Dopen2(f, dataset, H5P_DEFAULT);
            if (ds < 0) {
                throw new ImageFiles.BadInput("no dataset " + dataset + " in " + file);
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
