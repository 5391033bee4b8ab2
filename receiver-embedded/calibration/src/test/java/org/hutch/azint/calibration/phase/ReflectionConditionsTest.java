package org.hutch.azint.calibration.phase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Glide and screw absences from the Hermann-Mauguin symbol, on phases whose powder lines are well known. */
class ReflectionConditionsTest {

    /** A CIF of the given cell and symbol, as a database writes it. */
    private static Phase cif(String symbol, double a, double b, double c, double gamma, double dMin) {
        return PhaseFiles.parseCif("x", String.format(Locale.ROOT, """
                data_x
                _cell_length_a %s
                _cell_length_b %s
                _cell_length_c %s
                _cell_angle_alpha 90
                _cell_angle_beta 90
                _cell_angle_gamma %s
                _symmetry_space_group_name_H-M '%s'
                """, a, b, c, gamma, symbol), dMin);
    }

    /** True when a line of {@code p} stands at the d-spacing of (h k l). */
    private static boolean hasLine(Phase p, String hkl) {
        String[] i = hkl.split(" ");
        double d = p.cell().d(Integer.parseInt(i[0]), Integer.parseInt(i[1]), Integer.parseInt(i[2]));
        return p.reflections().stream().anyMatch(r -> Math.abs(r.d0() - d) < 1e-9 * d);
    }

    @Test
    void siliconsDiamondGlideRemoves200And420ButNot222() {
        // Si, Fd-3m, a = 5.431 Å: F allows 200, 420, 600; the d glide (hk0: h + k = 4n) removes them
        for (String symbol : List.of("F d -3 m", "Fd-3m", "F d -3 m :1", "F 41/d -3 2/m")) {
            Phase si = cif(symbol, 5.431, 5.431, 5.431, 90, 1.0);
            List<Integer> n = si.reflections().stream().map(r -> r.h() * r.h() + r.k() * r.k() + r.l() * r.l()).toList();
            assertFalse(n.contains(4), symbol + ": 200 " + n);
            assertFalse(n.contains(20), symbol + ": 420 " + n);
            // 222 (and 442) are absent in Si only because the atoms sit on 8a: a structure factor, not the group
            assertEquals(List.of(3, 8, 11, 12, 16, 19, 24, 27), n.subList(0, 8), symbol);
            assertEquals(12, (int) si.reflections().get(1).intensity(), "multiplicity of 220");
        }
        Phase ceo2 = cif("F m -3 m", 5.4113, 5.4113, 5.4113, 90, 1.0);
        assertTrue(hasLine(ceo2, "2 0 0"), "Fm-3m keeps 200");
    }

    @Test
    void rutilesScrewAndGlideRemove001And100() {
        // TiO2 rutile, P4_2/mnm, a = 4.594, c = 2.959 Å (JCPDS 21-1276 lines: 110 101 200 111 210 211 220 002 310 221 301 112)
        for (String symbol : List.of("P 42/m n m", "P4_2/mnm", "P 42/m 21/n 2/m")) {
            Phase rutile = cif(symbol, 4.594, 4.594, 2.959, 90, 1.3);
            assertEquals("(1 1 0)", rutile.reflections().get(0).hkl(), symbol + ": 100 (d 4.59 Å) is absent, 110 first");
            for (String absent : List.of("1 0 0", "0 0 1", "2 0 1", "3 0 0", "0 0 3")) {
                assertFalse(hasLine(rutile, absent), symbol + " " + absent);
            }
            for (String present : List.of("1 0 1", "2 0 0", "1 1 1", "2 1 0", "2 1 1", "2 2 0", "0 0 2", "3 1 0", "2 2 1",
                    "3 0 1", "1 1 2")) {
                assertTrue(hasLine(rutile, present), symbol + " " + present);
            }
        }
    }

    @Test
    void hcpsSixThreeScrewAndCGlideRemove001And111() {
        // Mg, P6_3/mmc, a = 3.209, c = 5.211 Å: 000l with l odd and hh(-2h)l with l odd are absent
        Phase mg = cif("P 63/m m c", 3.209, 3.209, 5.211, 120, 1.2);
        for (String absent : List.of("0 0 1", "1 1 1", "0 0 3")) {
            assertFalse(hasLine(mg, absent), absent);
        }
        for (String present : List.of("1 0 0", "0 0 2", "1 0 1", "1 0 2", "1 1 0", "1 0 3", "1 1 2", "2 0 1")) {
            assertTrue(hasLine(mg, present), present);
        }
    }

    @Test
    void anatasesFourOneScrewAndDGlide() {
        // TiO2 anatase, I4_1/amd: 002 and 110 are absent (00l: l = 4n; hhl: 2h + l = 4n), 004 and 112 are not
        ReflectionConditions anatase = ReflectionConditions.of("I 41/a m d :2");
        assertFalse(anatase.allows(0, 0, 2));
        assertTrue(anatase.allows(0, 0, 4));
        assertFalse(anatase.allows(1, 1, 0));
        assertTrue(anatase.allows(1, 1, 2));
        assertTrue(anatase.allows(2, 0, 0));
    }

    @Test
    void monoclinicAndOrthorhombicSymbols() {
        for (String symbol : List.of("P 21/c", "P 1 21/c 1", "P21/c")) {
            ReflectionConditions p21c = ReflectionConditions.of(symbol);
            assertFalse(p21c.allows(0, 1, 0), symbol + " 0k0: k = 2n");
            assertTrue(p21c.allows(0, 2, 0), symbol);
            assertFalse(p21c.allows(1, 0, 1), symbol + " h0l: l = 2n");
            assertTrue(p21c.allows(1, 0, 2), symbol);
            assertTrue(p21c.allows(1, 1, 1), symbol);
        }
        ReflectionConditions pnma = ReflectionConditions.of("P n m a");
        assertFalse(pnma.allows(0, 1, 2), "0kl: k + l = 2n");
        assertTrue(pnma.allows(0, 1, 1));
        assertFalse(pnma.allows(1, 1, 0), "hk0: h = 2n");
        assertTrue(pnma.allows(2, 1, 0));
        assertFalse(pnma.allows(0, 0, 1), "00l: l = 2n");
    }

    @Test
    void rhombohedralAxesKeepOnlyTheCentringsLines() {
        // calcite-like R-3c: on hexagonal axes h-h0l with l odd is absent; on rhombohedral axes the symbol's
        // directions do not hold, so nothing beyond the (primitive) lattice is removed
        Phase hexagonal = cif("R -3 c", 4.99, 4.99, 17.06, 120, 1.5);
        assertFalse(hasLine(hexagonal, "0 0 3"), "00l: l = 6n");
        Phase rhombohedral = PhaseFiles.parseCif("x", """
                data_x
                _cell_length_a 6.375
                _cell_length_b 6.375
                _cell_length_c 6.375
                _cell_angle_alpha 46.08
                _cell_angle_beta 46.08
                _cell_angle_gamma 46.08
                _symmetry_space_group_name_H-M 'R -3 c :R'
                """, 1.5);
        assertEquals(rhombohedral.cell().reflections(1.5), rhombohedral.reflections());
    }

    @Test
    void aSymbolNotUnderstoodLeavesTheCentringAlone() {
        assertSame(ReflectionConditions.NONE, ReflectionConditions.of("not a symbol"));
        assertSame(ReflectionConditions.NONE, ReflectionConditions.of("F m -3 m"));
        assertSame(ReflectionConditions.NONE, ReflectionConditions.of("P -1"));
        assertTrue(ReflectionConditions.NONE.allows(1, 0, 0));
    }
}
