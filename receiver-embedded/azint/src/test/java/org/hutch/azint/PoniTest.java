package org.hutch.azint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PoniTest {
    private static final String V2_GENERIC = """
            poni_version: 2
            Detector: Detector
            Detector_config: {"pixel1": 7.5e-05, "pixel2": 7.5e-05, "max_shape": [2162, 2068]}
            Distance: 0.16
            Poni1: 0.0812
            Poni2: 0.0775
            Rot1: 0.0045
            Rot2: -0.0025
            Rot3: 0.0
            Wavelength: 7.2932e-11
            """;

    @Test
    void v1AndV2OfTheSameCalibrationGiveTheSameGeometry() throws IOException {
        RefCase c = RefCase.load(RefCase.NAMES[0]);
        Poni v1 = Poni.read(c.dir.resolve("original.poni"));
        Poni v2 = c.poni();
        assertEquals("Pilatus1M", v2.detector());
        assertEquals(1043, v2.rows());
        assertEquals(981, v2.cols());
        assertEquals(0, v1.rows(), "a v1 file without a detector does not state the shape");
        Poni v1Shaped = v1.withShape(1043, 981);
        assertEquals(v2.pixel1(), v1Shaped.pixel1());
        assertEquals(v2.pixel2(), v1Shaped.pixel2());
        assertEquals(v2.dist(), v1Shaped.dist());
        assertEquals(v2.poni1(), v1Shaped.poni1());
        assertEquals(v2.poni2(), v1Shaped.poni2());
        assertEquals(v2.rot1(), v1Shaped.rot1());
        assertEquals(v2.rot2(), v1Shaped.rot2());
        assertEquals(v2.rot3(), v1Shaped.rot3());
        assertEquals(v2.wavelength(), v1Shaped.wavelength());
        Geometry g1 = new Geometry(v1, 1043, 981);
        Geometry g2 = new Geometry(v2);
        for (int[] p : new int[][] {{0, 0}, {500, 400}, {1042, 980}}) {
            assertEquals(g2.tthAt(p[0], p[1]), g1.tthAt(p[0], p[1]), 0.0);
            assertEquals(g2.chiAt(p[0], p[1]), g1.chiAt(p[0], p[1]), 0.0);
        }
    }

    @Test
    void readsGenericAndNamedDetectorsOfAllCases() throws IOException {
        Poni dev02 = RefCase.load(RefCase.NAMES[1]).poni();
        assertEquals(Poni.GENERIC, dev02.detector());
        assertEquals(7.5e-5, dev02.pixel1());
        assertEquals(2162, dev02.rows());
        assertEquals(2068, dev02.cols());
        assertEquals(0.0045, dev02.rot1());
        Poni dev03 = RefCase.load(RefCase.NAMES[2]).poni();
        assertEquals("Eiger2_4M", dev03.detector());
        assertEquals(2162, dev03.rows());
        assertEquals(0.02, dev03.rot3());
        assertEquals(1.0332e-10, dev03.wavelength());
    }

    @Test
    void v21WithOrientation3AndNamesInAnySpelling() {
        Poni p = Poni.parse(V2_GENERIC.replace("poni_version: 2", "poni_version: 2.1")
                .replace("Detector: Detector\nDetector_config: {\"pixel1\": 7.5e-05, \"pixel2\": 7.5e-05, \"max_shape\": [2162, 2068]}",
                        "Detector: Eiger2 4M\nDetector_config: {\"orientation\": 3}"));
        assertEquals("Eiger2_4M", p.detector());
        assertEquals(7.5e-5, p.pixel2());
        assertEquals("Pilatus6M", Poni.parse(V2_GENERIC.replace("Detector: Detector", "Detector: pilatus_6m")
                .replaceAll("Detector_config: .*", "Detector_config: {}")).detector());
    }

    @Test
    void formatReadsBackIdentically() throws IOException {
        Poni generic = Poni.parse(V2_GENERIC);
        assertEquals(generic, Poni.parse(generic.format()));
        Poni named = RefCase.load(RefCase.NAMES[2]).poni();
        assertEquals(named, Poni.parse(named.format()));
        assertTrue(named.format().contains("Detector: Eiger2_4M"));
        Poni v1 = Poni.read(RefCase.load(RefCase.NAMES[0]).dir.resolve("original.poni"));
        assertEquals(v1, Poni.parse(v1.format()));
    }

    @Test
    void missingKeysAreNamed() {
        assertMessage(V2_GENERIC.replaceAll("Distance: .*\n", ""), "missing key Distance");
        assertMessage(V2_GENERIC.replaceAll("Rot2: .*\n", ""), "missing key Rot2");
        assertMessage(V2_GENERIC.replaceAll("Detector: .*\n", ""), "missing key Detector");
        assertMessage(V2_GENERIC.replace("\"pixel2\": 7.5e-05, ", ""), "pixel2");
        assertMessage("PixelSize1: 1e-4\nDistance: 0.1\nPoni1: 0\nPoni2: 0\nRot1: 0\nRot2: 0\nRot3: 0\n", "missing key PixelSize2");
    }

    @Test
    void contradictionsAndUnsupportedFeaturesAreNamed() {
        assertMessage(V2_GENERIC + "PixelSize1: 1e-4\n", "PixelSize1");
        assertMessage(V2_GENERIC.replace("Detector: Detector", "Detector: Pilatus1M"), "Detector_config pixel1 = 7.5E-5 contradicts Detector Pilatus1M");
        assertMessage(V2_GENERIC.replace("Detector: Detector", "Detector: Eiger4M"), "max_shape [2162.0, 2068.0] contradicts Detector Eiger4M");
        assertMessage(V2_GENERIC.replace("\"max_shape\"", "\"orientation\": 1, \"max_shape\""), "orientation 1");
        assertMessage(V2_GENERIC.replace("Detector: Detector", "Detector: Frelon9000"), "unknown detector 'Frelon9000'");
        assertMessage(V2_GENERIC.replace("Poni1: 0.0812", "Poni1: abc"), "Poni1");
        assertMessage(V2_GENERIC.replace("{\"pixel1\"", "{pixel1"), "Detector_config is not valid JSON");
        assertMessage(V2_GENERIC + "SplineFile: /tmp/x.spline\n", "SplineFile");
        assertMessage(V2_GENERIC + "Distance: 0.2\n", "Distance appears twice");
        assertMessage(V2_GENERIC.replace("poni_version: 2", "poni_version: 7"), "poni_version 7");
    }

    @Test
    void detectorConfigStringEscapesAreDecoded() {
        // an unknown string field with escapes does not disturb the geometry
        Poni p = Poni.parse(V2_GENERIC.replace("\"max_shape\"", "\"note\": \"x\\ry \\\"q\\\" caf\\u00e9\", \"max_shape\""));
        assertEquals(7.5e-05, p.pixel1());
        assertEquals(2162, p.rows());
        assertEquals(2068, p.cols());
        // a string the reader reports back shows it decoded: carriage return, quote, e-acute
        assertMessage(V2_GENERIC.replace("\"max_shape\"", "\"splineFile\": \"a\\rb\\\"c\\u00e9\", \"max_shape\""),
                "splineFile a\rb\"c\u00e9: spline distortion is not supported");
    }

    @Test
    void truncatedUnicodeEscapeIsAFormatError(@TempDir Path tmp) throws IOException {
        String text = V2_GENERIC.replace("\"max_shape\"", "\"note\": \"\\u00\", \"max_shape\"");
        assertMessage(text, "Detector_config is not valid JSON");
        Path file = tmp.resolve("truncated.poni");
        Files.writeString(file, text);
        PoniFormatException e = assertThrows(PoniFormatException.class, () -> Poni.read(file));
        assertTrue(e.getMessage().startsWith(file + ": Detector_config is not valid JSON: "), e.getMessage());
        assertTrue(e.getMessage().contains("escape"), "the reason is Jackson's: " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    @Test
    void qNeedsAWavelength() {
        Poni p = Poni.parse(V2_GENERIC.replaceAll("Wavelength: .*\n", ""));
        assertTrue(Double.isNaN(p.wavelength()));
        Geometry g = new Geometry(p);
        assertTrue(g.tthAt(0, 0) > 0);
        PoniFormatException e = assertThrows(PoniFormatException.class, () -> g.qNmAt(0, 0));
        assertTrue(e.getMessage().contains("Wavelength"), e.getMessage());
    }

    private static void assertMessage(String text, String expected) {
        PoniFormatException e = assertThrows(PoniFormatException.class, () -> Poni.parse(text));
        assertTrue(e.getMessage().contains(expected), "message '" + e.getMessage() + "' should name " + expected);
    }
}
