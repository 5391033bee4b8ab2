package org.hutch.app.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.NavigableMap;
import java.util.Set;
import java.util.stream.Stream;

import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Slider;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.hutch.app.LaunchOptions;
import org.hutch.app.MainWindow;
import org.hutch.app.cli.azint.AzintCommand;
import org.hutch.app.settings.AppSettings;
import org.hutch.app.settings.SettingsStore;
import org.hutch.app.testing.Waits;
import org.hutch.app.ui.Choosers;
import org.hutch.testkit.Hdf5ReadBack;
import org.hutch.testkit.Python;
import org.hutch.widgets.analysis.ImageAnalysis;
import org.hutch.widgets.analysis.PixelStats;
import org.hutch.widgets.analysis.Roi;
import org.hutch.widgets.analysis.RoiPane;
import org.hutch.widgets.image.ImageFrame;
import org.hutch.widgets.image.LiveImageView;
import org.hutch.widgets.image.OverlayPainter;
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
 * File &gt; Open... and File &gt; Integrate file... in the real window, on files written for real: a series
 * the embedded receiver wrote from the simulator, and a DECTRIS-style master file whose bslz4 frames lie in
 * two linked data files (h5py + hdf5plugin). The frames shown are checked pixel by pixel against h5py, the
 * slider and play move through them, live frames do not replace them, and the integrated file read back
 * with h5py holds, row for row, what {@code hutch azint} gives for each frame alone.
 */
@ExtendWith(ApplicationExtension.class)
class FileBrowseIT {
    static final String PONI_128 = "poni_version: 2\nDetector: Detector\n"
            + "Detector_config: {\"pixel1\": 6e-04, \"pixel2\": 6e-04, \"max_shape\": [128, 128]}\n"
            + "Distance: 0.1\nPoni1: 0.0384\nPoni2: 0.0384\nRot1: 0\nRot2: 0\nRot3: 0\nWavelength: 1.0332e-10\n";
    private static final int FRAMES = 4;

    @TempDir
    static Path dir;

    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        Path poni = Files.writeString(dir.resolve("det128.poni"), PONI_128);
        byte[] m = new byte[128 * 128];
        for (int i = 0; i < 40 * 128; i++) {
            m[i] = 1; // the top 40 rows
        }
        Path mask = Files.write(dir.resolve("top40.u8"), m);
        SettingsStore store = new SettingsStore(dir.resolve("settings.json"));
        AppSettings s = AppSettings.defaults().withDetectorGeometry("simulator", poni.toString(), mask.toString());
        window = new MainWindow(new LaunchOptions(null, "simulator:shape=128,128", false, dir.resolve("data"),
                null, FRAMES), store, s);
        window.show(stage);
    }

    @AfterEach
    void close() throws Exception {
        Choosers.answerForTests(null);
        WaitForAsyncUtils.asyncFx(() -> window.close()).get().get();
    }

    @Test
    void aReceiverSeriesIsBrowsedFrameByFrameThenIntegratedIntoTheWaterfall(FxRobot robot) throws Exception {
        Python.assumeH5py();
        Waits.until(Duration.ofSeconds(90), () -> window.view().statusLine().contains("all " + FRAMES + " frames written"),
                () -> window.view().statusLine());
        Path series;
        try (Stream<Path> files = Files.list(window.session().dataDir())) {
            series = files.filter(f -> f.toString().endsWith(".h5")).findFirst().orElseThrow();
        }
        long[][] expected = h5pyFrames(series, Hdf5ReadBack.FRAMES);
        Waits.until(Duration.ofSeconds(20), () -> window.view().image().shownFrameProperty().get() != null, () -> "no live frame");

        open(robot, series);
        Waits.until(Duration.ofSeconds(20), () -> title(robot).contains("frame 1 of " + FRAMES), () -> title(robot));
        assertTrue(title(robot).contains(series.getFileName().toString()), title(robot));
        waitForFrame(0, expected[0]);
        Waits.until(Duration.ofSeconds(20), () -> curve() != null && curve().frame() == 0, () -> "no curve of frame 1");
        screenshot(robot, "file-browse-series.png");

        // the slider: its thumb taken and moved with the arrow keys, as a user does
        robot.clickOn(Waits.onFx(() -> robot.lookup("#frame-slider .thumb").queryAs(Node.class)));
        robot.type(KeyCode.RIGHT, 2);
        Waits.until(Duration.ofSeconds(20), () -> title(robot).contains("frame 3 of " + FRAMES), () -> title(robot));
        waitForFrame(2, expected[2]);
        Waits.until(Duration.ofSeconds(20), () -> curve() != null && curve().frame() == 2, () -> "no curve of frame 3");

        // a second live series runs while the file is browsed: its frames do not replace the file's
        robot.clickOn("#file-name").eraseText(60).write("second");
        robot.clickOn("#arm");
        javafx.scene.control.Button start = Waits.onFx(() -> robot.lookup("#start").queryButton());
        Waits.until(Duration.ofSeconds(30), () -> Waits.onFx(() -> !start.isDisabled()), () -> "Start stays disabled");
        robot.clickOn("#start");
        Waits.until(Duration.ofSeconds(90), () -> window.view().statusLine().contains("all " + FRAMES + " frames written")
                && window.view().statusLine().contains("second"), () -> window.view().statusLine());
        Thread.sleep(1500); // a poll or two after the series
        waitForFrame(2, expected[2]);
        assertTrue(title(robot).contains("frame 3 of " + FRAMES), title(robot));

        // play goes through every frame, and pause stops it
        robot.clickOn("#file-play");
        Set<Long> seen = new HashSet<>();
        Waits.until(Duration.ofSeconds(60), () -> {
            seen.add(window.view().image().shownFrameProperty().get().frameNumber());
            return seen.size() == FRAMES;
        }, () -> "play showed only frames " + seen);
        robot.clickOn("#file-play");
        Slider slider = Waits.onFx(() -> robot.lookup("#frame-slider").queryAs(Slider.class));
        WaitForAsyncUtils.waitForFxEvents();
        double paused = Waits.onFx(slider::getValue);
        Thread.sleep(1000);
        assertEquals(paused, Waits.onFx(slider::getValue), "the slider moved after Pause");

        // integrate the whole file: progress, then the waterfall of every frame
        robot.clickOn("#file-menu");
        robot.clickOn("#file-integrate");
        Path out = series.resolveSibling(series.getFileName().toString().replace(".h5", "_azint.h5"));
        Waits.until(Duration.ofSeconds(120), () -> window.view().statusLine().startsWith("integrated " + FRAMES + " frames"),
                () -> window.view().statusLine());
        assertTrue(window.view().statusLine().contains(out.toString()), window.view().statusLine());
        assertTrue(window.view().plot().waterfallShownProperty().get(), "the waterfall opens");
        Waits.until(Duration.ofSeconds(10), () -> Waits.onFx(() -> window.view().plot().history().size()) == FRAMES,
                () -> "waterfall holds " + Waits.onFx(() -> window.view().plot().history().size()) + " curves");
        screenshot(robot, "file-integrated-waterfall.png");
        assertIntegratedLikeSingleFrames(out, series, Hdf5ReadBack.FRAMES, FRAMES);

        // back to live: the bar goes and the newest live frame (the second series' last) is shown again
        robot.clickOn("#back-to-live");
        Waits.until(Duration.ofSeconds(10), () -> Waits.onFx(() -> robot.lookup("#file-bar").tryQuery().isEmpty()), () -> "the file bar stays");
        Waits.until(Duration.ofSeconds(10), () -> window.view().image().shownFrameProperty().get().frameNumber() == FRAMES - 1L,
                () -> "shown after Back to live: " + window.view().image().shownFrameProperty().get());
    }

    @Test
    void aDectrisMasterFileWithLinkedBslz4DataFilesIsBrowsedAndIntegrated(FxRobot robot) throws Exception {
        Python.assumeH5py();
        Waits.until(Duration.ofSeconds(60), () -> window.session() != null, () -> window.view().statusLine());
        Path d = Files.createDirectories(dir.resolve("dectris"));
        Path master = d.resolve("scan_master.h5");
        Python.check("import sys, h5py, hdf5plugin, numpy as np\n"
                + "d = sys.argv[1]\n"
                + "try:\n"
                + "    bs = hdf5plugin.Bitshuffle(nelems=0, cname='lz4')\n"
                + "except TypeError:\n"
                + "    bs = hdf5plugin.Bitshuffle(nelems=0, lz4=True)\n"
                + "r, c = np.mgrid[0:128, 0:128]\n"
                + "frames = [((r * 128 + c) * (i + 1) + 7 * i).astype(np.uint32) for i in range(5)]\n"
                + "for part, idx in ((1, [0, 1, 2]), (2, [3, 4])):\n"
                + "    with h5py.File(f'{d}/scan_data_{part:06d}.h5', 'w') as f:\n"
                + "        ds = f.create_dataset('entry/data/data', data=np.stack([frames[i] for i in idx]), chunks=(1, 128, 128), **bs)\n"
                + "        ds.attrs['image_nr_low'] = idx[0] + 1\n"
                + "        ds.attrs['image_nr_high'] = idx[-1] + 1\n"
                + "with h5py.File(f'{d}/scan_master.h5', 'w') as m:\n"
                + "    m.create_group('entry/instrument/detector/detectorSpecific')\n"
                + "    m['entry/instrument/detector/detectorSpecific/pixel_mask'] = np.zeros((128, 128), np.uint32)\n"
                + "    m['entry/data/data_000001'] = h5py.ExternalLink('scan_data_000001.h5', '/entry/data/data')\n"
                + "    m['entry/data/data_000002'] = h5py.ExternalLink('scan_data_000002.h5', '/entry/data/data')\n"
                + "with h5py.File(f'{d}/scan_data_000001.h5', 'r') as f:\n"
                + "    assert f['entry/data/data']._filters and '32008' in f['entry/data/data']._filters, f['entry/data/data']._filters\n",
                d.toString());

        open(robot, master);
        Waits.until(Duration.ofSeconds(20), () -> title(robot).contains("frame 1 of 5"), () -> title(robot));
        waitForFormula(0);
        robot.clickOn(Waits.onFx(() -> robot.lookup("#frame-slider .thumb").queryAs(Node.class)));
        robot.type(KeyCode.RIGHT, 3); // frame 4: the first of the second data file
        Waits.until(Duration.ofSeconds(20), () -> title(robot).contains("frame 4 of 5"), () -> title(robot));
        waitForFormula(3);
        screenshot(robot, "file-browse-dectris.png");

        robot.clickOn("#file-menu");
        robot.clickOn("#file-integrate");
        Waits.until(Duration.ofSeconds(120), () -> window.view().statusLine().startsWith("integrated 5 frames"),
                () -> window.view().statusLine());
        Path out = d.resolve("scan_master_azint.h5");
        assertTrue(Files.isRegularFile(out), "no " + out);
        assertIntegratedLikeSingleFrames(out, master, null, 5);
    }

    @Test
    void aDamagedOrUnknownFileSaysWhatIsWrongAndTheLiveViewGoesOn(FxRobot robot) throws Exception {
        Waits.until(Duration.ofSeconds(60), () -> window.session() != null, () -> window.view().statusLine());
        Path bad = Files.write(dir.resolve("broken.h5"), "this is no HDF5 file at all".getBytes());
        open(robot, bad);
        Waits.until(Duration.ofSeconds(20), () -> window.view().statusLine().startsWith("cannot open broken.h5"),
                () -> window.view().statusLine());
        assertTrue(window.view().statusLine().contains("not an HDF5 file"), window.view().statusLine());
        assertFalse(window.view().statusLine().contains("Exception"), window.view().statusLine());
        Waits.until(Duration.ofSeconds(10), () -> Waits.onFx(() -> robot.lookup("#file-error").tryQuery().isPresent()), () -> "no error dialog");
        screenshot(robot, "file-error.png");
        robot.clickOn("OK");
        assertTrue(Waits.onFx(() -> robot.lookup("#file-bar").tryQuery().isEmpty()), "no file is browsed");

        Path odd = Files.write(dir.resolve("notes.txt"), "x".getBytes());
        open(robot, odd);
        Waits.until(Duration.ofSeconds(20), () -> window.view().statusLine().startsWith("cannot open notes.txt"),
                () -> window.view().statusLine());
        assertTrue(window.view().statusLine().contains("not a file type Hutch opens"), window.view().statusLine());
        Waits.until(Duration.ofSeconds(10), () -> Waits.onFx(() -> robot.lookup("#file-error").tryQuery().isPresent()), () -> "no error dialog");
        robot.clickOn("OK");
    }

    // ---- helpers

    @Test
    void anRoiOverABrowsedFileGetsOnePointPerFrameShownWithTheFilesSums(FxRobot robot) throws Exception {
        Python.assumeH5py();
        Waits.until(Duration.ofSeconds(90), () -> window.view().statusLine().contains("all " + FRAMES + " frames written"),
                () -> window.view().statusLine());
        Path series;
        try (Stream<Path> files = Files.list(window.session().dataDir())) {
            series = files.filter(f -> f.toString().endsWith(".h5")).findFirst().orElseThrow();
        }
        open(robot, series);
        Waits.until(Duration.ofSeconds(20), () -> title(robot).contains("frame 1 of " + FRAMES), () -> title(robot));
        waitForFrame(0, h5pyFrames(series, Hdf5ReadBack.FRAMES)[0]);
        WaitForAsyncUtils.waitForFxEvents();

        // an ROI dragged below the masked top rows
        robot.clickOn("Analysis").clickOn("Draw ROIs");
        robot.drag(onScreen(20, 60), MouseButton.PRIMARY).moveTo(onScreen(70, 90)).moveTo(onScreen(100, 110))
                .release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        ImageAnalysis analysis = window.workspaces().get(0).analysis().analysis();
        assertEquals(1, analysis.roiLayer().rois().size(), "one ROI drawn");
        Roi roi = analysis.roiLayer().rois().get(0);
        assertTrue(roi.row0() >= 40, "the ROI is below the mask: " + roi);

        // every frame of the file, stepped through with the slider's arrow keys
        robot.clickOn(Waits.onFx(() -> robot.lookup("#frame-slider .thumb").queryAs(Node.class)));
        for (int i = 1; i < FRAMES; i++) {
            robot.type(KeyCode.RIGHT);
            int n = i + 1;
            Waits.until(Duration.ofSeconds(20), () -> title(robot).contains("frame " + n + " of " + FRAMES), () -> title(robot));
        }
        RoiPane pane = analysis.roiPane();
        Waits.until(Duration.ofSeconds(20), () -> pane.history(roi).size() == FRAMES, () -> "history " + pane.history(roi));

        // the same sums from the file with h5py (the ROI's end row and column excluded, as the ROI counts)
        String out = Python.check("import sys, h5py, hdf5plugin, numpy as np\n"
                + "r0, r1, c0, c1 = (int(v) for v in sys.argv[3:7])\n"
                + "with h5py.File(sys.argv[1], 'r') as f:\n"
                + "    d = f[sys.argv[2]]\n"
                + "    for i in range(len(d)):\n"
                + "        print(d[i][r0:r1, c0:c1].astype(np.int64).sum())\n", series.toString(), Hdf5ReadBack.FRAMES,
                Integer.toString(roi.row0()), Integer.toString(roi.row1()), Integer.toString(roi.col0()),
                Integer.toString(roi.col1())).strip();
        String[] sums = out.split("\n");
        assertEquals(FRAMES, sums.length, out);
        NavigableMap<Long, PixelStats> h = pane.history(roi);
        assertEquals(Set.of(0L, 1L, 2L, 3L), h.keySet(), "one point per frame shown");
        for (int i = 0; i < FRAMES; i++) {
            assertEquals(Long.parseLong(sums[i].trim()), h.get((long) i).sum(), 0, "sum of frame " + i);
        }
    }

    /** The screen point over detector pixel ({@code col}, {@code row}) of the image view as it is now. */
    private Point2D onScreen(double col, double row) {
        LiveImageView v = window.view().image();
        return Waits.onFx(() -> {
            OverlayPainter.DetectorToScreen map = v.detectorToScreen();
            return v.imageArea().localToScreen(map.x(col, row), map.y(col, row));
        });
    }

    private void open(FxRobot robot, Path file) {
        Choosers.answerForTests(title -> file);
        robot.clickOn("#file-menu");
        robot.clickOn("#file-open");
    }

    private static String title(FxRobot robot) {
        return Waits.onFx(() -> robot.lookup("#file-title").tryQueryAs(javafx.scene.control.Label.class)
                .map(javafx.scene.control.Label::getText).orElse("(no file bar)"));
    }

    private Curve curve() {
        return window.view().plot().curveProperty().get();
    }

    /** Waits until frame {@code index} is on screen, then compares its sum and some pixels with h5py's. */
    private void waitForFrame(int index, long[] expected) {
        Waits.until(Duration.ofSeconds(20), () -> {
            ImageFrame f = window.view().image().shownFrameProperty().get();
            return f != null && f.frameNumber() == index;
        }, () -> "frame shown: " + window.view().image().shownFrameProperty().get());
        ImageFrame f = window.view().image().shownFrameProperty().get();
        long sum = 0;
        for (int r = 0; r < f.rows(); r++) {
            for (int c = 0; c < f.cols(); c++) {
                sum += (long) f.value(r, c);
            }
        }
        assertEquals(expected[0], sum, "sum of frame " + index);
        assertEquals(expected[1], (long) f.value(64, 64), "pixel (64, 64) of frame " + index);
        assertEquals(expected[2], (long) f.value(127, 3), "pixel (127, 3) of frame " + index);
    }

    /** Frame i of the DECTRIS-style file holds (r * 128 + c) * (i + 1) + 7 i everywhere. */
    private void waitForFormula(int index) {
        Waits.until(Duration.ofSeconds(20), () -> {
            ImageFrame f = window.view().image().shownFrameProperty().get();
            return f != null && f.frameNumber() == index;
        }, () -> "frame shown: " + window.view().image().shownFrameProperty().get());
        ImageFrame f = window.view().image().shownFrameProperty().get();
        assertEquals(128, f.rows());
        for (int r = 0; r < 128; r++) {
            for (int c = 0; c < 128; c++) {
                assertEquals((r * 128L + c) * (index + 1) + 7L * index, (long) f.value(r, c), "pixel " + r + "," + c);
            }
        }
    }

    /** Per frame: {sum, pixel (64, 64), pixel (127, 3)}, read with h5py. */
    private static long[][] h5pyFrames(Path file, String dset) throws Exception {
        String out = Python.check("import sys, h5py, hdf5plugin, numpy as np\n"
                + "with h5py.File(sys.argv[1], 'r') as f:\n"
                + "    d = f[sys.argv[2]]\n"
                + "    for i in range(len(d)):\n"
                + "        a = d[i].astype(np.int64)\n"
                + "        print(a.sum(), a[64, 64], a[127, 3])\n", file.toString(), dset).strip();
        String[] lines = out.split("\n");
        long[][] v = new long[lines.length][];
        for (int i = 0; i < lines.length; i++) {
            String[] p = lines[i].trim().split(" ");
            v[i] = new long[] {Long.parseLong(p[0]), Long.parseLong(p[1]), Long.parseLong(p[2])};
        }
        return v;
    }

    /**
     * The integrated file, read with h5py: NeXus layout, frames x bins, and each row what {@code hutch azint}
     * gives for that frame alone with the same PONI and mask.
     *
     * @param dset the frames' dataset, or null for a DECTRIS master (data_000001, data_000002 of 3 + 2 frames)
     */
    private static void assertIntegratedLikeSingleFrames(Path out, Path source, String dset, int frames) throws Exception {
        StringBuilder csvs = new StringBuilder();
        for (int k = 0; k < frames; k++) {
            Path csv = dir.resolve(out.getFileName() + "-frame" + k + ".csv");
            Files.deleteIfExists(csv);
            String ds = dset != null ? dset : k < 3 ? "/entry/data/data_000001" : "/entry/data/data_000002";
            int frame = dset != null || k < 3 ? k : k - 3;
            StringWriter err = new StringWriter();
            CommandLine cl = new CommandLine(new AzintCommand());
            cl.setErr(new PrintWriter(err, true));
            int rc = cl.execute("--poni", dir.resolve("det128.poni").toString(), "--image", source.toString(),
                    "--dataset", ds, "--frame", String.valueOf(frame), "--mask", dir.resolve("top40.u8").toString(),
                    "--out", csv.toString());
            assertEquals(0, rc, err.toString());
            csvs.append(csv).append(',');
        }
        String result = Python.check("import sys, h5py, numpy as np\n"
                + "with h5py.File(sys.argv[1], 'r') as f:\n"
                + "    assert f.attrs['default'] == 'entry' and f['entry'].attrs['default'] == 'azint'\n"
                + "    g = f['entry/azint']\n"
                + "    assert g.attrs['NX_class'] == 'NXdata' and g.attrs['signal'] == 'I'\n"
                + "    I = g['I'][()]; q = g['radial'][()]; n = g['frame_numbers'][()]\n"
                + "    csvs = [c for c in sys.argv[2].split(',') if c]\n"
                + "    assert I.shape == (len(csvs), len(q)), (I.shape, len(q))\n"
                + "    assert list(n) == list(range(len(csvs))), list(n)\n"
                + "    worst = 0\n"
                + "    for k, c in enumerate(csvs):\n"
                + "        ref = np.loadtxt(c, delimiter=',', comments='#', skiprows=1)\n"
                + "        assert np.allclose(ref[:, 0], q, rtol=1e-9), 'radial axis differs'\n"
                + "        worst = max(worst, float(np.max(np.abs(ref[:, 1] - I[k]) / np.maximum(1e-12, np.abs(ref[:, 1]).max()))))\n"
                + "    print(I.shape[0], I.shape[1], worst)\n", out.toString(), csvs.toString()).strip();
        String[] p = result.split(" ");
        assertEquals(frames, Integer.parseInt(p[0]), "rows");
        assertEquals(1000, Integer.parseInt(p[1]), "bins");
        assertTrue(Double.parseDouble(p[2]) < 1e-9, "largest difference to hutch azint, relative to the peak: " + p[2]);
    }

    /** A PNG of the window, in target/screenshots, to look at. */
    static void screenshot(FxRobot robot, String name) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(300);
        javafx.scene.image.WritableImage shot = WaitForAsyncUtils.asyncFx(() -> robot.lookup("#main-root").query()
                .snapshot(null, null)).get();
        int w = (int) shot.getWidth();
        int h = (int) shot.getHeight();
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, shot.getPixelReader().getArgb(x, y));
            }
        }
        Path dirOut = Files.createDirectories(Path.of("target", "screenshots"));
        javax.imageio.ImageIO.write(img, "png", dirOut.resolve(name).toFile());
    }
}
