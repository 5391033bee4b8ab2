package org.hutch.receiver.hdf5;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.hutch.stream.Frame;
import org.hutch.stream.FramePixels;
import org.hutch.stream.StreamFormatException;

/** Decompresses frames into one reused buffer (the writer stores the result before the next frame). */
final class ReusablePixels {
    private final FramePixels pixels = new FramePixels();
    private ByteBuffer buffer = ByteBuffer.allocate(0);

    ByteBuffer decode(Frame f) throws StreamFormatException {
        int n = Math.toIntExact(f.rawBytes());
        if (buffer.capacity() < n) {
            buffer = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        }
        ByteBuffer out = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        out.position(0).limit(n);
        pixels.decodeInto(f, out);
        return out;
    }
}
