package org.hutch.app.client;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.hutch.model.pixels.PixelType;


/**
 * Client-side downsampling by f x f blocks, for receivers whose own factor is shared with other
 * viewers (MAX IV's {@code /downsample}) and must not be changed behind their back.
 * Edge blocks that do not fill f x f are dropped (as numpy slicing in MAX IV's viewer does).
 * {@code max} keeps the dtype; {@code mean} and {@code sum} give float64.
 */
public final class FrameReducer {
    private FrameReducer() {
    }

    public static LiveFrame reduce(LiveFrame in, int factor, Reduce how) {
        if (factor < 1) {
            throw new IllegalArgumentException("downsample factor must be 1 or more, got " + factor);
        }
        if (factor == 1) {
            return in;
        }
        int rows = Math.max(1, in.rows() / factor);
        int cols = Math.max(1, in.cols() / factor);
        int fr = Math.min(factor, in.rows());
        int fc = Math.min(factor, in.cols());
        PixelType outType = how == Reduce.MAX ? in.dtype() : PixelType.FLOAT64;
        ByteBuffer out = ByteBuffer.allocate(rows * cols * outType.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer src = in.pixels();
        int srcCols = in.cols();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double acc = how == Reduce.MAX ? Double.NEGATIVE_INFINITY : 0;
                int argMax = -1;
                for (int dr = 0; dr < fr; dr++) {
                    int base = (r * fr + dr) * srcCols + c * fc;
                    for (int dc = 0; dc < fc; dc++) {
                        double v = LiveFrame.read(src, in.dtype(), base + dc);
                        if (how == Reduce.MAX) {
                            if (v > acc || argMax < 0) {
                                acc = v;
                                argMax = base + dc;
                            }
                        } else {
                            acc += v;
                        }
                    }
                }
                int o = r * cols + c;
                if (how == Reduce.MAX) {
                    copyElement(src, argMax, out, o, outType.bytes());
                } else {
                    out.putDouble(o * 8, how == Reduce.MEAN ? acc / (fr * fc) : acc);
                }
            }
        }
        return new LiveFrame(in.series(), in.frame(), rows, cols, outType, out, in.downsample() * factor);
    }

    private static void copyElement(ByteBuffer src, int si, ByteBuffer dst, int di, int size) {
        for (int k = 0; k < size; k++) {
            dst.put(di * size + k, src.get(si * size + k));
        }
    }
}
