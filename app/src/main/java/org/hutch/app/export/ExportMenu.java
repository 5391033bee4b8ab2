package org.hutch.app.export;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

import javafx.application.Platform;
import javafx.scene.control.MenuItem;
import javafx.stage.Window;
import org.hutch.app.ui.Choosers;
import org.hutch.app.ui.MainView;
import org.hutch.model.concurrent.NamedThreadFactory;
import org.hutch.model.curve.RadialUnit;
import org.hutch.widgets.export.CurveFiles;
import org.hutch.widgets.export.CurveFormat;
import org.hutch.widgets.export.CurveHeader;
import org.hutch.widgets.export.ImageExport;
import org.hutch.widgets.image.ImageFrame;
import org.hutch.widgets.plot.AzintPlot;
import org.hutch.widgets.plot.Curve;

/**
 * File &gt; "Export curve..." (.xy, .chi, .dat, .fxye with the PONI, mask, unit and frame in the header) and
 * "Export image..." (PNG or TIFF of the shown viewport with axes and a colour bar). Files are written on a
 * background thread; the outcome, or the reason it failed, goes to the status line.
 */
public final class ExportMenu {
    /** Largest side of an exported image region; larger viewports are reduced. */
    static final int MAX_IMAGE_SIDE = 2048;

    private final MainView view;
    private final Supplier<Window> owner;
    private final ExecutorService writer = NamedThreadFactory.singleThreadExecutor("hutch-export");

    /**
     * @param owner the window the save dialogs ({@link Choosers#save}) belong to
     */
    public ExportMenu(MainView view, Supplier<Window> owner) {
        this.view = view;
        this.owner = owner;
    }

    /** Adds the two items to the File menu; FX thread. */
    public ExportMenu install() {
        MenuItem curve = new MenuItem("Export curve...");
        curve.setId("export-curve");
        curve.setOnAction(e -> exportCurve());
        MenuItem image = new MenuItem("Export image...");
        image.setId("export-image");
        image.setOnAction(e -> exportImage());
        view.fileMenu().getItems().addAll(curve, image);
        return this;
    }

    /** Asks for a file and writes the plot's curve in the format of its extension; FX thread. */
    public void exportCurve() {
        AzintPlot plot = view.plot();
        Curve c = plot.curveProperty().get();
        if (c == null) {
            view.setStatusLine("Export curve: no curve yet");
            return;
        }
        RadialUnit unit = c.convertibleTo(plot.unitProperty().get()) ? plot.unitProperty().get() : c.unit();
        String description = plot.csvDescriptionProperty().get();
        Optional<Path> chosen = Choosers.save(owner.get(), "Export curve (.xy, .chi, .dat, .fxye)", "curve_" + c.frame() + ".xy",
                List.of("xy", "chi", "dat", "fxye"));
        if (chosen.isEmpty()) {
            return;
        }
        Path file = chosen.get();
        Optional<CurveFormat> format = CurveFormat.of(file);
        if (format.isEmpty()) {
            view.setStatusLine("Export curve: " + file.getFileName() + " is none of .xy, .chi, .dat, .fxye");
            return;
        }
        CompletableFuture.runAsync(() -> {
            try {
                CurveFiles.write(c, unit, header(description, c.frame()), format.get(), file);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, writer).whenComplete((v, e) -> Platform.runLater(() -> view.setStatusLine(e == null
                ? "curve of frame " + c.frame() + " written to " + file
                : "Export curve failed: " + reason(e))));
    }

    /** Asks for a file and writes the shown viewport with axes and a colour bar as PNG or TIFF; FX thread. */
    public void exportImage() {
        ImageFrame frame = view.image().shownFrameProperty().get();
        if (frame == null) {
            view.setStatusLine("Export image: no image yet");
            return;
        }
        String source = fields(view.plot().csvDescriptionProperty().get()).getOrDefault("file", "");
        String title = (source.isEmpty() || source.equals("none") ? "" : Path.of(source).getFileName() + ", ")
                + "frame " + frame.frameNumber();
        Optional<Path> chosen = Choosers.save(owner.get(), "Export image (PNG or TIFF)", "image_" + frame.frameNumber() + ".png",
                List.of("png", "tiff"));
        if (chosen.isEmpty()) {
            return;
        }
        Path file = chosen.get();
        try {
            ImageExport.formatOf(file);
        } catch (IllegalArgumentException e) {
            view.setStatusLine("Export image: " + e.getMessage());
            return;
        }
        view.image().renderViewport(MAX_IMAGE_SIDE).thenAcceptAsync(prepared -> {
            try {
                ImageExport.write(prepared, title, file);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, writer).whenComplete((v, e) -> Platform.runLater(() -> view.setStatusLine(e == null
                ? "image of frame " + frame.frameNumber() + " written to " + file
                : "Export image failed: " + reason(e))));
    }

    /** Ends the writer thread. */
    public void close() {
        writer.shutdown();
    }

    /**
     * The header from the plot's description ("poni: FILE", "mask: FILE", "series: N", "file: F" lines, as the
     * session sets it): the PONI's text read from its file and the mask file's SHA-256.
     */
    static CurveHeader header(String description, long frame) throws IOException {
        Map<String, String> f = fields(description);
        String poni = f.getOrDefault("poni", "none");
        String mask = f.getOrDefault("mask", "none");
        Path poniPath = Path.of(poni);
        String poniText = poniPath.isAbsolute() && Files.isRegularFile(poniPath) ? Files.readString(poniPath) : "";
        Path maskPath = Path.of(mask);
        String hash = maskPath.isAbsolute() && Files.isRegularFile(maskPath) ? sha256(maskPath) : "";
        String series = f.getOrDefault("series", "unknown") + (f.containsKey("file") ? ", file " + f.get("file") : "");
        return new CurveHeader(poni, poniText, mask, hash, frame, series);
    }

    private static Map<String, String> fields(String description) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : description == null ? new String[0] : description.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                out.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
        }
        return out;
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }

    private static String reason(Throwable e) {
        Throwable t = e;
        while ((t instanceof java.util.concurrent.CompletionException || t instanceof java.io.UncheckedIOException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }
}
