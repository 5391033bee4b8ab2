package org.hutch.stream;

/** A message that cannot be decoded; the message says what was wrong, in words a user can act on. */
public class StreamFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public StreamFormatException(String message) {
        super(message);
    }

    public StreamFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
