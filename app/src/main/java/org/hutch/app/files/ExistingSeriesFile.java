package org.hutch.app.files;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Checks, before a detector is armed, that the series file is not in the data folder already: the
 * receiver would refuse it only once the stream starts, leaving the detector armed for nothing.
 */
public final class ExistingSeriesFile {
    private ExistingSeriesFile() {
    }

    /** Why {@code fileName} cannot be written into {@code dataDir}, or empty when it can (or the folder is not known). */
    public static Optional<String> refusal(Path dataDir, String fileName) {
        if (dataDir == null || fileName == null || fileName.isBlank()) {
            return Optional.empty();
        }
        Path file;
        try {
            file = dataDir.resolve(fileName).normalize();
        } catch (InvalidPathException e) {
            return Optional.of("file name '" + fileName + "' is not valid: " + e.getReason());
        }
        if (Files.exists(file)) {
            return Optional.of(fileName + " already exists in " + dataDir + ": type another file name (nothing was armed)");
        }
        return Optional.empty();
    }
}
