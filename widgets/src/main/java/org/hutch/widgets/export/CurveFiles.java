package org.hutch.widgets.export;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hutch.model.curve.RadialUnit;
import org.hutch.widgets.plot.Curve;

/**
 * Writes a 1D curve in the layouts Dioptas writes ({@link CurveFormat}), with a header holding the PONI, the mask
 * file and its hash, the unit and the frame: as '#' comment lines in .xy, .dat and .fxye, on the title line in
 * .chi (Fit2D's four header lines take no comments); and reads such curves back (two or more columns, split by
 * white space or commas, as Dioptas and pyFAI write {@code .xy} and {@code .dat}, Fit2D {@code .chi} and CSV; lines
 * starting with '#' and lines that do not start with two numbers are headers, and the unit is taken from them,
 * pyFAI's names or Fit2D's "2-Theta", else it is the one the caller expects). No JavaFX: callable from any thread.
 */
public final class CurveFiles {

    private CurveFiles() {
    }

    /**
     * Writes {@code curve} to {@code file} in {@code format}, its x in {@code unit} (2θ for .fxye whatever the unit).
     *
     * @throws IllegalArgumentException when the x values cannot be given in the unit the format needs (2θ from q
     *     without a wavelength); nothing is written then
     */
    public static void write(Curve curve, RadialUnit unit, CurveHeader header, CurveFormat format, Path file)
            throws IOException {
        RadialUnit u = format == CurveFormat.FXYE ? RadialUnit.TTH_DEG : unit;
        if (!curve.convertibleTo(u)) {
            throw new IllegalArgumentException(format == CurveFormat.FXYE
                    ? "GSAS .fxye needs 2θ, and this curve is in " + curve.unit().pyfaiName()
                    + " without a wavelength: load a PONI (it holds the wavelength), or export .xy, .chi or .dat"
                    : "cannot give this curve in " + u.pyfaiName() + " without a wavelength: load a PONI");
        }
        double[] x = curve.xIn(u);
        List<String> lines = switch (format) {
            case XY, DAT -> columns(curve, x, u, header);
            case CHI -> chi(curve, x, u, header);
            case FXYE -> fxye(curve, x, header);
        };
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (String line : lines) {
                w.write(line);
                w.write('\n');
            }
        }
    }

    /** The header as comment lines (without the '#'): source, frame, series, unit, mask, then the PONI's lines. */
    static List<String> headerLines(CurveHeader h, RadialUnit u) {
        List<String> out = new ArrayList<>();
        out.add("hutch azimuthal integration");
        out.add("frame: " + h.frame());
        out.add("series: " + h.series());
        out.add("unit: " + u.pyfaiName());
        out.add("mask: " + h.maskFile() + (h.maskSha256().isEmpty() ? "" : " (sha256 " + h.maskSha256() + ")"));
        out.add("poni: " + h.poniFile());
        for (String line : h.poniText().split("\n")) {
            if (!line.isBlank()) {
                out.add("  " + line.strip());
            }
        }
        return out;
    }

    private static List<String> columns(Curve c, double[] x, RadialUnit u, CurveHeader h) {
        List<String> out = new ArrayList<>();
        headerLines(h, u).forEach(l -> out.add("# " + l));
        out.add("# " + u.pyfaiName() + "  I" + (c.hasSigma() ? "  sigma" : ""));
        for (int i = 0; i < x.length; i++) {
            out.add(e9(x[i]) + "  " + e9(c.y()[i]) + (c.hasSigma() ? "  " + e9(c.sigma()[i]) : ""));
        }
        return out;
    }

    private static List<String> chi(Curve c, double[] x, RadialUnit u, CurveHeader h) {
        List<String> out = new ArrayList<>();
        out.add(oneLine("hutch frame " + h.frame() + "; series " + h.series() + "; poni " + h.poniFile() + "; mask "
                + h.maskFile() + (h.maskSha256().isEmpty() ? "" : " sha256 " + h.maskSha256()) + "; unit " + u.pyfaiName()));
        out.add(chiAxis(u));
        out.add("Intensity");
        out.add(String.format(Locale.ROOT, "%14d", x.length));
        for (int i = 0; i < x.length; i++) {
            out.add(" " + e7(x[i]) + "  " + e7(c.y()[i]));
        }
        return out;
    }

    /** Fit2D's axis names. */
    static String chiAxis(RadialUnit u) {
        return switch (u) {
            case TTH_DEG -> "2-Theta Angle (Degrees)";
            case Q_NM -> "Q (nm^-1)";
            case Q_A -> "Q (Angstrom^-1)";
        };
    }

    private static List<String> fxye(Curve c, double[] tth, CurveHeader h) {
        List<String> out = new ArrayList<>();
        String title = "hutch frame " + h.frame() + " " + h.series();
        out.add(title.length() > 80 ? title.substring(0, 80) : title);
        headerLines(h, RadialUnit.TTH_DEG).forEach(l -> out.add("# " + l));
        int n = tth.length;
        double start = 100 * tth[0];
        double step = n > 1 ? 100 * (tth[n - 1] - tth[0]) / (n - 1) : 0;
        out.add(String.format(Locale.ROOT, "BANK 1 %d %d CONS %.4f %.6f 0 0 FXYE", n, n, start, step));
        for (int i = 0; i < n; i++) {
            double y = c.y()[i];
            // GSAS needs a positive error; without sigma the counting error sqrt(I), at least 1
            double e = c.hasSigma() && c.sigma()[i] > 0 ? c.sigma()[i] : Math.max(1, Math.sqrt(Math.abs(y)));
            out.add(String.format(Locale.ROOT, "%15.6f %15.6g %15.6g", 100 * tth[i], y, e));
        }
        return out;
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ');
    }

    private static String e9(double v) {
        return String.format(Locale.ROOT, "%.9e", v);
    }

    private static String e7(double v) {
        return String.format(Locale.ROOT, "%.7e", v);
    }

    /** A curve read from a file: radial increasing. */
    public record Read(double[] radial, double[] intensity, RadialUnit unit, boolean unitFromFile) {
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
