package org.hutch.azint.calibration.phase;

/** Which reflections (h k l) a phase shows, beyond what its lattice centring allows. */
@FunctionalInterface
public interface HklFilter {
    /** Every reflection. */
    HklFilter ALL = (h, k, l) -> true;

    boolean allows(int h, int k, int l);

    default HklFilter and(HklFilter other) {
        return (h, k, l) -> allows(h, k, l) && other.allows(h, k, l);
    }
}
