package org.hutch.codec.pickle;

import org.hutch.codec.CodecException;

/** A pickle that cannot be read: malformed, truncated, or using something this reader does not allow. */
public class PickleException extends CodecException {
    private static final long serialVersionUID = 1L;

    public PickleException(String message) {
        super(message);
    }
}
