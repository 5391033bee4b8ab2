package org.hutch.detector;

/**
 * Told about every state change of a {@link Detector}. It is called on a thread of the detector
 * (never the FX thread), in order, one call at a time; it must return quickly and must not call
 * blocking detector methods. A GUI hands the status to the FX thread with a coalescing hand-off.
 * Detectors keep this contract by publishing through a {@link StatusPublisher}.
 */
@FunctionalInterface
public interface DetectorStateListener {

    void stateChanged(DetectorStatus status);
}
