package org.hutch.detector.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Cubic powder calibrants: the q positions of their first reflections, from the lattice constant and the
 * reflection conditions of the lattice (d = a / sqrt(h^2 + k^2 + l^2), q = 2 pi / d).
 */
public enum Calibrant {
    /** LaB6, primitive cubic, a = 4.15689 A (NIST SRM 660c): every (hkl) */
    LAB6("LaB6", 4.15689),
    /** CeO2, face-centred cubic, a = 5.41165 A (NIST SRM 674b): h, k, l all even or all odd */
    CEO2("CeO2", 5.41165),
    /** Si, diamond cubic, a = 5.431179 A (NIST SRM 640e): all odd, or all even with h + k + l = 4n */
    SI("Si", 5.431179);

    private final String label;
    private final double latticeAngstrom;

    Calibrant(String label, double latticeAngstrom) {
        this.label = label;
        this.latticeAngstrom = latticeAngstrom;
    }

    public String label() {
        return label;
    }

    /** The q of the first {@code n} distinct reflections, in nm^-1, ascending. */
    public double[] peaksQNm(int n) {
        TreeSet<Integer> squares = new TreeSet<>();
        int limit = 12;
        for (int h = 0; h <= limit; h++) {
            for (int k = 0; k <= h; k++) {
                for (int l = 0; l <= k; l++) {
                    if (h + k + l > 0 && allowed(h, k, l)) {
                        squares.add(h * h + k * k + l * l);
                    }
                }
            }
        }
        List<Double> q = new ArrayList<>();
        for (int s : squares) {
            if (q.size() == n) {
                break;
            }
            q.add(2 * Math.PI * Math.sqrt(s) / (latticeAngstrom / 10));
        }
        return q.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private boolean allowed(int h, int k, int l) {
        boolean allEven = h % 2 == 0 && k % 2 == 0 && l % 2 == 0;
        boolean allOdd = h % 2 == 1 && k % 2 == 1 && l % 2 == 1;
        switch (this) {
            case CEO2:
                return allEven || allOdd;
            case SI:
                return allOdd || (allEven && (h + k + l) % 4 == 0);
            default:
                return true;
        }
    }

    /** @throws IllegalArgumentException naming the known calibrants */
    public static Calibrant fromName(String name) {
        for (Calibrant c : values()) {
            if (c.label.equalsIgnoreCase(name.trim()) || c.name().equalsIgnoreCase(name.trim())) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown calibrant '" + name + "' (expected LaB6, CeO2 or Si)");
    }

    @Override
    public String toString() {
        return label;
    }
}
