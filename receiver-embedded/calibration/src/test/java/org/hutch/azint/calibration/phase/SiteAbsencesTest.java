package org.hutch.azint.calibration.phase;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Absences of atoms on special positions, from a CIF's symmetry operations and atom sites. */
class SiteAbsencesTest {
    private static final String SILICON = """
            data_Si
            _chemical_name_mineral 'Silicon'
            _cell_length_a 5.4309(1)
            _cell_length_b 5.4309(1)
            _cell_length_c 5.4309(1)
            _cell_angle_alpha 90
            _cell_angle_beta 90
            _cell_angle_gamma 90
            _symmetry_space_group_name_H-M 'F d -3 m :1'
            loop_
            _symmetry_equiv_pos_as_xyz
              'x, y, z'
            loop_
            _atom_site_label
            _atom_site_type_symbol
            _atom_site_fract_x
            _atom_site_fract_y
            _atom_site_fract_z
            _atom_site_occupancy
            Si1 Si 0 0 0 1.0
            Si2 Si 0.25 0.25 0.25 1.0
            """;

    /** Rutile as a structure database writes it: the 16 operations of P4_2/mnm, Ti on 2a and O on 4f. */
    private static final String RUTILE = """
            data_TiO2
            _cell_length_a 4.5937
            _cell_length_b 4.5937
            _cell_length_c 2.9587
            _cell_angle_alpha 90
            _cell_angle_beta 90
            _cell_angle_gamma 90
            _space_group_name_H-M_alt 'P 42/m n m'
            loop_
            _space_group_symop_id
            _space_group_symop_operation_xyz
            1 x,y,z
            2 -x,-y,z
            3 '-y+1/2, x+1/2, z+1/2'
            4 'y+1/2, -x+1/2, z+1/2'
            5 -x+1/2,y+1/2,-z+1/2
            6 x+1/2,-y+1/2,-z+1/2
            7 y,x,-z
            8 -y,-x,-z
            9 -x,-y,-z
            10 x,y,-z
            11 y+1/2,-x+1/2,-z+1/2
            12 -y+1/2,x+1/2,-z+1/2
            13 x+1/2,-y+1/2,z+1/2
            14 -x+1/2,y+1/2,z+1/2
            15 -y,-x,z
            16 y,x,z
            loop_
            _atom_site_label
            _atom_site_fract_x
            _atom_site_fract_y
            _atom_site_fract_z
            Ti1 0 0 0
            O1 0.30478(6) 0.30478(6) 0
            """;

    @Test
    void diamondsAtomsCancel222And442() {
        Phase si = PhaseFiles.parseCif("x", SILICON, 0.78);
        List<Integer> n = si.reflections().stream().map(r -> r.h() * r.h() + r.k() * r.k() + r.l() * r.l()).toList();
        // 111 220 311 400 331 422 511/333 440 531 620 533 444: no 200, 222, 420, 600/442
        assertEquals(List.of(3, 8, 11, 16, 19, 24, 27, 32, 35, 40, 43, 48), n);
        assertEquals("Silicon", si.name());
    }

    @Test
    void rutilesAtomsAgreeWithItsGroupAndKeepItsLines() {
        Phase rutile = PhaseFiles.parseCif("x", RUTILE, 1.3);
        Phase byGroup = PhaseFiles.parseCif("x", RUTILE.substring(0, RUTILE.indexOf("loop_")), 1.3);
        assertEquals(byGroup.reflections(), rutile.reflections(), "no special-position absences in rutile");
        SiteAbsences atoms = SiteAbsences.of(RUTILE, 'P').orElseThrow();
        assertFalse(atoms.allows(1, 0, 0));
        assertFalse(atoms.allows(0, 0, 1));
        assertTrue(atoms.allows(1, 1, 0));
        assertTrue(atoms.allows(1, 0, 1));
    }

    @Test
    void saltKeepsItsOddLinesBecauseItsTwoAtomsDiffer() {
        String nacl = SILICON.replace("Si1 Si 0 0 0", "Na1 Na 0 0 0").replace("Si2 Si 0.25 0.25 0.25", "Cl1 Cl 0.5 0.5 0.5")
                .replace("'F d -3 m :1'", "'F m -3 m'");
        SiteAbsences atoms = SiteAbsences.of(nacl, 'F').orElseThrow();
        assertTrue(atoms.allows(1, 1, 1));
        assertTrue(atoms.allows(2, 0, 0));
        assertFalse(atoms.allows(1, 0, 0), "the F centring");
    }

    @Test
    void withoutOperationsOrSitesOnlyTheGroupCounts() {
        String noOps = SILICON.replace("loop_\n_symmetry_equiv_pos_as_xyz\n  'x, y, z'\n", "");
        assertTrue(SiteAbsences.of(noOps, 'F').isEmpty());
        Phase si = PhaseFiles.parseCif("x", noOps, 1.0);
        assertTrue(si.reflections().stream().anyMatch(r -> r.h() * r.h() + r.k() * r.k() + r.l() * r.l() == 12),
                "222 stays without the atoms");
        assertTrue(SiteAbsences.of(SILICON.replace("Si2 Si", "Si2 Qq"), 'F').isEmpty(), "an unknown element");
    }

    @Test
    void operationsAreReadInTheirUsualSpellings() {
        assertArrayEquals(new double[] {-1, 0, 0, 0.5}, SiteAbsences.operation("-x+1/2, y, -z+1/4")[0]);
        assertArrayEquals(new double[] {0, 0, -1, 0.25}, SiteAbsences.operation("-x+1/2, y, -z+1/4")[2]);
        assertArrayEquals(new double[] {1, -1, 0, 0.5}, SiteAbsences.operation("1/2+X-Y,x,z")[0]);
        assertArrayEquals(new double[] {0, 1, 0, 0.5}, SiteAbsences.operation("x,y+0.5,z")[1]);
        assertNull(SiteAbsences.operation("x,y"));
        assertNull(SiteAbsences.operation("x,2y,z"));
    }
}
