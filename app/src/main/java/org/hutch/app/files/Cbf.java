package org.hutch.app.files;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.hutch.model.pixels.PixelType;

/** CBF images with the x-CBF_BYTE_OFFSET compression that Pilatus and Eiger detectors write. */
final class Cbf {
    private static final byte[] START = {0x0C, 0x1A, 0x04, (byte) 0xD5};

    private Cbf() {
    }

    static ImageFiles.Image read(byte[] bytes) {
        int start = indexOf(bytes, START);
        if (start < 0) {
            throw new ImageFiles.BadInput("not a CBF file (no binary section)");
        }
        String header = new String(bytes, 0, start, StandardCharsets.ISO_8859_1);
        if (!header.contains("x-CBF_BYTE_OFFSET")) {
            throw new ImageFiles.BadInput("CBF compression other than x-CBF_BYTE_OFFSET is not supported");
        }
        int cols = field(header, "X-Binary-Size-Fastest-Dimension:");
        int rows = field(header, "X-Binary-Size-Second-Dimension:");
        int n = rows * cols;
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer out = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
        int pos = start + START.length;
        long v = 0;
        for (int i = 0; i < n; i++) {
            if (pos >= bytes.length) {
                throw new ImageFiles.BadInput("CBF data end after " + i + " of " + n + " pixels");
            }
            int d = bytes[pos++];
            if (d != -128) {
                v += d;
            } else {
                int d2 = in.getShort(pos);
                pos += 2;
                if (d2 != Short.MIN_VALUE) {
                    v += d2;
                } else {
                    int d4 = in.getInt(pos);
                    pos += 4;
                    if (d4 != Integer.MIN_VALUE) {
                        v += d4;
                    } else {
                        v += in.getLong(pos);
                        pos += 8;
                    }
                }
            }
            out.putInt(4 * i, (int) v);
        }
        return new ImageFiles.Image(rows, cols, PixelType.INT32, out);
    }

    private static int field(String header, String key) {
        int at = header.indexOf(key);
        if (at < 0) {
            throw new ImageFiles.BadInput("CBF header has no " + key);
        }
        String rest = header.substring(at + key.length()).strip();
        int end = 0;
        while (end < rest.length() && Character.isDigit(rest.charAt(end))) end++;
        return Integer.parseInt(rest.substring(0, end));
    }

    private static int indexOf(byte[] b, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= b.length; i++) {
            for (int k = 0; k < pattern.length; k++) {
                if (b[i + k] != pattern[k]) continue outer;
            }
            return i;
        }
        return -1;
    }
}
