package org.hutch.widgets.export;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The 1D formats Dioptas writes, chosen by the file's extension. */
public enum CurveFormat {
    /** Columns x, I (and sigma) with '#' comment lines before them. */
    XY("xy", "x y (sigma) columns"),
    /** Fit2D's chi: a title line, the x and y axis names, the point count, then x, I. */
    CHI("chi", "Fit2D chi"),
    /** As .xy: columns with '#' comment lines. */
    DAT("dat", "columns"),
    /** GSAS FXYE: a title line, comment lines, a BANK line, then 2θ in centidegrees, I, sigma. */
    FXYE("fxye", "GSAS FXYE (2θ)");

    private final String extension;
    private final String description;

    CurveFormat(String extension, String description) {
        this.extension = extension;
        this.description = description;
    }

    public String extension() {
        return extension;
    }

    public String description() {
        return description;
    }

    /** The format of a file name's extension, if it is one of these. */
    public static Optional<CurveFormat> of(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        for (CurveFormat f : values()) {
            if (name.endsWith("." + f.extension)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
