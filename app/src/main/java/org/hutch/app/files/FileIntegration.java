package org.hutch.app.files;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

import org.hutch.app.HutchVersion;
import org.hutch.azint.IntegrationSettings;
import org.hutch.azint.Poni;
import org.hutch.model.concurrent.NamedThreadFactory;
import org.hutch.model.curve.RadialUnit;
import org.hutch.receiver.azint.AzintSetup;
import org.hutch.receiver.pipeline.AzintPipeline;
import org.hutch.receiver.pipeline.PipelineConfig;
import org.hutch.stream.Compression;
import org.hutch.stream.Frame;
import org.hutch.stream.SeriesEnd;
import org.hutch.stream.SeriesStart;
import org.hutch.stream.StreamFormat;

/**
 * Integrates every frame of a file into {@code <name>_azint.h5} beside it: the frames are fed, as one
 * series, to the same {@link AzintPipeline} that integrates a live series at full rate (lossless, so none
 * is skipped), and its writer makes the file, so the output has the pipeline's NeXus layout and provenance.
 * Runs on its own thread ({@code hutch-file-integrate}); cancelling closes the file with the frames
 * integrated so far.
 */
public final class FileIntegration {
    /** Frames held between reading and writing: enough to keep the workers busy, little memory. */
    private static final int QUEUE_FRAMES = 8;

    /**
     * What came of it.
     *
     * @param output   the file written, or null when none was
     * @param frames   rows written
     * @param complete every frame of the file was integrated
     * @param problem  why not, or null
     */
    public record Result(Path output, int frames, boolean complete, String problem) {
    }

    private FileIntegration() {
    }

    /**
     * @param poniText the PONI as loaded (kept in the output's provenance), or null to write the geometry's own text
     * @param mask     1 = excluded, over the PONI's detector shape, or null
     * @param progress frames integrated so far (pipeline thread)
     * @param cancel   set it to stop after the frame being read
     */
    public static CompletableFuture<Result> start(FrameFile file, Poni poni, String poniText, byte[] mask, RadialUnit unit,
                                                  IntConsumer progress, AtomicBoolean cancel) {
        CompletableFuture<Result> done = new CompletableFuture<>();
        NamedThreadFactory.start("hutch-file-integrate", () -> {
            try {
                done.complete(run(file, poni, poniText, mask, unit, progress, cancel));
            } catch (Throwable e) {
                done.complete(new Result(null, 0, false, FrameLoader.message(e)));
            }
        });
        return done;
    }

    private static Result run(FrameFile file, Poni poni, String poniText, byte[] mask, RadialUnit unit, IntConsumer progress,
                              AtomicBoolean cancel) throws InterruptedException {
        Path dir = file.path().toAbsolutePath().getParent();
        if (!Files.isWritable(dir)) {
            return new Result(null, 0, false, "cannot write into " + dir + " (the integrated file goes beside " + file.name() + ")");
        }
        AzintSetup setup = new AzintSetup(poni, IntegrationSettings.defaults(AzintSetup.DEFAULT_BINS).withUnit(unit));
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() - 1));
        PipelineConfig config = new PipelineConfig(setup, poniText, mask, dir, threads, QUEUE_FRAMES, true, HutchVersion.get());
        AtomicInteger written = new AtomicInteger();
        AtomicReference<Path> output = new AtomicReference<>();
        AtomicBoolean complete = new AtomicBoolean();
        CountDownLatch ended = new CountDownLatch(1);
        try (AzintPipeline pipeline = new AzintPipeline(config)) {
            pipeline.addListener(new AzintPipeline.Listener() {
                @Override
                public void integrated(AzintPipeline.IntegratedFrame f) {
                    output.compareAndSet(null, pipeline.currentFile());
                    progress.accept(written.incrementAndGet());
                }

                @Override
                public void seriesEnded(AzintPipeline.SeriesInfo series, boolean whole) {
                    complete.set(whole);
                    ended.countDown();
                }
            });
            pipeline.start();
            pipeline.offer(new SeriesStart(0, 0, StreamFormat.STINS, seriesName(file), (long) file.frames(), Map.of(),
                    Map.of("source_file", file.path().toAbsolutePath().toString(), "source_dataset", file.source())));
            int fed = 0;
            String readProblem = null;
            for (int k = 0; k < file.frames() && !cancel.get(); k++) {
                ImageFiles.Image im;
                try {
                    im = file.frame(k);
                } catch (RuntimeException e) {
                    readProblem = "frame " + (k + 1) + " cannot be read: " + FrameLoader.message(e);
                    break;
                }
                pipeline.offer(new Frame(0, k + 1L, k, im.rows(), im.cols(), im.type(), Compression.NONE, im.data(), Map.of()));
                fed++;
            }
            if (fed == file.frames()) {
                pipeline.offer(new SeriesEnd(0, fed + 1L));
            } else {
                pipeline.abort(readProblem != null ? readProblem : "cancelled");
            }
            ended.await(); // the pipeline ends every series it started, with END or ABORT
            long failed = pipeline.counters().failed();
            Object error = pipeline.counters().toJson().get("error");
            int rows = written.get();
            String problem = readProblem != null ? readProblem
                    : failed > 0 ? failed + " frame(s) could not be integrated: " + error
                    : output.get() == null && rows > 0 ? "no file written: " + error
                    : fed < file.frames() ? "cancelled after " + rows + " of " + file.frames() + " frames"
                    : rows < file.frames() ? "only " + rows + " of " + file.frames() + " frames were integrated: " + error : null;
            return new Result(output.get(), rows, complete.get() && rows == file.frames(), problem);
        }
    }

    /** The series is named after the file, so the pipeline writes {@code <name>_azint.h5} beside it. */
    static String seriesName(FrameFile file) {
        String n = file.name();
        String lower = n.toLowerCase(Locale.ROOT);
        for (String ext : new String[] {".edf.gz", ".tiff", ".tif", ".edf", ".cbf"}) {
            if (lower.endsWith(ext)) {
                return n.substring(0, n.length() - ext.length()) + ".h5";
            }
        }
        return n; // .h5 / .nxs: the pipeline drops the extension itself
    }
}
