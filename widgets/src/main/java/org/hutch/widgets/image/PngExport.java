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
        BufferedImage out = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_ARGB_PRE);
        int[] target = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
        System.arraycopy(image.argb(), 0, target, 0, image.width() * image.height());
        if (!ImageIO.write(out, "png", file.toFile())) {
            throw new IOException("no PNG writer available for " + file);
        }
    }
}
