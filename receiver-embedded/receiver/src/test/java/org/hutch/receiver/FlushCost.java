package org.hutch.receiver;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.hutch.codec.Bslz4Codec;
import org.hutch.model.pixels.PixelType;
import org.hutch.receiver.hdf5.SeriesFile;

/**
 * What a periodic flush costs the writer: writes {@code frames} EIGER-4M-sized bslz4 frames
 * (2162 x 2068 uint32) and flushes every {@code every} frames, timing each flush and the writes.
 * {@code FlushCost [frames] [every] [dir]}; prints the median and maximum flush time.
 */
public final class FlushCost {
    private FlushCost() {
    }

    public static void main(String[] args) throws Exception {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int every = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Path dir = Files.createTempDirectory(args.length > 2 ? Path.of(args[2]) : Path.of("/tmp"), "flushcost");
        ByteBuffer blob = Bslz4Codec.compress(TestFrames.raw(2162, 2068, PixelType.UINT32, 1), 4);
        Path file = dir.resolve("flush.h5");
        long[] flushes = new long[frames / every];
        long writeNanos = 0;
        try (SeriesFile f = SeriesFile.open(file, ReceiverConfig.OnExists.ERROR, ReceiverConfig.DEFAULT_DSET_NAME,
                Map.of())) {
            f.prepare(PixelType.UINT32, 2162, 2068, true);
            for (int i = 0; i < frames; i++) {
                long t0 = System.nanoTime();
                f.write(i, blob.duplicate(), true);
                writeNanos += System.nanoTime() - t0;
                if ((i + 1) % every == 0) {
                    long t1 = System.nanoTime();
                    f.flush();
                    flushes[(i + 1) / every - 1] = System.nanoTime() - t1;
                }
            }
        }
        Arrays.sort(flushes);
        System.out.printf("%d frames of %d bytes, flush every %d frames: write %.3f ms/frame; flush median %.2f ms,"
                        + " max %.2f ms (n=%d)%n", frames, blob.remaining(), every, writeNanos / 1e6 / frames,
                flushes[flushes.length / 2] / 1e6, flushes[flushes.length - 1] / 1e6, flushes.length);
        Files.delete(file);
        Files.delete(dir);
    }
}
