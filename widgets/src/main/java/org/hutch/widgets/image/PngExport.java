package org.hutch.widgets.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.nio.file.Path;

import javax.imageio.ImageIO;

/** Writes prepared (premultiplied ARGB) pixels to a PNG file. */
public final class PngExport {

    private PngExport() {
    }

    public static void write(PreparedImage image, Path file) throws IOException {
        if (!ImageIO.write(toBufferedImage(image), "png", file.toFile())) {
            throw new IOException("no PNG writer available for " + file);
        }
    }

    /** The prepared pixels as an AWT image (a copy), for writers and for drawing into a larger picture. */
    public static BufferedImage toBufferedImage(PreparedImage image) {
        BufferedImage out = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_ARGB_PRE);
        int[] target = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
        System.arraycopy(image.argb(), 0, target, 0, image.width() * image.height());
        return out;
    }
}
