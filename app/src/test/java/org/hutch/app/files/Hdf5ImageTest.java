package org.hutch.app.files;

import static org.bytedeco.hdf5.global.hdf5.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacpp.BytePointer;
import org.hutch.app.cli.azint.AzintCommand;
import org.hutch.codec.Bslz4Codec;
import org.hutch.model.pixels.PixelType;
import org.hutch.testkit.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Frames read from real HDF5 files, plain and bslz4-chunked as the receiver writes them. */
class Hdf5ImageTest {
    private static final Path DEV01 = TestData.path("azint/dev01_ceo2_pilatus1m_real");
    private static final int ROWS = 1043, COLS = 981;

    @TempDir
    Path tmp;

    /** Writes frames {zeros, image} twice: /plain (chunked, no filter) and /bslz4 (filter 32008, direct chunk writes). */
    private static void write(Path file, byte[] image) {
        H5open();
        long f = H5Fcreate(file.toString(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
        assertTrue(f >= 0);
        try {
            for (boolean bslz4 : new boolean[] {false, true}) {
                long space = H5Screate_simple(3, new long[] {2, ROWS, COLS}, (long[]) null);
                long dcpl = H5Pcreate(H5P_CLS_DATASET_CREATE_ID_g());
                H5Pset_chunk(dcpl, 3, new long[] {1, ROWS, COLS});
                if (bslz4) {
                    H5Pset_filter(dcpl, 32008, H5Z_FLAG_OPTIONAL, 5, new int[] {0, 0, 4, 0, 2});
                }
                long ds = H5Dcreate2(f, bslz4 ? "/bslz4" : "/plain", H5T_STD_I32LE_g(), space, H5P_DEFAULT, dcpl, H5P_DEFAULT);
                assertTrue(ds >= 0);
                for (int i = 0; i < 2; i++) {
                    byte[] raw = i == 0 ? new byte[image.length] : image;
                    byte[] stored = raw;
                    if (bslz4) {
                        ByteBuffer c = Bslz4Codec.compress(ByteBuffer.wrap(raw), 4);
                        stored = new byte[c.remaining()];
                        c.get(stored);
                    }
                    try (BytePointer p = new BytePointer(stored)) {
                        assertEquals(0, H5Dwrite_chunk(ds, H5P_DEFAULT, 0, new long[] {i, 0, 0}, stored.length, p));
                    }
                }
                H5Dclose(ds);
                H5Pclose(dcpl);
                H5Sclose(space);
            }
        } finally {
            H5Fclose(f);
        }
    }

    @Test
    void plainAndBslz4DatasetsGiveTheFramePixelsAndTheSameCurve() throws Exception {
        assumeTrue(Files.isDirectory(DEV01), "reference data absent: " + DEV01);
        byte[] image = ImageFiles.bytes(DEV01.resolve("image.raw.gz"));
        Path h5 = tmp.resolve("frames.h5");
        write(h5, image);
        for (String ds : new String[] {"/plain", "/bslz4"}) {
            ImageFiles.Image im = ImageFiles.read(h5, null, null, ds, 1);
            assertEquals(ROWS, im.rows());
            assertEquals(COLS, im.cols());
            assertEquals(PixelType.INT32, im.type());
            ByteBuffer expected = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
            for (int p = 0; p < ROWS * COLS; p += 997) {
                assertEquals(expected.getInt(4 * p), im.data().getInt(4 * p), ds + " pixel " + p);
            }
            assertEquals(0, ImageFiles.read(h5, null, null, ds, 0).data().getInt(4 * 12345));
        }
        String[] common = {"--poni", DEV01.resolve("geometry.poni").toString(), "--mask", DEV01.resolve("mask.u8.gz").toString(),
                "--bins", "300", "--range", "0.03,82.11"};
        String fromRaw = run(common, "--image", DEV01.resolve("image.raw.gz").toString());
        assertEquals(fromRaw, run(common, "--image", h5.toString(), "--dataset", "/plain", "--frame", "1"));
        assertEquals(fromRaw, run(common, "--image", h5.toString(), "--dataset", "/bslz4", "--frame", "1"));
        ImageFiles.BadInput e = assertThrows(ImageFiles.BadInput.class, () -> ImageFiles.read(h5, null, null, "/bslz4", 2));
        assertTrue(e.getMessage().contains("--frame 2"), e.getMessage());
        e = assertThrows(ImageFiles.BadInput.class, () -> ImageFiles.read(h5, null, null, "/nope", 0));
        assertTrue(e.getMessage().contains("no dataset /nope"), e.getMessage());
        e = assertThrows(ImageFiles.BadInput.class, () -> ImageFiles.read(h5, null, null, null, 0));
        assertTrue(e.getMessage().contains("--dataset"), e.getMessage());
    }

    private static String run(String[] common, String... more) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = new CommandLine(new AzintCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] args = new String[common.length + more.length];
        System.arraycopy(common, 0, args, 0, common.length);
        System.arraycopy(more, 0, args, common.length, more.length);
        assertEquals(0, cl.execute(args), err.toString());
        assertTrue(out.toString().startsWith("radial_q_nm^-1,intensity,sigma\n"));
        return out.toString();
    }
}
