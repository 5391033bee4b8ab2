package org.hutch.azint.cli;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.hutch.model.pixels.PixelType;

/** Uncompressed single-channel TIFF (as Pilatus and Eiger write), first image only. */
final class Tiff {
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
        int ifd = b.getInt(4);
        int entries = b.getShort(ifd) & 0xFFFF;
        int width = 0, height = 0, bits = 0, compression = 1, format = 1, samples = 1;
        long[] offsets = null, counts = null;
        for (int e = 0; e < entries; e++) {
            int at = ifd + 2 + 12 * e;
            int tag = b.getShort(at) & 0xFFFF;
            int type = b.getShort(at + 2) & 0xFFFF;
            int count = b.getInt(at + 4);
            switch (tag) {
                case 256 -> width = (int) value(b, type, at + 8);
                case 257 -> height = (int) value(b, type, at + 8);
                case 258 -> bits = (int) value(b, type, at + 8);
                case 259 -> compression = (int) value(b, type, at + 8);
                case 277 -> samples = (int) value(b, type, at + 8);
                case 339 -> format = (int) value(b, type, at + 8);
                case 273 -> offsets = values(b, type, count, at + 8);
                case 279 -> counts = values(b, type, count, at + 8);
                default -> { }
            }
        }
        if (compression != 1) {
            throw new ImageFiles.BadInput("compressed TIFF (compression " + compression + ") is not supported");
        }
        if (samples != 1 || offsets == null || counts == null || width <= 0 || height <= 0) {
            throw new ImageFiles.BadInput("unsupported TIFF layout (need one sample per pixel in strips)");
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
        int n = width * height * t.bytes();
        byte[] data = new byte[n];
        int pos = 0;
        for (int s = 0; s < offsets.length && pos < n; s++) {
            int len = (int) Math.min(counts[s], n - pos);
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

    private static long value(ByteBuffer b, int type, int at) {
        return switch (type) {
            case 3 -> b.getShort(at) & 0xFFFF;
            case 4 -> b.getInt(at) & 0xFFFFFFFFL;
            case 1 -> b.get(at) & 0xFF;
            default -> throw new ImageFiles.BadInput("unexpected TIFF field type " + type);
        };
    }

    private static long[] values(ByteBuffer b, int type, int count, int at) {
        int size = type == 3 ? 2 : 4;
        int base = count * size <= 4 ? at : b.getInt(at);
        long[] out = new long[count];
        for (int i = 0; i < count; i++) {
            out[i] = value(b, type, base + i * size);
        }
        return out;
    }
}
