package org.hutch.app.files;

import static org.bytedeco.hdf5.global.hdf5.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.LongPointer;
import org.hutch.model.curve.RadialUnit;
import org.hutch.receiver.hdf5.AzintFile;
import org.hutch.widgets.plot.Curve;

/**
 * Reads an integrated file ({@code <name>_azint.h5}, as {@link AzintFile} writes it) back as curves, so
 * the 1D plot's overlay and waterfall can show the whole series. At most {@code limit} rows are read,
 * evenly spread over the file.
 */
public final class AzintOutput {
    private AzintOutput() {
    }

    public static List<Curve> curves(Path file, RadialUnit unit, double wavelengthA, int limit) {
        synchronized (AzintFile.LOCK) {
            long f = H5Fopen(file.toString(), H5F_ACC_RDONLY, H5P_DEFAULT);
            if (f < 0) {
                throw new ImageFiles.BadInput("cannot open " + file.getFileName() + " as HDF5");
            }
            try {
                double[] radial = doubles(f, "/entry/azint/radial");
                double[] intensity = doubles(f, "/entry/azint/I");
                double[] sigma = H5Lexists(f, "/entry/azint/sigma", H5P_DEFAULT) > 0 ? doubles(f, "/entry/azint/sigma") : null;
                long[] frames = longs(f, "/entry/azint/frame_numbers");
                int bins = radial.length;
                int rows = bins == 0 ? 0 : intensity.length / bins;
                int step = Math.max(1, (rows + limit - 1) / Math.max(1, limit));
                List<Curve> out = new ArrayList<>();
                for (int r = 0; r < rows; r += step) {
                    double[] i = new double[bins];
                    System.arraycopy(intensity, r * bins, i, 0, bins);
                    double[] s = null;
                    if (sigma != null) {
                        s = new double[bins];
                        System.arraycopy(sigma, r * bins, s, 0, bins);
                    }
                    out.add(new Curve(radial, i, s, unit, wavelengthA, r < frames.length ? frames[r] : r));
                }
                return out;
            } finally {
                H5Fclose(f);
            }
        }
    }

    private static long open(long f, String path) {
        long ds = H5Dopen2(f, path, H5P_DEFAULT);
        if (ds < 0) {
            throw new ImageFiles.BadInput("no " + path + " in the integrated file");
        }
        return ds;
    }

    private static long elements(long ds) {
        long space = H5Dget_space(ds);
        try {
            long n = H5Sget_simple_extent_npoints(space);
            if (n > Integer.MAX_VALUE / 8) {
                throw new ImageFiles.BadInput("the integrated file is too large to show at once");
            }
            return n;
        } finally {
            H5Sclose(space);
        }
    }

    private static double[] doubles(long f, String path) {
        long ds = open(f, path);
        try (DoublePointer p = new DoublePointer(Math.max(1, elements(ds)))) {
            double[] out = new double[(int) elements(ds)];
            if (out.length > 0 && H5Dread(ds, H5T_NATIVE_DOUBLE_g(), H5S_ALL, H5S_ALL, H5P_DEFAULT, p) < 0) {
                throw new ImageFiles.BadInput("cannot read " + path);
            }
            p.get(out);
            return out;
        } finally {
            H5Dclose(ds);
        }
    }

    private static long[] longs(long f, String path) {
        long ds = open(f, path);
        try (LongPointer p = new LongPointer(Math.max(1, elements(ds)))) {
            long[] out = new long[(int) elements(ds)];
            if (out.length > 0 && H5Dread(ds, H5T_NATIVE_INT64_g(), H5S_ALL, H5S_ALL, H5P_DEFAULT, p) < 0) {
                throw new ImageFiles.BadInput("cannot read " + path);
            }
            p.get(out);
            return out;
        } finally {
            H5Dclose(ds);
        }
    }
}
