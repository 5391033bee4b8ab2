package org.hutch.receiver;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Reads files back with Debian's h5py + hdf5plugin, the reference reader MAX IV users have. Tests
 * that use it are skipped, with a message, on a machine without them.
 */
final class H5py {
    static final String PYTHON = "/usr/bin/python3";
    private static Boolean available;

    private H5py() {
    }

    static synchronized void assumeAvailable() {
        if (available == null) {
            try {
                // hdf5plugin on Debian 12 brings no bitshuffle filter itself: the 'bitshuffle' package does
                available = run("import h5py, hdf5plugin; print(h5py.h5z.filter_avail(32008))").trim().equals("True");
            } catch (IOException | RuntimeException e) {
                available = false;
            }
        }
        assumeTrue(available, "h5py + hdf5plugin with the bitshuffle filter (32008) not found for " + PYTHON
                + " (apt-get install python3-h5py python3-hdf5plugin bitshuffle): HDF5 read-back skipped");
    }

    /** Runs a Python script; returns stdout; throws with stderr when it fails. */
    static String run(String script) throws IOException {
        Path f = Files.createTempFile("hutch-h5py", ".py");
        try {
            Files.writeString(f, script);
            Process p = new ProcessBuilder(PYTHON, f.toString()).redirectErrorStream(false).start();
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("python timed out");
            }
            if (p.exitValue() != 0) {
                throw new IOException("python failed: " + new String(err, StandardCharsets.UTF_8));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } finally {
            Files.deleteIfExists(f);
        }
    }

    /**
     * One line per frame of the dataset: "index sha256-of-little-endian-pixels", then "shape ..." and "dtype ...".
     */
    static String frameHashes(Path file, String dset) throws IOException {
        return run("import h5py, hdf5plugin, hashlib, numpy as np\n"
                + "with h5py.File(" + py(file.toString()) + ", 'r') as f:\n"
                + "    d = f[" + py(dset) + "]\n"
                + "    print('shape', ','.join(str(x) for x in d.shape))\n"
                + "    print('dtype', d.dtype.name)\n"
                + "    for i in range(d.shape[0]):\n"
                + "        a = np.ascontiguousarray(d[i]).astype(d.dtype.newbyteorder('<'), copy=False)\n"
                + "        print(i, hashlib.sha256(a.tobytes()).hexdigest())\n");
    }

    static String py(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
