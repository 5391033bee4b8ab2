package org.hutch.detector;

/**
 * The one error type of the detector SPI. Its message is written for a beamline user: it says what
 * went wrong and, where possible, what to do about it (for example
 * {@code "cannot bind tcp://127.0.0.1:9999: address already in use; choose another port"}).
 */
public class DetectorException extends Exception {
    private static final long serialVersionUID = 1L;

    public DetectorException(String message) {
        super(message);
    }

    public DetectorException(String message, Throwable cause) {
        super(message, cause);
    }
}
