package org.hutch.azint.calibration.phase;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Phases from files: Dioptas's JCPDS ({@code VERSION:} keyword files, version 4 and the others
 * Dioptas reads the same way, and the older fixed-format version 1) and CIF (cell parameters, the space
 * group's lattice centring, glide and screw absences, and the absences of the atom sites when listed;
 * reflections generated down to a d-spacing). No Java CIF library fits: the Maven Central ones read
 * macromolecular mmCIF (ciftools-java) or come with a whole chemistry toolkit (CDK), and only a few tags
 * and two loops are needed here.
 */
public final class PhaseFiles {
    /** Generated CIF reflections stop at this d-spacing (Å). */
    public static final double CIF_D_MIN = 0.8;

    private PhaseFiles() {
    }

    /** A .jcpds or .cif file, by its extension. */
    public static Phase read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        String name = file.getFileName().toString();
        String base = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
        try {
            if (name.toLowerCase(Locale.ROOT).endsWith(".cif")) {
                return parseCif(base, text, CIF_D_MIN);
            }
            return parseJcpds(base, text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** A JCPDS file; {@code fallbackName} names the phase when the file has no comment. */
    public static Phase parseJcpds(String fallbackName, String text) {
        String[] lines = text.split("\\R");
        if (lines.length == 0 || !lines[0].strip().toUpperCase(Locale.ROOT).startsWith("VERSION:")) {
            return parseJcpdsVersion1(fallbackName, lines);
        }
        Map<String, Double> v = new HashMap<>();
        String comment = null, symmetry = "CUBIC";
        List<double[]> lines5 = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String tag = line.substring(0, colon).strip().toUpperCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            switch (tag) {
                case "COMMENT" -> comment = comment == null ? value : comment;
                case "SYMMETRY" -> symmetry = value.toUpperCase(Locale.ROOT);
                case "DIFFRACTION" -> lines5.add(numbers(value, 5, i + 1));
                default -> {
                    try {
                        v.put(tag, Double.parseDouble(value));
                    } catch (NumberFormatException e) {
                        // VERSION, STATUS and the like: not needed for the lines
                    }
                }
            }
        }
        if (!v.containsKey("A")) {
            throw new IllegalArgumentException("JCPDS file without 'A:' (the cell edge)");
        }
        UnitCell cell = cell(symmetry, v.get("A"), v.getOrDefault("B", Double.NaN), v.getOrDefault("C", Double.NaN),
                v.getOrDefault("ALPHA", 90.0), v.getOrDefault("BETA", 90.0), v.getOrDefault("GAMMA", 90.0));
        String name = comment == null || comment.isBlank() ? fallbackName : comment;
        return new Phase(name, cell, reflections(cell, lines5), v.getOrDefault("K0", Double.NaN), v.getOrDefault("K0P", Double.NaN));
    }

    /** Version 1: a title line; "symmetry a0 K0 K0' c0/a0" (1 cubic, 2 hexagonal); a label line; rows "d I h k l". */
    private static Phase parseJcpdsVersion1(String fallbackName, String[] lines) {
        if (lines.length < 4) {
            throw new IllegalArgumentException("not a JCPDS file: no 'VERSION:' line and too short for the version 1 layout");
        }
        double[] p = numbers(lines[1].replace(',', ' '), 5, 2);
        double a = p[1], ca = p[4];
        UnitCell cell = switch ((int) p[0]) {
            case 1 -> UnitCell.cubic(a, 'P');
            case 2 -> new UnitCell(a, a, a * ca, 90, 90, 120, 'P');
            default -> throw new IllegalArgumentException("JCPDS version 1 symmetry code " + (int) p[0] + " (1 cubic, 2 hexagonal)");
        };
        List<double[]> rows = new ArrayList<>();
        for (int i = 3; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                rows.add(numbers(lines[i], 5, i + 1));
            }
        }
        String name = lines[0].isBlank() ? fallbackName : lines[0].strip();
        return new Phase(name, cell, reflections(cell, rows), p[2], p[3]);
    }

    /** The cell a JCPDS symmetry implies from the edges and angles given. */
    private static UnitCell cell(String symmetry, double a, double b, double c, double alpha, double beta, double gamma) {
        return switch (symmetry) {
            case "CUBIC" -> UnitCell.cubic(a, 'P');
            case "TETRAGONAL" -> new UnitCell(a, a, c, 90, 90, 90, 'P');
            case "HEXAGONAL", "TRIGONAL" -> new UnitCell(a, a, c, 90, 90, 120, 'P');
            case "RHOMBOHEDRAL" -> new UnitCell(a, a, a, alpha, alpha, alpha, 'P');
            case "ORTHORHOMBIC" -> new UnitCell(a, b, c, 90, 90, 90, 'P');
            case "MONOCLINIC" -> new UnitCell(a, b, c, 90, beta, 90, 'P');
            case "TRICLINIC" -> new UnitCell(a, b, c, alpha, beta, gamma, 'P');
            default -> throw new IllegalArgumentException("unknown JCPDS symmetry '" + symmetry + "'");
        };
    }

    /** The file's lines, d recomputed from the cell for indexed ones (as Dioptas does), in file order. */
    private static List<Reflection> reflections(UnitCell cell, List<double[]> rows) {
        List<Reflection> out = new ArrayList<>();
        for (double[] r : rows) {
            int h = (int) r[2], k = (int) r[3], l = (int) r[4];
            double d = h == 0 && k == 0 && l == 0 ? r[0] : cell.d(h, k, l);
            out.add(new Reflection(h, k, l, d, r[1]));
        }
        return out;
    }

    private static double[] numbers(String text, int count, int lineNumber) {
        String[] f = text.strip().split("\\s+");
        if (f.length < count) {
            throw new IllegalArgumentException("line " + lineNumber + ": expected " + count + " numbers, got '" + text.strip() + "'");
        }
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            try {
                out[i] = Double.parseDouble(f[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("line " + lineNumber + ": '" + f[i] + "' is not a number");
            }
        }
        return out;
    }

    /**
     * A CIF: the first data block's cell ({@code _cell_length_a} … {@code _cell_angle_gamma}, standard
     * uncertainties in brackets dropped) and the lattice centring from the first letter of the
     * Hermann-Mauguin symbol ({@code _space_group_name_H-M_alt} or {@code _symmetry_space_group_name_H-M});
     * R on rhombohedral axes counts as primitive. The symbol's glide planes and screw axes remove their
     * absences too ({@link ReflectionConditions}), and where the CIF lists its symmetry operations and atom
     * sites, so do the atoms' ({@link SiteAbsences}: diamond's 222).
     */
    public static Phase parseCif(String fallbackName, String text, double dMin) {
        Map<String, String> tags = new HashMap<>();
        String block = null;
        for (String raw : text.split("\\R")) {
            String line = raw.strip();
            if (line.startsWith("data_")) {
                if (block != null) {
                    break; // the first structure only
                }
                block = line.substring(5);
                continue;
            }
            if (!line.startsWith("_")) {
                continue;
            }
            String[] kv = line.split("\\s+", 2);
            if (kv.length == 2) {
                tags.putIfAbsent(kv[0].toLowerCase(Locale.ROOT), unquote(kv[1].strip()));
            }
        }
        double a = cifNumber(tags, "_cell_length_a"), b = cifNumber(tags, "_cell_length_b"), c = cifNumber(tags, "_cell_length_c");
        double al = cifNumber(tags, "_cell_angle_alpha"), be = cifNumber(tags, "_cell_angle_beta"), ga = cifNumber(tags, "_cell_angle_gamma");
        String hm = tags.getOrDefault("_space_group_name_h-m_alt", tags.get("_symmetry_space_group_name_h-m"));
        if (hm == null || hm.isBlank()) {
            throw new IllegalArgumentException("CIF without a space group symbol (_space_group_name_H-M_alt or _symmetry_space_group_name_H-M)");
        }
        char centring = Character.toUpperCase(hm.strip().charAt(0));
        if (centring == 'R' && Math.abs(ga - 120) > 1e-3) {
            centring = 'P';
        }
        UnitCell cell = new UnitCell(a, b, c, al, be, ga, centring);
        String name = tags.getOrDefault("_chemical_name_mineral", tags.getOrDefault("_chemical_formula_sum",
                block == null || block.isBlank() ? fallbackName : block));
        boolean rhombohedralAxes = centring == 'P' && Character.toUpperCase(hm.strip().charAt(0)) == 'R';
        HklFilter group = rhombohedralAxes ? HklFilter.ALL : ReflectionConditions.of(hm); // its directions are hexagonal
        HklFilter lines = SiteAbsences.of(text, centring).<HklFilter>map(group::and).orElse(group);
        return new Phase(name.isBlank() ? fallbackName : name, cell, cell.reflections(dMin, lines), Double.NaN, Double.NaN);
    }

    private static double cifNumber(Map<String, String> tags, String tag) {
        String v = tags.get(tag);
        if (v == null) {
            throw new IllegalArgumentException("CIF without " + tag);
        }
        try {
            return Double.parseDouble(v.replaceAll("\\(.*\\)", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("CIF " + tag + " '" + v + "' is not a number");
        }
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.charAt(0) == '\'' || v.charAt(0) == '"') && v.charAt(v.length() - 1) == v.charAt(0)) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }
}
