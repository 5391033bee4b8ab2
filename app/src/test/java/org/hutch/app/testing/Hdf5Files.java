package org.hutch.app.testing;

import static org.bytedeco.hdf5.global.hdf5.H5Dclose;
import static org.bytedeco.hdf5.global.hdf5.H5Dget_space;
import static org.bytedeco.hdf5.global.hdf5.H5Dopen2;
import static org.bytedeco.hdf5.global.hdf5.H5F_ACC_RDONLY;
import static org.bytedeco.hdf5.global.hdf5.H5Fclose;
import static org.bytedeco.hdf5.global.hdf5.H5Fopen;
import static org.bytedeco.hdf5.global.hdf5.H5P_DEFAULT;
import static org.bytedeco.hdf5.global.hdf5.H5Sclose;
import static org.bytedeco.hdf5.global.hdf5.H5Sget_simple_extent_dims;
import static org.bytedeco.hdf5.global.hdf5.H5Sget_simple_extent_ndims;
import static org.bytedeco.hdf5.global.hdf5.H5open;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Reads back what the receiver wrote: the frame dataset's shape, through libhdf5 (and h5py when present). */
public final class Hdf5Files {
    public static final String DSET = "/entry/instrument/detector/data";

    private Hdf5Files() {
    }

    /** Shape of {@code dset} in {@code file}, via libhdf5 (bytedeco). */
    public static synchronized long[] shape(Path file, String dset) {
        H5open();
        long f = H5Fopen(file.toString(), H5F_ACC_RDONLY, H5P_DEFAULT);
        if (f < 0) {
            throw new IllegalStateException("cannot open " + file + " with libhdf5");
        }
        try {
            long d = H5Dopen2(f, dset, H5P_DEFAULT);
            if (d < 0) {
                throw new IllegalStateException("no dataset " + dset + " in " + file);
            }
            try {
                long space = H5Dget_space(d);
                try {
                    int n = H5Sget_simple_extent_ndims(space);
                    long[] dims = new long[n];
                    H5Sget_simple_extent_dims(space, dims, (long[]) null);
                    return dims;
                } finally {
                    H5Sclose(space);
                }
            } finally {
                H5Dclose(d);
            }
        } finally {
            H5Fclose(f);
        }
    }

    /**
     * Number of frames h5py (with hdf5plugin) reads from the dataset, decompressing the last one, or
     * -1 when python3 with h5py is not available here.
     */
    public static long framesViaH5py(Path file, String dset) throws IOException, InterruptedException {
        String script = "import sys\ntry:\n import h5py, hdf5plugin\nexcept Exception:\n print(-1); sys.exit(0)\n"
                + "f = h5py.File(sys.argv[1], 'r'); d = f[sys.argv[2]]; d[len(d) - 1]; print(len(d))\n";
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", script, file.toString(), dset)
                .redirectErrorStream(true).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("h5py did not finish");
        }
        String out = new String(p.getInputStream().readAllBytes()).trim();
        String[] lines = out.split("\n");
        try {
            return Long.parseLong(lines[lines.length - 1].trim());
        } catch (NumberFormatException e) {
            throw new IOException("h5py could not read " + file + ": " + out);
        }
    }

    public static boolean python3Exists() {
        return java.nio.file.Files.isExecutable(Path.of("/usr/bin/python3"));
    }
}
