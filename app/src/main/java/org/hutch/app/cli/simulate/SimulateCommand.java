package org.hutch.app.cli.simulate;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.hutch.azint.Poni;
import org.hutch.detector.DetectorException;
import org.hutch.detector.DetectorState;
import org.hutch.detector.DetectorStatus;
import org.hutch.detector.PluginOptions;
import org.hutch.detector.SeriesWatch;
import org.hutch.detector.simulator.SimulatedDetector;
import org.hutch.detector.simulator.SimulatorConfig;
import org.hutch.model.acquisition.AcquisitionSettings;
import org.hutch.model.acquisition.TriggerMode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hutch simulate}: a simulated detector on the command line. It binds the stream socket, arms (the
 * header waits for a receiver to connect), sends the frames at the rate asked, prints progress and a
 * summary on stderr, and exits 0 when the series end is sent (1 on a run-time failure, 2 on bad arguments).
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Simulated detector: powder rings from a PONI geometry with Poisson noise, sent as a real "
                + "ZeroMQ stream (also the load generator for benchmarks).")
public final class SimulateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--bind", paramLabel = "ENDPOINT", defaultValue = "tcp://127.0.0.1:9999",
            description = "ZeroMQ endpoint to bind the PUSH socket to (default: ${DEFAULT-VALUE}); port 0 = any free port")
    String bind;

    @Option(names = "--format", paramLabel = "stins|stream1|stream2", defaultValue = "stins",
            description = "wire format: MAX IV STINS, DECTRIS Stream V1 or V2 (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--frames", paramLabel = "N", defaultValue = "100", description = "frames to send (default: ${DEFAULT-VALUE})")
    int frames;

    @Option(names = "--rate", paramLabel = "FPS", defaultValue = "10",
            description = "frames per second; 0 = as fast as the receiver takes them (default: ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--shape", paramLabel = "ROWS,COLS", description = "image size (default: the PONI's detector shape)")
    String shape;

    @Option(names = "--dtype", paramLabel = "uint16|uint32", defaultValue = "uint16", description = "pixel type (default: ${DEFAULT-VALUE})")
    String dtype;

    @Option(names = "--compression", paramLabel = "none|bslz4", defaultValue = "none",
            description = "blob compression (default: ${DEFAULT-VALUE})")
    String compression;

    @Option(names = "--poni", paramLabel = "FILE", description = "pyFAI PONI geometry (default: the built-in 1024x1024 geometry)")
    String poni;

    @Option(names = "--filename", paramLabel = "F", defaultValue = "",
            description = "file name sent in the header; empty = the receiver does not save (default: empty)")
    String filename;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        SimulatorConfig config = config();
        double exposure = rate > 0 ? 1 / rate : 0.1;
        AcquisitionSettings settings = new AcquisitionSettings(exposure, exposure, frames, 1, TriggerMode.INTERNAL,
                filename, Map.of());
        SimulatedDetector detector = SimulatedDetector.open(config);
        Thread onSignal = new Thread(detector::close, "hutch-simulate-shutdown");
        Runtime.getRuntime().addShutdownHook(onSignal);
        try {
            return run(detector, settings, err);
        } finally {
            detector.close();
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException e) {
                // already shutting down: the hook closes the detector
            }
        }
    }

    private int run(SimulatedDetector detector, AcquisitionSettings settings, PrintWriter err) throws Exception {
        detector.addStateListener(s -> {
            if (s.state().busy() && (s.message().startsWith("waiting") || s.message().contains("fault"))) {
                err.println("simulate: " + s.message());
                err.flush();
            }
        });
        detector.configure(settings);
        SimulatorConfig c = detector.config();
        err.printf(Locale.ROOT, "simulate: %s on %s: %d frames %dx%d %s %s at %s; waiting for a receiver to connect%n",
                c.format().cliName(), detector.streamInfo().endpoint(), frames, c.rows(), c.cols(),
                c.dtype().numpyName(), c.compression().wireName(), rate > 0 ? rate + " fps" : "full speed");
        err.flush();
        long start = System.nanoTime();
        long lastSent = 0;
        long lastTime = start;
        try (SeriesWatch watch = SeriesWatch.on(detector)) {
            detector.arm();
            while (!watch.end().isDone()) {
                try {
                    watch.end().get(1, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    long now = System.nanoTime();
                    long sent = detector.framesSent();
                    err.printf(Locale.ROOT, "simulate: sent %d/%d frames (%.1f fps)%n", sent, frames,
                            (sent - lastSent) / ((now - lastTime) / 1e9));
                    err.flush();
                    lastSent = sent;
                    lastTime = now;
                }
            }
            DetectorStatus end = watch.end().get();
            double seconds = (System.nanoTime() - start) / 1e9;
            long sent = detector.framesSent();
            err.printf(Locale.ROOT, "simulate: %s; %d frames in %.2f s: %.1f fps, %.1f MB/s uncompressed%n",
                    end.message(), sent, seconds, sent / seconds, sent * c.frameBytes() / 1e6 / seconds);
            err.flush();
            return end.state() == DetectorState.READY ? 0 : 1;
        }
    }

    private SimulatorConfig config() {
        if (frames < 1) {
            throw bad("--frames must be at least 1, not " + frames);
        }
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw bad("--rate must be 0 (full speed) or a positive number of frames per second, not " + rate);
        }
        Map<String, String> options = new java.util.LinkedHashMap<>();
        options.put("bind", bind);
        options.put("format", format);
        options.put("shape", shape == null ? "" : shape);
        options.put("dtype", dtype);
        options.put("compression", compression);
        options.put("poni", poni == null ? "" : poni);
        options.put("pace", Boolean.toString(rate > 0));
        try {
            SimulatorConfig config = SimulatorConfig.from(PluginOptions.resolve("simulate", SimulatorConfig.settings(), options));
            Poni p = config.poni();
            if (!(p.wavelength() > 0)) {
                throw bad("the PONI " + poni + " has no Wavelength: the rings need one");
            }
            if (!"uint16".equals(config.dtype().numpyName()) && !"uint32".equals(config.dtype().numpyName())) {
                throw bad("--dtype must be uint16 or uint32, not " + dtype);
            }
            return config;
        } catch (DetectorException | IllegalArgumentException e) {
            throw bad(e.getMessage().replace("setting '", "option --").replace("'", ""));
        }
    }

    private CommandLine.ParameterException bad(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new SimulateCommand()).execute(args));
    }
}
