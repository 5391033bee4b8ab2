package org.hutch.app.files;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.hutch.app.client.AzintCurve;
import org.hutch.app.client.LiveFrame;
import org.hutch.app.corrections.Corrections;
import org.hutch.app.live.CurveSource;
import org.hutch.app.live.WidgetData;
import org.hutch.azint.Poni;
import org.hutch.model.concurrent.NamedThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the frames of a browsed file on its own thread ({@code hutch-file-frames}), converts them for
 * the image view and integrates them with the live view's geometry and corrections, then hands the result on. Requests
 * coalesce: while one frame is read, only the newest request waits, so dragging the slider or playing
 * fast skips frames instead of queueing them. The last few frames read are cached (stepping back and
 * forth, or a new PONI, does not read the disk again).
 */
public final class FrameLoader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FrameLoader.class);
    /** frames kept in memory: a handful, whatever the frame size (a 16M frame is 64 MB) */
    static final int CACHE_FRAMES = 4;

    /** A frame ready to show: its pixels for the image, its curve or why there is none. */
    public record Loaded(FrameFile file, int index, org.hutch.widgets.image.ImageFrame image,
                         org.hutch.widgets.plot.Curve curve, String problem) {
    }

    private record Request(FrameFile file, int index) {
    }

    private record Key(FrameFile file, int index) {
    }

    private final ExecutorService thread = NamedThreadFactory.singleThreadExecutor("hutch-file-frames");
    private final AtomicReference<Request> newest = new AtomicReference<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Map<Key, LiveFrame> cache = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, LiveFrame> e) {
            return size() > CACHE_FRAMES;
        }
    };
    private final Supplier<CurveSource> curves;
    private final Supplier<Poni> poni;
    private final Supplier<Corrections> corrections;
    private final Consumer<Loaded> shown;
    private final Consumer<String> failed;

    /**
     * @param curves the integration of the view (null or not ready: no curve); asked on the loader thread
     * @param poni        the geometry the curves belong to (their 2&theta; axis needs its wavelength), or null
     * @param corrections the dark and flat the image is shown through, as live frames are (the curve's come with
     *                    {@code curves})
     * @param shown       gets each frame read (loader thread)
     * @param failed      gets why a frame could not be read (loader thread)
     */
    public FrameLoader(Supplier<CurveSource> curves, Supplier<Poni> poni, Supplier<Corrections> corrections,
                       Consumer<Loaded> shown, Consumer<String> failed) {
        this.curves = curves;
        this.poni = poni;
        this.corrections = corrections;
        this.shown = shown;
        this.failed = failed;
    }

    /** Asks for frame {@code index} of {@code file}; any thread. */
    public void request(FrameFile file, int index) {
        newest.set(new Request(file, index));
        if (scheduled.compareAndSet(false, true)) {
            thread.execute(this::drain);
        }
    }

    private void drain() {
        try {
            for (Request r = newest.getAndSet(null); r != null; r = newest.getAndSet(null)) {
                load(r);
            }
        } finally {
            scheduled.set(false);
            if (newest.get() != null && scheduled.compareAndSet(false, true)) {
                thread.execute(this::drain); // a request that came as this one finished
            }
        }
    }

    private void load(Request r) {
        LiveFrame f;
        try {
            f = frame(r.file(), r.index());
        } catch (RuntimeException e) {
            LOG.warn("reading frame {} of {}: {}", r.index(), r.file().path(), e.toString());
            failed.accept("cannot read frame " + (r.index() + 1) + " of " + r.file().name() + ": " + message(e));
            return;
        }
        org.hutch.widgets.plot.Curve curve = null;
        String problem = null;
        CurveSource source = curves.get();
        if (source == null || !source.ready()) {
            problem = "no geometry: load a PONI to integrate the file's frames";
        } else {
            try {
                AzintCurve c = source.integrate(f);
                curve = WidgetData.curve(c, poni.get());
            } catch (Exception e) {
                problem = "no 1D curve: " + message(e);
            }
        }
        shown.accept(new Loaded(r.file(), r.index(), WidgetData.imageFrame(f, corrections.get()), curve, problem));
    }

    /** Frame {@code index} as the live view's frames are, from the cache or the disk (loader thread). */
    LiveFrame frame(FrameFile file, int index) {
        Key k = new Key(file, index);
        LiveFrame f = cache.get(k);
        if (f == null) {
            ImageFiles.Image im = file.frame(index);
            f = new LiveFrame(0, index, im.rows(), im.cols(), im.type(), im.data(), 1);
            cache.put(k, f);
        }
        return f;
    }

    static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
