package org.hutch.receiver.collect;

import org.hutch.stream.Frame;
import org.hutch.stream.SeriesEnd;
import org.hutch.stream.SeriesStart;
import org.hutch.stream.StreamFormat;
import org.hutch.stream.StreamMessage;

/**
 * Something a worker handed to the collector with a known position ({@code msgNumber}): a decoded
 * message, or a message whose header was readable but whose content was refused (it still occupies
 * its place in the order, so the collector need not wait for it).
 */
public sealed interface Arrival {

    long msgNumber();

    /** Bytes it holds (the blob), for memory accounting. */
    long bytes();

    /**
     * A decoded message.
     *
     * @param format the wire format it came in (decides whether its number is the sender's or derived)
     */
    record Message(StreamMessage message, StreamFormat format) implements Arrival {
        @Override
        public long msgNumber() {
            return message.msgNumber();
        }

        @Override
        public long bytes() {
            return message instanceof Frame f ? f.blob().remaining() : 0;
        }

        boolean isStart() {
            return message instanceof SeriesStart;
        }

        boolean isEnd() {
            return message instanceof SeriesEnd;
        }
    }

    /** A frame whose header was read but whose content is refused; {@code reason} says why. */
    record Rejected(long msgNumber, long frame, String reason) implements Arrival {
        @Override
        public long bytes() {
            return 0;
        }
    }
}
