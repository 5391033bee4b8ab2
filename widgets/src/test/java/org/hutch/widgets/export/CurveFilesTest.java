package org.hutch.widgets.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hutch.model.curve.RadialUnit;
import org.hutch.widgets.plot.Curve;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each format written and read back, its layout checked against the documented one (Fit2D chi, GSAS FXYE). */
class CurveFilesTest {
    private static final double LAMBDA_A = 0.7293; // Å
    private static final CurveHeader HEADER = new CurveHeader("/data/ceo2.poni",
            "poni_version: 2\nDetector: Pilatus1M\nDistance: 0.1\nWavelength: 7.293e-11\n", "/data/mask.u8", "ab12",
            42, "7, file /data/run_7.h5");

    @TempDir
    Path dir;

    private static Curve curve(boolean sigma) {
        double[] q = {10.0, 20.0, 30.0, 40.0};
        double[] y = {100.0, 250.5, 0.0, 17.25};
        double[] s = {10.0, 15.8, 0.0, 4.1};
        return new Curve(q, y, sigma ? s : null, RadialUnit.Q_NM, LAMBDA_A, 42);
    }

    /** Data rows of a file: whitespace-separated numbers on the lines that parse. */
    private static List<double[]> rows(List<String> lines) {
        List<double[]> out = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            try {
                double[] r = new double[f.length];
                for (int i = 0; i < f.length; i++) {
                    r[i] = Double.parseDouble(f[i]);
                }
                out.add(r);
            } catch (NumberFormatException notData) {
                // header
            }
        }
        return out;
    }

    private static double[] column(List<double[]> rows, int c) {
        return rows.stream().mapToDouble(r -> r[c]).toArray();
    }

    @Test
    void xyHasTheHeaderAsCommentsAndThreeColumnsWithSigma() throws Exception {
        Path f = dir.resolve("c.xy");
        CurveFiles.write(curve(true), RadialUnit.Q_NM, HEADER, CurveFormat.XY, f);
        List<String> lines = Files.readAllLines(f);
        List<String> comments = lines.stream().filter(l -> l.startsWith("#")).toList();
        assertTrue(comments.contains("# frame: 42"), comments.toString());
        assertTrue(comments.contains("# unit: q_nm^-1"), comments.toString());
        assertTrue(comments.contains("# mask: /data/mask.u8 (sha256 ab12)"), comments.toString());
        assertTrue(comments.contains("# poni: /data/ceo2.poni"), comments.toString());
        assertTrue(comments.contains("#   Wavelength: 7.293e-11"), "the PONI's text: " + comments);
        List<double[]> data = rows(lines.stream().filter(l -> !l.startsWith("#")).toList());
        assertEquals(4, data.size());
        assertEquals(3, data.get(0).length);
        assertArrayEquals(curve(true).x(), column(data, 0), 1e-9);
        assertArrayEquals(curve(true).y(), column(data, 1), 1e-9);
        assertArrayEquals(curve(true).sigma(), column(data, 2), 1e-9);
    }

    @Test
    void datWithoutSigmaHasTwoColumnsInTheChosenUnit() throws Exception {
        Path f = dir.resolve("c.dat");
        CurveFiles.write(curve(false), RadialUnit.Q_A, HEADER, CurveFormat.DAT, f);
        List<String> lines = Files.readAllLines(f);
        assertTrue(lines.contains("# unit: q_A^-1"));
        List<double[]> data = rows(lines.stream().filter(l -> !l.startsWith("#")).toList());
        assertEquals(2, data.get(0).length);
        assertArrayEquals(new double[] {1, 2, 3, 4}, column(data, 0), 1e-9);
    }

    @Test
    void chiHasFit2dsFourHeaderLines() throws Exception {
        Path f = dir.resolve("c.chi");
        CurveFiles.write(curve(true), RadialUnit.TTH_DEG, HEADER, CurveFormat.CHI, f);
        List<String> lines = Files.readAllLines(f);
        assertTrue(lines.get(0).contains("frame 42") && lines.get(0).contains("/data/ceo2.poni")
                && lines.get(0).contains("/data/mask.u8"), lines.get(0));
        assertEquals("2-Theta Angle (Degrees)", lines.get(1));
        assertEquals("Intensity", lines.get(2));
        assertEquals(4, Integer.parseInt(lines.get(3).trim()), "the point count");
        List<double[]> data = rows(lines.subList(4, lines.size()));
        assertEquals(4, data.size());
        assertEquals(2, data.get(0).length, "chi holds x and I");
        assertArrayEquals(curve(true).xIn(RadialUnit.TTH_DEG), column(data, 0), 1e-6);
    }

    @Test
    void fxyeGivesTwoThetaInCentidegreesAfterABankLine() throws Exception {
        Path f = dir.resolve("c.fxye");
        CurveFiles.write(curve(true), RadialUnit.Q_NM, HEADER, CurveFormat.FXYE, f);
        List<String> lines = Files.readAllLines(f);
        assertFalse(lines.get(0).startsWith("#"), "the first line is the title");
        int bank = 0;
        while (!lines.get(bank).startsWith("BANK")) {
            assertTrue(bank == 0 || lines.get(bank).startsWith("#"), "only comments between title and BANK: " + lines);
            bank++;
        }
        String[] b = lines.get(bank).split("\\s+");
        assertEquals("1", b[1]);
        assertEquals(4, Integer.parseInt(b[2]));
        assertEquals(4, Integer.parseInt(b[3]));
        assertEquals("CONS", b[4]);
        assertEquals("FXYE", b[b.length - 1]);
        double[] tth = curve(true).xIn(RadialUnit.TTH_DEG);
        assertEquals(100 * tth[0], Double.parseDouble(b[5]), 1e-3, "start in centidegrees");
        List<double[]> data = rows(lines.subList(bank + 1, lines.size()));
        assertEquals(4, data.size());
        for (int i = 0; i < 4; i++) {
            assertEquals(100 * tth[i], data.get(i)[0], 1e-4);
            assertEquals(curve(true).y()[i], data.get(i)[1], 1e-4);
            assertTrue(data.get(i)[2] > 0, "GSAS needs positive errors");
        }
        // 2θ of q = 10 nm^-1 at 0.7293 Å: 2 asin(q λ / 4π)
        assertEquals(Math.toDegrees(2 * Math.asin(1.0 * LAMBDA_A / (4 * Math.PI))), tth[0], 1e-12);
    }

    @Test
    void fxyeWithoutWavelengthIsRefusedAndWritesNothing() {
        Curve noGeometry = new Curve(new double[] {1, 2}, new double[] {3, 4}, null, RadialUnit.Q_NM, 1);
        Path f = dir.resolve("c.fxye");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CurveFiles.write(noGeometry, RadialUnit.Q_NM, CurveHeader.ofFrame(1), CurveFormat.FXYE, f));
        assertTrue(e.getMessage().contains("2θ") && e.getMessage().contains("PONI"), e.getMessage());
        assertFalse(Files.exists(f));
    }

    @Test
    void formatFollowsTheExtension() {
        assertEquals(CurveFormat.FXYE, CurveFormat.of(Path.of("a/B.FXYE")).orElseThrow());
        assertEquals(CurveFormat.CHI, CurveFormat.of(Path.of("b.chi")).orElseThrow());
        assertTrue(CurveFormat.of(Path.of("b.csv")).isEmpty());
    }
}
