package org.hutch.app.acquire;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.hutch.detector.Detector;
import org.hutch.detector.DetectorException;
import org.hutch.detector.DetectorPlugins;
import org.hutch.detector.StreamInfo;
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
        Detector detector = DetectorPlugins.open(detectorSpec == null ? DEFAULT_DETECTOR : detectorSpec);
        try {
            StreamInfo stream = detector.streamInfo();
            ReceiverConfig config = ReceiverConfig.builder()
                    .endpoint(stream.endpoint())
                    .format(ReceiverConfig.InputFormat.valueOf(stream.format().name()))
                    .dataDir(dir)
                    .apiHost(ReceiverConfig.DEFAULT_API_HOST)
                    .apiPort(0)
                    .build();
            EmbeddedReceiver receiver = EmbeddedReceiver.start(config);
            LOG.info("lab mode: {} streaming on {} -> receiver {} writing to {}", detector.name(), stream.endpoint(),
                    receiver.apiUri(), dir);
            return new LabSetup(detector, receiver, dir);
        } catch (RuntimeException e) {
            detector.close();
            throw e;
        }
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
