package org.hutch.azint;

/** A PONI file that cannot be used: missing, malformed, contradictory or unsupported keys. */
public class PoniFormatException extends IllegalArgumentException {
    public PoniFormatException(String message) {
        super(message);
    }
}
