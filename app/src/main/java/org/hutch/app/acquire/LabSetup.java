package org.hutch.app.acquire;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.hutch.detector.Detector;
import org.hutch.detector.DetectorException;
import org.hutch.detector.DetectorPlugins;
import org.hutch.detector.StreamInfo;
import org.hutch.model.concurrent.NamedThreadFactory;
import org.hutch.receiver.EmbeddedReceiver;
import org.hutch.receiver.ReceiverConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lab mode's pair: a detector (the simulator unless told otherwise) and an embedded receiver on
 * 127.0.0.1 with ephemeral ports, connected to the detector's stream and writing into a data folder.
 * Starting is blocking (it binds sockets and may open a detector over the network): never on the FX thread.
 */
public final class LabSetup implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LabSetup.class);

    public static final String DEFAULT_DETECTOR = "simulator";

    private final Detector detector;
    private final EmbeddedReceiver receiver;
    private final Path dataDir;

    private LabSetup(Detector detector, EmbeddedReceiver receiver, Path dataDir) {
        this.detector = detector;
        this.receiver = receiver;
        this.dataDir = dataDir;
    }

    /** {@code ~/hutch-data}: where a lab user looks for files (shown in the window, changeable). */
    public static Path defaultDataDir() {
        return Path.of(System.getProperty("user.home"), "hutch-data");
    }

    /**
     * Opens the detector and starts a receiver that pulls its stream.
     *
     * @param detectorSpec {@code ID[:k=v,...]}, or {@code null} for the simulator
     * @param dataDir      where files go (created if missing)
     */
    public static LabSetup start(String detectorSpec, Path dataDir) throws DetectorException, IOException {
        Path dir = dataDir.toAbsolutePath().normalize();
        Files.createDirectories(dir);
        if (!Files.isWritable(dir)) {
            throw new IOException("data folder " + dir + " is not writable: choose another one");
        }
        String spec = detectorSpec == null ? DEFAULT_DETECTOR : detectorSpec.trim();
        if (isSimulatorWithoutEndpoint(spec)) {
            return startSimulatorAndReceiverTogether(spec, dir);
        }
        Detector detector = DetectorPlugins.open(spec);
        try {
            StreamInfo stream = detector.streamInfo();
            EmbeddedReceiver receiver = EmbeddedReceiver.start(receiverConfig(stream.endpoint(),
                    ReceiverConfig.InputFormat.valueOf(stream.format().name()), dir));
            return started(detector, receiver, dir);
        } catch (RuntimeException e) {
            detector.close();
            throw e;
        }
    }

    private static boolean isSimulatorWithoutEndpoint(String spec) {
        return (spec.equals(DEFAULT_DETECTOR) || spec.startsWith(DEFAULT_DETECTOR + ":")) && !spec.contains("bind=");
    }

    /**
     * The simulator draws its frames when it opens, and the receiver starts its HTTP server: both take
     * a while, so they run at the same time. The receiver's PULL socket connects to a loopback port
     * chosen here, which the simulator then binds (ZeroMQ connects before the peer binds).
     */
    private static LabSetup startSimulatorAndReceiverTogether(String spec, Path dir) throws DetectorException {
        String endpoint = "tcp://127.0.0.1:" + freeLoopbackPort();
        java.util.concurrent.CompletableFuture<EmbeddedReceiver> receiver = new java.util.concurrent.CompletableFuture<>();
        NamedThreadFactory.start("hutch-lab-receiver-start", () -> {
            try {
                receiver.complete(EmbeddedReceiver.start(receiverConfig(endpoint, ReceiverConfig.InputFormat.AUTO, dir)));
            } catch (RuntimeException | Error e) {
                receiver.completeExceptionally(e);
            }
        });
        Detector detector;
        try {
            detector = DetectorPlugins.open(spec + (spec.contains(":") ? "," : ":") + "bind=" + endpoint);
        } catch (DetectorException | RuntimeException e) {
            receiver.thenAccept(EmbeddedReceiver::close);
            throw e;
        }
        try {
            return started(detector, receiver.join(), dir);
        } catch (java.util.concurrent.CompletionException e) {
            detector.close();
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private static int freeLoopbackPort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    private static ReceiverConfig receiverConfig(String endpoint, ReceiverConfig.InputFormat format, Path dir) {
        return ReceiverConfig.builder()
                .endpoint(endpoint)
                .format(format)
                .dataDir(dir)
                .apiHost(ReceiverConfig.DEFAULT_API_HOST)
                .apiPort(0)
                .build();
    }

    private static LabSetup started(Detector detector, EmbeddedReceiver receiver, Path dir) {
        LOG.info("lab mode: {} streaming on {} -> receiver {} writing to {}", detector.name(),
                detector.streamInfo().endpoint(), receiver.apiUri(), dir);
        return new LabSetup(detector, receiver, dir);
    }

    public Detector detector() {
        return detector;
    }

    public EmbeddedReceiver receiver() {
        return receiver;
    }

    public String receiverUrl() {
        return receiver.apiUri().toString();
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Closes the detector first (the series ends), then the receiver (the open file is closed). */
    @Override
    public void close() {
        detector.close();
        receiver.close();
    }
}
