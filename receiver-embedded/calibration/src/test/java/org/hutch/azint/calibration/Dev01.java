package org.hutch.azint.calibration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.hutch.azint.FrameView;
import org.hutch.azint.Poni;
import org.hutch.model.pixels.PixelType;
import org.hutch.testkit.TestData;

/** The real CeO2 image of ../shared/testdata/azint/dev01_ceo2_pilatus1m_real (Pilatus 1M) with its pyFAI PONI. */
final class Dev01 {
    static final int ROWS = 1043, COLS = 981;
    final Path dir;
    final Poni reference;
    final byte[] mask;
    final ByteBuffer bytes;

    private Dev01(Path dir) throws IOException {
        this.dir = dir;
        this.reference = Poni.read(dir.resolve("geometry.poni"));
        this.mask = gunzip(dir.resolve("mask.u8.gz"));
        this.bytes = ByteBuffer.wrap(gunzip(dir.resolve("image.raw.gz"))).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Loaded once; the test is skipped when the reference data is absent. */
    static Dev01 load() throws IOException {
        return new Dev01(TestData.require("azint/dev01_ceo2_pilatus1m_real"));
    }

    FrameView frame() {
        return FrameView.of(bytes, PixelType.INT32);
    }

    CalibrationImage image() {
        return CalibrationImage.of(frame(), ROWS, COLS, mask, DetectorLayout.byName("Pilatus1M").orElseThrow());
    }

    /**
     * The image upside down (rows reversed): the orientation the PONI was calibrated in. The PONI
     * came from Dioptas, which shows TIFF images flipped; on the image as stored, the same
     * geometry is its mirror ({@link #mirror}).
     */
    CalibrationImage flippedImage() {
        int[] v = new int[ROWS * COLS];
        bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(v);
        int[] f = new int[v.length];
        byte[] m = new byte[mask.length];
        for (int r = 0; r < ROWS; r++) {
            System.arraycopy(v, (ROWS - 1 - r) * COLS, f, r * COLS, COLS);
            System.arraycopy(mask, (ROWS - 1 - r) * COLS, m, r * COLS, COLS);
        }
        return CalibrationImage.of(FrameView.of(f), ROWS, COLS, m, DetectorLayout.byName("Pilatus1M").orElseThrow());
    }

    /** The geometry of a detector read upside down: same 2θ at every mirrored pixel. */
    static Poni mirror(Poni p) {
        return new Poni(p.detector(), p.pixel1(), p.pixel2(), p.rows(), p.cols(), p.dist(), p.rows() * p.pixel1() - p.poni1(),
                p.poni2(), p.rot1(), -p.rot2(), -p.rot3(), p.wavelength());
    }

    /** The reference moved: distance by dDist metres, PONI by (d1, d2) pixels, no tilt (what a user would guess). */
    Poni guess(double dDist, double d1, double d2) {
        Poni r = reference;
        return new Poni(r.detector(), r.pixel1(), r.pixel2(), r.rows(), r.cols(), r.dist() + dDist,
                r.poni1() + d1 * r.pixel1(), r.poni2() + d2 * r.pixel2(), 0, 0, 0, r.wavelength());
    }

    static byte[] gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
            return in.readAllBytes();
        }
    }
}
