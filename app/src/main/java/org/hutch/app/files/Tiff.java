package org.hutch.app.files;

import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import com.twelvemonkeys.imageio.plugins.tiff.TIFFImageReaderSpi;
import org.hutch.model.pixels.PixelType;

/**
 * Single-channel TIFF (as Pilatus and Eiger write), first image only. Uncompressed strips are read
 * directly (the fast path); other compressions (LZW, Deflate, PackBits, ...) go through
 * TwelveMonkeys' ImageIO TIFF reader. Every offset and count in the file is checked against its
 * length, so a malformed file is a {@link ImageFiles.BadInput} that names the problem.
 */
final class Tiff {
    private static final int NONE = 1;

    private Tiff() {
    }

    static ImageFiles.Image read(byte[] bytes) {
        if (bytes.length < 8) {
            throw new ImageFiles.BadInput("not a TIFF file (too short)");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (bytes[0] == 'I' && bytes[1] == 'I') {
            b.order(ByteOrder.LITTLE_ENDIAN);
        } else if (bytes[0] == 'M' && bytes[1] == 'M') {
            b.order(ByteOrder.BIG_ENDIAN);
        } else {
            throw new ImageFiles.BadInput("not a TIFF file");
        }
        if (b.getShort(2) != 42) {
            throw new ImageFiles.BadInput("not a classic TIFF file (BigTIFF is not supported)");
        }
        long ifd = b.getInt(4) & 0xFFFFFFFFL;
        if (ifd < 8 || ifd + 2 > bytes.length) {
            throw new ImageFiles.BadInput("TIFF directory offset " + ifd + " is beyond the end of the file (" + bytes.length + " bytes)");
        }
        int entries = b.getShort((int) ifd) & 0xFFFF;
        if (ifd + 2 + 12L * entries > bytes.length) {
            throw new ImageFiles.BadInput("TIFF directory at " + ifd + " has " + entries + " entries, more than the file holds ("
                    + bytes.length + " bytes; truncated?)");
        }
        int width = 0, height = 0, bits = 0, compression = NONE, format = 1, samples = 1;
        long[] offsets = null, counts = null;
        for (int e = 0; e < entries; e++) {
            int at = (int) ifd + 2 + 12 * e;
            int tag = b.getShort(at) & 0xFFFF;
            int type = b.getShort(at + 2) & 0xFFFF;
            long count = b.getInt(at + 4) & 0xFFFFFFFFL;
            switch (tag) {
                case 256 -> width = (int) value(b, type, at + 8);
                case 257 -> height = (int) value(b, type, at + 8);
                case 258 -> bits = (int) value(b, type, at + 8);
                case 259 -> compression = (int) value(b, type, at + 8);
                case 277 -> samples = (int) value(b, type, at + 8);
                case 339 -> format = (int) value(b, type, at + 8);
                case 273 -> offsets = values(b, "StripOffsets", type, count, at + 8);
                case 279 -> counts = values(b, "StripByteCounts", type, count, at + 8);
                default -> { }
            }
        }
        if (samples != 1 || width <= 0 || height <= 0) {
            throw new ImageFiles.BadInput("unsupported TIFF layout (need one sample per pixel, width and height > 0; got "
                    + samples + " samples, " + width + "x" + height + ")");
        }
        PixelType t = switch (format * 100 + bits) {
            case 108 -> PixelType.UINT8;
            case 208 -> PixelType.INT8;
            case 116 -> PixelType.UINT16;
            case 216 -> PixelType.INT16;
            case 132 -> PixelType.UINT32;
            case 232 -> PixelType.INT32;
            case 332 -> PixelType.FLOAT32;
            case 364 -> PixelType.FLOAT64;
            default -> throw new ImageFiles.BadInput("TIFF with " + bits + "-bit samples of format " + format + " is not supported");
        };
        long size = (long) width * height * t.bytes();
        if (size > Integer.MAX_VALUE - 8) {
            throw new ImageFiles.BadInput("TIFF image " + width + "x" + height + " of " + t + " is too large (" + size + " bytes)");
        }
        if (compression != NONE) {
            return decoded(bytes, compression, height, width, t);
        }
        if (offsets == null || counts == null) {
            throw new ImageFiles.BadInput("unsupported TIFF layout (uncompressed, but no StripOffsets and StripByteCounts)");
        }
        int n = (int) size;
        if (n > bytes.length) {
            throw new ImageFiles.BadInput("TIFF image " + width + "x" + height + " of " + t + " needs " + n
                    + " bytes, the file has only " + bytes.length + " (truncated?)");
        }
        byte[] data = new byte[n];
        int pos = 0;
        for (int s = 0; s < Math.min(offsets.length, counts.length) && pos < n; s++) {
            int len = (int) Math.min(counts[s], n - pos);
            if (offsets[s] + len > bytes.length) {
                throw new ImageFiles.BadInput("TIFF strip " + s + " (" + len + " bytes at offset " + offsets[s]
                        + ") runs beyond the end of the file (" + bytes.length + " bytes; truncated?)");
            }
            System.arraycopy(bytes, (int) offsets[s], data, pos, len);
            pos += len;
        }
        if (pos < n) {
            throw new ImageFiles.BadInput("TIFF strips hold " + pos + " bytes, the image needs " + n);
        }
        ByteBuffer out = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        ImageFiles.copySwapped(data, 0, out, t.bytes(), b.order() == ByteOrder.BIG_ENDIAN);
        return new ImageFiles.Image(height, width, t, out);
    }

    /** A compressed TIFF through TwelveMonkeys' reader (named, so the JDK's own TIFF reader is not picked instead). */
    private static ImageFiles.Image decoded(byte[] bytes, int compression, int rows, int cols, PixelType t) {
        Raster raster;
        ImageReader reader = null;
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader = new TIFFImageReaderSpi().createReaderInstance();
            reader.setInput(in);
            raster = reader.read(0).getRaster();
        } catch (IOException | RuntimeException e) {
            throw new ImageFiles.BadInput("TIFF with compression " + compression + " could not be decoded: " + e);
        } finally {
            if (reader != null) {
                reader.dispose();
            }
        }
        if (raster.getWidth() != cols || raster.getHeight() != rows || raster.getNumBands() != 1) {
            throw new ImageFiles.BadInput("TIFF decoded as " + raster.getWidth() + "x" + raster.getHeight() + " with "
                    + raster.getNumBands() + " bands, its directory says " + cols + "x" + rows + " with 1");
        }
        ByteBuffer out = ByteBuffer.allocate(rows * cols * t.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                switch (t) {
                    case UINT8, INT8 -> out.put((byte) raster.getSample(x, y, 0));
                    case UINT16, INT16 -> out.putShort((short) raster.getSample(x, y, 0));
                    case UINT32, INT32 -> out.putInt(raster.getSample(x, y, 0));
                    case FLOAT32 -> out.putFloat(raster.getSampleFloat(x, y, 0));
                    case FLOAT64 -> out.putDouble(raster.getSampleDouble(x, y, 0));
                    default -> throw new ImageFiles.BadInput("TIFF of " + t + " is not supported");
                }
            }
        }
        return new ImageFiles.Image(rows, cols, t, out.flip());
    }

    private static long value(ByteBuffer b, int type, int at) {
        return switch (type) {
            case 3 -> b.getShort(at) & 0xFFFF;
            case 4 -> b.getInt(at) & 0xFFFFFFFFL;
            case 1 -> b.get(at) & 0xFF;
            default -> throw new ImageFiles.BadInput("unexpected TIFF field type " + type);
        };
    }

    private static long[] values(ByteBuffer b, String name, int type, long count, int at) {
        if (type != 3 && type != 4) {
            throw new ImageFiles.BadInput("TIFF " + name + " has field type " + type + " (SHORT or LONG expected)");
        }
        int size = type == 3 ? 2 : 4;
        long base = count * size <= 4 ? at : b.getInt(at) & 0xFFFFFFFFL;
        if (count == 0 || base + count * size > b.capacity()) {
            throw new ImageFiles.BadInput("TIFF " + name + " (" + count + " values at offset " + base
                    + ") lies beyond the end of the file (" + b.capacity() + " bytes)");
        }
        long[] out = new long[(int) count];
        for (int i = 0; i < count; i++) {
            out[i] = value(b, type, (int) (base + i * size));
        }
        return out;
    }
}
