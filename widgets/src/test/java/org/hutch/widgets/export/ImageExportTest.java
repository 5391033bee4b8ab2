package org.hutch.widgets.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.hutch.widgets.image.Colormap;
import org.hutch.widgets.image.ImageFrame;
import org.hutch.widgets.image.ImagePreparer;
import org.hutch.widgets.image.ImageRegion;
import org.hutch.widgets.image.PreparedImage;
import org.hutch.widgets.image.RenderSettings;
import org.hutch.widgets.image.Scale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The figure read back from PNG and TIFF: image pixels where they belong, and a colour bar from low to high. */
class ImageExportTest {
    @TempDir
    Path dir;

    private static PreparedImage ramp(ImageRegion region) {
        int rows = 40;
        int cols = 60;
        int[] v = new int[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = i % cols; // brighter to the right
        }
        ImageFrame f = ImageFrame.ofUInt32(rows, cols, v, 3);
        RenderSettings s = RenderSettings.defaults().withManual(0, 59);
        try (ImagePreparer p = new ImagePreparer(1)) {
            ImageRegion r = region != null ? region : ImageRegion.whole(f);
            return p.prepare(f, null, s, r, r.cols(), r.rows(), null);
        }
    }

    @Test
    void pngAndTiffHoldTheImageAndAColourBar() throws Exception {
        PreparedImage image = ramp(null);
        for (String name : List.of("a.png", "a.tiff")) {
            Path f = dir.resolve(name);
            BufferedImage drawn = ImageExport.write(image, "frame 3", f);
            BufferedImage back = ImageIO.read(f.toFile());
            assertEquals(drawn.getWidth(), back.getWidth(), name);
            assertEquals(drawn.getHeight(), back.getHeight(), name);
            assertTrue(back.getWidth() > 480 && back.getHeight() > 320, "scaled up to be readable: " + back.getWidth());
            int top = 44; // the image's first row
            int left = 70;
            // the image's left edge is the low colour, its right edge the high colour
            assertEquals(Colormap.VIRIDIS.colorAt(0, false) & 0xFFFFFF, back.getRGB(left + 2, top + 5) & 0xFFFFFF, name);
            int zoom = 480 / 60;
            assertEquals(Colormap.VIRIDIS.colorAt(1, false) & 0xFFFFFF,
                    back.getRGB(left + 60 * zoom - 2, top + 5) & 0xFFFFFF, name);
            int barX = left + 60 * zoom + 24 + 10;
            assertEquals(Colormap.VIRIDIS.colorAt(1, false) & 0xFFFFFF, back.getRGB(barX, top) & 0xFFFFFF, "bar top");
            assertEquals(Colormap.VIRIDIS.colorAt(0, false) & 0xFFFFFF,
                    back.getRGB(barX, top + 40 * zoom - 1) & 0xFFFFFF, "bar bottom");
        }
    }

    @Test
    void ticksAreRoundAndLogTicksAreDecades() {
        assertEquals(List.of(0.0, 10.0, 20.0, 30.0, 40.0, 50.0), ImageExport.ticks(0, 59, 6));
        assertEquals(List.of(10.0, 100.0, 1000.0), ImageExport.valueTicks(Scale.LOG, 3, 5000));
    }

    @Test
    void otherExtensionsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageExport.formatOf(Path.of("a.jpg")));
        assertTrue(e.getMessage().contains(".png"), e.getMessage());
    }
}
