package org.hutch.app.cli.receiver;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.hutch.app.cli.PoniSetup;
import org.hutch.receiver.DetectorsYaml;
import org.hutch.receiver.EmbeddedReceiver;
import org.hutch.receiver.ReceiverConfig;
import org.hutch.receiver.azint.AzintSetup;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hutch receiver}: the stream receiver alone, headless. Configured like MAX IV's
 * streaming-receiver ({@code --config detectors.yaml --detector NAME}) or by flags
 * ({@code --stins tcp://HOST:PORT}). Prints one {@code listening api=... stream=...} line when
 * ready, then runs until SIGINT/SIGTERM, when the open file is closed cleanly.
 */
@Command(name = "receiver", mixinStandardHelpOptions = true,
        description = "Receive a detector stream (STINS, DECTRIS Stream V1/V2) over ZeroMQ, write HDF5 files, "
                + "and serve MAX IV's streaming-receiver HTTP API plus /api/v1.",
        footer = {"", "Examples:",
                "  hutch receiver --config detectors.yaml --detector formax-eiger --data-dir /data",
                "  hutch receiver --stins tcp://127.0.0.1:9999 --workers 2 --api-port 5000 --data-dir ."})
public final class ReceiverCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "MAX IV detectors.yaml")
    Path config;

    @Option(names = "--detector", paramLabel = "NAME", description = "entry of the detectors.yaml to use")
    String detector;

    @Option(names = "--stins", paramLabel = "tcp://HOST:PORT", split = ",",
            description = "endpoint(s) of a STINS stream (the detector binds; the receiver connects)")
    List<String> stins;

    @Option(names = "--workers", paramLabel = "N", description = "PULL workers (default 1, or nworkers from the yaml)")
    Integer workers;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "folder the files go to; header file names are "
            + "confined to it (default: the current folder)")
    Path dataDir;

    @Option(names = "--api-host", paramLabel = "H", description = "address of the HTTP API (default 127.0.0.1; "
            + "anything else needs --token)")
    String apiHost;

    @Option(names = "--api-port", paramLabel = "P", description = "HTTP port (default: api_port from the yaml, "
            + "5000 with a yaml, else 5000; 0 = any free port)")
    Integer apiPort;

    @Option(names = "--data-port", paramLabel = "P", description = "forwarder: PUSH port that re-emits the stream "
            + "as STINS (default: data_port from the yaml, else none)")
    Integer dataPort;

    @Option(names = "--dset", paramLabel = "PATH", description = "HDF5 dataset path (default: dset_name from the "
            + "yaml, else " + ReceiverConfig.DEFAULT_DSET_NAME + ")")
    String dset;

    @Option(names = "--token", paramLabel = "T", description = "bearer token that POST/PUT requests must carry "
            + "(default: the content of --token-file, else $" + TOKEN_ENV + ")")
    String token;

    @Option(names = "--token-file", paramLabel = "FILE", description = "read the token from this file, for example "
            + "a mounted Secret (default: $" + TOKEN_FILE_ENV + ")")
    Path tokenFile;

    /** Environment variables that give the token when no option does (a container's env or a Secret's mount). */
    static final String TOKEN_ENV = "HUTCH_RECEIVER_TOKEN";
    static final String TOKEN_FILE_ENV = "HUTCH_RECEIVER_TOKEN_FILE";

    /** The environment the token variables are read from (tests give their own). */
    java.util.Map<String, String> environment = System.getenv();

    @Option(names = "--on-exists", paramLabel = "error|append|overwrite",
            description = "when the header's file exists: error (default), append (MAX IV), overwrite")
    String onExists;

    @Option(names = "--series-timeout", paramLabel = "S", description = "close a series with an error after S "
            + "seconds without a message (default 60)")
    Double seriesTimeout;

    @Option(names = "--poni", paramLabel = "FILE", description = "integrate the newest frame azimuthally with this "
            + "pyFAI PONI geometry (served at /api/v1/azint/last)")
    Path poni;

    @Option(names = "--azint-bins", paramLabel = "N", description = "radial bins of the integration (default 1000)")
    Integer azintBins;

    @Option(names = "--azint-unit", paramLabel = "U", description = "q_nm^-1 (default), q_A^-1 or 2th_deg")
    String azintUnit;

    @Option(names = "--azint-all", description = "integrate every frame too (needs --poni): <series>_azint.h5 in the "
            + "data folder, /api/v1/pipeline/*; when behind, frames are skipped and counted, the receiver never waits")
    boolean azintAll;

    @Option(names = "--azint-threads", paramLabel = "N", description = "threads of --azint-all (default 1)")
    int azintThreads = 1;

    /** Counted down when the receiver is up (tests wait on it). */
    final CountDownLatch ready = new CountDownLatch(1);
    /** Count it down to stop the receiver as a signal would. */
    final CountDownLatch stop = new CountDownLatch(1);
    volatile EmbeddedReceiver receiver;

    @Override
    public Integer call() throws Exception {
        ReceiverConfig cfg;
        try {
            cfg = buildConfig();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        EmbeddedReceiver r;
        try {
            r = EmbeddedReceiver.start(cfg);
        } catch (IllegalStateException e) {
            spec.commandLine().getErr().println("receiver: " + e.getMessage());
            return 1;
        }
        receiver = r;
        if (azintAll) {
            r.startAzintPipeline(azintThreads);
        }
        Thread hook = new Thread(() -> {
            stop.countDown();
            r.close();
        }, "hutch-receiver-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("listening api=" + r.apiUri() + " stream=" + String.join(",", cfg.endpoints())
                + (r.dataPort() >= 0 ? " data=tcp://" + cfg.apiHost() + ":" + r.dataPort() : ""));
        out.flush();
        ready.countDown();
        stop.await();
        r.close();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs
        }
        return 0;
    }

    ReceiverConfig buildConfig() throws java.io.IOException {
        ReceiverConfig.Builder b;
        if (config != null || detector != null) {
            if (config == null || detector == null) {
                throw new IllegalArgumentException("--config and --detector go together");
            }
            if (stins != null) {
                throw new IllegalArgumentException("give either --config/--detector or --stins, not both");
            }
            if (!config.toFile().isFile()) {
                throw new IllegalArgumentException("config file " + config + " does not exist");
            }
            b = DetectorsYaml.load(config, detector);
        } else if (stins != null && !stins.isEmpty()) {
            b = ReceiverConfig.builder().format(ReceiverConfig.InputFormat.STINS).endpoints(stins)
                    .apiPort(DetectorsYaml.MAXIV_API_PORT);
        } else {
            throw new IllegalArgumentException("say where the stream comes from: --config FILE --detector NAME, "
                    + "or --stins tcp://HOST:PORT");
        }
        if (workers != null) {
            b.workers(workers);
        }
        b.dataDir(dataDir == null ? Path.of(".") : dataDir);
        if (apiHost != null) {
            b.apiHost(apiHost);
        }
        if (apiPort != null) {
            b.apiPort(apiPort);
        }
        if (dataPort != null) {
            b.dataPort(dataPort);
        }
        if (dset != null) {
            b.dsetName(dset);
        }
        String t = resolveToken();
        if (t != null) {
            b.token(t);
        }
        if (onExists != null) {
            b.onExists(ReceiverConfig.OnExists.parse(onExists));
        }
        if (azintAll && poni == null) {
            throw new IllegalArgumentException("--azint-all needs --poni");
        }
        if (azintThreads < 1) {
            throw new IllegalArgumentException("--azint-threads must be at least 1");
        }
        if (poni != null) {
            b.azint(azintSetup());
        } else if (azintBins != null || azintUnit != null) {
            throw new IllegalArgumentException("--azint-bins and --azint-unit need --poni");
        }
        if (seriesTimeout != null) {
            if (!(seriesTimeout > 0)) {
                throw new IllegalArgumentException("--series-timeout must be positive");
            }
            b.seriesTimeout(Duration.ofMillis((long) (seriesTimeout * 1000)));
        }
        return b.build();
    }

    /** --token, else --token-file, else the environment's token file, else its token; or none. */
    private String resolveToken() throws java.io.IOException {
        if (token != null && tokenFile != null) {
            throw new IllegalArgumentException("give either --token or --token-file, not both");
        }
        if (token != null) {
            return token;
        }
        Path file = tokenFile;
        if (file == null && environment.get(TOKEN_FILE_ENV) != null && !environment.get(TOKEN_FILE_ENV).isBlank()) {
            file = Path.of(environment.get(TOKEN_FILE_ENV));
        }
        if (file != null) {
            if (!java.nio.file.Files.isRegularFile(file)) {
                throw new IllegalArgumentException("token file " + file + " does not exist");
            }
            String t = java.nio.file.Files.readString(file).strip();
            if (t.isEmpty()) {
                throw new IllegalArgumentException("token file " + file + " is empty");
            }
            return t;
        }
        return environment.get(TOKEN_ENV);
    }

    private AzintSetup azintSetup() throws java.io.IOException {
        return PoniSetup.read(poni, azintBins, azintUnit).setup();
    }

    /** Runs the command as {@code hutch receiver ARGS} would (for a main of its own and for tests). */
    public static int run(String... args) {
        return new CommandLine(new ReceiverCommand()).execute(args);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }
}
