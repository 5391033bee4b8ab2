package org.hutch.app.testing;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.testfx.util.WaitForAsyncUtils;

/** PNG snapshots of nodes of the real scene, written to target/screenshots for a look. */
public final class Screenshots {
    private Screenshots() {
    }

    public static Path shoot(Node node, String name) throws Exception {
        WritableImage shot = WaitForAsyncUtils.asyncFx(() -> node.snapshot(null, null)).get();
        int w = (int) shot.getWidth(), h = (int) shot.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, shot.getPixelReader().getArgb(x, y));
            }
        }
        Path folder = Path.of("target", "screenshots");
        Files.createDirectories(folder);
        Path file = folder.resolve(name);
        ImageIO.write(out, "png", file.toFile());
        return file;
    }
}
