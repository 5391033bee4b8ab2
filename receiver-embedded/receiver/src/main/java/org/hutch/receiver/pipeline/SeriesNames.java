package org.hutch.receiver.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.hutch.receiver.hdf5.FileNames;
import org.hutch.stream.SeriesStart;

/** Names a series after the file its start asks for, and finds its {@code <series>_azint.h5} beside it. */
final class SeriesNames {
    private static final String SUFFIX = "_azint";

    private SeriesNames() {
    }

    /**
     * The raw file's path inside the data directory without its extension ({@code scan/x.h5} gives
     * {@code scan/x}); a name the receiver would refuse keeps only its last component; with no name,
     * {@code series_<id>}.
     */
    static String of(SeriesStart s, long id, Path dataDir) {
        String requested = s == null ? null : s.filename();
        if (requested == null || requested.isBlank()) {
            return "series_" + id;
        }
        String name;
        if (dataDir == null) {
            name = baseName(requested);
        } else {
            try {
                Path root = dataDir.toAbsolutePath().normalize();
                name = root.relativize(FileNames.resolve(root, requested, id)).toString();
            } catch (IllegalArgumentException e) {
                name = baseName(requested);
            }
        }
        String lower = name.toLowerCase(Locale.ROOT);
        for (String ext : new String[] {".h5", ".hdf5", ".nxs", ".hdf"}) {
            if (lower.endsWith(ext)) {
                return name.substring(0, name.length() - ext.length());
            }
        }
        return name.isBlank() ? "series_" + id : name;
    }

    private static String baseName(String requested) {
        String n = requested.replace('\\', '/');
        return n.substring(n.lastIndexOf('/') + 1).replace("..", "_");
    }

    /** {@code <dir>/<name>_azint.h5}, or {@code _azint_2.h5}, {@code _3}... when taken: an earlier result is never replaced. */
    static Path output(Path dataDir, String name) {
        Path p = dataDir.resolve(name + SUFFIX + ".h5");
        for (int k = 2; Files.exists(p); k++) {
            p = dataDir.resolve(name + SUFFIX + "_" + k + ".h5");
        }
        return p;
    }
}
