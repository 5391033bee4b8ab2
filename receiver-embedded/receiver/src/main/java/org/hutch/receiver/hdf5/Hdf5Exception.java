package org.hutch.receiver.hdf5;

/** An HDF5 call failed; the message says which and, where known, why. */
public class Hdf5Exception extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Hdf5Exception(String message) {
        super(message);
    }
}
