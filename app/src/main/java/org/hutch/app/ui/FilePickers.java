package org.hutch.app.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;

import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * Open and save dialogs of the mask and corrections tools (FX thread). The system's file chooser by
 * default; a scripted one can be put in its place ({@link #use}), since a native dialog cannot be
 * driven by a robot.
 */
public interface FilePickers {

    Optional<Path> open(Window owner, String title);

    Optional<Path> save(Window owner, String title, String suggestedName);

    FilePickers SYSTEM = new FilePickers() {
        @Override
        public Optional<Path> open(Window owner, String title) {
            FileChooser c = new FileChooser();
            c.setTitle(title);
            return Optional.ofNullable(c.showOpenDialog(owner)).map(File::toPath);
        }

        @Override
        public Optional<Path> save(Window owner, String title, String suggestedName) {
            FileChooser c = new FileChooser();
            c.setTitle(title);
            c.setInitialFileName(suggestedName);
            return Optional.ofNullable(c.showSaveDialog(owner)).map(File::toPath);
        }
    };

    /** The pickers in use. */
    static FilePickers current() {
        return Holder.current;
    }

    /** Puts {@code p} in place of the system's dialogs ({@code null}: back to them). */
    static void use(FilePickers p) {
        Holder.current = p != null ? p : SYSTEM;
    }

    /** Holds the pickers in use. */
    final class Holder {
        private static volatile FilePickers current = SYSTEM;

        private Holder() {
        }
    }
}
