package org.hutch.widgets.analysis;

import org.hutch.widgets.image.ImageFrame;
import org.hutch.widgets.image.ImageMask;

/**
 * Statistics of the valid pixels of a rectangle: neither masked nor invalid (gaps, dead pixels,
 * NaN: {@link ImageFrame#isInvalid}). With no valid pixel, mean and max are NaN and the sum 0.
 *
 * @param frame    the frame number
 * @param binning  detector pixels per frame pixel along each side (1 = full resolution)
 */
public record PixelStats(long frame, double sum, double mean, double max, long count, int binning) {

    /** The four statistics by name, as the ROI plot offers them. */
    public enum Kind {
        SUM, MEAN, MAX, COUNT;

        public double of(PixelStats s) {
            return switch (this) {
                case SUM -> s.sum();
                case MEAN -> s.mean();
                case MAX -> s.max();
                case COUNT -> s.count();
            };
        }

        public String label() {
            return name().charAt(0) + name().substring(1).toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * Statistics of {@code roi} (full-resolution detector pixels) in {@code frame}, whose pixels cover
     * {@code binning x binning} detector pixels each: the frame pixels the ROI touches are used.
     *
     * @param mask the mask at the frame's resolution, or null (a mask of another shape is ignored)
     */
    public static PixelStats of(ImageFrame frame, ImageMask mask, Roi roi, int binning) {
        int b = Math.max(1, binning);
        int c0 = Math.max(0, Math.floorDiv(roi.col0(), b));
        int r0 = Math.max(0, Math.floorDiv(roi.row0(), b));
        int c1 = Math.min(frame.cols(), ceilDiv(roi.col1(), b));
        int r1 = Math.min(frame.rows(), ceilDiv(roi.row1(), b));
        boolean useMask = mask != null && mask.fits(frame);
        double sum = 0;
        double max = Double.NEGATIVE_INFINITY;
        long count = 0;
        for (int r = r0; r < r1; r++) {
            for (int c = c0; c < c1; c++) {
                if (frame.isInvalid(r, c) || (useMask && mask.isMasked(r, c))) {
                    continue;
                }
                double v = frame.value(r, c);
                sum += v;
                max = Math.max(max, v);
                count++;
            }
        }
        return new PixelStats(frame.frameNumber(), sum, count > 0 ? sum / count : Double.NaN,
                count > 0 ? max : Double.NaN, count, b);
    }

    static int ceilDiv(int a, int b) {
        return -Math.floorDiv(-a, b);
    }
}
