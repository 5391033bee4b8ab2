package org.hutch.app.settings;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads and saves {@link AppSettings} as JSON (blocking: {@link SettingsKeeper} calls it off the FX thread). A corrupt file never stops the app: it is moved
 * aside (so the user can look at it) and the defaults are used. Saving writes a temporary file and
 * renames it, so a crash while saving leaves the old file intact.
 */
public final class SettingsStore {
    private static final Logger LOG = LoggerFactory.getLogger(SettingsStore.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;

    public SettingsStore(Path file) {
        this.file = file;
    }

    /** {@code $XDG_CONFIG_HOME/hutch/settings.json}, else {@code ~/.config/hutch/settings.json}; {@code -Dhutch.config.dir} overrides. */
    public static Path defaultFile() {
        String override = System.getProperty("hutch.config.dir");
        if (override != null && !override.isBlank()) {
            return Path.of(override).resolve("settings.json");
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("hutch").resolve("settings.json");
    }

    /** set by load() when the file was unreadable: what the window tells the user */
    private volatile String loadProblem;

    /** Why the last {@link #load} fell back to defaults, or empty. */
    public java.util.Optional<String> loadProblem() {
        return java.util.Optional.ofNullable(loadProblem);
    }

    public Path file() {
        return file;
    }

    public AppSettings load() {
        if (!Files.isRegularFile(file)) {
            return AppSettings.defaults();
        }
        try {
            AppSettings s = JSON.readValue(file.toFile(), AppSettings.class);
            return s != null ? s : AppSettings.defaults(); // the record fills what an edited file set to null
        } catch (IOException | RuntimeException e) {
            Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + Instant.now().getEpochSecond());
            LOG.warn("settings file {} cannot be read ({}); using defaults, the old file is kept as {}",
                    file, e.getMessage(), aside);
            loadProblem = "The settings file " + file + " could not be read (" + e.getMessage()
                    + "). Hutch starts with default settings; the old file is kept as " + aside.getFileName() + ".";
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException moveFailed) {
                LOG.warn("cannot move {} aside: {}", file, moveFailed.getMessage());
            }
            return AppSettings.defaults();
        }
    }

    /** Saves; a failure is logged, never thrown (losing settings must not lose an acquisition). */
    public boolean save(AppSettings settings) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writeValue(tmp.toFile(), settings);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot save settings to {}: {}", file, e.getMessage());
            return false;
        }
    }
}
