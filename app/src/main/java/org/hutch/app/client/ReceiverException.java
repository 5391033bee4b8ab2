package org.hutch.app.client;

/** A receiver could not be reached or answered something unusable; the message says what to do. */
public class ReceiverException extends Exception {
    private static final long serialVersionUID = 1L;

    public ReceiverException(String message) {
        super(message);
    }

    public ReceiverException(String message, Throwable cause) {
        super(message, cause);
    }
}
