package org.hutch.widgets.export;

/**
 * Where an exported curve came from, written into the file's header.
 *
 * @param poniFile   the PONI file, or a word such as "simulator built-in" or "none"
 * @param poniText   the PONI's text (empty without a geometry)
 * @param maskFile   the mask file, or "none"
 * @param maskSha256 SHA-256 of the mask file, or empty without one
 * @param frame      frame number the curve was integrated from
 * @param series     series id (or "unknown") and data file
 */
public record CurveHeader(String poniFile, String poniText, String maskFile, String maskSha256, long frame,
                          String series) {

    /** A header that says only the frame, for a curve without geometry files. */
    public static CurveHeader ofFrame(long frame) {
        return new CurveHeader("none", "", "none", "", frame, "unknown");
    }
}
