package org.hutch.azint.calibration.phase;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reflections a structure's atoms cancel: from a CIF's symmetry operations and atom sites, every atom of
 * the cell, and a reflection is absent where its structure factor is zero. Each atom scatters by its atomic
 * number (times its occupancy), which finds the zeros the symmetry makes (diamond's 222 and 442, from atoms on
 * special positions) without form factors; intensities are not estimated.
 */
final class SiteAbsences implements HklFilter {
    private static final String ELEMENTS = "H He Li Be B C N O F Ne Na Mg Al Si P S Cl Ar K Ca Sc Ti V Cr Mn Fe Co Ni Cu "
            + "Zn Ga Ge As Se Br Kr Rb Sr Y Zr Nb Mo Tc Ru Rh Pd Ag Cd In Sn Sb Te I Xe Cs Ba La Ce Pr Nd Pm Sm Eu Gd Tb "
            + "Dy Ho Er Tm Yb Lu Hf Ta W Re Os Ir Pt Au Hg Tl Pb Bi Po At Rn Fr Ra Ac Th Pa U Np Pu Am Cm Bk Cf Es Fm";
    private static final List<String> Z = List.of(ELEMENTS.split(" "));
    private static final Pattern ELEMENT = Pattern.compile("^([A-Z][a-z]?)");
    private static final Pattern TERM = Pattern.compile("([+-]?)(\\d+(?:\\.\\d*)?(?:/\\d+)?|\\.\\d+|[xyz])");
    /** A reflection is absent below this fraction of the largest possible |F|². */
    private static final double ZERO = 1e-10;

    /** x, y, z (fractional) and the weight of each atom of the cell. */
    private final double[][] atoms;
    private final double total;

    private SiteAbsences(double[][] atoms) {
        this.atoms = atoms;
        double t = 0;
        for (double[] a : atoms) {
            t += a[3];
        }
        this.total = t;
    }

    @Override
    public boolean allows(int h, int k, int l) {
        double re = 0;
        double im = 0;
        for (double[] a : atoms) {
            double phase = 2 * Math.PI * (h * a[0] + k * a[1] + l * a[2]);
            re += a[3] * Math.cos(phase);
            im += a[3] * Math.sin(phase);
        }
        return re * re + im * im > ZERO * total * total;
    }

    /**
     * The absences of the CIF's structure, when it lists its symmetry operations and atom sites (fractional
     * coordinates and an element); empty when it lacks either, or when one of them cannot be read.
     */
    static Optional<SiteAbsences> of(String cif, char centring) {
        List<double[][]> ops = null;
        List<double[]> sites = null;
        for (CifLoops.Loop loop : CifLoops.read(cif)) {
            Optional<Integer> xyz = loop.column("_space_group_symop_operation_xyz", "_symmetry_equiv_pos_as_xyz");
            if (xyz.isPresent()) {
                ops = new ArrayList<>();
                for (List<String> row : loop.rows()) {
                    double[][] op = operation(row.get(xyz.get()));
                    if (op == null) {
                        return Optional.empty();
                    }
                    ops.add(op);
                }
            }
            Optional<Integer> x = loop.column("_atom_site_fract_x");
            if (x.isPresent()) {
                sites = sites(loop, x.get());
                if (sites == null) {
                    return Optional.empty();
                }
            }
        }
        if (ops == null || ops.isEmpty() || sites == null || sites.isEmpty()) {
            return Optional.empty();
        }
        List<double[]> atoms = new ArrayList<>();
        for (double[] site : sites) {
            for (double[][] op : ops) {
                for (double[] shift : centringShifts(centring)) {
                    double[] p = new double[4];
                    for (int i = 0; i < 3; i++) {
                        p[i] = wrap(op[i][0] * site[0] + op[i][1] * site[1] + op[i][2] * site[2] + op[i][3] + shift[i]);
                    }
                    p[3] = site[3];
                    if (atoms.stream().noneMatch(q -> q[3] == p[3] && same(q, p))) {
                        atoms.add(p);
                    }
                }
            }
        }
        return Optional.of(new SiteAbsences(atoms.toArray(double[][]::new)));
    }

    /** x, y, z and the weight (atomic number times occupancy) of each site; null if one cannot be read. */
    private static List<double[]> sites(CifLoops.Loop loop, int x) {
        int y = loop.column("_atom_site_fract_y").orElse(-1);
        int z = loop.column("_atom_site_fract_z").orElse(-1);
        int type = loop.column("_atom_site_type_symbol", "_atom_site_label").orElse(-1);
        int occupancy = loop.column("_atom_site_occupancy").orElse(-1);
        if (y < 0 || z < 0 || type < 0) {
            return null;
        }
        List<double[]> out = new ArrayList<>();
        for (List<String> row : loop.rows()) {
            Matcher element = ELEMENT.matcher(row.get(type));
            int number = 0;
            if (element.find()) {
                number = Z.indexOf(element.group(1)) + 1;
                if (number == 0) { // a label such as "Oa1": its first letter
                    number = Z.indexOf(element.group(1).substring(0, 1)) + 1;
                }
            }
            if (number == 0) {
                return null;
            }
            try {
                double occ = occupancy < 0 ? 1 : number(row.get(occupancy));
                out.add(new double[] {number(row.get(x)), number(row.get(y)), number(row.get(z)), number * occ});
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return out;
    }

    /** "-x+1/2, y, z+1/4" as rows (coefficients of x, y, z; translation); null if it is not such a triple. */
    static double[][] operation(String text) {
        String[] parts = text.toLowerCase(Locale.ROOT).replace(" ", "").split(",");
        if (parts.length != 3) {
            return null;
        }
        double[][] op = new double[3][4];
        for (int i = 0; i < 3; i++) {
            Matcher m = TERM.matcher(parts[i]);
            int end = 0;
            while (m.find() && m.start() == end) {
                if (end > 0 && m.group(1).isEmpty()) {
                    return null; // "2y": a coefficient, which no operation of a space group in its cell has
                }
                double sign = m.group(1).equals("-") ? -1 : 1;
                String t = m.group(2);
                switch (t) {
                    case "x" -> op[i][0] += sign;
                    case "y" -> op[i][1] += sign;
                    case "z" -> op[i][2] += sign;
                    default -> op[i][3] += sign * fraction(t);
                }
                end = m.end();
            }
            if (end != parts[i].length() || end == 0) {
                return null;
            }
        }
        return op;
    }

    private static double fraction(String t) {
        int slash = t.indexOf('/');
        return slash < 0 ? Double.parseDouble(t)
                : Double.parseDouble(t.substring(0, slash)) / Double.parseDouble(t.substring(slash + 1));
    }

    private static double number(String v) {
        return Double.parseDouble(v.replaceAll("\\(.*\\)", ""));
    }

    /** The lattice translations of the centring (CIFs list them among the operations or leave them to the symbol). */
    private static double[][] centringShifts(char centring) {
        double h = 0.5;
        return switch (centring) {
            case 'I' -> new double[][] {{0, 0, 0}, {h, h, h}};
            case 'F' -> new double[][] {{0, 0, 0}, {0, h, h}, {h, 0, h}, {h, h, 0}};
            case 'C' -> new double[][] {{0, 0, 0}, {h, h, 0}};
            case 'A' -> new double[][] {{0, 0, 0}, {0, h, h}};
            case 'B' -> new double[][] {{0, 0, 0}, {h, 0, h}};
            case 'R' -> new double[][] {{0, 0, 0}, {2 / 3.0, 1 / 3.0, 1 / 3.0}, {1 / 3.0, 2 / 3.0, 2 / 3.0}};
            default -> new double[][] {{0, 0, 0}};
        };
    }

    private static double wrap(double v) {
        double w = v - Math.floor(v);
        return w > 1 - 1e-6 ? 0 : w;
    }

    private static boolean same(double[] a, double[] b) {
        for (int i = 0; i < 3; i++) {
            double d = Math.abs(a[i] - b[i]);
            if (Math.min(d, 1 - d) > 1e-4) {
                return false;
            }
        }
        return true;
    }
}
