package org.hutch.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.hutch.azint.Poni;
import org.hutch.model.curve.RadialUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The integration `receiver --poni` and `azint-pipeline --poni` set up from a PONI file, bins and unit. */
class PoniSetupTest {
    @TempDir
    Path dir;

    @Test
    void readsTheFileWithItsBinsAndUnitAndKeepsItsText() throws Exception {
        String text = new Poni(Poni.GENERIC, 172e-6, 172e-6, 64, 64, 0.05, 0.005, 0.005, 0, 0, 0, 1e-10).format();
        Path poni = Files.writeString(dir.resolve("det.poni"), text);
        PoniSetup s = PoniSetup.read(poni, 300, "2th_deg");
        assertEquals(text, s.text());
        assertEquals(300, s.setup().settings().radialBins());
        assertEquals(RadialUnit.TTH_DEG, s.setup().settings().unit());
        assertEquals(0.05, s.setup().poni().dist(), 1e-12);
        assertEquals(1000, PoniSetup.read(poni, null, null).setup().settings().radialBins(), "the default bins");
    }

    @Test
    void aMissingFileOrABadUnitSaysWhich() throws Exception {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> PoniSetup.read(dir.resolve("none.poni"), null, null));
        assertTrue(missing.getMessage().contains("PONI file") && missing.getMessage().contains("does not exist"),
                missing.getMessage());
        Path poni = Files.writeString(dir.resolve("det.poni"),
                new Poni(Poni.GENERIC, 172e-6, 172e-6, 64, 64, 0.05, 0.005, 0.005, 0, 0, 0, 1e-10).format());
        assertThrows(IllegalArgumentException.class, () -> PoniSetup.read(poni, null, "furlongs"));
    }
}
