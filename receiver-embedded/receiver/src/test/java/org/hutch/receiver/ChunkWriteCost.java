package org.hutch.receiver;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.hutch.model.pixels.PixelType;
import org.hutch.receiver.hdf5.SeriesFile;

/**
 * What the writer thread pays per raw frame, apart from everything else the receiver does: writes
 * {@code frames} raw uint16 frames of {@code rows x cols} from native memory (as the pooled buffers are)
 * with {@link SeriesFile}, flushing every 2 s as the writer does, and prints the thread's CPU per frame,
 * user and system, and the wall time. Compare with {@code dd bs=<frame> count=<frames>} into the same
 * folder in the same minute: the system time is the kernel's page-cache write, which no receiver avoids.
 * {@code ChunkWriteCost [frames] [rows] [cols] [dir]}. A benchmark tool, not a test.
 */
public final class ChunkWriteCost {
    private ChunkWriteCost() {
    }

    public static void main(String[] args) throws Exception {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 1024;
        int cols = args.length > 2 ? Integer.parseInt(args[2]) : 1024;
        Path dir = Files.createTempDirectory(args.length > 3 ? Path.of(args[3]) : Path.of("/tmp"), "chunkcost");
        ByteBuffer raw = TestFrames.raw(rows, cols, PixelType.UINT16, 1);
        ByteBuffer chunk = ByteBuffer.allocateDirect(raw.remaining());
        chunk.put(raw).flip();
        Path file = dir.resolve("chunks.h5");
        ThreadMXBean t = ManagementFactory.getThreadMXBean();
        long cpu0 = t.getCurrentThreadCpuTime();
        long user0 = t.getCurrentThreadUserTime();
        long wall0 = System.nanoTime();
        long lastFlush = wall0;
        try (SeriesFile f = SeriesFile.open(file, ReceiverConfig.OnExists.ERROR, ReceiverConfig.DEFAULT_DSET_NAME,
                Map.of())) {
            f.prepare(PixelType.UINT16, rows, cols, false);
            for (int i = 0; i < frames; i++) {
                f.write(i, chunk.duplicate(), false);
                if (System.nanoTime() - lastFlush > 2_000_000_000L) {
                    f.flush();
                    lastFlush = System.nanoTime();
                }
            }
        }
        double wall = (System.nanoTime() - wall0) / 1e6;
        double cpu = (t.getCurrentThreadCpuTime() - cpu0) / 1e6;
        double user = (t.getCurrentThreadUserTime() - user0) / 1e6;
        System.out.printf("%d raw frames of %d bytes: writer thread %.3f ms/frame CPU (user %.3f, system %.3f),"
                        + " wall %.3f ms/frame (%.0f fps)%n", frames, chunk.capacity(), cpu / frames, user / frames,
                (cpu - user) / frames, wall / frames, frames * 1000 / wall);
        Files.delete(file);
        Files.delete(dir);
    }
}
