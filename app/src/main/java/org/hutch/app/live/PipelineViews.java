package org.hutch.app.live;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

import org.hutch.app.client.AzintCurve;
import org.hutch.app.client.LiveFrame;
import org.hutch.app.client.PipelineClient;
import org.hutch.app.client.ReceiverClients;
import org.hutch.app.session.Session;
import org.hutch.azint.Poni;
import org.hutch.model.concurrent.NamedThreadFactory;
import org.hutch.model.curve.RadialUnit;
import org.hutch.widgets.FxHandoff;
import org.hutch.widgets.plot.AzintPlot;
import org.hutch.widgets.plot.Cake;
import org.hutch.widgets.plot.CakeView;
import org.hutch.widgets.plot.Curve;
import org.hutch.widgets.plot.SeriesRows;
import org.hutch.widgets.plot.WaterfallView;

/**
 * What the app shows of an azint pipeline: the 1D plot follows the pipeline's curves at up to 10 Hz
 * (instead of the poller's), the "Waterfall" tab shows every frame of the series, the "Cake" tab
 * the pipeline's newest cake when it makes cakes ({@code --cake N}), else the live frame's cake integrated
 * here ({@link LiveCake}), in the plot's unit. The pipeline's cake comes over HTTP with the curves
 * ({@code /api/v1/pipeline/cake/last} with its ETag; see {@link PipelineFollower}) rather than from the
 * republish port: the same URL, ingress and token as the curves, and only the newest cake is fetched
 * (a subscriber would receive every frame's, 1.4 MB each, hundreds a second). The pipeline is looked
 * for at its own URL, or at the receiver's (a receiver run with {@code --azint-all} serves it there). Without a pipeline the plot
 * follows the poller as before and the waterfall says why it is empty. Background results reach the
 * FX thread through coalescing hand-offs; the plot's is capped at ten deliveries a second.
 * <p>
 * Node ids: {@code #waterfall-tab}, {@code #series-waterfall}, {@code #cake-tab}, {@code #cake-view}.
 */
public final class PipelineViews {
    /** The fastest the 1D plot is redrawn from the pipeline. */
    public static final Duration PLOT_PERIOD = Duration.ofMillis(100);
    static final String NO_PIPELINE = "The waterfall shows every frame of a series when an azint pipeline integrates "
            + "them (a receiver run with --azint-all, or a pipeline URL given in Connect...). "
            + "Until then the 1D plot follows the live view at its poll rate.";
    static final String NO_GEOMETRY = "No geometry: load a PONI (or follow a pipeline) to see the cake.";

    private final AzintPlot plot;
    private final WaterfallView waterfall = new WaterfallView();
    private final CakeView cake = new CakeView();
    private final Tab waterfallTab = new Tab("Waterfall", waterfall);
    private final Tab cakeTab = new Tab("Cake", cake);
    private final FxHandoff<Curve> curveToFx;
    /** a message (String) or the series' rows (SeriesRows), in the order they were offered */
    private final FxHandoff<Object> toWaterfall;
    private final FxHandoff<String> cakeMessage;
    private final LiveCake liveCake;
    private final AtomicInteger generation = new AtomicInteger();

    private volatile PipelineFollower follower;
    private volatile boolean following;
    private volatile Poni pipelinePoni;
    private volatile Session session;
    private volatile LiveFrame lastFrame;
    private volatile boolean cakeShown;
    private volatile RadialUnit unitShown;
    private volatile PipelineFollower.SeriesSnapshot lastSeries;
    /** the unit of the pipeline's newest curve */
    private volatile RadialUnit pipelineUnit;
    /** the session's geometry generation when the pipeline's current series began; -1: not seen begin */
    private volatile long seriesGeometry = -1;
    /** the pipeline's newest cake, while the pipeline makes cakes; the live frame's are not shown then */
    private PipelineClient.PipelineCake pipelineCake; // guarded by cakeLock
    private final Object cakeLock = new Object();

    /**
     * Adds the "Waterfall" and "Cake" tabs right after the first ("1D") tab of {@code tabs}; FX thread.
     *
     * @param plotShowsLive false while the plot shows something else (a file being browsed): the
     *                      pipeline's curves then do not replace it
     */
    public PipelineViews(TabPane tabs, AzintPlot plot, java.util.function.BooleanSupplier plotShowsLive) {
        this.plot = plot;
        waterfall.setId("series-waterfall");
        cake.setId("cake-view");
        waterfallTab.setId("waterfall-tab");
        cakeTab.setId("cake-tab");
        waterfallTab.setClosable(false);
        cakeTab.setClosable(false);
        int at = Math.min(1, tabs.getTabs().size());
        tabs.getTabs().add(at, waterfallTab);
        tabs.getTabs().add(at + 1, cakeTab);
        curveToFx = new FxHandoff<>(c -> {
            if (plotShowsLive.getAsBoolean()) {
                plot.setCurve(c);
            }
        }, PLOT_PERIOD);
        toWaterfall = new FxHandoff<>(m -> {
            if (m instanceof SeriesRows rows) {
                waterfall.showSeries(rows);
            } else {
                waterfall.showMessage((String) m);
            }
        });
        cakeMessage = new FxHandoff<>(cake::showMessage);
        liveCake = new LiveCake(this::liveCakeMade, this::liveCakeFailed);
        waterfall.showMessage("No azint pipeline yet. " + NO_PIPELINE);
        cake.showMessage("Waiting for a live frame.");
        unitShown = plot.unitProperty().get();
        plot.unitProperty().addListener((o, a, u) -> {
            unitShown = u;
            PipelineFollower.SeriesSnapshot s = lastSeries;
            if (s != null) {
                showSeries(s);
            }
            PipelineFollower f = follower;
            if (f != null && pipelineCakes()) {
                f.cakeAgain(); // the follower's thread converts it to the new unit
            }
            cakeFromLastFrame();
        });
        cakeTab.selectedProperty().addListener((o, a, selected) -> {
            cakeShown = selected;
            PipelineFollower f = follower;
            if (f != null) {
                f.wantCakes(selected);
            }
            if (selected) {
                cakeFromLastFrame();
            }
        });
    }

    public WaterfallView waterfall() {
        return waterfall;
    }

    public CakeView cake() {
        return cake;
    }

    /** Whether a pipeline is followed now; any thread. */
    public boolean following() {
        return following;
    }

    /**
     * Whether the pipeline's curves feed the 1D plot now (the poller's are then not shown); any thread. Not while
     * a correction is on (the pipeline integrates raw frames), nor while lab mode's pipeline integrates with a geometry or unit the session has replaced: it takes the new one
     * from its next series (see {@code LabPipeline}), and until then the app's own integration is shown.
     */
    public boolean plotFollows() {
        return following && !pipelineStale();
    }

    private boolean pipelineStale() {
        Session s = session;
        RadialUnit u = pipelineUnit;
        if (s != null && s.corrections().any()) {
            return true; // dark, flat and background apply to the app's own curve; the pipeline knows none of them
        }
        return s != null && s.labMode() && ((u != null && u != unitShown) || s.geometryGeneration() != seriesGeometry);
    }

    /**
     * Follows the pipeline of session {@code s}: at {@code pipelineUrl}, or at the receiver's URL when
     * that is null (FX thread). Stops following the previous session's.
     */
    public void follow(Session s, String pipelineUrl) {
        stop();
        session = s;
        String url = pipelineUrl != null && !pipelineUrl.isBlank() ? pipelineUrl.trim() : s.receiverUrl();
        int gen = generation.get();
        toWaterfall.offer("Looking for an azint pipeline at " + url + "...");
        follower = new PipelineFollower(url, ReceiverClients.DEFAULT_TIMEOUT, new Feed(gen));
        follower.wantCakes(cakeShown);
        follower.start();
        cakeFromLastFrame();
    }

    /** Stops following (any thread); the views keep what they show until the next session. */
    public void stop() {
        generation.incrementAndGet();
        following = false;
        pipelinePoni = null;
        lastSeries = null;
        lastFrame = null;
        pipelineUnit = null;
        seriesGeometry = -1;
        pipelineCake(null);
        PipelineFollower f = follower;
        follower = null;
        if (f != null) {
            NamedThreadFactory.start("hutch-pipeline-stop", f::close);
        }
    }

    /** The live frame (poller thread): the cake is made from it while the Cake tab is shown. */
    public void frame(LiveFrame f) {
        lastFrame = f;
        if (cakeShown) {
            offerCake(f);
        }
    }

    private void cakeFromLastFrame() {
        LiveFrame f = lastFrame;
        if (f != null && cakeShown) {
            offerCake(f);
        }
    }

    /** Whether the pipeline's cake is shown (then the live frame's is not made). */
    private boolean pipelineCakes() {
        synchronized (cakeLock) {
            return pipelineCake != null;
        }
    }

    /**
     * The pipeline's newest cake (follower thread), or null when it makes none: the live frame's is made from
     * then on.
     */
    private void pipelineCake(PipelineClient.PipelineCake c) {
        Cake shown = c == null ? null : WidgetData.cake(c, unitShown, geometry());
        synchronized (cakeLock) {
            pipelineCake = c;
            // under the lock: a live cake made before the pipeline's came is not drawn over it (liveCakeMade)
            if (shown != null) {
                cake.setCake(shown);
            }
        }
        if (c == null) {
            cakeFromLastFrame();
        }
    }

    /** A cake made from the live frame (on LiveCake's thread): shown unless the pipeline's is. */
    private void liveCakeMade(Cake c) {
        synchronized (cakeLock) {
            if (pipelineCake == null) {
                cake.setCake(c);
            }
        }
    }

    private void liveCakeFailed(String why) {
        if (!pipelineCakes()) {
            cakeMessage.offer(why);
        }
    }

    private void offerCake(LiveFrame f) {
        if (pipelineCakes()) {
            return;
        }
        Session s = session;
        RadialUnit u = unitShown;
        if (s != null && s.poni() != null) {
            liveCake.offer(f, new LiveCake.Geometry(s.poni(), s.mask(), s.simulatorGeometry(), u));
        } else if (pipelinePoni != null) {
            liveCake.offer(f, new LiveCake.Geometry(pipelinePoni, null, false, u));
        } else {
            cakeMessage.offer(NO_GEOMETRY);
        }
    }

    /** The wavelength that converts between q and 2&theta;: the pipeline's geometry, else the session's. */
    private Poni geometry() {
        Poni p = pipelinePoni;
        Session s = session;
        return p != null ? p : s != null ? s.poni() : null;
    }

    private void showSeries(PipelineFollower.SeriesSnapshot snap) {
        SeriesRows r = snap.rows();
        double[] g = WidgetData.radialIn(r.grid(), r.unit(), unitShown, geometry());
        if (g != null && g != r.grid()) {
            r = new SeriesRows(r.series(), unitShown, g, r.firstFrame(), r.rows());
        }
        toWaterfall.offer(r);
    }

    /** One follower's reports; a stopped follower's are dropped. */
    private final class Feed implements PipelineFollower.Listener {
        private final int gen;

        Feed(int gen) {
            this.gen = gen;
        }

        private boolean current() {
            return gen == generation.get();
        }

        @Override
        public void following(String url, Poni poni) {
            if (current()) {
                pipelinePoni = poni;
                following = true;
                toWaterfall.offer("Following the azint pipeline at " + url + ": waiting for a series.");
            }
        }

        @Override
        public void absent(String message) {
            if (current()) {
                following = false;
                pipelinePoni = null;
                lastSeries = null;
                pipelineCake(null);
                toWaterfall.offer(message + ". " + NO_PIPELINE);
            }
        }

        @Override
        public void seriesStarted(String series) {
            if (current()) {
                lastSeries = null;
                Session s = session;
                seriesGeometry = s != null ? s.geometryGeneration() : -1;
                toWaterfall.offer("Series " + (series == null ? "" : series) + ": waiting for its first curve.");
            }
        }

        @Override
        public void newest(AzintCurve c) {
            if (current()) {
                pipelineUnit = c.unit();
                if (!pipelineStale()) {
                    curveToFx.offer(WidgetData.curve(c, geometry()));
                }
            }
        }

        @Override
        public void cake(PipelineClient.PipelineCake c) {
            if (current()) {
                pipelineCake(c);
            }
        }

        @Override
        public void noCake() {
            if (current()) {
                pipelineCake(null);
            }
        }

        @Override
        public void series(PipelineFollower.SeriesSnapshot rows) {
            if (current()) {
                lastSeries = rows;
                showSeries(rows);
            }
        }
    }
}
