package org.hutch.stream;

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
}
