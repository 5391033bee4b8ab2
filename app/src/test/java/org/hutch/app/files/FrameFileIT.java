package org.hutch.app.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.hutch.azint.Poni;
import org.hutch.model.curve.RadialUnit;
import org.hutch.testkit.Python;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files written with h5py in the layouts Hutch meets: MAX IV's receiver (only its dset_name), two image
 * datasets (the user is asked), a DECTRIS master whose second data file is missing; and an integration
 * cancelled half-way, whose file keeps the rows integrated so far.
 */
class FrameFileIT {
    @TempDir
    Path tmp;

    /** Frame i of every file here holds (r * cols + c) + 1000 i. */
    private static final String FRAMES = "import sys, h5py, numpy as np\n"
            + "def frames(n, rows=16, cols=24, dt=np.uint16):\n"
            + "    r, c = np.mgrid[0:rows, 0:cols]\n"
            + "    return np.stack([(r * cols + c + 1000 * i).astype(dt) for i in range(n)])\n";

    private static void assertFrame(FrameFile f, int i, int cols) {
        ImageFiles.Image im = f.frame(i);
        for (int p = 0; p < im.rows() * im.cols(); p++) {
            assertEquals(p + 1000 * i, im.data().getShort(2 * p) & 0xFFFF, "frame " + i + " pixel " + p);
        }
    }

    @Test
    void maxIvReceiverFileIsFoundWithoutAsking() throws Exception {
        Python.assumeH5py();
        Path file = tmp.resolve("maxiv.h5");
        Python.check(FRAMES + "with h5py.File(sys.argv[1], 'w') as f:\n"
                + "    f.create_dataset('entry/instrument/eiger/data', data=frames(3), chunks=(1, 16, 24))\n"
                + "    f['entry/instrument/eiger/sequence_number'] = np.arange(3)\n"
                + "    f['entry/instrument/eiger/pixel_mask'] = np.zeros((16, 24), np.uint32)\n", file.toString());
        FrameFile f = FrameFile.open(file, names -> {
            throw new AssertionError("asked among " + names);
        }).orElseThrow();
        assertEquals("/entry/instrument/eiger/data", f.source());
        assertEquals(3, f.frames());
        assertEquals(16, f.rows());
        assertEquals(24, f.cols());
        assertFrame(f, 2, 24);
    }

    @Test
    void severalImageDatasetsAreOfferedAndTheChoiceIsRead() throws Exception {
        Python.assumeH5py();
        Path file = tmp.resolve("two.h5");
        Python.check(FRAMES + "with h5py.File(sys.argv[1], 'w') as f:\n"
                + "    f['scan/a/data'] = frames(2) * 0\n"
                + "    f['scan/b/data'] = frames(4)\n", file.toString());
        List<String> offered = new ArrayList<>();
        FrameFile f = FrameFile.open(file, names -> {
            offered.addAll(names);
            return names.stream().filter(n -> n.startsWith("/scan/b/data")).findFirst();
        }).orElseThrow();
        assertEquals(2, offered.size(), offered.toString());
        assertTrue(offered.get(1).contains("4 x 16 x 24 uint16"), offered.toString());
        assertEquals(4, f.frames());
        assertFrame(f, 3, 24);
        assertTrue(FrameFile.open(file, names -> Optional.empty()).isEmpty(), "declined: nothing opened");
    }

    @Test
    void aMissingDectrisDataFileIsNamed() throws Exception {
        Python.assumeH5py();
        Path master = tmp.resolve("x_master.h5");
        Python.check(FRAMES + "d = sys.argv[1]\n"
                + "with h5py.File(d + '/x_data_000001.h5', 'w') as f:\n"
                + "    f['entry/data/data'] = frames(2)\n"
                + "with h5py.File(d + '/x_master.h5', 'w') as m:\n"
                + "    m['entry/data/data_000001'] = h5py.ExternalLink('x_data_000001.h5', '/entry/data/data')\n"
                + "    m['entry/data/data_000002'] = h5py.ExternalLink('x_data_000002.h5', '/entry/data/data')\n", tmp.toString());
        ImageFiles.BadInput e = assertThrows(ImageFiles.BadInput.class, () -> FrameFile.open(master, n -> Optional.empty()));
        assertTrue(e.getMessage().contains("/entry/data/data_000002") && e.getMessage().contains("beside the master file"),
                e.getMessage());
    }

    @Test
    void aCancelledIntegrationKeepsTheRowsIntegratedSoFar() throws Exception {
        Python.assumeH5py();
        Path file = tmp.resolve("long.h5");
        int n = 60;
        Python.check(FRAMES + "with h5py.File(sys.argv[1], 'w') as f:\n"
                + "    f.create_dataset('entry/data/data', data=frames(" + n + ", 128, 128, np.uint32), chunks=(1, 128, 128))\n",
                file.toString());
        FrameFile f = FrameFile.open(file, names -> Optional.empty()).orElseThrow();
        Poni poni = Poni.parse("poni_version: 2\nDetector: Detector\n"
                + "Detector_config: {\"pixel1\": 6e-04, \"pixel2\": 6e-04, \"max_shape\": [128, 128]}\n"
                + "Distance: 0.1\nPoni1: 0.0384\nPoni2: 0.0384\nRot1: 0\nRot2: 0\nRot3: 0\nWavelength: 1.0332e-10\n");
        AtomicBoolean cancel = new AtomicBoolean();
        FileIntegration.Result r = FileIntegration.start(f, poni, null, null, RadialUnit.Q_NM, k -> {
            if (k >= 3) {
                cancel.set(true);
            }
        }, cancel).get(120, TimeUnit.SECONDS);
        assertFalse(r.complete(), "cancelled");
        assertNotNull(r.output());
        assertTrue(r.frames() >= 3 && r.frames() < n, "rows " + r.frames());
        assertTrue(r.problem().startsWith("cancelled after " + r.frames() + " of " + n), r.problem());
        String rows = Python.check("import sys, h5py\nwith h5py.File(sys.argv[1], 'r') as f:\n"
                + "    print(f['entry/azint/I'].shape[0], f['entry/process/program'][()].decode())\n", r.output().toString()).strip();
        assertEquals(r.frames() + " Hutch azimuthal-integration pipeline", rows);
        assertTrue(Files.isRegularFile(tmp.resolve("long_azint.h5")), "named after the file");
    }
}
