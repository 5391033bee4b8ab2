package org.hutch.detector.simulator;

import java.util.ArrayList;
import java.util.List;
import org.hutch.stream.StreamDecoder;
import org.hutch.stream.StreamDecoders;
import org.hutch.stream.StreamFormat;
import org.hutch.stream.StreamFormatException;
import org.hutch.stream.PullWakeup;
import org.hutch.stream.StreamMessage;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A real PULL socket connected to a detector's stream, decoding what arrives. Used by one test thread.
 *
 * <p>Receives go through {@link PullWakeup#recv}, which nudges the socket while it waits: jeromq 0.6.0
 * now and then leaves a new connection unstarted (see {@link PullWakeup}).
 */
final class StreamCapture implements AutoCloseable {
    private static final ZContext SHARED = new ZContext(1);
    private final ZMQ.Socket pull;
    private final StreamDecoder decoder;

    /** A decoded message, or the reason it could not be decoded. */
    record Received(StreamMessage message, StreamFormatException error, List<byte[]> parts) {
    }

    StreamCapture(String endpoint, StreamFormat format) {
        pull = SHARED.createSocket(SocketType.PULL);
        pull.connect(endpoint);
        decoder = StreamDecoders.forFormat(format);
    }

    StreamCapture(String endpoint) {
        this(endpoint, StreamFormat.STINS);
    }

    /** The next message, or null if none arrives within the timeout. */
    Received next(int timeoutMs) {
        byte[] first = PullWakeup.recv(pull, timeoutMs);
        if (first == null) {
            return null;
        }
        List<byte[]> parts = new ArrayList<>();
        parts.add(first);
        while (pull.hasReceiveMore()) {
            parts.add(pull.recv());
        }
        try {
            return new Received(decoder.decode(parts), null, parts);
        } catch (StreamFormatException e) {
            return new Received(null, e, parts);
        }
    }

    /** The next message, which must decode. */
    StreamMessage message(int timeoutMs) {
        Received r = next(timeoutMs);
        if (r == null) {
            throw new AssertionError("no message within " + timeoutMs + " ms");
        }
        if (r.error() != null) {
            throw new AssertionError("undecodable message: " + r.error().getMessage(), r.error());
        }
        return r.message();
    }

    /** Messages until nothing arrives for {@code quietMs}; at most {@code max}. */
    List<Received> drain(int quietMs, int max) {
        List<Received> out = new ArrayList<>();
        Received r;
        while (out.size() < max && (r = next(quietMs)) != null) {
            out.add(r);
        }
        return out;
    }

    @Override
    public void close() {
        pull.close();
    }
}
