package org.hutch.detector;

/**
 * The detector spec or a plugin option is wrong (unknown plugin, unknown key, bad value, missing required value):
 * the user's input, not the detector, must change. A command line exits with its usage-error code for it.
 */
public class DetectorOptionException extends DetectorException {
    private static final long serialVersionUID = 1L;

    public DetectorOptionException(String message) {
        super(message);
    }
}
