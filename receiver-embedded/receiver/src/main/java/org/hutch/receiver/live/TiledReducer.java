package org.hutch.receiver.live;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.hutch.model.pixels.BlockReducer;
import org.hutch.model.pixels.BlockReduction;
import org.hutch.stream.Frame;
import org.hutch.stream.FramePixels;
import org.hutch.stream.StreamFormatException;

/**
 * Reduces a frame by f x f blocks band by band ({@link FrameBands}), never holding the whole frame
 * decoded: a view needs its output plus a scratch of at most {@link #SCRATCH_BYTES} (or f source rows,
 * when one block row is larger) and its decoder's window. Raw frames are reduced straight from the blob;
 * bslz4 and LZ4 frames are decoded into the band. The result equals {@link BlockReducer#reduce} of the
 * decoded frame bit for bit.
 */
final class TiledReducer {
    /** The bound on the decoded band a reduction holds at once. */
    static final int SCRATCH_BYTES = 4 << 20;

    /** A reduced image and the scratch its reduction held (bytes), for the tests of the bound. */
    record Result(BlockReducer.Image image, long scratchBytes) {
    }

    private TiledReducer() {
    }

    static Result reduce(Frame frame, int f, BlockReduction r) throws StreamFormatException {
        return reduce(frame, f, r, SCRATCH_BYTES);
    }

    /** @param f at least 2 (factor 1 is the frame itself, not a reduction) */
    static Result reduce(Frame frame, int f, BlockReduction r, int scratchBound) throws StreamFormatException {
        int rows = frame.rows();
        int cols = frame.cols();
        long rowBytes = (long) cols * frame.dtype().bytes();
        long orows = (rows + f - 1L) / f;
        long ocols = (cols + f - 1L) / f;
        long outBytes = orows * ocols * BlockReducer.outputType(frame.dtype(), r).bytes();
        if (outBytes > Integer.MAX_VALUE - 16) {
            throw new StreamFormatException(FramePixels.what(frame) + " reduced by " + f + " is too large for one buffer: "
                    + outBytes + " bytes");
        }
        ByteBuffer out = ByteBuffer.allocate((int) outBytes).order(ByteOrder.LITTLE_ENDIAN);
        // a band is a whole number of block rows, so each output row sees exactly its own source rows
        long bandRows = Math.max(1, scratchBound / Math.max(1, rowBytes * f)) * f;
        bandRows = Math.min(bandRows, rows);
        FrameBands bands = new FrameBands(frame, (int) bandRows);
        for (int y = 0; y < rows; y += (int) bandRows) {
            int h = (int) Math.min(bandRows, rows - y);
            BlockReducer.reduceInto(bands.next(h), h, cols, frame.dtype(), f, r, out);
        }
        out.flip();
        return new Result(new BlockReducer.Image(out, (int) orows, (int) ocols,
                BlockReducer.outputType(frame.dtype(), r)), bands.scratchBytes());
    }
}
