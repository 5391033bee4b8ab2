package org.hutch.app.files;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import org.hutch.model.pixels.PixelType;

/**
 * A file of detector frames opened for browsing: an HDF5 series (Hutch's own, MAX IV's receiver, a
 * DECTRIS master file whose frames lie in linked data files) read one frame at a time when asked, or a
 * single image (TIFF, EDF, CBF). Only the layout is read on opening; {@link #frame} reads from disk.
 * Thread-safe (HDF5 reads are serialised by {@link Hdf5Images}).
 */
public final class FrameFile {
    private final Path path;
    private final String source;
    private final List<Hdf5Images.Dataset> parts;
    private final ImageFiles.Image single;
    private final int frames;
    private final int rows;
    private final int cols;
    private final PixelType type;

    private FrameFile(Path path, String source, List<Hdf5Images.Dataset> parts, ImageFiles.Image single) {
        this.path = path;
        this.source = source;
        this.parts = parts;
        this.single = single;
        if (single != null) {
            frames = 1;
            rows = single.rows();
            cols = single.cols();
            type = single.type();
        } else {
            Hdf5Images.Dataset first = parts.get(0);
            long n = 0;
            for (Hdf5Images.Dataset d : parts) {
                if (d.rows() != first.rows() || d.cols() != first.cols() || d.type() != first.type()) {
                    throw new ImageFiles.BadInput(d.path() + " holds " + d.rows() + "x" + d.cols() + " " + d.type().numpyName()
                            + " frames, but " + first.path() + " " + first.rows() + "x" + first.cols() + " " + first.type().numpyName());
                }
                n += d.frames();
            }
            if (n == 0) {
                throw new ImageFiles.BadInput(first.path() + " in " + path.getFileName() + " holds no frames yet");
            }
            if (n > Integer.MAX_VALUE) {
                throw new ImageFiles.BadInput(path.getFileName() + " holds more frames than can be browsed (" + n + ")");
            }
            frames = (int) n;
            rows = first.rows();
            cols = first.cols();
            type = first.type();
        }
    }

    /**
     * Opens {@code path} (slow: call it off the FX thread).
     *
     * @param choose asked which dataset to show when an HDF5 file holds several image datasets (their paths);
     *               empty = the user declined
     * @return empty when the user declined to choose
     * @throws ImageFiles.BadInput naming what is wrong with the file
     */
    public static Optional<FrameFile> open(Path path, Function<List<String>, Optional<String>> choose) throws IOException {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".h5") || name.endsWith(".hdf5") || name.endsWith(".nxs") || name.endsWith(".hdf")) {
            List<List<Hdf5Images.Dataset>> found = Hdf5Images.imageDatasets(path);
            if (found.isEmpty()) {
                throw new ImageFiles.BadInput(path.getFileName() + " holds no image dataset (no numeric 2D or 3D dataset;"
                        + " looked for /entry/data/data, DECTRIS data_NNNNNN links, and every group)");
            }
            List<Hdf5Images.Dataset> parts = found.get(0);
            if (found.size() > 1) {
                List<String> names = found.stream().map(p -> describe(p.get(0))).toList();
                Optional<String> picked = choose.apply(names);
                if (picked.isEmpty()) {
                    return Optional.empty();
                }
                parts = found.get(Math.max(0, names.indexOf(picked.get())));
            }
            String where = parts.size() > 1 ? parts.get(0).path() + " ... " + parts.get(parts.size() - 1).path()
                    : parts.get(0).path();
            return Optional.of(new FrameFile(path, where, List.copyOf(parts), null));
        }
        if (name.endsWith(".tif") || name.endsWith(".tiff") || name.endsWith(".edf") || name.endsWith(".edf.gz")
                || name.endsWith(".cbf")) {
            return Optional.of(new FrameFile(path, name.substring(name.lastIndexOf('.') + 1).toUpperCase(Locale.ROOT),
                    null, ImageFiles.read(path, null, null)));
        }
        throw new ImageFiles.BadInput(path.getFileName() + ": not a file type Hutch opens (HDF5/NeXus .h5 .nxs,"
                + " DECTRIS master .h5, TIFF, EDF, CBF)");
    }

    private static String describe(Hdf5Images.Dataset d) {
        return d.path() + " (" + d.frames() + " x " + d.rows() + " x " + d.cols() + " " + d.type().numpyName() + ")";
    }

    public Path path() {
        return path;
    }

    /** The file's name, as the view shows it. */
    public String name() {
        return path.getFileName().toString();
    }

    /** Where the frames come from in the file: a dataset path (or the first and last linked part), or the image format. */
    public String source() {
        return source;
    }

    public int frames() {
        return frames;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public PixelType type() {
        return type;
    }

    /** Reads frame {@code k} (0-based) from disk. */
    public ImageFiles.Image frame(int k) {
        if (k < 0 || k >= frames) {
            throw new IndexOutOfBoundsException("frame " + k + " of " + frames);
        }
        if (single != null) {
            return single;
        }
        long first = 0;
        for (Hdf5Images.Dataset d : parts) {
            if (k < first + d.frames()) {
                return Hdf5Images.read(path, d.path(), (int) (k - first));
            }
            first += d.frames();
        }
        throw new IllegalStateException("frame " + k + " not found in the parts");
    }
}
