package org.hutch.app.corrections;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.hutch.model.curve.RadialUnit;

/**
 * Reads a 1D curve for background subtraction: two or more columns (radial, intensity, ...), split by
 * white space or commas, as Dioptas and pyFAI write {@code .xy} and {@code .dat}, Fit2D {@code .chi}
 * (four header lines: title, x label, y label, count) and CSV. Lines starting with '#' and lines that do
 * not start with two numbers are headers; the unit is taken from them (pyFAI's names, or Fit2D's
 * "2-Theta"), else it is the one the caller expects.
 */
public final class CurveFiles {

    /** A curve read from a file: radial increasing. */
    public record Read(double[] radial, double[] intensity, RadialUnit unit, boolean unitFromFile) {
    }

    private CurveFiles() {
    }

    public static Read read(Path file, RadialUnit expected) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        List<double[]> points = new ArrayList<>();
        RadialUnit unit = null;
        int lineNo = 0;
        for (String line : lines) {
            lineNo++;
            String t = line.strip();
            if (t.isEmpty()) {
                continue;
            }
            double[] p = t.startsWith("#") ? null : twoNumbers(t);
            boolean fit2dCount = file.toString().toLowerCase(Locale.ROOT).endsWith(".chi") && lineNo <= 4;
            if (p == null || fit2dCount) {
                if (points.isEmpty() && unit == null) {
                    unit = unitIn(t);
                }
                if (p == null && !points.isEmpty() && !t.startsWith("#")) {
                    throw new IOException(file.getFileName() + " line " + lineNo + ": not two numbers: " + t);
                }
                continue;
            }
            points.add(p);
        }
        if (points.size() < 2) {
            throw new IOException(file.getFileName() + " holds " + points.size() + " data points; a background curve needs at least 2");
        }
        if (points.get(0)[0] > points.get(points.size() - 1)[0]) {
            java.util.Collections.reverse(points);
        }
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = points.get(i)[0];
            y[i] = points.get(i)[1];
            if (i > 0 && !(x[i] > x[i - 1])) {
                throw new IOException(file.getFileName() + ": the radial column is not increasing at point " + (i + 1)
                        + " (" + x[i - 1] + ", then " + x[i] + ")");
            }
        }
        return new Read(x, y, unit != null ? unit : expected, unit != null);
    }

    private static double[] twoNumbers(String line) {
        String[] parts = line.split("[\\s,;]+");
        if (parts.length < 2) {
            return null;
        }
        try {
            double a = Double.parseDouble(parts[0]);
            double b = Double.parseDouble(parts[1]);
            return Double.isFinite(a) && Double.isFinite(b) ? new double[] {a, b} : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The radial unit a header line names, or null. */
    static RadialUnit unitIn(String header) {
        String h = header.toLowerCase(Locale.ROOT);
        if (h.contains("q_a") || h.contains("\u00c5") || h.contains("q_a^-1")) {
            return RadialUnit.Q_A;
        }
        if (h.contains("q_nm") || h.contains("nm^-1") || h.contains("nm-1")) {
            return RadialUnit.Q_NM;
        }
        if (h.contains("2th") || h.contains("2-theta") || h.contains("2theta") || h.contains("two_theta")) {
            return RadialUnit.TTH_DEG;
        }
        return null;
    }
}
