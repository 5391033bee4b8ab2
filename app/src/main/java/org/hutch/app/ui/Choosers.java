package org.hutch.app.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;

import javafx.scene.control.ChoiceDialog;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The file and dialog choosers of a workspace's top bar; FX thread only, each returns what the user chose. */
public final class Choosers {
    private Choosers() {
    }

    /** The data folder of the embedded receiver, starting at {@code now} when it exists. */
    public static Optional<Path> dataDir(Window owner, Path now) {
        DirectoryChooser c = new DirectoryChooser();
        c.setTitle("Data folder of the embedded receiver");
        if (now.toFile().isDirectory()) {
            c.setInitialDirectory(now.toFile());
        }
        return Optional.ofNullable(c.showDialog(owner)).map(File::getAbsoluteFile).map(File::toPath);
    }

    public static Optional<Path> poniFile(Window owner) {
        FileChooser c = new FileChooser();
        c.setTitle("Geometry (pyFAI PONI file)");
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter("PONI files", "*.poni"));
        return Optional.ofNullable(c.showOpenDialog(owner)).map(File::toPath);
    }

    public static Optional<Path> maskFile(Window owner) {
        FileChooser c = new FileChooser();
        c.setTitle("Mask (one byte per pixel, 1 = masked; .u8 or .u8.gz)");
        return Optional.ofNullable(c.showOpenDialog(owner)).map(File::toPath);
    }

    /** A new downsample factor for a receiver, after saying that every viewer of it gets it. */
    public static Optional<Integer> sharedDownsample(Window owner, String receiverUrl) {
        ChoiceDialog<Integer> d = new ChoiceDialog<>(1, 1, 2, 4, 8);
        d.initOwner(owner);
        d.setTitle("Receiver downsample");
        d.setHeaderText("Changes the receiver's own downsample factor for EVERY viewer of " + receiverUrl
                + " (MAX IV's /downsample). This window reduces frames itself and does not need it.");
        d.setContentText("Factor:");
        return d.showAndWait();
    }
}
