package org.hutch.app.live;

import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.hutch.app.client.LiveFrame;
import org.hutch.azint.AzintResult;
import org.hutch.azint.Poni;
import org.hutch.model.concurrent.NamedThreadFactory;
import org.hutch.model.curve.RadialUnit;
import org.hutch.widgets.plot.Cake;

/**
 * The cake (&chi; x radial) of the live frame, integrated in the app with the geometry in use, on its
 * own thread ({@code hutch-live-cake}); a frame that comes while one is integrated is dropped (the
 * next poll brings a newer one). Used when no followed pipeline makes cakes: {@link PipelineViews} shows the
 * pipeline's own cake when it does.
 */
public final class LiveCake implements AutoCloseable {
    public static final int RADIAL_BINS = 500;
    public static final int AZIMUTH_BINS = 360;

    /** What the cake is made with: the matrix is rebuilt only when one of these changes. */
    public record Geometry(Poni poni, byte[] mask, boolean adaptShape, RadialUnit unit) {
    }

    private final Consumer<Cake> out;
    private final Consumer<String> failed;
    private final ExecutorService thread = NamedThreadFactory.singleThreadExecutor("hutch-live-cake");
    private final AtomicBoolean busy = new AtomicBoolean();
    private Geometry built; // cake thread only
    private AppIntegrator integrator; // cake thread only
    private String lastFailure; // cake thread only

    /**
     * @param out    receives each cake (on the cake thread)
     * @param failed receives why a frame gave no cake (on the cake thread)
     */
    public LiveCake(Consumer<Cake> out, Consumer<String> failed) {
        this.out = Objects.requireNonNull(out);
        this.failed = Objects.requireNonNull(failed);
    }

    /** Integrates {@code frame} with {@code g} unless a cake is being made (any thread). */
    public void offer(LiveFrame frame, Geometry g) {
        if (!busy.compareAndSet(false, true)) {
            return;
        }
        try {
            thread.execute(() -> {
                try {
                    out.accept(integrate(frame, g));
                    lastFailure = null;
                } catch (RuntimeException e) {
                    String why = "no cake: " + e.getMessage();
                    if (!why.equals(lastFailure)) {
                        failed.accept(why);
                    }
                    lastFailure = why;
                } finally {
                    busy.set(false);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            busy.set(false);
        }
    }

    private Cake integrate(LiveFrame frame, Geometry g) {
        if (integrator == null || !sameGeometry(g)) {
            integrator = new AppIntegrator(g.poni(), g.mask(), RADIAL_BINS, AZIMUTH_BINS, g.adaptShape(), g.unit());
            built = g;
        }
        AzintResult r = integrator.integrateResult(frame);
        return new Cake(r.radial(), r.azimuth(), r.intensity(), r.unit(), frame.frame());
    }

    private boolean sameGeometry(Geometry g) {
        return built != null && built.poni() == g.poni() && built.mask() == g.mask()
                && built.adaptShape() == g.adaptShape() && built.unit() == g.unit();
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
