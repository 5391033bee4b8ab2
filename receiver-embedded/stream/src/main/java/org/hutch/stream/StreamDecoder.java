package org.hutch.stream;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the parts of one ZeroMQ multipart message into a {@link StreamMessage}. One decoder per
 * PULL worker: implementations may keep per-series state (DECTRIS V1 derives msg numbers) and
 * are not thread-safe.
 */
public interface StreamDecoder {

    /**
     * @param parts the message parts as received
     * @return the decoded message, or {@code null} for a message that is legal but carries nothing to keep
     * @throws StreamFormatException with a clear reason for a malformed message
     */
    StreamMessage decode(List<byte[]> parts) throws StreamFormatException;

    /**
     * Decodes parts that arrived in buffers (a receive into pooled native memory). A decoder that can keep
     * a frame's blob as the received buffer itself (no copy) overrides this; by default the parts are
     * copied to arrays, so the blob never shares the buffers' memory.
     *
     * @param parts the message parts, each from position 0 to its limit; not modified
     */
    default StreamMessage decodeBuffers(List<ByteBuffer> parts) throws StreamFormatException {
        List<byte[]> arrays = new ArrayList<>(parts.size());
        for (ByteBuffer b : parts) {
            arrays.add(Blobs.bytes(b.duplicate()));
        }
        return decode(arrays);
    }
}
