package org.hutch.app.session;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.hutch.app.LaunchOptions;
import org.hutch.app.acquire.AcquisitionController;
import org.hutch.app.acquire.LabSetup;
import org.hutch.app.client.LiveFrame;
import org.hutch.app.client.ReceiverClients;
import org.hutch.app.corrections.Corrections;
import org.hutch.app.live.AppIntegrator;
import org.hutch.app.live.LivePoller;
import org.hutch.azint.Poni;
import org.hutch.detector.Detector;
import org.hutch.detector.DetectorPlugins;
import org.hutch.model.concurrent.NamedThreadFactory;
import org.hutch.model.curve.RadialUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One receiver being watched, and optionally one detector being driven, with no JavaFX in it:
 * lab mode starts the simulator and an embedded receiver; cluster mode polls a receiver URL (and
 * opens a detector when one is given). Started off the FX thread by {@link #startAsync}.
 */
public final class Session implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Session.class);
    private static final AtomicInteger STARTS = new AtomicInteger();
    public static final String SIMULATOR_PONI = "/org/hutch/detector/simulator/simulator.poni";

    private final LabSetup lab;
    private final Detector detector;
    private final String receiverUrl;
    private final LivePoller poller;
    private final AcquisitionController controller;
    private volatile Poni poni;
    private volatile byte[] mask;
    private volatile boolean simulatorGeometry;
    private volatile String geometryFiles = "poni: none\nmask: none";
    private volatile RadialUnit unit = RadialUnit.Q_NM;
    private volatile Corrections corrections = Corrections.NONE;
    private AppIntegrator source; // guarded by this
    /** counts the geometries (PONI, mask, unit) integrated with */
    private volatile long geometryGeneration;
    private final List<Consumer<LiveFrame>> frameTaps = new CopyOnWriteArrayList<>();
    /** lab mode's receiver pipeline, kept on this session's geometry; null in cluster mode */
    private final LabPipeline labPipeline;

    private Session(LabSetup lab, Detector detector, String receiverUrl, LivePoller poller,
                    AcquisitionController controller, Consumer<String> warning) {
        this.lab = lab;
        this.labPipeline = lab == null ? null : new LabPipeline(lab, warning);
        this.detector = detector;
        this.receiverUrl = receiverUrl;
        this.poller = poller;
        this.controller = controller;
    }

    /**
     * Starts on a thread named {@code hutch-session-start}; reports through {@code events.started} or
     * {@code events.startFailed}.
     *
     * @param dataDir lab mode's data folder
     * @param poniFile the user's PONI, or {@code null} for the simulator's geometry
     */
    public static CompletableFuture<Session> startAsync(LaunchOptions options, Path dataDir, Path poniFile,
                                                        Path maskFile, double pollHz, SessionEvents events) {
        CompletableFuture<Session> f = new CompletableFuture<>();
        NamedThreadFactory.start("hutch-session-start-" + STARTS.incrementAndGet(), () -> {
            try {
                Session s = start(options, dataDir, poniFile, maskFile, pollHz, events);
                f.complete(s);
                events.started(s);
            } catch (Exception | LinkageError e) {
                String msg = e.getMessage() != null ? e.getMessage() : e.toString();
                LOG.warn("start-up failed: {}", msg, e);
                f.completeExceptionally(e);
                events.startFailed(msg);
            }
        });
        return f;
    }

    private static Session start(LaunchOptions options, Path dataDir, Path poniFile, Path maskFile, double pollHz,
                                 SessionEvents events) throws Exception {
        LabSetup lab = null;
        Detector detector = null;
        String url;
        if (options.labMode()) {
            lab = LabSetup.start(options.detectorSpec(), dataDir);
            detector = lab.detector();
            url = lab.receiverUrl();
        } else {
            url = options.receiverUrl();
            if (options.detectorSpec() != null) {
                detector = DetectorPlugins.open(options.detectorSpec());
            }
        }
        try {
            LivePoller poller = new LivePoller(url, ReceiverClients.DEFAULT_TIMEOUT, events);
            poller.setRateHz(pollHz);
            AcquisitionController controller = detector == null || options.viewOnly() ? null
                    : new AcquisitionController(detector, url, events);
            Session s = new Session(lab, detector, url, poller, controller, events::warning);
            s.loadGeometry(poniFile, maskFile);
            poller.start();
            return s;
        } catch (Exception e) {
            if (lab != null) {
                lab.close();
            } else if (detector != null) {
                detector.close();
            }
            throw e;
        }
    }

    /**
     * Loads the PONI and mask of this session's detector for the app-side integration and the image's
     * mask. Without a PONI only lab mode has a geometry (the simulator's own, which it applies to any
     * shape); a cluster receiver's frames get no made-up curve, the plot says to load a PONI.
     */
    public void loadGeometry(Path poniFile, Path maskFile) throws IOException {
        Poni p;
        if (poniFile != null) {
            p = Poni.read(poniFile);
        } else if (lab != null) {
            try (InputStream in = Session.class.getResourceAsStream(SIMULATOR_PONI)) {
                if (in == null) {
                    throw new IOException("the simulator's geometry " + SIMULATOR_PONI + " is missing from the class path");
                }
                p = Poni.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } else {
            p = null;
        }
        byte[] m = null;
        if (maskFile != null) {
            if (p == null) {
                throw new IOException("no geometry: load a PONI before the mask, so the mask can be checked against the detector's shape");
            }
            if (!p.hasShape()) {
                throw new IOException("the PONI states no detector shape, so the mask cannot be checked");
            }
            m = AppIntegrator.readMask(maskFile, p.rows(), p.cols());
        }
        this.poni = p;
        this.mask = m;
        this.simulatorGeometry = poniFile == null;
        this.geometryFiles = "poni: " + (poniFile != null ? poniFile.toAbsolutePath() : p != null ? "simulator built-in" : "none")
                + "\nmask: " + (maskFile != null ? maskFile.toAbsolutePath() : "none");
        integrateWith(unit);
        LOG.info("integration geometry: {}{}", poniFile != null ? poniFile : p != null ? "simulator default" : "none",
                maskFile != null ? ", mask " + maskFile : "");
    }

    /** Curves from now on in {@code u} (the app-side integration; the receiver's curves are converted on screen). */
    public void setUnit(RadialUnit u) {
        if (u != unit) {
            integrateWith(u);
        }
    }

    private synchronized void integrateWith(RadialUnit u) {
        unit = u;
        geometryGeneration++;
        Poni p = poni;
        source = p == null ? null
                : new AppIntegrator(p, mask, AppIntegrator.DEFAULT_BINS, simulatorGeometry, u, () -> corrections)
                        .prepareAhead();
        poller.setCurveSource(source);
        if (labPipeline != null) {
            labPipeline.configure(p, mask, simulatorGeometry, u, AppIntegrator.DEFAULT_BINS);
        }
    }

    private void tapFrame(LiveFrame f) {
        for (Consumer<LiveFrame> t : frameTaps) {
            t.accept(f);
        }
    }

    /**
     * Replaces the mask (one byte per pixel of the PONI's shape, or of the frames' when the PONI has none;
     * 1 = masked; {@code null} = none), for
     * the image and the integration, whose matrix is built again; {@code origin} says where it came from.
     */
    public void setMask(byte[] m, String origin) {
        Poni p = poni;
        if (m != null && p == null) {
            throw new IllegalArgumentException("no geometry to integrate with: load a PONI first");
        }
        // the simulator's built-in geometry takes the frames' shape, whatever the PONI's own says
        if (m != null && p.hasShape() && !simulatorGeometry && m.length != p.rows() * p.cols()) {
            throw new IllegalArgumentException("a mask of " + m.length + " pixels does not fit the detector's "
                    + p.rows() + "x" + p.cols());
        }
        mask = m;
        String g = geometryFiles;
        geometryFiles = g.substring(0, g.indexOf("\nmask: ") + 1) + "mask: " + (m == null ? "none" : origin);
        integrateWith(unit);
    }

    /** The dark, flat and background in force (the curve on screen is integrated again with them). */
    public void setCorrections(Corrections c) {
        corrections = java.util.Objects.requireNonNull(c);
        synchronized (this) {
            poller.setCurveSource(source); // the same matrix: only the frame on screen is integrated again
        }
    }

    public Corrections corrections() {
        return corrections;
    }

    /**
     * Adds a tap that sees each new live frame at full resolution (on the poll thread), whether or not
     * the app integrates it; while a tap is on, the poller fetches full-resolution frames.
     */
    public synchronized void addFrameTap(Consumer<LiveFrame> tap) {
        frameTaps.add(tap);
        poller.setFrameTap(this::tapFrame);
    }

    public synchronized void removeFrameTap(Consumer<LiveFrame> tap) {
        frameTaps.remove(tap);
        if (frameTaps.isEmpty()) {
            poller.setFrameTap(null); // back to reduced frames for a large detector
        }
    }

    /** The geometry of the app-side integration, or {@code null} when none is loaded (cluster mode without a PONI). */
    public Poni poni() {
        return poni;
    }

    /** The mask, one byte per pixel of the PONI's shape, 1 = masked; or {@code null}. */
    public byte[] mask() {
        return mask;
    }

    /** The PONI and mask files in use, as "poni: ..." and "mask: ..." lines (for a CSV's comments). */
    public String geometryFiles() {
        return geometryFiles;
    }

    /** Counts the geometries (PONI, mask, unit) the session has integrated with: a new one changes it. */
    public long geometryGeneration() {
        return geometryGeneration;
    }

    /** Whether the geometry is the simulator's own, which fits any frame shape. */
    public boolean simulatorGeometry() {
        return simulatorGeometry;
    }

    public boolean hasMask() {
        return mask != null;
    }

    public boolean labMode() {
        return lab != null;
    }

    public Path dataDir() {
        return lab != null ? lab.dataDir() : null;
    }

    public String receiverUrl() {
        return receiverUrl;
    }

    /** The detector, or {@code null} in a watch-only cluster session. */
    public Detector detector() {
        return detector;
    }

    /** The controller, or {@code null} when nothing may be controlled (view-only, or no detector). */
    public AcquisitionController controller() {
        return controller;
    }

    public LivePoller poller() {
        return poller;
    }


    /** Stops polling, releases the detector and stops the embedded receiver. Blocking: not on the FX thread. */
    @Override
    public void close() {
        poller.close();
        if (labPipeline != null) {
            labPipeline.close();
        }
        if (controller != null) {
            controller.close();
        }
        if (lab != null) {
            lab.close();
        } else if (detector != null) {
            detector.close();
        }
    }
}
