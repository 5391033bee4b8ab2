package org.hutch.app.live;

import java.nio.ByteBuffer;

import org.hutch.app.client.AzintCurve;
import org.hutch.app.client.LiveFrame;
import org.hutch.app.client.PipelineClient;
import org.hutch.app.corrections.Corrections;
import org.hutch.azint.Poni;
import org.hutch.model.curve.RadialUnit;
import org.hutch.widgets.image.ImageFrame;
import org.hutch.widgets.image.ImageMask;
import org.hutch.widgets.plot.Cake;
import org.hutch.widgets.plot.Curve;

/** Converts client data into the widgets' types (off the FX thread: it copies the pixels). */
public final class WidgetData {
    private WidgetData() {
    }

    /**
     * The frame as the integration sees it: through {@code c} when it corrects the image (dark, flat) at this
     * frame's size, else as it came (a reduced frame cannot be corrected, nor integrated with the corrections).
     */
    public static ImageFrame imageFrame(LiveFrame f, Corrections c) {
        if (c.correctsImage() && c.rows() == f.rows() && c.cols() == f.cols()) {
            return ImageFrame.ofFloat64(f.rows(), f.cols(), c.correct(f), f.frame());
        }
        return imageFrame(f);
    }

    public static ImageFrame imageFrame(LiveFrame f) {
        int n = f.pixelCount();
        ByteBuffer b = f.pixels();
        switch (f.dtype()) {
            case UINT8: case INT8: {
                byte[] a = new byte[n];
                b.duplicate().get(a);
                return f.dtype().signed() ? ImageFrame.ofInt8(f.rows(), f.cols(), a, f.frame())
                        : ImageFrame.ofUInt8(f.rows(), f.cols(), a, f.frame());
            }
            case UINT16: case INT16: {
                short[] a = new short[n];
                b.duplicate().order(b.order()).asShortBuffer().get(a);
                return f.dtype().signed() ? ImageFrame.ofInt16(f.rows(), f.cols(), a, f.frame())
                        : ImageFrame.ofUInt16(f.rows(), f.cols(), a, f.frame());
            }
            case UINT32: case INT32: {
                int[] a = new int[n];
                b.duplicate().order(b.order()).asIntBuffer().get(a);
                return f.dtype().signed() ? ImageFrame.ofInt32(f.rows(), f.cols(), a, f.frame())
                        : ImageFrame.ofUInt32(f.rows(), f.cols(), a, f.frame());
            }
            case UINT64: case INT64: {
                long[] a = new long[n];
                b.duplicate().order(b.order()).asLongBuffer().get(a);
                return f.dtype().signed() ? ImageFrame.ofInt64(f.rows(), f.cols(), a, f.frame())
                        : ImageFrame.ofUInt64(f.rows(), f.cols(), a, f.frame());
            }
            case FLOAT32: {
                float[] a = new float[n];
                b.duplicate().order(b.order()).asFloatBuffer().get(a);
                return ImageFrame.ofFloat32(f.rows(), f.cols(), a, f.frame());
            }
            case FLOAT64: {
                double[] a = new double[n];
                b.duplicate().order(b.order()).asDoubleBuffer().get(a);
                return ImageFrame.ofFloat64(f.rows(), f.cols(), a, f.frame());
            }
            default:
                throw new IllegalArgumentException("unsupported pixel type " + f.dtype());
        }
    }

    /**
     * @param poni the geometry the curve belongs to, or {@code null}: its wavelength lets the plot show
     *             the curve in 2&theta; as well as in q
     */
    public static Curve curve(AzintCurve c, Poni poni) {
        double wavelengthA = poni != null && poni.wavelength() > 0 ? poni.wavelength() * 1e10 : Double.NaN;
        return new Curve(c.radial(), c.intensity(), c.sigma(), c.unit(), wavelengthA, c.frame());
    }

    /**
     * {@code grid} (in {@code from}) in {@code to}: itself when the units are the same, null when converting
     * between q and 2&theta; needs a wavelength that {@code poni} does not give.
     */
    public static double[] radialIn(double[] grid, RadialUnit from, RadialUnit to, Poni poni) {
        if (from == to) {
            return grid;
        }
        double wavelengthA = poni != null && poni.wavelength() > 0 ? poni.wavelength() * 1e10 : Double.NaN;
        if (!(to.isQ() && from.isQ()) && Double.isNaN(wavelengthA)) {
            return null;
        }
        double[] g = new double[grid.length];
        for (int i = 0; i < g.length; i++) {
            g[i] = Curve.convert(grid[i], from, to, wavelengthA);
        }
        return g;
    }

    /**
     * A pipeline's cake as the cake view takes it, its radial axis in {@code to} when it can be converted (else
     * in its own unit).
     */
    public static Cake cake(PipelineClient.PipelineCake c, RadialUnit to, Poni poni) {
        double[] radial = radialIn(c.radial(), c.unit(), to, poni);
        double[] in = new double[c.intensity().length];
        for (int i = 0; i < in.length; i++) {
            in[i] = c.intensity()[i];
        }
        return radial == null ? new Cake(c.radial(), c.azimuth(), in, c.unit(), c.frame())
                : new Cake(radial, c.azimuth(), in, to, c.frame());
    }

    /**
     * The mask as the image view takes it, for a frame of {@code rows x cols}: the PONI's own shape, or
     * that shape binned by a whole factor (a block shown as masked when all its pixels are), or without a
     * PONI shape the frame's own; {@code null} when there is no mask or the frame fits neither.
     */
    public static ImageMask imageMask(byte[] mask, Poni poni, int rows, int cols) {
        if (mask == null || rows <= 0 || cols <= 0) {
            return null;
        }
        boolean shaped = poni != null && poni.hasShape();
        if (shaped && mask.length != poni.rows() * poni.cols()) {
            // the simulator's built-in geometry: the mask has the frames' shape, here reduced f x f for the screen
            int f = (int) Math.round(Math.sqrt((double) mask.length / ((long) rows * cols)));
            if (f < 1 || (long) rows * f * cols * f != mask.length) {
                return null;
            }
            poni = poni.withShape(rows * f, cols * f);
        }
        if (!shaped && mask.length != rows * cols) {
            return null;
        }
        int f = shaped ? poni.rows() / rows : 1; // a PONI without a shape: the mask is the frame's own
        if (f < 1 || shaped && (poni.rows() / f != rows || poni.cols() / f != cols)) {
            return null;
        }
        boolean[] m = new boolean[rows * cols];
        int pc = shaped ? poni.cols() : cols;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                boolean all = true;
                for (int i = r * f; all && i < r * f + f; i++) {
                    for (int j = c * f; all && j < c * f + f; j++) {
                        all = mask[i * pc + j] != 0;
                    }
                }
                m[r * cols + c] = all;
            }
        }
        return new ImageMask(rows, cols, m);
    }
}
