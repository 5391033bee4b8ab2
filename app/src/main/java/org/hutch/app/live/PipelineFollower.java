package org.hutch.app.live;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.hutch.app.client.AzintCurve;
import org.hutch.app.client.PipelineClient;
import org.hutch.app.client.ReceiverException;
import org.hutch.azint.Poni;
import org.hutch.model.concurrent.NamedThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows an azint pipeline over HTTP (its own URL, or a receiver that runs one): ten times a second
 * it asks for the status and, when frames were integrated since, for just those curves
 * ({@code /api/v1/pipeline/curves?n=...}), so every curve of the series reaches the waterfall while
 * the pipeline keeps its last 256 (2560 frames a second). Curves that left the pipeline's history
 * before they were fetched become gaps, like the frames the pipeline skipped. Where no pipeline
 * answers it asks again every few seconds (one may be started later). HTTP rather than the ZeroMQ
 * republish port: it passes the same ingress and token as the receiver's API, and a poll that
 * falls behind loses nothing that the next one cannot fetch.
 * <p>
 * While {@link #wantCakes cakes are wanted} each poll also asks for the newest cake
 * ({@code /api/v1/pipeline/cake/last}) with the ETag of the one it has, so an unchanged cake costs a 304.
 * <p>
 * Runs on its own thread ({@code hutch-pipeline-follow}); the listener is called there.
 */
public final class PipelineFollower implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineFollower.class);

    /** Ten polls a second: the 1D plot's rate. */
    public static final Duration PERIOD = Duration.ofMillis(100);
    /** How often a URL without a pipeline is asked again. */
    public static final Duration ABSENT_PERIOD = Duration.ofSeconds(2);

    /** What the follower finds; called on its thread. */
    public interface Listener {
        /** A pipeline answers at this URL (after none did). */
        default void following(String url, Poni poni) {
        }

        /** No pipeline here (or it went away); the message says why. */
        default void absent(String message) {
        }

        /** A new series began: what was shown belongs to the one before. */
        default void seriesStarted(String series) {
        }

        /** The newest curve, once per poll that brought new ones. */
        default void newest(AzintCurve curve) {
        }

        /** Every curve of the current series so far (one row per frame, gaps null). */
        default void series(SeriesSnapshot rows) {
        }

        /** The pipeline's newest cake, when newer than the last one given (only while cakes are wanted). */
        default void cake(PipelineClient.PipelineCake cake) {
        }

        /** The pipeline makes no cake (asked while cakes are wanted). */
        default void noCake() {
        }
    }

    /** The current series' rows, and what the pipeline skipped in it. */
    public record SeriesSnapshot(org.hutch.widgets.plot.SeriesRows rows, long skippedInSeries, long notKept) {
    }

    private final String url;
    private final Duration timeout;
    private final Listener listener;
    private final ScheduledExecutorService thread;
    private volatile boolean closed;
    private volatile boolean cakesWanted;
    /** set by {@link #wantCakes}: the next poll fetches the newest cake even if it was had before */
    private volatile boolean cakeAgain;

    // follower thread only
    private PipelineClient client;
    private boolean present;
    private boolean reportedAbsent;
    private long lastIntegrated = -1;
    private long lastIndex = -1;
    private String statusSeries;
    private SeriesCurves series;
    private String cakeEtag;
    private PipelineClient.CakeState cakeState;

    public PipelineFollower(String url, Duration timeout, Listener listener) {
        this.url = Objects.requireNonNull(url, "url");
        this.timeout = timeout;
        this.listener = Objects.requireNonNull(listener, "listener");
        this.thread = NamedThreadFactory.singleThreadScheduler("hutch-pipeline-follow");
    }

    public String url() {
        return url;
    }

    /** Whether each poll also fetches the newest cake (while a cake is on screen); any thread. */
    public void wantCakes(boolean wanted) {
        cakeAgain = wanted && !cakesWanted;
        cakesWanted = wanted;
    }

    /** The next poll fetches the newest cake even if it was had before (to show it again another way); any thread. */
    public void cakeAgain() {
        cakeAgain = true;
    }

    public PipelineFollower start() {
        thread.execute(this::tick);
        return this;
    }

    private void tick() {
        if (closed) {
            return;
        }
        Duration next;
        try {
            next = pollOnce() ? PERIOD : ABSENT_PERIOD;
        } catch (ReceiverException | RuntimeException e) {
            gone("azint pipeline at " + url + " not reachable: " + e.getMessage(), true);
            next = ABSENT_PERIOD;
        }
        if (!closed) {
            thread.schedule(this::tick, next.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** @return whether a pipeline answered */
    private boolean pollOnce() throws ReceiverException {
        if (client == null) {
            client = new PipelineClient(url, timeout);
        }
        Optional<PipelineClient.Status> st = client.status();
        if (st.isEmpty()) {
            gone("no azint pipeline at " + url, false);
            return false;
        }
        PipelineClient.Status s = st.get();
        if (!present) {
            present = true;
            reportedAbsent = false;
            lastIntegrated = -1;
            LOG.info("following the azint pipeline at {}", url);
            listener.following(url, poni());
        }
        if (s.series() != null && !s.series().equals(statusSeries)) {
            statusSeries = s.series();
            newSeries(s.series());
        }
        long fresh = lastIntegrated < 0 ? PipelineClient.MAX_CURVES : s.integrated() - lastIntegrated;
        lastIntegrated = s.integrated();
        if (fresh > 0) {
            newCurves(s, fresh);
        }
        if (cakesWanted) {
            pollCake();
        }
        return true;
    }

    private void pollCake() {
        if (cakeAgain) {
            cakeAgain = false;
            cakeEtag = null;
            cakeState = null;
        }
        PipelineClient.CakeAnswer a;
        try {
            a = client.cakeLast(cakeEtag);
        } catch (ReceiverException e) {
            // the curves go on without it; the status says at the next poll whether the pipeline is gone
            LOG.debug("no cake from {}: {}", url, e.getMessage());
            return;
        }
        switch (a.state()) {
            case NEW -> {
                cakeEtag = a.cake().etag();
                listener.cake(a.cake());
            }
            case NONE -> {
                cakeEtag = null;
                if (cakeState != PipelineClient.CakeState.NONE) {
                    listener.noCake();
                }
            }
            case NOT_YET -> cakeEtag = null;
            case SAME -> {
            }
        }
        cakeState = a.state();
    }

    private void newCurves(PipelineClient.Status s, long fresh) throws ReceiverException {
        // a few more than counted: frames integrated between the two requests
        int n = (int) Math.min(PipelineClient.MAX_CURVES, fresh + Math.max(4, Math.round(s.fps() * 0.3)));
        PipelineClient.Curves c = client.curves(n);
        List<PipelineClient.Entry> es = c.curves();
        if (!es.isEmpty() && es.get(0).index() > lastIndex + 1 && lastIndex >= 0 && n < PipelineClient.MAX_CURVES
                && es.get(es.size() - 1).index() > lastIndex) {
            c = client.curves(PipelineClient.MAX_CURVES); // more came than counted: take all that are kept
            es = c.curves();
        }
        take(c, s.skippedInSeries());
    }

    private void take(PipelineClient.Curves c, long skippedInSeries) {
        List<PipelineClient.Entry> es = c.curves();
        if (es.isEmpty()) {
            return;
        }
        boolean restarted = es.get(es.size() - 1).index() < lastIndex; // the same name again, from row 0
        if (series == null || restarted || (c.series() != null && !c.series().equals(series.series()))
                || !series.sameAxis(c.unit(), c.radial())) {
            if (series != null && (restarted || (c.series() != null && !c.series().equals(series.series())))) {
                listener.seriesStarted(c.series());
            }
            series = new SeriesCurves(c.series(), c.unit(), c.radial());
            lastIndex = -1;
        }
        PipelineClient.Entry newest = null;
        for (PipelineClient.Entry e : es) {
            if (e.index() > lastIndex) {
                series.add(e.frame(), e.intensity());
                lastIndex = e.index();
                newest = e;
            }
        }
        if (newest == null) {
            return;
        }
        listener.newest(new AzintCurve(newest.frame(), c.unit(), c.radial(), newest.intensity(), newest.sigma()));
        listener.series(new SeriesSnapshot(series.snapshot(series.grid(), series.unit()), skippedInSeries,
                series.dropped()));
    }

    private void newSeries(String name) {
        if (series != null && name != null && name.equals(series.series()) && lastIndex >= 0) {
            return; // the status caught up with a series the curves already brought
        }
        series = null;
        lastIndex = -1;
        listener.seriesStarted(name);
    }

    private Poni poni() {
        try {
            Optional<String> text = client.poniText();
            return text.isPresent() ? Poni.parse(text.get()) : null;
        } catch (ReceiverException | RuntimeException e) {
            LOG.debug("no PONI from the pipeline: {}", e.getMessage());
            return null;
        }
    }

    /** @param dropClient whether the connection failed (a URL that answers keeps its client) */
    private void gone(String message, boolean dropClient) {
        boolean was = present;
        present = false;
        series = null;
        lastIndex = -1;
        statusSeries = null;
        cakeEtag = null;
        cakeState = null;
        if (was || !reportedAbsent) {
            reportedAbsent = true;
            if (was) {
                LOG.info("azint pipeline gone: {}", message);
            }
            listener.absent(message);
        }
        if (dropClient && client != null) {
            client.close();
            client = null;
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.shutdownNow();
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
