package org.hutch.azint.calibration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A calibrant: its name and its d-spacings in ångström, largest first. The built-in ones are
 * generated from their crystal cells (the same cells pyFAI's calibrant files state); any other is
 * read from a file in pyFAI's {@code .D} format: one d-spacing (Å) per line as the first number,
 * text after {@code #} ignored.
 */
public final class Calibrant {
    /** Smallest d-spacing generated for the built-in calibrants: 2θ = 180° at λ = 0.4 Å. */
    private static final double D_MIN = 0.2;
    private static final Map<String, Calibrant> BUILT_IN = new LinkedHashMap<>();

    static {
        // cells as in pyFAI's calibrant files (NIST SRM where there is one)
        add(new Calibrant("CeO2", Lattice.cubic(Lattice.Centring.F, 5.411651).dSpacings(D_MIN), "NIST SRM 674b, a = 5.411651 Å, Fm-3m"));
        add(new Calibrant("LaB6", Lattice.cubic(Lattice.Centring.P, 4.156826).dSpacings(D_MIN), "NIST SRM 660c, a = 4.156826 Å, Pm-3m"));
        add(new Calibrant("Si", Lattice.cubic(Lattice.Centring.DIAMOND, 5.431195).dSpacings(D_MIN), "NIST SRM 640c, a = 5.431195 Å, Fd-3m"));
        add(new Calibrant("Al2O3", Lattice.corundum(4.7570, 12.9877).dSpacings(D_MIN), "corundum, a = 4.7570 Å, c = 12.9877 Å, R-3c"));
        add(new Calibrant("Cr2O3", Lattice.corundum(4.958979, 13.59592).dSpacings(D_MIN), "eskolaite (NIST SRM 674b), a = 4.958979 Å, c = 13.59592 Å, R-3c"));
        add(new Calibrant("AgBh", Lattice.lamellar(58.380).dSpacings(1.0), "silver behenate, d001 = 58.380 Å"));
        add(new Calibrant("Au", Lattice.cubic(Lattice.Centring.F, 4.0782).dSpacings(D_MIN), "gold, a = 4.0782 Å, Fm-3m"));
    }

    private final String name;
    private final double[] dSpacings;
    private final String description;

    /** @param dSpacings in ångström, any order; sorted largest first, duplicates (within 1e-9 relative) merged */
    public Calibrant(String name, double[] dSpacings, String description) {
        if (dSpacings.length == 0) {
            throw new IllegalArgumentException("calibrant " + name + " has no d-spacing");
        }
        double[] d = dSpacings.clone();
        Arrays.sort(d);
        List<Double> out = new ArrayList<>();
        for (int i = d.length - 1; i >= 0; i--) {
            if (!(d[i] > 0) || !Double.isFinite(d[i])) {
                throw new IllegalArgumentException("calibrant " + name + ": d-spacing " + d[i] + " is not a positive number");
            }
            if (out.isEmpty() || Math.abs(out.get(out.size() - 1) - d[i]) > 1e-9 * d[i]) {
                out.add(d[i]);
            }
        }
        this.name = name;
        this.dSpacings = out.stream().mapToDouble(Double::doubleValue).toArray();
        this.description = description;
    }

    private static void add(Calibrant c) {
        BUILT_IN.put(c.name.toLowerCase(Locale.ROOT), c);
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    /** d-spacings in ångström, largest first. */
    public double[] dSpacings() {
        return dSpacings.clone();
    }

    /**
     * 2θ (radians) of the rings a wavelength can reach (d &gt; λ/2), smallest first.
     *
     * @param wavelength in metres, as in a PONI file
     */
    public double[] tth(double wavelength) {
        if (!(wavelength > 0)) {
            throw new IllegalArgumentException("the wavelength must be positive, got " + wavelength);
        }
        double lambda = wavelength * 1e10;
        return Arrays.stream(dSpacings).filter(d -> d > lambda / 2).map(d -> 2 * Math.asin(lambda / (2 * d))).toArray();
    }

    /** The built-in calibrant of that name (case-insensitive), if any. */
    public static Optional<Calibrant> byName(String name) {
        return Optional.ofNullable(BUILT_IN.get(name.toLowerCase(Locale.ROOT)));
    }

    public static List<String> names() {
        return BUILT_IN.values().stream().map(Calibrant::name).toList();
    }

    /** A built-in calibrant by name, or else a pyFAI {@code .D} file at that path. */
    public static Calibrant resolve(String nameOrFile) throws IOException {
        Optional<Calibrant> c = byName(nameOrFile);
        if (c.isPresent()) {
            return c.get();
        }
        Path p = Path.of(nameOrFile);
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("unknown calibrant '" + nameOrFile + "': neither one of "
                    + String.join(", ", names()) + " nor a .D file");
        }
        return read(p);
    }

    /** Reads a pyFAI {@code .D} file: the first number of each line is a d-spacing in Å; {@code #} starts a comment. */
    public static Calibrant read(Path file) throws IOException {
        String name = file.getFileName().toString().replaceFirst("(?i)\\.d$", "");
        try {
            return parse(name, Files.readString(file, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Parses the text of a {@code .D} file. */
    public static Calibrant parse(String name, String text) {
        List<Double> d = new ArrayList<>();
        String[] lines = text.split("\\R");
        String description = "";
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            int hash = line.indexOf('#');
            if (hash >= 0) {
                if (description.isEmpty() && line.strip().startsWith("# Calibrant:")) {
                    description = line.strip().substring("# Calibrant:".length()).strip();
                }
                line = line.substring(0, hash);
            }
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            String first = line.split("[\\s,]+")[0];
            try {
                d.add(Double.parseDouble(first));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("line " + (n + 1) + ": '" + first + "' is not a d-spacing");
            }
        }
        if (d.isEmpty()) {
            throw new IllegalArgumentException("no d-spacing in the file");
        }
        return new Calibrant(name, d.stream().mapToDouble(Double::doubleValue).toArray(), description);
    }

    /** This calibrant in pyFAI's {@code .D} format. */
    public String format() {
        StringBuilder b = new StringBuilder("# Calibrant: ").append(description.isEmpty() ? name : description).append('\n');
        b.append("# d_spacing (Å)\n");
        for (double d : dSpacings) {
            b.append(String.format(Locale.ROOT, "%12.8f%n", d));
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return name;
    }
}
