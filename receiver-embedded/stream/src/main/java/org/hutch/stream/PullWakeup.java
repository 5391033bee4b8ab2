package org.hutch.stream;

import org.zeromq.ZMQ;

/**
 * Works around a lost wake-up in jeromq 0.6.0 on the connecting (PULL) side: now and then (about 1 to 10 in
 * 100 new connections on a loaded 2-core machine) a connection is established at the TCP level but its
 * engine is never started, so nothing is received, until the socket's I/O thread gets another command.
 * Connecting to and disconnecting from a dummy endpoint is such a command; call {@link #poke} from the
 * socket's own thread whenever a receive times out. Harmless when nothing is stuck.
 */
public final class PullWakeup {
    /** nothing listens on port 1; the connection attempt is dropped at once by the disconnect */
    private static final String DUMMY = "tcp://127.0.0.1:1";
    /** how long {@link #recv} waits between nudges */
    private static final int SLICE_MS = 200;

    private PullWakeup() {
    }

    /**
     * Receives one message part, waiting at most {@code timeoutMs} in short slices and nudging the socket
     * between them. Call only from the thread that owns the socket; its receive timeout is restored.
     *
     * @return the part, or {@code null} when nothing arrived in time
     */
    public static byte[] recv(ZMQ.Socket socket, long timeoutMs) {
        int previous = socket.getReceiveTimeOut();
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        try {
            socket.setReceiveTimeOut(SLICE_MS);
            while (true) {
                byte[] part = socket.recv(0);
                if (part != null || System.nanoTime() >= deadline) {
                    return part;
                }
                poke(socket);
            }
        } finally {
            socket.setReceiveTimeOut(previous);
        }
    }

    /** Nudges the socket's I/O thread. Call only from the thread that owns the socket. */
    public static void poke(ZMQ.Socket socket) {
        if (socket.connect(DUMMY)) {
            socket.disconnect(DUMMY);
        }
    }
}
