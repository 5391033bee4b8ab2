package org.hutch.widgets.analysis;

import org.hutch.widgets.image.ImageFrame;
import org.hutch.widgets.image.ImageMask;

/**
 * Row and column projections of a rectangle of the image over its valid pixels (neither masked nor
 * invalid): for each row, the sum (or mean) across the rectangle's columns, and for each column the
 * sum (or mean) down its rows. A mean over no valid pixel is NaN.
 *
 * @param region   the rectangle, in full-resolution detector pixels
 * @param rowIndex detector row of each row value (the first detector row of a binned frame row)
 * @param rows     the value for each row
 * @param colIndex detector column of each column value
 * @param cols     the value for each column
 * @param mean     whether values are means (else sums)
 */
public record Projections(Roi region, double[] rowIndex, double[] rows, double[] colIndex, double[] cols, boolean mean) {

    public static Projections of(ImageFrame frame, ImageMask mask, Roi region, int binning, boolean mean) {
        int b = Math.max(1, binning);
        int c0 = Math.max(0, Math.floorDiv(region.col0(), b));
        int r0 = Math.max(0, Math.floorDiv(region.row0(), b));
        int c1 = Math.min(frame.cols(), PixelStats.ceilDiv(region.col1(), b));
        int r1 = Math.min(frame.rows(), PixelStats.ceilDiv(region.row1(), b));
        int nr = Math.max(0, r1 - r0);
        int nc = Math.max(0, c1 - c0);
        double[] rowSum = new double[nr];
        long[] rowN = new long[nr];
        double[] colSum = new double[nc];
        long[] colN = new long[nc];
        boolean useMask = mask != null && mask.fits(frame);
        for (int r = r0; r < r1; r++) {
            for (int c = c0; c < c1; c++) {
                if (frame.isInvalid(r, c) || (useMask && mask.isMasked(r, c))) {
                    continue;
                }
                double v = frame.value(r, c);
                rowSum[r - r0] += v;
                rowN[r - r0]++;
                colSum[c - c0] += v;
                colN[c - c0]++;
            }
        }
        double[] ri = new double[nr];
        double[] ci = new double[nc];
        for (int i = 0; i < nr; i++) {
            ri[i] = (double) (r0 + i) * b;
            if (mean) {
                rowSum[i] = rowN[i] > 0 ? rowSum[i] / rowN[i] : Double.NaN;
            }
        }
        for (int i = 0; i < nc; i++) {
            ci[i] = (double) (c0 + i) * b;
            if (mean) {
                colSum[i] = colN[i] > 0 ? colSum[i] / colN[i] : Double.NaN;
            }
        }
        return new Projections(region, ri, rowSum, ci, colSum, mean);
    }
}
