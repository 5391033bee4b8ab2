package org.hutch.app.cli.azint;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.hutch.app.HutchVersion;
import org.hutch.app.cli.PoniSetup;
import org.hutch.app.files.ImageFiles;
import org.hutch.azint.Poni;
import org.hutch.model.concurrent.NamedThreadFactory;
import org.hutch.receiver.azint.AzintSetup;
import org.hutch.receiver.pipeline.AzintPipeline;
import org.hutch.receiver.pipeline.CurveHistory;
import org.hutch.receiver.pipeline.PipelineApi;
import org.hutch.receiver.pipeline.PipelineConfig;
import org.hutch.receiver.pipeline.PipelineSource;
import org.hutch.receiver.pipeline.Republisher;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hutch azint-pipeline}: integrates every frame of a receiver's forwarded stream in a process of
 * its own, writes {@code <series>_azint.h5}, republishes the curves and serves its status over HTTP.
 * Prints one {@code listening api=... republish=... stream=...} line when ready; on SIGINT/SIGTERM the
 * open file is closed with every frame integrated so far.
 */
@Command(name = "azint-pipeline", mixinStandardHelpOptions = true,
        description = "Integrate every frame of a forwarded stream (Hutch's or MAX IV's data_port, or a detector's "
                + "STINS / DECTRIS Stream V1/V2) into <series>_azint.h5, republish the curves on ZeroMQ, serve "
                + "/api/v1/pipeline/* over HTTP.",
        footer = {"", "Example:",
                "  hutch receiver --stins tcp://127.0.0.1:9999 --data-port 9998 --data-dir /data &",
                "  hutch azint-pipeline --stream tcp://127.0.0.1:9998 --poni eiger.poni --data-dir /data"})
public final class AzintPipelineCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--stream", required = true, paramLabel = "tcp://HOST:PORT",
            description = "the forwarder to read (PULL connects; the sender binds)")
    String stream;

    @Option(names = "--poni", required = true, paramLabel = "FILE", description = "pyFAI PONI geometry")
    Path poni;

    @Option(names = "--mask", paramLabel = "FILE", description = "mask, non-zero = excluded (.u8/.u8.gz raw or an image "
            + "format); needs a PONI that names the detector shape")
    Path mask;

    @Option(names = "--data-dir", required = true, paramLabel = "DIR", description = "where <series>_azint.h5 go")
    Path dataDir;

    @Option(names = "--lossless", description = "wait for room instead of skipping frames when behind (the wait "
            + "stays in this process: the receiver's forwarder drops after its send timeout)")
    boolean lossless;

    @Option(names = "--threads", paramLabel = "N", description = "integration threads (default: the cores, ${DEFAULT-VALUE} here)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--queue", paramLabel = "N", description = "frames held between the stream and the file "
            + "(default ${DEFAULT-VALUE}); when full a frame is skipped and counted")
    int queue = PipelineConfig.DEFAULT_QUEUE;

    @Option(names = "--bins", paramLabel = "N", description = "radial bins (default 1000)")
    Integer bins;

    @Option(names = "--unit", paramLabel = "U", description = "q_nm^-1 (default), q_A^-1 or 2th_deg")
    String unit;

    @Option(names = "--cake", paramLabel = "N", defaultValue = "0", description = "also write each frame's cake "
            + "[frames, azimuth, radial] with N azimuth bins (0 = none, the default) to /entry/cake, and serve the newest "
            + "at /api/v1/pipeline/cake/last")
    int cake;

    @Option(names = "--api-host", paramLabel = "H", defaultValue = "127.0.0.1",
            description = "address of the HTTP API and the republish port (default ${DEFAULT-VALUE})")
    String apiHost;

    @Option(names = "--api-port", paramLabel = "P", defaultValue = "0", description = "HTTP port (0 = any free port)")
    int apiPort;

    @Option(names = "--republish-port", paramLabel = "P", defaultValue = "0",
            description = "ZeroMQ PUB port of the curves (0 = any free port)")
    int republishPort;

    @Option(names = "--token", paramLabel = "T", description = "bearer token POST /api/v1/pipeline/config needs")
    String token;

    @Option(names = "--series-timeout", paramLabel = "S", defaultValue = "60",
            description = "close a series as incomplete after S seconds without a message (default ${DEFAULT-VALUE})")
    double seriesTimeout;

    /** Counted down when the pipeline is up (tests wait on it). */
    final CountDownLatch ready = new CountDownLatch(1);
    /** Count it down to stop as a signal would. */
    final CountDownLatch stop = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        PipelineConfig cfg;
        try {
            cfg = config();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (!apiHost.equals("127.0.0.1") && !apiHost.equals("localhost") && token == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--api-host " + apiHost + " needs --token");
        }
        AzintPipeline pipeline = new AzintPipeline(cfg);
        Republisher pub = new Republisher(apiHost, republishPort);
        CurveHistory history = new CurveHistory(256);
        pipeline.addListener(history);
        pipeline.addListener(pub);
        pipeline.start();
        PipelineApi api;
        int pubPort;
        try {
            pubPort = pub.port();
            api = new PipelineApi(pipeline, history, pubPort, token).start(apiHost, apiPort);
        } catch (RuntimeException e) {
            pipeline.close();
            spec.commandLine().getErr().println("azint-pipeline: " + e.getMessage());
            return 1;
        }
        PipelineSource source = new PipelineSource(stream, pipeline, (long) (seriesTimeout * 1e9));
        Thread reader = NamedThreadFactory.thread("hutch-azpipe-stream", source, false);
        reader.start();
        Runnable shutdown = () -> {
            source.close();
            pipeline.close();
            api.close();
        };
        Thread hook = new Thread(() -> {
            stop.countDown();
            shutdown.run();
        }, "hutch-azpipe-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        PrintWriter out = spec.commandLine().getOut();
        String h = apiHost.contains(":") ? "[" + apiHost + "]" : apiHost;
        out.println("listening api=http://" + h + ":" + api.port() + " republish=tcp://" + h + ":" + pubPort
                + " stream=" + stream + " threads=" + cfg.threads() + (cfg.lossless() ? " lossless" : ""));
        out.flush();
        ready.countDown();
        stop.await();
        shutdown.run();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs
        }
        return 0;
    }

    private PipelineConfig config() throws IOException {
        if (!Files.isRegularFile(poni)) {
            throw new IllegalArgumentException("PONI file " + poni + " does not exist");
        }
        if (!stream.startsWith("tcp://") && !stream.startsWith("ipc://")) {
            throw new IllegalArgumentException("--stream must be tcp://HOST:PORT, not " + stream);
        }
        PoniSetup read = PoniSetup.read(poni, bins, unit);
        String text = read.text();
        AzintSetup setup = read.setup();
        byte[] m = null;
        if (mask != null) {
            Poni p = setup.poni();
            if (!p.hasShape()) {
                throw new IllegalArgumentException("--mask needs a PONI whose detector has a shape (a named detector, "
                        + "or max_shape in Detector_config)");
            }
            m = ImageFiles.readMask(mask, p.rows(), p.cols(), null);
        }
        return new PipelineConfig(setup, text, m, dataDir, threads, queue, lossless, HutchVersion.get(), cake);
    }

    /** Runs the command as {@code hutch azint-pipeline ARGS} would (tests). */
    public static int run(String... args) {
        return new CommandLine(new AzintPipelineCommand()).execute(args);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }
}
