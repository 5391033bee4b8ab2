package org.hutch.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.hutch.app.files.ImageFiles;
import org.hutch.model.pixels.PixelType;
import picocli.CommandLine.Option;

/**
 * How to read the image file a command takes (picocli mixin): a raw file's shape and pixel type, an HDF5 file's
 * dataset and frame. A bad value is an {@link IllegalArgumentException} that names its option.
 */
public final class ImageReadOptions {
    @Option(names = "--shape", split = ",", paramLabel = "ROWS,COLS", description = "shape of a raw image")
    int[] shape;

    @Option(names = "--dtype", paramLabel = "T", description = "pixel type of a raw image: int8, uint8, int16, uint16, int32, uint32, int64, float32, float64")
    String dtype;

    @Option(names = "--dataset", paramLabel = "PATH", description = "dataset of an HDF5 image, e.g. /entry/data/data")
    String dataset;

    @Option(names = "--frame", defaultValue = "0", paramLabel = "I", description = "frame of a 3D HDF5 dataset (default ${DEFAULT-VALUE})")
    int frame;

    /** The pixel type and the shape, checked before any file is read. */
    public void check() {
        pixelType();
        checkShape();
    }

    public void checkShape() {
        if (shape != null && (shape.length != 2 || shape[0] <= 0 || shape[1] <= 0)) {
            throw new IllegalArgumentException("--shape must be ROWS,COLS (positive), got " + Arrays.toString(shape));
        }
    }

    /** {@code file} as these options say; a raw file without --shape/--dtype takes them from a case.json beside it. */
    public ImageFiles.Image read(Path file) throws IOException {
        return ImageFiles.read(file, shape, pixelType(), dataset, frame);
    }

    private PixelType pixelType() {
        return dtype == null ? null : PixelType.fromName(dtype);
    }
}
