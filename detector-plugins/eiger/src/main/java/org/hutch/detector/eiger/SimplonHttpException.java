package org.hutch.detector.eiger;

import org.hutch.detector.DetectorException;

/** The DCU answered with an HTTP error status; the message carries the DCU's own text. */
public final class SimplonHttpException extends DetectorException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public SimplonHttpException(String message, int status) {
        super(message);
        this.status = status;
    }

    /** The HTTP status code, for example 400 or 500. */
    public int status() {
        return status;
    }
}
