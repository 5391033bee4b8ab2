package org.hutch.testkit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real CPython for cross-checks: Debian's /usr/bin/python3 (where python3-h5py, hdf5plugin and
 * bitshuffle live), else python3 on the PATH. A test that needs Python or a module it lacks is skipped with
 * a message through JUnit's assumptions, never passed silently.
 */
public final class Python {
    private static final long TIMEOUT_SECONDS = 120;
    private static final ConcurrentHashMap<String, Result> PROBES = new ConcurrentHashMap<>();

    private Python() {
    }

    public record Result(int exit, String out, String err) {
    }

    public static String executable() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    /** Skips the test unless python3 imports every module named. */
    public static void assumeModules(String... modules) {
        String imports = modules.length == 0 ? "pass" : "import " + String.join(", ", modules);
        Result r = probe(imports);
        assumeTrue(r.exit() == 0, "python3 " + (modules.length == 0 ? "" : "with " + String.join(", ", modules) + " ")
                + "not available (" + r.err().strip() + "): Python cross-check skipped"
                + (modules.length > 0 ? "; on Debian: apt-get install python3-numpy python3-h5py python3-hdf5plugin" : ""));
    }

    /** Skips the test unless h5py + hdf5plugin read bitshuffle-LZ4 (filter 32008) datasets. */
    public static void assumeH5py() {
        // hdf5plugin on Debian 12 brings no bitshuffle filter itself: the 'bitshuffle' package does
        Result r = probe("import h5py, hdf5plugin; print(h5py.h5z.filter_avail(32008))");
        assumeTrue(r.exit() == 0 && r.out().strip().equals("True"),
                "h5py + hdf5plugin with the bitshuffle filter (32008) not found for " + executable()
                        + " (apt-get install python3-h5py python3-hdf5plugin bitshuffle): HDF5 read-back skipped"
                        + (r.err().isBlank() ? "" : " (" + r.err().strip() + ")"));
    }

    private static Result probe(String script) {
        return PROBES.computeIfAbsent(script, s -> {
            try {
                return run(s);
            } catch (IOException e) {
                return new Result(-1, "", String.valueOf(e.getMessage()));
            }
        });
    }

    /** Runs {@code script} with {@code args} as sys.argv[1:]; fails the test when it does not end in time. */
    public static Result run(String script, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(executable(), "-c", script));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        // both pipes drained while it runs, so a chatty script cannot block on a full pipe
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p, true));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p, false));
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("python3 did not finish in " + TIMEOUT_SECONDS + " s");
            }
            return new Result(p.exitValue(), new String(out.join(), StandardCharsets.UTF_8),
                    new String(err.join(), StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Runs a script that must succeed; returns its stdout. */
    public static String check(String script, String... args) throws IOException {
        Result r = run(script, args);
        if (r.exit() != 0) {
            throw new AssertionError("python3 failed (exit " + r.exit() + "):\n" + r.err() + r.out());
        }
        return r.out();
    }

    /** A Python string literal of {@code s}. */
    public static String literal(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /**
     * With h5py: one line per frame of the dataset, "index sha256-of-little-endian-pixels", after "shape a,b,c"
     * and "dtype name".
     */
    public static String h5pyFrameHashes(Path file, String dset) throws IOException {
        return check("import sys, h5py, hdf5plugin, hashlib, numpy as np\n"
                + "with h5py.File(sys.argv[1], 'r') as f:\n"
                + "    d = f[sys.argv[2]]\n"
                + "    print('shape', ','.join(str(x) for x in d.shape))\n"
                + "    print('dtype', d.dtype.name)\n"
                + "    for i in range(d.shape[0]):\n"
                + "        a = np.ascontiguousarray(d[i]).astype(d.dtype.newbyteorder('<'), copy=False)\n"
                + "        print(i, hashlib.sha256(a.tobytes()).hexdigest())\n", file.toString(), dset);
    }

    /** With h5py: the number of frames of the dataset, after decompressing the last one. */
    public static long h5pyFrameCount(Path file, String dset) throws IOException {
        String out = check("import sys, h5py, hdf5plugin\n"
                + "with h5py.File(sys.argv[1], 'r') as f:\n"
                + "    d = f[sys.argv[2]]; d[len(d) - 1]; print(len(d))\n", file.toString(), dset).strip();
        return Long.parseLong(out);
    }

    private static byte[] readAll(Process p, boolean stdout) {
        try {
            return (stdout ? p.getInputStream() : p.getErrorStream()).readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
