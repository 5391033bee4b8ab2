package org.hutch.app.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import javafx.scene.control.Slider;
import javafx.stage.Stage;
import javax.imageio.IIOImage;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import com.twelvemonkeys.imageio.plugins.tiff.TIFFImageWriterSpi;
import org.hutch.app.LaunchOptions;
import org.hutch.app.MainWindow;
import org.hutch.app.cli.azint.AzintCommand;
import org.hutch.app.settings.AppSettings;
import org.hutch.app.settings.SettingsStore;
import org.hutch.app.testing.Waits;
import org.hutch.app.ui.Choosers;
import org.hutch.testkit.TestData;
import org.hutch.widgets.image.ImageFrame;
import org.hutch.widgets.plot.Curve;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import picocli.CommandLine;

/**
 * The real CeO2 image of the reference data (Pilatus 1M, int32, gaps at -1) opened through File &gt; Open...
 * as TIFF (written by TwelveMonkeys), EDF and CBF (byte offset): every pixel as in the raw file, and the 1D
 * curve, with the detector's PONI and mask, what {@code hutch azint} gives for the raw image.
 */
@ExtendWith(ApplicationExtension.class)
class FileFormatsIT {
    private static final Path DEV01 = TestData.path("azint/dev01_ceo2_pilatus1m_real");
    private static final int ROWS = 1043, COLS = 981;

    @TempDir
    static Path dir;

    private MainWindow window;

    @Start
    void start(Stage stage) {
        SettingsStore store = new SettingsStore(dir.resolve("settings.json"));
        AppSettings s = AppSettings.defaults();
        if (Files.isDirectory(DEV01)) {
            s = s.withDetectorGeometry("simulator", DEV01.resolve("geometry.poni").toString(), DEV01.resolve("mask.u8.gz").toString());
        }
        window = new MainWindow(new LaunchOptions(null, "simulator:shape=" + ROWS + "," + COLS, false, dir.resolve("data"),
                null, 0), store, s);
        window.show(stage);
    }

    @AfterEach
    void close() throws Exception {
        Choosers.answerForTests(null);
        WaitForAsyncUtils.asyncFx(() -> window.close()).get().get();
    }

    @Test
    void tiffEdfAndCbfShowTheRawPixelsAndTheCurveOfHutchAzint(FxRobot robot) throws Exception {
        assumeTrue(Files.isDirectory(DEV01), "reference data absent: " + DEV01);
        int[] px = new int[ROWS * COLS];
        ByteBuffer.wrap(ImageFiles.bytes(DEV01.resolve("image.raw.gz"))).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(px);
        Path tif = Files.write(dir.resolve("ceo2.tif"), tiff(px));
        Path edf = Files.write(dir.resolve("ceo2.edf"), edf(px));
        Path cbf = Files.write(dir.resolve("ceo2.cbf"), cbf(px));
        double[] reference = hutchAzint();
        Waits.until(Duration.ofSeconds(60), () -> window.session() != null, () -> window.view().statusLine());

        for (Path file : List.of(tif, edf, cbf)) {
            ImageFrame before = window.view().image().shownFrameProperty().get();
            Curve curveBefore = window.view().plot().curveProperty().get();
            Choosers.answerForTests(title -> file);
            robot.clickOn("#file-menu");
            robot.clickOn("#file-open");
            Waits.until(Duration.ofSeconds(30), () -> title(robot).contains(file.getFileName() + "  \u2014  frame 1 of 1"),
                    () -> title(robot));
            Waits.until(Duration.ofSeconds(30), () -> {
                ImageFrame f = window.view().image().shownFrameProperty().get();
                return f != null && f != before && f.rows() == ROWS && f.cols() == COLS;
            }, () -> "frame shown: " + window.view().image().shownFrameProperty().get());
            ImageFrame f = window.view().image().shownFrameProperty().get();
            // a TIFF without SampleFormat is unsigned: the gaps' -1 reads as 0xFFFFFFFF, as EIGER marks them (masked alike)
            boolean unsigned = file == tif;
            for (int r = 0; r < ROWS; r++) {
                for (int c = 0; c < COLS; c++) {
                    int v = px[r * COLS + c];
                    assertEquals(unsigned ? v & 0xFFFFFFFFL : v, f.value(r, c), file.getFileName() + ": pixel " + r + "," + c);
                }
            }
            assertTrue(Waits.onFx(() -> robot.lookup("#frame-slider").queryAs(Slider.class).isDisabled()), "one frame: nothing to slide");
            assertTrue(Waits.onFx(() -> robot.lookup("#file-play").queryAs(javafx.scene.control.ToggleButton.class).isDisabled()),
                    "one frame: nothing to play");
            Waits.until(Duration.ofSeconds(60), () -> curveOf(file) != null && curveOf(file) != curveBefore,
                    () -> "no curve; plot says " + window.view().plot().message());
            Curve c = curveOf(file);
            assertEquals(reference.length, c.size(), "bins");
            double peak = 0;
            double worst = 0;
            for (int i = 0; i < c.size(); i++) {
                peak = Math.max(peak, Math.abs(reference[i]));
                worst = Math.max(worst, Math.abs(reference[i] - c.y()[i]));
            }
            assertTrue(worst <= 1e-9 * peak, file.getFileName() + ": curve differs from hutch azint by " + worst + " (peak " + peak + ")");
            if (file == cbf) {
                FileBrowseIT.screenshot(robot, "file-browse-cbf.png");
            }
        }
    }

    /** The curve on screen once it is the file's (the plot was emptied when the file opened). */
    private Curve curveOf(Path file) {
        return Waits.onFx(() -> {
            Curve c = window.view().plot().curveProperty().get();
            return c != null && c.frame() == 0 && window.view().plot().message().isEmpty() ? c : null;
        });
    }

    private static String title(FxRobot robot) {
        return Waits.onFx(() -> robot.lookup("#file-title").tryQueryAs(javafx.scene.control.Label.class)
                .map(javafx.scene.control.Label::getText).orElse("(no file bar)"));
    }

    /** I of {@code hutch azint} on the raw image with the app's live settings (1000 bins, q in nm^-1, no pixel splitting). */
    private static double[] hutchAzint() throws Exception {
        Path csv = dir.resolve("raw.csv");
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new AzintCommand());
        cl.setErr(new PrintWriter(err, true));
        int rc = cl.execute("--poni", DEV01.resolve("geometry.poni").toString(), "--image", DEV01.resolve("image.raw.gz").toString(),
                "--mask", DEV01.resolve("mask.u8.gz").toString(), "--split", "none", "--bins", "1000", "--out", csv.toString());
        assertEquals(0, rc, err.toString());
        List<String> lines = Files.readAllLines(csv).stream().filter(l -> !l.startsWith("#")).skip(1).toList();
        return lines.stream().mapToDouble(l -> Double.parseDouble(l.split(",")[1])).toArray();
    }

    /** A 32-bit signed TIFF with Deflate, written by TwelveMonkeys (not by Hutch). */
    private static byte[] tiff(int[] px) throws Exception {
        WritableRaster raster = Raster.createBandedRaster(DataBuffer.TYPE_INT, COLS, ROWS, 1, null);
        raster.setSamples(0, 0, COLS, ROWS, 0, px);
        java.awt.color.ColorSpace gray = java.awt.color.ColorSpace.getInstance(java.awt.color.ColorSpace.CS_GRAY);
        java.awt.image.ComponentColorModel cm = new java.awt.image.ComponentColorModel(gray, false, false,
                java.awt.Transparency.OPAQUE, DataBuffer.TYPE_INT);
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(cm, raster, false, null);
        ImageWriter writer = new TIFFImageWriterSpi().createWriterInstance();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionType("Deflate");
            writer.write(null, new IIOImage(img, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** EDF as ESRF's writers make it: a 1024-byte header block, little-endian signed 32-bit pixels. */
    static byte[] edf(int[] px) {
        StringBuilder h = new StringBuilder("{\nHeaderID = EH:000001:000000:000000 ;\nImage = 1 ;\nByteOrder = LowByteFirst ;\n"
                + "DataType = SignedInteger ;\nDim_1 = " + COLS + " ;\nDim_2 = " + ROWS + " ;\nSize = " + 4 * px.length + " ;\n");
        while (h.length() < 1022) {
            h.append(' ');
        }
        h.append("}\n");
        ByteBuffer b = ByteBuffer.allocate(1024 + 4 * px.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(h.toString().getBytes(StandardCharsets.US_ASCII));
        for (int v : px) {
            b.putInt(v);
        }
        return b.array();
    }

    /** miniCBF as a Pilatus writes it: x-CBF_BYTE_OFFSET deltas of 1, 2 or 4 bytes. */
    private static byte[] cbf(int[] px) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        long prev = 0;
        for (int v : px) {
            long d = v - prev;
            prev = v;
            if (d > -128 && d < 128) {
                data.write((int) d);
            } else if (d > -32768 && d < 32768) {
                data.write(-128);
                data.write((int) (d & 0xFF));
                data.write((int) ((d >> 8) & 0xFF));
            } else {
                data.write(-128);
                data.write(0x00);
                data.write(0x80);
                for (int k = 0; k < 4; k++) {
                    data.write((int) ((d >> (8 * k)) & 0xFF));
                }
            }
        }
        byte[] body = data.toByteArray();
        ByteArrayOutputStream cbf = new ByteArrayOutputStream();
        cbf.writeBytes(("###CBF: VERSION 1.5\r\ndata_ceo2\r\n\r\n_array_data.data\r\n;\r\n--CIF-BINARY-FORMAT-SECTION--\r\n"
                + "Content-Type: application/octet-stream;\r\n     conversions=\"x-CBF_BYTE_OFFSET\"\r\n"
                + "X-Binary-Size: " + body.length + "\r\nX-Binary-Element-Type: \"signed 32-bit integer\"\r\n"
                + "X-Binary-Number-of-Elements: " + px.length + "\r\nX-Binary-Size-Fastest-Dimension: " + COLS + "\r\n"
                + "X-Binary-Size-Second-Dimension: " + ROWS + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        cbf.writeBytes(new byte[] {0x0C, 0x1A, 0x04, (byte) 0xD5});
        cbf.writeBytes(body);
        cbf.writeBytes("\r\n--CIF-BINARY-FORMAT-SECTION----\r\n;\r\n".getBytes(StandardCharsets.US_ASCII));
        return cbf.toByteArray();
    }
}
