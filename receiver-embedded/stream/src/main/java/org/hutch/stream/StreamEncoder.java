package org.hutch.stream;

import java.util.List;

/** Turns a {@link StreamMessage} into the parts of one ZeroMQ multipart message (senders, forwarder). */
public interface StreamEncoder {

    List<byte[]> encode(StreamMessage message);
}
