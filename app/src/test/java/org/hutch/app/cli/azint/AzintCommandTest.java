package org.hutch.app.cli.azint;

import org.hutch.app.files.ImageFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hutch.testkit.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command run in-process, as ./hutch azint runs it, against the pyFAI reference CSVs. */
class AzintCommandTest {
    private static final Path DEV01 = TestData.path("azint/dev01_ceo2_pilatus1m_real");

    @TempDir
    Path tmp;

    private final StringWriter err = new StringWriter();
    private final StringWriter out = new StringWriter();

    private int run(String... args) {
        CommandLine cl = new CommandLine(new AzintCommand());
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(out, true));
        return cl.execute(args);
    }

    private static void assumeData() {
        assumeTrue(Files.isDirectory(DEV01), "reference data absent: " + DEV01);
    }

    @Test
    void reproducesTheFullSplitSolidAngleReference() throws IOException {
        assumeData();
        Path csv = tmp.resolve("out.csv");
        int code = run("--poni", DEV01.resolve("geometry.poni").toString(), "--image", DEV01.resolve("image.raw.gz").toString(),
                "--mask", DEV01.resolve("mask.u8.gz").toString(), "--bins", "1000", "--range", "0.03,82.11", "--out", csv.toString());
        assertEquals(0, code, err.toString());
        compare(csv, DEV01.resolve("ref_q_nm_full_sa.csv"), 2e-4, 1.4e-2, 5, 1);
    }

    @Test
    void reproducesTheNoSplitAzintMeanReferenceIn2Theta() throws IOException {
        assumeData();
        Path csv = tmp.resolve("out.csv");
        int code = run("--poni", DEV01.resolve("geometry.poni").toString(), "--image", DEV01.resolve("image.raw.gz").toString(),
                "--mask", DEV01.resolve("mask.u8.gz").toString(), "--bins", "1000", "--range", "0.01,30.82", "--unit", "2th_deg",
                "--split", "none", "--normalize", "mean", "--out", csv.toString());
        assertEquals(0, code, err.toString());
        assertTrue(Files.readAllLines(csv).get(0).equals("radial_2th_deg,intensity,sigma"));
        compare(csv, DEV01.resolve("ref_2th_deg_no_sa-azint.csv"), 1e-6, 4e-2, 0, 0);
    }

    @Test
    void explicitShapeAndDtypeForARawFileWithoutCaseJson() throws IOException {
        assumeData();
        Path raw = tmp.resolve("frame.raw");
        Files.write(raw, ImageFiles.bytes(DEV01.resolve("image.raw.gz")));
        int code = run("--poni", DEV01.resolve("original.poni").toString(), "--image", raw.toString(), "--shape", "1043,981",
                "--dtype", "int32", "--mask", DEV01.resolve("mask.u8.gz").toString(), "--bins", "1000", "--range", "0.03,82.11",
                "--no-solid-angle", "--split", "none");
        assertEquals(0, code, err.toString());
        Path csv = tmp.resolve("stdout.csv");
        Files.writeString(csv, out.toString());
        compare(csv, DEV01.resolve("ref_q_nm_no_nosa.csv"), 1e-6, 4e-2, 0, 0);
        assertEquals(2, run("--poni", DEV01.resolve("geometry.poni").toString(), "--image", raw.toString()),
                "a raw file with no shape and no case.json is a bad argument");
        assertTrue(err.toString().contains("--shape"), err.toString());
    }

    @Test
    void readsTiffEdfAndCbfAsTheSamePixels() throws IOException {
        int rows = 3, cols = 4;
        int[] px = {0, 1, 2, 3, 10, 11, 12, 13, 100, 200, 300, 70000};
        ByteBuffer le = ByteBuffer.allocate(4 * px.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : px) le.putInt(v);
        // TIFF, big-endian, one strip (StripByteCounts added by withStripCounts)
        ByteBuffer t = ByteBuffer.allocate(8 + 2 + 12 * 6 + 4 + 4 * px.length).order(ByteOrder.BIG_ENDIAN);
        t.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8).putShort((short) 6);
        int dataAt = 8 + 2 + 12 * 6 + 4;
        int[][] tags = {{256, 3, cols}, {257, 3, rows}, {258, 3, 32}, {259, 3, 1}, {273, 4, dataAt}, {339, 3, 2}};
        for (int[] tag : tags) {
            t.putShort((short) tag[0]).putShort((short) tag[1]).putInt(1);
            if (tag[1] == 3) t.putShort((short) tag[2]).putShort((short) 0); else t.putInt(tag[2]);
        }
        t.putInt(0);
        for (int v : px) t.putInt(v);
        Path tif = tmp.resolve("x.tif");
        Files.write(tif, withStripCounts(t.array(), 4 * px.length));
        assertSame(le, ImageFiles.read(tif, null, null), rows, cols);
        // EDF, little-endian
        String header = "{\nDim_1 = " + cols + " ;\nDim_2 = " + rows + " ;\nDataType = SignedInteger ;\nByteOrder = LowByteFirst ;\n";
        header = header + " ".repeat(510 - header.length()) + "}\n";
        byte[] edf = new byte[512 + 4 * px.length];
        System.arraycopy(header.getBytes(), 0, edf, 0, 512);
        System.arraycopy(le.array(), 0, edf, 512, 4 * px.length);
        Path edfFile = tmp.resolve("x.edf");
        Files.write(edfFile, edf);
        assertSame(le, ImageFiles.read(edfFile, null, null), rows, cols);
        // CBF byte offset: deltas of 1 byte, 2 bytes (after -128) and 4 bytes (after -128, -32768)
        java.io.ByteArrayOutputStream cbf = new java.io.ByteArrayOutputStream();
        cbf.writeBytes(("###CBF\r\nconversions=\"x-CBF_BYTE_OFFSET\"\r\nX-Binary-Size-Fastest-Dimension: " + cols
                + "\r\nX-Binary-Size-Second-Dimension: " + rows + "\r\n\r\n").getBytes());
        cbf.writeBytes(new byte[] {0x0C, 0x1A, 0x04, (byte) 0xD5});
        long prev = 0;
        for (int v : px) {
            long d = v - prev;
            prev = v;
            if (d > -128 && d < 128) {
                cbf.write((int) d);
            } else if (d > Short.MIN_VALUE && d <= Short.MAX_VALUE) {
                cbf.write(-128);
                cbf.write((int) (d & 0xFF));
                cbf.write((int) ((d >> 8) & 0xFF));
            } else {
                cbf.write(-128);
                cbf.write(0x00);
                cbf.write(0x80);
                for (int k = 0; k < 4; k++) cbf.write((int) ((d >> (8 * k)) & 0xFF));
            }
        }
        Path cbfFile = tmp.resolve("x.cbf");
        Files.write(cbfFile, cbf.toByteArray());
        assertSame(le, ImageFiles.read(cbfFile, null, null), rows, cols);
    }

    /** Rewrites the IFD with one more entry, StripByteCounts, and moves the pixel data behind it. */
    private static byte[] withStripCounts(byte[] tiff, int count) {
        ByteBuffer in = ByteBuffer.wrap(tiff).order(ByteOrder.BIG_ENDIAN);
        int n = in.getShort(8);
        int dataLen = count;
        int dataAt = 8 + 2 + 12 * (n + 1) + 4;
        ByteBuffer o = ByteBuffer.allocate(dataAt + dataLen).order(ByteOrder.BIG_ENDIAN);
        o.put(tiff, 0, 8).putShort((short) (n + 1));
        for (int e = 0; e < n; e++) {
            int at = 10 + 12 * e;
            int tag = in.getShort(at);
            o.put(tiff, at, 8);
            if (tag == 273) o.putInt(dataAt); else o.put(tiff, at + 8, 4);
        }
        o.putShort((short) 279).putShort((short) 4).putInt(1).putInt(count).putInt(0);
        o.put(tiff, tiff.length - dataLen, dataLen);
        return o.array();
    }

    private static void assertSame(ByteBuffer expected, ImageFiles.Image image, int rows, int cols) {
        assertEquals(rows, image.rows());
        assertEquals(cols, image.cols());
        assertEquals(4, image.type().bytes());
        for (int i = 0; i < rows * cols; i++) {
            assertEquals(expected.getInt(4 * i), image.data().getInt(4 * i), "pixel " + i);
        }
    }

    @Test
    void badArgumentsExitWith2AndOneLineReason() throws IOException {
        assumeData();
        String poni = DEV01.resolve("geometry.poni").toString(), img = DEV01.resolve("image.raw.gz").toString();
        assertEquals(2, run("--poni", poni, "--image", img, "--split", "sideways"));
        assertEquals(2, run("--poni", poni, "--image", img, "--unit", "furlongs"));
        assertEquals(2, run("--poni", poni, "--image", img, "--range", "5,1"));
        assertEquals(2, run("--poni", poni, "--image", tmp.resolve("missing.raw").toString()));
        assertEquals(2, run("--poni", poni, "--image", img, "--shape", "10,10", "--dtype", "int32"), "shape disagrees with the data");
        for (String line : err.toString().split("\n")) {
            assertTrue(line.startsWith("azint: "), "one line per error: " + line);
        }
        Path badPoni = tmp.resolve("bad.poni");
        Files.writeString(badPoni, "poni_version: 2\nDetector: Pilatus1M\nDistance: 0.1\n");
        assertEquals(1, run("--poni", badPoni.toString(), "--image", img));
        assertTrue(err.toString().contains("missing key Poni1"), err.toString());
    }

    @Test
    void malformedDetectorConfigExitsWith1AndNamesFileAndField() throws IOException {
        Path raw = tmp.resolve("tiny.raw");
        Files.write(raw, new byte[4 * 4 * 4]);
        Path poni = tmp.resolve("truncated-escape.poni");
        Files.writeString(poni, "poni_version: 2\nDetector: Detector\n"
                + "Detector_config: {\"pixel1\": 1e-4, \"pixel2\": 1e-4, \"max_shape\": [4, 4], \"note\": \"\\u00\"}\n"
                + "Distance: 0.1\nPoni1: 0\nPoni2: 0\nRot1: 0\nRot2: 0\nRot3: 0\nWavelength: 1e-10\n");
        assertEquals(1, run("--poni", poni.toString(), "--image", raw.toString(), "--shape", "4,4", "--dtype", "int32"));
        String[] lines = err.toString().strip().split("\n");
        assertEquals(1, lines.length, err.toString());
        assertTrue(lines[0].startsWith("azint: " + poni + ": Detector_config is not valid JSON"), lines[0]);
    }

    /** Compares intensity and sigma with a reference CSV outside `skipFirst` leading and `skipLast` trailing bins. */
    private static void compare(Path csv, Path ref, double median, double max, int skipFirst, int skipLast) throws IOException {
        List<String> a = Files.readAllLines(csv), b = Files.readAllLines(ref);
        assertEquals(b.size(), a.size(), "rows");
        int n = a.size() - 1;
        double[] ri = new double[n], rs = new double[n];
        int m = 0;
        for (int k = skipFirst; k < n - skipLast; k++) {
            String[] x = a.get(k + 1).split(","), y = b.get(k + 1).split(",");
            assertEquals(Double.parseDouble(y[0]), Double.parseDouble(x[0]), 2e-6 * Math.abs(Double.parseDouble(y[0])), "radial " + k);
            double iy = Double.parseDouble(y[1]), sy = Double.parseDouble(y[2]);
            if (iy == 0) continue;
            ri[m] = Math.abs(Double.parseDouble(x[1]) - iy) / Math.abs(iy);
            rs[m++] = Math.abs(Double.parseDouble(x[2]) - sy) / Math.abs(sy);
        }
        for (double[] rel : new double[][] {ri, rs}) {
            double[] r = java.util.Arrays.copyOf(rel, m);
            java.util.Arrays.sort(r);
            assertTrue(m > 100, "bins compared");
            assertTrue(r[m / 2] <= median, "median rel " + r[m / 2]);
            assertTrue(r[m - 1] <= max, "max rel " + r[m - 1]);
        }
    }
}
