package org.hutch.app.live;

import java.nio.ByteBuffer;

import org.hutch.app.client.AzintCurve;
import org.hutch.app.client.LiveFrame;
import org.hutch.widgets.image.ImageFrame;
import org.hutch.widgets.plot.Curve;

/** Converts client data into the widgets' types (off the FX thread: it copies the pixels). */
public final class WidgetData {
    private WidgetData() {
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

    public static Curve curve(AzintCurve c) {
        return new Curve(c.radial(), c.intensity(), c.sigma(), c.unit(), c.frame());
    }
}
