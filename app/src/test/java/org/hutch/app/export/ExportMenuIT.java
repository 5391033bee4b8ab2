package org.hutch.app.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;

import javafx.scene.Scene;
import javafx.stage.Stage;
import org.hutch.app.files.ImageFiles;
import org.hutch.app.testing.Waits;
import org.hutch.app.ui.Choosers;
import org.hutch.app.ui.MainView;
import org.hutch.model.curve.RadialUnit;
import org.hutch.testkit.Python;
import org.hutch.widgets.image.ImageFrame;
import org.hutch.widgets.image.Viewport;
import org.hutch.widgets.plot.Curve;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * File &gt; Export curve... and Export image... clicked as a user does, on the real CeO2 Pilatus 1M frame of
 * {@code ../shared/testdata} with pyFAI's curve of it and its PONI and mask; the save dialog is replaced by a fixed
 * path (the menu's chooser); every file is read back.
 */
@ExtendWith(ApplicationExtension.class)
class ExportMenuIT {
    private static final Path DEV01 = Path.of("..", "..", "shared", "testdata", "azint", "dev01_ceo2_pilatus1m_real")
            .toAbsolutePath().normalize();
    private static final double WAVELENGTH_A = 0.4066;

    @TempDir
    static Path dir;

    private final AtomicReference<Path> next = new AtomicReference<>();
    private MainView view;
    private Curve curve;

    @Start
    void start(Stage stage) throws Exception {
        view = new MainView(false);
        Choosers.answerForTests(title -> next.getAndSet(null));
        new ExportMenu(view, () -> stage).install();
        stage.setScene(new Scene(view.root(), 1200, 760));
        stage.show();
        if (!Files.isDirectory(DEV01)) {
            return;
        }
        byte[] raw = ImageFiles.bytes(DEV01.resolve("image.raw.gz"));
        int[] pixels = new int[1043 * 981];
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(pixels);
        view.image().setFrame(ImageFrame.ofInt32(1043, 981, pixels, 7));
        curve = reference();
        view.plot().setCurve(curve);
        view.plot().csvDescriptionProperty().set("poni: " + DEV01.resolve("geometry.poni") + "\nmask: "
                + DEV01.resolve("mask.u8.gz") + "\nseries: 12\nfile: /data/ceo2_12.h5");
    }

    @AfterEach
    void restoreDialogs() {
        Choosers.answerForTests(null);
    }

    /** pyFAI's q curve of the frame (radial in nm^-1, intensity, sigma). */
    private static Curve reference() throws Exception {
        List<String> lines = Files.readAllLines(DEV01.resolve("ref_q_nm_full_sa.csv"));
        int n = lines.size() - 1;
        double[] x = new double[n];
        double[] y = new double[n];
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            String[] f = lines.get(i + 1).split(",");
            x[i] = Double.parseDouble(f[0]);
            y[i] = Double.parseDouble(f[1]);
            s[i] = Double.parseDouble(f[2]);
        }
        return new Curve(x, y, s, RadialUnit.Q_NM, WAVELENGTH_A, 7);
    }

    private void export(FxRobot robot, String item, Path file) {
        next.set(file);
        robot.clickOn("File");
        robot.clickOn(item);
        Waits.until(Duration.ofSeconds(30), () -> view.statusLine().contains(file.toString()),
                () -> "status line: " + view.statusLine());
    }

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
            } catch (NumberFormatException header) {
                // not a data row
            }
        }
        return out;
    }

    @Test
    void everyCurveFormatIsWrittenWithItsHeaderAndReadsBack(FxRobot robot) throws Exception {
        assumeTrue(Files.isDirectory(DEV01), "no test data at " + DEV01);
        Python.assumeModules("numpy");
        String maskHash = ExportMenu.sha256(DEV01.resolve("mask.u8.gz"));
        for (String ext : List.of("xy", "dat", "chi", "fxye")) {
            Path file = dir.resolve("ceo2." + ext);
            export(robot, "Export curve...", file);
            List<String> lines = Files.readAllLines(file);
            String text = String.join("\n", lines);
            assertTrue(text.contains("geometry.poni") && text.contains("mask.u8.gz"), ext + ": " + lines.subList(0, 8));
            List<double[]> data;
            switch (ext) {
                case "chi" -> {
                    assertTrue(lines.get(0).contains("frame 7") && lines.get(0).contains(maskHash), lines.get(0));
                    assertEquals("Q (nm^-1)", lines.get(1));
                    assertEquals(curve.size(), Integer.parseInt(lines.get(3).trim()));
                    data = rows(lines.subList(4, lines.size()));
                }
                case "fxye" -> {
                    int bank = 0;
                    while (!lines.get(bank).startsWith("BANK")) {
                        bank++;
                    }
                    data = rows(lines.subList(bank + 1, lines.size()));
                }
                default -> {
                    assertTrue(lines.contains("# frame: 7"), ext);
                    assertTrue(lines.contains("# unit: q_nm^-1"), ext);
                    assertTrue(lines.contains("#   Wavelength: 4.066e-11"), ext + ": the PONI's text");
                    assertTrue(text.contains("(sha256 " + maskHash + ")"), ext);
                    data = rows(lines.stream().filter(l -> !l.startsWith("#")).toList());
                }
            }
            assertEquals(curve.size(), data.size(), ext + " rows");
            if (!ext.equals("fxye")) {
                // as Dioptas and numpy users load them: loadtxt, '#' comments, a chi's four header lines skipped
                String shape = Python.check("import sys, numpy\n"
                        + "d = numpy.loadtxt(sys.argv[1], skiprows=4 if sys.argv[1].endswith('.chi') else 0)\n"
                        + "print(d.shape[0], d.shape[1], repr(float(d[0, 1])))\n", file.toString()).trim();
                String[] f = shape.split(" ");
                assertEquals(curve.size() + " " + (ext.equals("chi") ? 2 : 3), f[0] + " " + f[1], ext + " shape");
                assertEquals(curve.y()[0], Double.parseDouble(f[2]), 1e-6 * curve.y()[0], ext + " first intensity");
            }
            for (int i = 0; i < curve.size(); i += 97) {
                double x = ext.equals("fxye") ? Curve.convert(curve.x()[i], RadialUnit.Q_NM, RadialUnit.TTH_DEG,
                        WAVELENGTH_A) * 100 : curve.x()[i];
                assertEquals(x, data.get(i)[0], 1e-5 * Math.max(1, Math.abs(x)), ext + " x of row " + i);
                assertEquals(curve.y()[i], data.get(i)[1], 1e-5 * Math.max(1, Math.abs(curve.y()[i])), ext + " I " + i);
            }
        }
    }

    @Test
    void theImageIsWrittenAtTheShownViewportWithAxesAndAColourBar(FxRobot robot) throws Exception {
        assumeTrue(Files.isDirectory(DEV01), "no test data at " + DEV01);
        Waits.until(Duration.ofSeconds(30), () -> view.image().shownImage() != null, () -> "no image shown");
        WaitForAsyncUtils.asyncFx(() -> view.image().setViewport(new Viewport(300, 400, 400, 300))).get();
        Path png = dir.resolve("ceo2.png");
        export(robot, "Export image...", png);
        BufferedImage back = ImageIO.read(png.toFile());
        // the 400 x 300 detector pixels of the viewport at 1:1, with margins for the title, axes and colour bar
        assertEquals(70 + 400 + 166, back.getWidth(), "width");
        assertEquals(44 + 300 + 52, back.getHeight(), "height");
        Path tiff = dir.resolve("ceo2.tiff");
        export(robot, "Export image...", tiff);
        BufferedImage tiffBack = ImageIO.read(tiff.toFile());
        assertEquals(back.getWidth(), tiffBack.getWidth());
        assertEquals(back.getRGB(back.getWidth() / 3, back.getHeight() / 2) & 0xFFFFFF,
                tiffBack.getRGB(back.getWidth() / 3, back.getHeight() / 2) & 0xFFFFFF, "the same figure in TIFF");
        String keep = System.getProperty("hutch.export.screenshot");
        if (keep != null) {
            Files.copy(png, Path.of(keep), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        // a name that is no image format is refused with a message, nothing written
        Path jpg = dir.resolve("ceo2.jpg");
        next.set(jpg);
        robot.clickOn("File");
        robot.clickOn("Export image...");
        Waits.until(Duration.ofSeconds(10), () -> view.statusLine().contains(".png"), view::statusLine);
        assertFalse(Files.exists(jpg));
    }
}
