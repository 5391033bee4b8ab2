package org.hutch.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

import org.hutch.app.acquire.AcquisitionController;
import org.hutch.app.acquire.AcquisitionListener;
import org.hutch.app.acquire.AcquisitionResult;
import org.hutch.app.acquire.LabSetup;
import org.hutch.app.acquire.SeriesFileName;
import org.hutch.app.acquire.SeriesFiles;
import org.hutch.detector.Detector;
import org.hutch.detector.DetectorOptionException;
import org.hutch.detector.DetectorPlugins;
import org.hutch.model.acquisition.AcquisitionProgress;
import org.hutch.model.acquisition.AcquisitionSettings;
import org.hutch.model.acquisition.TriggerMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code hutch acquire}: a headless acquisition with any detector plugin, into an embedded receiver
 * or a remote one, using the same controller as the window. Exit 0 only if every frame was written, 1 when the
 * acquisition failed, 2 for bad arguments (a wrong detector id or option included). The last line says how many
 * frames are on disk and in which file.
 */
@Command(name = "acquire", mixinStandardHelpOptions = true,
        description = {"Acquire one series headless: configure, arm, start, follow progress on stderr, "
                + "and wait until the receiver has every frame on disk.",
                "Without --receiver an embedded receiver is started (files go to --data-dir)."})
public final class AcquireCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--detector", required = true, paramLabel = "ID[:k=v,...]",
            description = "Detector plugin and options, for example simulator or simulator:shape=512,512,compression=bslz4.")
    String detector;

    @Option(names = "--receiver", paramLabel = "URL",
            description = "A running receiver that pulls this detector's stream (otherwise an embedded one is started).")
    String receiver;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data folder of the embedded receiver (default: current folder).")
    Path dataDir;

    @Option(names = "--frames", required = true, paramLabel = "N", description = "Frames in the series.")
    int frames;

    @Option(names = "--exposure", required = true, paramLabel = "S", description = "Exposure time per frame in seconds.")
    double exposure;

    @Option(names = "--period", paramLabel = "S", description = "Frame period in seconds (default: the exposure time).")
    Double period;

    @Option(names = "--trigger-mode", paramLabel = "MODE",
            description = "ints, inte, exts, exte or internal (default: ints when the detector has it).")
    String triggerMode;

    @Option(names = "--filename", paramLabel = "F", description = "File name in the data folder (default: hutch_<time>.h5).")
    String filename;

    @Option(names = "--timeout", paramLabel = "S",
            description = "Give up (and abort) when the series is not on disk after S seconds (default: 2 x the series time + 60).")
    Double timeout;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        validate();
        if (receiver != null && dataDir != null) {
            throw new ParameterException(spec.commandLine(), "give either --receiver or --data-dir, not both");
        }
        LabSetup lab = null;
        Detector det = null;
        try {
            String url;
            try {
                if (receiver == null) {
                    lab = LabSetup.start(detector, dataDir != null ? dataDir : Path.of("."));
                    det = lab.detector();
                    url = lab.receiverUrl();
                    err.println("acquire: embedded receiver " + url + ", files in " + lab.dataDir());
                } else {
                    det = DetectorPlugins.open(detector);
                    url = receiver;
                }
            } catch (DetectorOptionException e) {
                // a wrong plugin id or option is a bad argument (exit 2), not a failed acquisition
                throw new ParameterException(spec.commandLine(), "--detector " + detector + ": " + e.getMessage(), e);
            }
            err.println("acquire: detector " + det.name() + " streams on " + det.streamInfo().endpoint());
            AcquisitionSettings settings = settings(det.triggerModes());
            Duration limit = Duration.ofMillis((long) (1000 * (timeout != null ? timeout
                    : 2 * settings.period() * settings.totalFrames() + 60)));
            AcquisitionResult result;
            try (AcquisitionController c = new AcquisitionController(det, url, new StderrProgress(err))) {
                result = c.acquire(settings, limit);
            }
            err.println("acquire: " + result.outcome().name().toLowerCase(Locale.ROOT) + ": " + result.message());
            err.println("acquire: " + SeriesFiles.onDisk(result.written(), result.received(), result.file()));
            err.flush();
            return result.complete() ? 0 : 1;
        } finally {
            if (lab != null) {
                lab.close();
            } else if (det != null) {
                det.close();
            }
        }
    }

    private void validate() {
        if (frames < 1) {
            throw new ParameterException(spec.commandLine(), "--frames must be at least 1, not " + frames);
        }
        if (!(exposure > 0)) {
            throw new ParameterException(spec.commandLine(), "--exposure must be a positive number of seconds");
        }
        if (period != null && !(period >= exposure)) {
            throw new ParameterException(spec.commandLine(), "--period must be at least the exposure time");
        }
        if (timeout != null && !(timeout > 0)) {
            throw new ParameterException(spec.commandLine(), "--timeout must be positive");
        }
        if (triggerMode != null) {
            try {
                TriggerMode.fromName(triggerMode);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
    }

    private AcquisitionSettings settings(Set<TriggerMode> supported) {
        TriggerMode mode = triggerMode != null ? TriggerMode.fromName(triggerMode)
                : supported.contains(TriggerMode.INTS) ? TriggerMode.INTS
                : supported.contains(TriggerMode.INTERNAL) ? TriggerMode.INTERNAL : supported.iterator().next();
        if (!supported.contains(mode)) {
            throw new ParameterException(spec.commandLine(), "the detector has no trigger mode " + mode
                    + " (it has " + supported + ")");
        }
        boolean oneFramePerTrigger = mode.framesPerTrigger(2) == 1;
        return new AcquisitionSettings(exposure, period != null ? period : exposure,
                oneFramePerTrigger ? 1 : frames, oneFramePerTrigger ? frames : 1, mode,
                SeriesFileName.of(filename), java.util.Map.of());
    }

    /** One progress line on stderr at most every second, and every detector state change. */
    private static final class StderrProgress implements AcquisitionListener {
        private final PrintWriter err;
        private long lastPrint;

        StderrProgress(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void detectorStatus(org.hutch.detector.DetectorStatus status) {
            synchronized (err) {
                err.println("acquire: detector " + status);
                err.flush();
            }
        }

        @Override
        public void progress(AcquisitionProgress p) {
            long now = System.nanoTime();
            if (now - lastPrint < 1_000_000_000L && p.received() < p.expected()) {
                return;
            }
            lastPrint = now;
            synchronized (err) {
                err.printf(Locale.ROOT, "acquire: %d/%d frames received, %s written%s (%s)%n", p.received(), p.expected(),
                        p.written() >= 0 ? Long.toString(p.written()) : "?",
                        p.fps() > 0 ? String.format(Locale.ROOT, ", %.1f fps", p.fps()) : "", p.receiverState());
                err.flush();
            }
        }

        @Override
        public void warning(String message) {
            synchronized (err) {
                err.println("acquire: warning: " + message);
                err.flush();
            }
        }

        @Override
        public void commandFailed(String command, String message) {
            synchronized (err) {
                err.println("acquire: " + command + " failed: " + message);
                err.flush();
            }
        }
    }
}
