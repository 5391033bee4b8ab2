package org.hutch.codec;

/** Compressed data that cannot be decoded; the message says what is wrong with it. */
public class CodecException extends Exception {
    private static final long serialVersionUID = 1L;

    public CodecException(String message) {
        super(message);
    }

    public CodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
