package org.hutch.app.session;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.hutch.app.acquire.LabSetup;
import org.hutch.app.client.PipelineClient;
import org.hutch.app.client.ReceiverClients;
import org.hutch.app.client.ReceiverException;
import org.hutch.app.live.AppIntegrator;
import org.hutch.azint.Poni;
import org.hutch.model.concurrent.NamedThreadFactory;
import org.hutch.model.curve.RadialUnit;
import org.hutch.receiver.azint.AzintSetup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lab mode's full-rate azint pipeline: the embedded receiver integrates every frame of a series
 * (so the app's waterfall gets every row and its plot the pipeline's 10 Hz) with the session's own
 * PONI, mask, unit and bins, not a configuration of its own. Started with the first geometry; each
 * later one (another PONI or mask, another unit on the plot) goes to the pipeline through its
 * config POST with the receiver's token, and so applies from the next series. Without a geometry
 * no pipeline is started, as before.
 * <p>
 * Splitting: none, as in the app's own live curves ({@link AppIntegrator#curveSettings}), so a
 * pipeline curve equals the app's integration of the same frame (same matrix; the pipeline sends
 * float32). Not applied by the pipeline: the app's dark, flat and background corrections.
 * <p>
 * Works on its own thread ({@code hutch-lab-pipeline}), in the order the geometries came.
 */
final class LabPipeline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LabPipeline.class);
    static final String SPLITTING = "none";

    private final LabSetup lab;
    private final Consumer<String> warning;
    private final ExecutorService thread = NamedThreadFactory.singleThreadExecutor("hutch-lab-pipeline");
    private PipelineClient client; // thread only
    private boolean started; // thread only

    LabPipeline(LabSetup lab, Consumer<String> warning) {
        this.lab = lab;
        this.warning = warning;
    }

    /**
     * Integrates from the next series with this geometry (any thread).
     *
     * @param poni          the session's PONI, or {@code null} (then nothing changes)
     * @param adaptShape    the simulator's built-in geometry, which fits any frame shape
     */
    void configure(Poni poni, byte[] mask, boolean adaptShape, RadialUnit unit, int bins) {
        if (poni == null) {
            return;
        }
        // without its shape the pipeline takes the frames' shape, as the app does for the simulator's geometry
        // (a mask then must fit the frames, which the pipeline checks)
        Poni p = adaptShape ? poni.withShape(0, 0) : poni;
        thread.execute(() -> apply(p, mask, unit, bins));
    }

    private void apply(Poni p, byte[] mask, RadialUnit unit, int bins) {
        try {
            if (!started) {
                int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
                // no _azint.h5 beside the raw files: the curves are for the views, and "Integrate file..." writes
                // that file under that name when the user asks for it
                lab.receiver().startAzintPipeline(new AzintSetup(p, AppIntegrator.curveSettings(bins, unit)), mask,
                        null, threads);
                started = true;
                LOG.info("lab mode: the receiver's azint pipeline integrates every frame ({} threads)", threads);
                return;
            }
            if (client == null) {
                client = new PipelineClient(lab.receiverUrl(), ReceiverClients.DEFAULT_TIMEOUT,
                        lab.receiver().config().token());
            }
            String applies = client.configure(p.format(), mask, unit, bins, SPLITTING);
            LOG.info("lab mode: azint pipeline geometry changed, applies {}", applies);
        } catch (ReceiverException | RuntimeException e) {
            LOG.warn("lab mode: the azint pipeline could not take the geometry: {}", e.getMessage(), e);
            warning.accept("The azint pipeline could not take the geometry (" + e.getMessage()
                    + "): the waterfall may show the previous one.");
        }
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (client != null) {
            client.close();
        }
    }
}
