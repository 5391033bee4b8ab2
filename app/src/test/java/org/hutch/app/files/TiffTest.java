package org.hutch.app.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import com.twelvemonkeys.imageio.plugins.tiff.TIFFImageWriterSpi;
import org.hutch.model.pixels.PixelType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TiffTest {
    private static final int ROWS = 37, COLS = 53;

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"LZW", "Deflate"})
    void compressed16BitTiffReadsTheSamePixels(String compression) throws IOException {
        BufferedImage img = new BufferedImage(COLS, ROWS, BufferedImage.TYPE_USHORT_GRAY);
        int[] px = pixels(65535);
        img.getRaster().setSamples(0, 0, COLS, ROWS, 0, px);
        byte[] tiff = write(img, compression);
        assertTrue(compressionTag(tiff) != 1, "the writer compressed");
        ImageFiles.Image image = Tiff.read(tiff);
        assertEquals(PixelType.UINT16, image.type());
        for (int p = 0; p < px.length; p++) {
            assertEquals(px[p], image.data().getShort(2 * p) & 0xFFFF, "pixel " + p);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"LZW", "Deflate"})
    void compressed32BitTiffReadsTheSamePixels(String compression) throws IOException {
        WritableRaster raster = Raster.createBandedRaster(DataBuffer.TYPE_INT, COLS, ROWS, 1, null);
        int[] px = pixels(Integer.MAX_VALUE);
        px[0] = -1; // 0xFFFFFFFF, as EIGER marks gaps
        raster.setSamples(0, 0, COLS, ROWS, 0, px);
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), new int[] {32},
                false, false, Transparency.OPAQUE, DataBuffer.TYPE_INT);
        byte[] tiff = write(new BufferedImage(cm, raster, false, null), compression);
        assertTrue(compressionTag(tiff) != 1, "the writer compressed");
        ImageFiles.Image image = Tiff.read(tiff);
        assertEquals(4, image.type().bytes(), image.type().toString());
        for (int p = 0; p < px.length; p++) {
            assertEquals(px[p], image.data().getInt(4 * p), "pixel " + p);
        }
    }

    @Test
    void uncompressedTiffStillReadsOnTheFastPath() {
        int[] px = pixels(65535);
        ImageFiles.Image image = Tiff.read(uncompressed16(px));
        for (int p = 0; p < px.length; p++) {
            assertEquals(px[p], image.data().getShort(2 * p) & 0xFFFF, "pixel " + p);
        }
    }

    @Test
    void malformedTiffsAreBadInputNamingTheProblem() throws IOException {
        byte[] good = uncompressed16(pixels(65535));
        ByteBuffer b = ByteBuffer.wrap(good).order(ByteOrder.LITTLE_ENDIAN);
        int ifd = b.getInt(4);

        assertBad(Arrays.copyOf(good, good.length - 10), "runs beyond the end of the file");
        assertBad(Arrays.copyOf(good, 12), "more than the file holds");
        assertBad(Arrays.copyOf(good, 3000), "the file has only 3000");

        byte[] farIfd = good.clone();
        ByteBuffer.wrap(farIfd).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 1 << 30);
        assertBad(farIfd, "directory offset 1073741824 is beyond the end");

        byte[] truncatedIfd = Arrays.copyOf(good, ifd + 2 + 12 * 3);
        assertBad(truncatedIfd, "more than the file holds");

        byte[] farStrip = good.clone();
        ByteBuffer.wrap(farStrip).order(ByteOrder.LITTLE_ENDIAN).putInt(entry(farStrip, 273) + 8, 1 << 30);
        assertBad(farStrip, "strip 0");

        byte[] hugeCount = good.clone();
        ByteBuffer.wrap(hugeCount).order(ByteOrder.LITTLE_ENDIAN).putInt(entry(hugeCount, 273) + 4, 1 << 28);
        assertBad(hugeCount, "StripOffsets");

        byte[] absurd = good.clone();
        ByteBuffer a = ByteBuffer.wrap(absurd).order(ByteOrder.LITTLE_ENDIAN);
        a.putInt(entry(absurd, 256) + 8, 65535);
        a.putInt(entry(absurd, 257) + 8, 65535);
        assertBad(absurd, "65535x65535");

        // what the azint command sees
        Path file = tmp.resolve("cut.tif");
        Files.write(file, Arrays.copyOf(good, good.length - 10));
        ImageFiles.BadInput e = assertThrows(ImageFiles.BadInput.class, () -> ImageFiles.read(file, null, null));
        assertTrue(e.getMessage().startsWith("TIFF strip 0"), e.getMessage());
    }

    private static void assertBad(byte[] tiff, String expected) {
        ImageFiles.BadInput e = assertThrows(ImageFiles.BadInput.class, () -> Tiff.read(tiff));
        assertTrue(e.getMessage().contains(expected), "message '" + e.getMessage() + "' should say " + expected);
    }

    private static int[] pixels(int max) {
        SplittableRandom r = new SplittableRandom(7);
        int[] px = new int[ROWS * COLS];
        for (int p = 0; p < px.length; p++) {
            px[p] = p % 5 == 0 ? r.nextInt(max) : r.nextInt(100); // mostly small counts, some large, as detector data
        }
        return px;
    }

    private static byte[] write(BufferedImage img, String compression) throws IOException {
        ImageWriter writer = new TIFFImageWriterSpi().createWriterInstance();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionType(compression);
            writer.write(null, new IIOImage(img, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** Little-endian, one strip, tags as LONG values. */
    private static byte[] uncompressed16(int[] px) {
        int[][] tags = {{256, COLS}, {257, ROWS}, {258, 16}, {259, 1}, {273, 0}, {277, 1}, {279, 2 * px.length}};
        int dataAt = 8 + 2 + 12 * tags.length + 4;
        ByteBuffer t = ByteBuffer.allocate(dataAt + 2 * px.length).order(ByteOrder.LITTLE_ENDIAN);
        t.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8).putShort((short) tags.length);
        for (int[] tag : tags) {
            t.putShort((short) tag[0]).putShort((short) 4).putInt(1).putInt(tag[0] == 273 ? dataAt : tag[1]);
        }
        t.putInt(0);
        for (int v : px) {
            t.putShort((short) v);
        }
        return t.array();
    }

    /** Position of the directory entry of {@code tag}. */
    private static int entry(byte[] tiff, int tag) {
        ByteBuffer b = ByteBuffer.wrap(tiff).order(tiff[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        int ifd = b.getInt(4);
        for (int e = 0; e < (b.getShort(ifd) & 0xFFFF); e++) {
            if ((b.getShort(ifd + 2 + 12 * e) & 0xFFFF) == tag) {
                return ifd + 2 + 12 * e;
            }
        }
        throw new AssertionError("no tag " + tag);
    }

    private static int compressionTag(byte[] tiff) {
        int at = entry(tiff, 259);
        ByteBuffer b = ByteBuffer.wrap(tiff).order(tiff[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        return b.getShort(at + 8) & 0xFFFF;
    }
}
