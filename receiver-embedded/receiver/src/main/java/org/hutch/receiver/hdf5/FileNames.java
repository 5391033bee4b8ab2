package org.hutch.receiver.hdf5;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Turns the file name a stream header asks for into a path inside the data directory. Names from
 * the network are untrusted: {@code ..} components and absolute paths outside the directory are
 * refused with a message that says what to send instead.
 */
public final class FileNames {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");

    private FileNames() {
    }

    /**
     * @param dataDir   the configured data directory
     * @param requested the header's file name; {@code null} when the sender named none
     * @param seriesId  used to name the file when the sender named none
     * @return the absolute, normalised path, inside {@code dataDir}
     * @throws IllegalArgumentException with the reason
     */
    public static Path resolve(Path dataDir, String requested, long seriesId) {
        Path root = dataDir.toAbsolutePath().normalize();
        if (requested == null) {
            return root.resolve("series_" + seriesId + "_" + LocalDateTime.now().format(STAMP) + ".h5");
        }
        if (requested.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("file name contains a NUL character");
        }
        Path p;
        try {
            p = Path.of(requested);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("file name '" + requested + "' is not a valid path: " + e.getReason());
        }
        for (Path part : p) {
            if (part.toString().equals("..")) {
                throw new IllegalArgumentException("file name '" + requested
                        + "' contains '..': send a name relative to the data directory " + root);
            }
        }
        Path resolved = (p.isAbsolute() ? p : root.resolve(p)).normalize();
        if (!resolved.startsWith(root) || resolved.equals(root)) {
            throw new IllegalArgumentException("file name '" + requested + "' is outside the data directory " + root
                    + ": send a relative name, or an absolute path inside that directory");
        }
        if (requested.endsWith("/")) {
            throw new IllegalArgumentException("file name '" + requested + "' names a directory, not a file");
        }
        confineRealPath(root, resolved, requested);
        return resolved;
    }

    /**
     * The name is inside the directory as written; symbolic links must not lead it out: the deepest part
     * of the path that exists, resolved to its real path, must lie inside the data directory's real path,
     * and the file itself must not be a link leading out (or nowhere).
     */
    private static void confineRealPath(Path root, Path resolved, String requested) {
        try {
            Path realRoot = Files.exists(root) ? root.toRealPath() : root;
            if (Files.isSymbolicLink(resolved)) {
                Path target = resolved.getParent().resolve(Files.readSymbolicLink(resolved)).normalize();
                Path real = Files.exists(target) ? target.toRealPath() : target;
                if (!real.startsWith(realRoot)) {
                    throw outside(requested, root);
                }
            }
            Path existing = resolved.getParent();
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing != null && !existing.toRealPath().startsWith(realRoot)) {
                throw outside(requested, root);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("file name '" + requested + "': cannot check where it leads ("
                    + e.getMessage() + ")");
        }
    }

    private static IllegalArgumentException outside(String requested, Path root) {
        return new IllegalArgumentException("file name '" + requested + "' leads outside the data directory " + root
                + " through a symbolic link: links out of the data directory are not followed");
    }
}
