package org.hutch.app.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;

import javafx.scene.control.ChoiceDialog;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The app's file and dialog choosers; FX thread only, each returns what the user chose. Every open and save dialog
 * goes through here, so tests answer all of them in one place ({@link #answerForTests}).
 */
public final class Choosers {
    /** Tests answer the file dialogs here (a native dialog cannot be clicked headless); null = real dialogs. */
    private static volatile java.util.function.Function<String, Path> testAnswers;

    private Choosers() {
    }

    /**
     * For tests: {@code answers} gets each file dialog's title and returns the file the user picks ({@code null} =
     * cancel), instead of a dialog showing; {@code null} restores the dialogs.
     */
    public static void answerForTests(java.util.function.Function<String, Path> answers) {
        testAnswers = answers;
    }

    private static Optional<Path> showOpen(FileChooser c, Window owner) {
        java.util.function.Function<String, Path> answers = testAnswers;
        if (answers != null) {
            return Optional.ofNullable(answers.apply(c.getTitle()));
        }
        return Optional.ofNullable(c.showOpenDialog(owner)).map(File::toPath);
    }

    private static Optional<Path> showSave(FileChooser c, Window owner) {
        java.util.function.Function<String, Path> answers = testAnswers;
        if (answers != null) {
            return Optional.ofNullable(answers.apply(c.getTitle()));
        }
        return Optional.ofNullable(c.showSaveDialog(owner)).map(File::toPath);
    }

    /** Any file to read, under a dialog titled {@code title}. */
    public static Optional<Path> open(Window owner, String title) {
        FileChooser c = new FileChooser();
        c.setTitle(title);
        return showOpen(c, owner);
    }

    /**
     * A file to write, under a dialog titled {@code title}, suggesting {@code suggestedName}; {@code extensions}
     * (without the dot) are offered as filters, none = no filter.
     */
    public static Optional<Path> save(Window owner, String title, String suggestedName, java.util.List<String> extensions) {
        FileChooser c = new FileChooser();
        c.setTitle(title);
        c.setInitialFileName(suggestedName);
        for (String ext : extensions) {
            c.getExtensionFilters().add(new FileChooser.ExtensionFilter(ext.toUpperCase() + " (*." + ext + ")", "*." + ext));
        }
        return showSave(c, owner);
    }

    /** A detector image or series file to browse (HDF5/NeXus, DECTRIS master, TIFF, EDF, CBF), starting in {@code folder}. */
    public static Optional<Path> imageFile(Window owner, Path folder) {
        FileChooser c = new FileChooser();
        c.setTitle("Open detector frames");
        c.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Detector images", "*.h5", "*.hdf5", "*.nxs", "*.hdf", "*.tif", "*.tiff",
                        "*.edf", "*.edf.gz", "*.cbf"),
                new FileChooser.ExtensionFilter("All files", "*"));
        if (folder != null && folder.toFile().isDirectory()) {
            c.setInitialDirectory(folder.toFile());
        }
        return showOpen(c, owner);
    }

    /** Which of several image datasets of an HDF5 file to show. */
    public static Optional<String> dataset(Window owner, String file, java.util.List<String> choices) {
        ChoiceDialog<String> d = new ChoiceDialog<>(choices.get(0), choices);
        d.initOwner(owner);
        d.setTitle("Image dataset");
        d.setHeaderText(file + " holds several image datasets: which one holds the frames?");
        d.setContentText("Dataset:");
        return d.showAndWait();
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
        return showOpen(c, owner);
    }

    public static Optional<Path> maskFile(Window owner) {
        FileChooser c = new FileChooser();
        c.setTitle("Mask (one byte per pixel, 1 = masked; .u8 or .u8.gz)");
        return showOpen(c, owner);
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
