package org.hutch.azint.calibration.phase;

import java.util.ArrayList;
import java.util.List;

/**
 * The reflection conditions of a space group's glide planes and screw axes, read from its Hermann-Mauguin
 * symbol (standard settings: {@code P 4_2/m n m}, {@code P42/mnm}, {@code Fd-3m}, {@code P 1 21/c 1}, {@code R -3 c :H}).
 * Each symbol position stands for a symmetry direction (International Tables A, 2.2.4); a glide plane
 * perpendicular to direction u with glide vector g removes the reflections h with h·u = 0 and h·g not an
 * integer, and a screw axis n_s along a cell edge removes the reflections on that axis with index·s/n not an
 * integer. Equivalent directions follow from the crystal class's 3- or 4-fold axis. The lattice centring is
 * {@link UnitCell}'s; absences of special atom positions (diamond's 222) need the atoms ({@link SiteAbsences}).
 * Trigonal groups are read on hexagonal axes, monoclinic ones written short with unique axis b. A symbol this
 * does not recognise gives no conditions: lines are then only those the centring allows.
 */
public final class ReflectionConditions implements HklFilter {
    /** No glide or screw conditions. */
    public static final ReflectionConditions NONE = new ReflectionConditions(List.of(), "none");

    private static final int[][] IDENTITY = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    private static final List<int[][]> NO_TURN = List.<int[][]>of(IDENTITY);
    /** 4-fold about c, on direct-lattice vectors. */
    private static final int[][] FOUR_C = {{0, -1, 0}, {1, 0, 0}, {0, 0, 1}};
    /** 3-fold about c on hexagonal axes: a to b, b to -a-b. */
    private static final int[][] THREE_C = {{0, -1, 0}, {1, -1, 0}, {0, 0, 1}};
    /** 3-fold about [111]: a to b, b to c, c to a. */
    private static final int[][] THREE_111 = {{0, 0, 1}, {1, 0, 0}, {0, 1, 0}};

    /** One glide plane or screw axis. */
    private sealed interface Rule permits Glide, Screw {
        boolean removes(int[] hkl);
    }

    /** h·u = 0 and h·g not an integer: absent ({@code g} in quarters of the cell edges, as glides need). */
    private record Glide(int[] normal, int[] quarters) implements Rule {
        @Override
        public boolean removes(int[] hkl) {
            return dot(hkl, normal) == 0 && Math.floorMod(dot(hkl, quarters), 4) != 0;
        }
    }

    /** On the axis {@code axis} (0, 1, 2): absent unless index·subscript is a multiple of {@code order}. */
    private record Screw(int axis, int order, int subscript) implements Rule {
        @Override
        public boolean removes(int[] hkl) {
            boolean onAxis = hkl[(axis + 1) % 3] == 0 && hkl[(axis + 2) % 3] == 0;
            return onAxis && Math.floorMod(hkl[axis] * subscript, order) != 0;
        }
    }

    private final List<Rule> rules;
    private final String description;

    private ReflectionConditions(List<Rule> rules, String description) {
        this.rules = rules;
        this.description = description;
    }

    /** True unless a glide plane or screw axis of the group removes (h k l). */
    @Override
    public boolean allows(int h, int k, int l) {
        int[] hkl = {h, k, l};
        return rules.stream().noneMatch(r -> r.removes(hkl));
    }

    @Override
    public String toString() {
        return description;
    }

    /** The conditions of {@code symbol}'s glide planes and screw axes; {@link #NONE} for a symbol not understood. */
    public static ReflectionConditions of(String symbol) {
        String s = symbol.strip().replace("'", "").replace("\"", "").replace("_", "");
        int colon = s.indexOf(':');
        if (colon >= 0) {
            s = s.substring(0, colon).strip();
        }
        if (s.isEmpty() || "PIFCABR".indexOf(Character.toUpperCase(s.charAt(0))) < 0) {
            return NONE;
        }
        List<String> parts = components(s.substring(1).strip());
        if (parts == null || parts.isEmpty()) {
            return NONE;
        }
        List<Rule> rules = new ArrayList<>();
        String first = parts.get(0);
        String firstAxis = first.contains("/") ? first.substring(0, first.indexOf('/')) : first;
        int[] c = {0, 0, 1};
        int[] a = {1, 0, 0};
        int[] diagonal = {1, -1, 0};
        if (firstAxis.matches("-?[36]\\d?")) {
            // hexagonal and trigonal (R on hexagonal axes too): c, then [100], then [1-10]
            List<int[][]> turns = powers(THREE_C, 3);
            add(rules, parts, 0, c, turns);
            add(rules, parts, 1, a, turns);
            add(rules, parts, 2, diagonal, turns);
        } else if (parts.size() >= 2 && parts.get(1).matches("-?3")) {
            // cubic: <100> (the symbol's letter is for the plane normal to [001]), <111> (none), <110>
            List<int[][]> turns = powers(THREE_111, 3);
            add(rules, parts, 0, c, turns);
            List<int[][]> withFour = new ArrayList<>(turns);
            for (int[][] m : turns) {
                withFour.add(times(m, FOUR_C));
            }
            add(rules, parts, 2, diagonal, withFour);
        } else if (firstAxis.matches("-?4\\d?")) {
            List<int[][]> turns = powers(FOUR_C, 4);
            add(rules, parts, 0, c, turns);
            add(rules, parts, 1, a, turns);
            add(rules, parts, 2, diagonal, turns);
        } else if (parts.size() == 1 && !parts.get(0).matches("-?1")) {
            add(rules, List.of("1", parts.get(0), "1"), 1, new int[] {0, 1, 0}, NO_TURN); // monoclinic, unique axis b
        } else if (parts.size() == 3) {
            // orthorhombic, or monoclinic written in full (P 1 21/c 1)
            add(rules, parts, 0, a, NO_TURN);
            add(rules, parts, 1, new int[] {0, 1, 0}, NO_TURN);
            add(rules, parts, 2, c, NO_TURN);
        }
        return rules.isEmpty() ? NONE : new ReflectionConditions(List.copyOf(rules), s);
    }

    /**
     * The rules of position {@code index} of the symbol, written for its first direction {@code u}, and for the
     * images of {@code u} and of the glide vector under each of {@code turns} (rotations of the crystal class).
     */
    private static void add(List<Rule> rules, List<String> parts, int index, int[] u, List<int[][]> turns) {
        if (index >= parts.size()) {
            return;
        }
        String part = parts.get(index);
        int slash = part.indexOf('/');
        String axis = slash >= 0 ? part.substring(0, slash) : part.matches("-?\\d+") ? part : "";
        String plane = slash >= 0 ? part.substring(slash + 1) : axis.isEmpty() ? part : "";
        int[] glide = glide(plane, u);
        for (int[][] m : turns) {
            int[] direction = apply(m, u);
            int edge = edge(direction);
            if (axis.length() == 2 && axis.charAt(0) != '-' && edge >= 0) {
                rules.add(new Screw(edge, axis.charAt(0) - '0', axis.charAt(1) - '0'));
            }
            if (glide != null) {
                rules.add(new Glide(direction, apply(m, glide)));
            }
        }
    }

    /** The glide vector in quarters of the edges for a plane normal to {@code u}, or null for a mirror. */
    private static int[] glide(String letter, int[] u) {
        int[][] inPlane = inPlane(u);
        return switch (letter) {
            case "a" -> new int[] {2, 0, 0};
            case "b" -> new int[] {0, 2, 0};
            case "c" -> new int[] {0, 0, 2};
            case "e" -> scale(inPlane[0], 2); // a double glide: either of its glides gives the condition
            case "n" -> scale(add(inPlane[0], inPlane[1]), 2);
            case "d" -> add(inPlane[0], inPlane[1]);
            default -> null;
        };
    }

    /** Two lattice vectors in the plane normal to {@code u}, as the standard glides take them. */
    private static int[][] inPlane(int[] u) {
        if (u[0] == 0 && u[1] == 0) {
            return new int[][] {{1, 0, 0}, {0, 1, 0}};
        }
        if (u[1] == 0 && u[2] == 0) {
            return new int[][] {{0, 1, 0}, {0, 0, 1}};
        }
        if (u[0] == 0 && u[2] == 0) {
            return new int[][] {{1, 0, 0}, {0, 0, 1}};
        }
        return new int[][] {{1, 1, 0}, {0, 0, 1}}; // normal to [1-10]
    }

    /** The symbol's positions: by its spaces, or read off a symbol without them (a subscript is smaller than its axis). */
    private static List<String> components(String rest) {
        List<String> out = new ArrayList<>();
        if (rest.contains(" ")) {
            for (String t : rest.split("\\s+")) {
                if (t.matches("-?\\d\\d?(/[mabcnde])?|[mabcnde]")) {
                    out.add(t);
                } else if (!t.matches("[SZHRszhr]")) { // origin choice or axes
                    return null;
                }
            }
            return out;
        }
        int i = 0;
        while (i < rest.length()) {
            int start = i;
            char c = rest.charAt(i);
            if (c == '-' || Character.isDigit(c)) {
                if (c == '-') {
                    i++;
                }
                if (i >= rest.length() || !Character.isDigit(rest.charAt(i))) {
                    return null;
                }
                char order = rest.charAt(i++);
                if (c != '-' && i < rest.length() && Character.isDigit(rest.charAt(i)) && rest.charAt(i) < order) {
                    i++;
                }
                if (i + 1 < rest.length() && rest.charAt(i) == '/' && "mabcnde".indexOf(rest.charAt(i + 1)) >= 0) {
                    i += 2;
                }
            } else if ("mabcnde".indexOf(c) >= 0) {
                i++;
            } else {
                return null;
            }
            out.add(rest.substring(start, i));
        }
        return out;
    }

    private static int edge(int[] u) {
        int nonZero = 0;
        int edge = -1;
        for (int i = 0; i < 3; i++) {
            if (u[i] != 0) {
                nonZero++;
                edge = i;
            }
        }
        return nonZero == 1 ? edge : -1;
    }

    /** I, m, m², … up to {@code count} matrices. */
    private static List<int[][]> powers(int[][] m, int count) {
        List<int[][]> out = new ArrayList<>();
        int[][] r = IDENTITY;
        for (int i = 0; i < count; i++) {
            out.add(r);
            r = times(m, r);
        }
        return out;
    }

    private static int[][] times(int[][] m, int[][] n) {
        int[][] r = new int[3][3];
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                for (int c = 0; c < 3; c++) {
                    r[a][b] += m[a][c] * n[c][b];
                }
            }
        }
        return r;
    }

    private static int[] apply(int[][] m, int[] v) {
        int[] r = new int[3];
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                r[a] += m[a][b] * v[b];
            }
        }
        return r;
    }

    private static int[] add(int[] x, int[] y) {
        return new int[] {x[0] + y[0], x[1] + y[1], x[2] + y[2]};
    }

    private static int[] scale(int[] x, int f) {
        return new int[] {x[0] * f, x[1] * f, x[2] * f};
    }

    private static int dot(int[] x, int[] y) {
        return x[0] * y[0] + x[1] * y[1] + x[2] * y[2];
    }
}
