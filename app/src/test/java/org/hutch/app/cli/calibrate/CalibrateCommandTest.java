package org.hutch.app.cli.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hutch.app.Main;
import org.hutch.azint.Poni;
import org.hutch.testkit.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code hutch calibrate} in-process on the real CeO2 image (Pilatus 1M) as stored, from a guess
 * 5 mm and 20 pixels off: the PONI it writes is read back by the project's reader and matches the
 * pyFAI geometry mirrored to the stored row order (see the calibration module's CalibratorTest).
 */
class CalibrateCommandTest {
    @TempDir
    Path tmp;

    private final StringWriter err = new StringWriter();
    private final StringWriter out = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(out, true));
        return cl.execute(args);
    }

    /** The pyFAI geometry of dev01 for the image rows as stored. */
    private static Poni mirrored(Poni p) {
        return new Poni(p.detector(), p.pixel1(), p.pixel2(), p.rows(), p.cols(), p.dist(), p.rows() * p.pixel1() - p.poni1(),
                p.poni2(), p.rot1(), -p.rot2(), -p.rot3(), p.wavelength());
    }

    @Test
    void calibratesTheRealImageFromAGuessAndWritesAPoniTheReaderTakesBack() throws Exception {
        Path dev = TestData.require("azint/dev01_ceo2_pilatus1m_real");
        Poni ref = mirrored(Poni.read(dev.resolve("geometry.poni")));
        Poni guess = new Poni(ref.detector(), ref.pixel1(), ref.pixel2(), ref.rows(), ref.cols(), ref.dist() + 0.005,
                ref.poni1() - 20 * ref.pixel1(), ref.poni2() + 20 * ref.pixel2(), 0, 0, 0, Double.NaN);
        Path guessFile = tmp.resolve("guess.poni");
        Files.writeString(guessFile, guess.format());
        Path poni = tmp.resolve("out.poni");
        int code = run("calibrate", "--image", dev.resolve("image.raw.gz").toString(), "--mask", dev.resolve("mask.u8.gz").toString(),
                "--calibrant", "CeO2", "--energy", String.valueOf(12.398419843320026 / 0.4066), "--detector", "Pilatus1M",
                "--guess", guessFile.toString(), "--out", poni.toString());
        assertEquals(0, code, err.toString());
        String printed = out.toString();
        assertTrue(printed.contains("RMS 2θ residual") && printed.contains("dist") && printed.contains("± ")
                && printed.contains("rot3") && printed.contains("fixed"), printed);
        Poni p = Poni.read(poni);
        String text = Files.readString(poni);
        assertTrue(text.startsWith("# Nota: C-Order, 1 refers to the Y axis, 2 to the X axis \n"), text);
        assertTrue(text.contains("\nponi_version: 2\nDetector: Pilatus1M\nDetector_config: {}\n"), text);
        assertEquals(ref.dist(), p.dist(), 1e-3 * ref.dist(), printed);
        assertEquals(ref.poni1(), p.poni1(), 0.3 * ref.pixel1(), printed);
        assertEquals(ref.poni2(), p.poni2(), 0.6 * ref.pixel2(), printed);
        assertEquals(ref.rot1(), p.rot1(), Math.toRadians(0.05), printed);
        assertEquals(ref.rot2(), p.rot2(), Math.toRadians(0.05), printed);
        assertEquals(0.4066e-10, p.wavelength(), 1e-16);
    }

    @Test
    void badArgumentsExitTwoWithTheReason() throws Exception {
        Path dev = TestData.require("azint/dev01_ceo2_pilatus1m_real");
        String image = dev.resolve("image.raw.gz").toString();
        assertEquals(2, run("calibrate", "--image", image, "--calibrant", "Unobtainium", "--wavelength", "0.4", "--detector", "Pilatus1M",
                "--distance", "200", "--out", tmp.resolve("x.poni").toString()));
        assertTrue(err.toString().contains("unknown calibrant 'Unobtainium'"), err.toString());
        assertEquals(2, run("calibrate", "--image", image, "--calibrant", "CeO2", "--wavelength", "0.4", "--detector", "Pilatus1M",
                "--out", tmp.resolve("x.poni").toString()));
        assertTrue(err.toString().contains("first guess"), err.toString());
        assertEquals(2, run("calibrate", "--image", image, "--calibrant", "CeO2", "--wavelength", "0.4", "--energy", "30",
                "--detector", "Pilatus1M", "--distance", "200", "--out", tmp.resolve("x.poni").toString()));
        assertEquals(2, run("calibrate", "--image", image, "--calibrant", "CeO2", "--wavelength", "0.4", "--detector", "Eiger4M",
                "--distance", "200", "--out", tmp.resolve("x.poni").toString()));
        assertTrue(err.toString().contains("1043 x 981"), err.toString());
        assertEquals(2, run("calibrate", "--image", image, "--calibrant", "CeO2", "--wavelength", "0.4", "--detector", "Pilatus1M",
                "--distance", "200", "--fix", "dist,poni1,poni2,rot1,rot2", "--out", tmp.resolve("x.poni").toString()));
        assertTrue(!Files.exists(tmp.resolve("x.poni")));
    }
}
