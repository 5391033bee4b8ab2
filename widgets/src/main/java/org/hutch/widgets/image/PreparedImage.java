package org.hutch.widgets.image;

/**
 * The result of preparing a frame off the FX thread: premultiplied ARGB pixels of {@code region}
 * reduced to {@code width} x {@code height}, and the contrast limits that were used.
 *
 * @param argb      premultiplied ARGB, row-major, {@code width * height} used
 * @param low       low contrast limit used
 * @param high      high contrast limit used
 * @param histogram display histogram of the whole frame between {@code histogramLow} and
 *                  {@code histogramHigh} on the settings' scale (values outside go to the end bins), or null
 * @param histogramLow  value at the left edge of the display histogram
 * @param histogramHigh value at the right edge of the display histogram
 * @param dataMin   smallest valid pixel of the frame (NaN if none)
 * @param dataMax   largest valid pixel of the frame (NaN if none)
 */
public record PreparedImage(ImageFrame frame, ImageRegion region, int width, int height, int[] argb,
                            RenderSettings settings, double low, double high, long[] histogram,
                            double histogramLow, double histogramHigh, double dataMin, double dataMax) {
}
