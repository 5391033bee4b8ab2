package org.hutch.widgets.image;

/**
 * The result of preparing a frame off the FX thread: premultiplied ARGB pixels of {@code region}
 * reduced to {@code width} x {@code height}, and the contrast limits that were used.
 *
 * @param argb      premultiplied ARGB, row-major, {@code width * height} used
 * @param low       low contrast limit used
 * @param high      high contrast limit used
 * @param histogram display histogram of the whole frame between the data minimum and maximum (on the
 *                  settings' scale), or null
 * @param dataMin   smallest valid pixel of the frame (NaN if none)
 * @param dataMax   largest valid pixel of the frame (NaN if none)
 */
public record PreparedImage(ImageFrame frame, ImageRegion region, int width, int height, int[] argb,
                            RenderSettings settings, double low, double high, long[] histogram,
                            double dataMin, double dataMax) {
}
