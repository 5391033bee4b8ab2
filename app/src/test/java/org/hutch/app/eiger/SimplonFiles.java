package org.hutch.app.eiger;

import java.io.IOException;
import java.nio.file.Path;

import org.hutch.detector.eiger.SimulatedStream;
import org.hutch.testkit.Hdf5ReadBack;
import org.hutch.testkit.Python;

/** Reads back, with h5py, a file written from the SIMPLON simulator's stream (frame n is filled with n). */
final class SimplonFiles {
    private SimplonFiles() {
    }

    /**
     * Opens the file (it must be closed: HDF5 refuses a file still locked by a writer) and checks every frame
     * pixel by pixel.
     *
     * @return the number of frames, all bit-exact
     */
    static long exactFrames(Path file) throws IOException {
        Python.assumeH5py();
        String out = Python.check("import sys, h5py, hdf5plugin, numpy as np\n"
                + "with h5py.File(sys.argv[1], 'r') as f:\n"
                + "    d = f[sys.argv[2]]\n"
                + "    bad = [i for i in range(len(d)) if not np.all(d[i] == " + SimulatedStream.pixelOf(1) + " * i)]\n"
                + "    print(len(d), bad)\n", file.toString(), Hdf5ReadBack.FRAMES).strip();
        String[] parts = out.split(" ", 2);
        if (!parts[1].equals("[]")) {
            throw new AssertionError(file + ": frames not bit-exact: " + parts[1]);
        }
        return Long.parseLong(parts[0]);
    }
}
