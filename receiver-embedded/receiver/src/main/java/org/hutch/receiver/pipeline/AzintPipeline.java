package org.hutch.receiver.pipeline;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.hutch.azint.AzintResult;
import org.hutch.azint.FrameView;
import org.hutch.azint.Geometry;
import org.hutch.azint.Integrator;
import org.hutch.codec.Bslz4Codec;
import org.hutch.codec.CodecException;
import org.hutch.model.concurrent.NamedThreadFactory;
import org.hutch.receiver.azint.AzintSetup;
import org.hutch.stream.Compression;
import org.hutch.stream.Frame;
import org.hutch.stream.FramePixels;
import org.hutch.stream.SeriesEnd;
import org.hutch.stream.SeriesStart;
import org.hutch.stream.StreamFormatException;
import org.hutch.stream.StreamMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Integrates every frame of a series, in order: one feeding thread {@link #offer offers} the stream's
 * messages; N workers ({@code hutch-azpipe-N}) decompress and integrate whole frames, each with its own
 * {@link Integrator.Lane} over one shared matrix; the writer thread ({@code hutch-azpipe-writer}) takes the
 * results back in stream order and hands them to the {@link SeriesWriter} and the listeners.
 *
 * <p>At most {@code queueFrames} frames are between {@link #offer} and the writer. When the queue is full
 * a frame is skipped, counted and reported; with {@code lossless} the feeding thread waits instead, so the
 * back-pressure stays on whoever feeds this pipeline. Starts and ends of series are never skipped.
 */
public final class AzintPipeline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AzintPipeline.class);
    private static final long SKIP_LOG_NANOS = 2_000_000_000L;

    /**
     * Gets what the writer thread produces, on that thread; keep it quick. A frame's {@link Cake} is reused
     * for a later frame once the call returns: {@link Cake#retain() retain} it to keep it.
     */
    public interface Listener {
        /** The writer thread starts: make what must live on it (sockets). */
        default void started() {
        }

        default void seriesStarted(SeriesInfo series) {
        }

        void integrated(IntegratedFrame frame);

        default void seriesEnded(SeriesInfo series, boolean complete) {
        }

        /** The pipeline stops: release what was made on the writer thread (sockets). */
        default void close() {
        }
    }

    /** One series as the pipeline sees it; the config is the one in force when it started. */
    public record SeriesInfo(long id, String name, SeriesStart start, PipelineConfig config) {
    }

    /**
     * One integrated frame; {@code index} is its row in the series' output; {@code cake} its cake when the
     * series' configuration asks for one, else null.
     */
    public record IntegratedFrame(SeriesInfo series, long index, long frame, AzintResult result, Cake cake) {
        public IntegratedFrame(SeriesInfo series, long index, long frame, AzintResult result) {
            this(series, index, frame, result, null);
        }

        /** The same without its cake (what a history of many frames keeps). */
        public IntegratedFrame withoutCake() {
            return cake == null ? this : new IntegratedFrame(series, index, frame, result, null);
        }
    }

    private enum Kind { START, FRAME, END, ABORT, STOP }

    private record Job(Kind kind, long seq, SeriesInfo series, Frame frame) {
    }

    /** What the writer gets back for a job: the result (and cake), or why there is none. */
    private record Done(Job job, AzintResult result, Cake cake, String error) {
        Done(Job job, String error) {
            this(job, null, null, error);
        }
    }

    private final AtomicReference<PipelineConfig> config;
    private final Semaphore room;
    private final LinkedBlockingQueue<Job> jobs = new LinkedBlockingQueue<>();
    private final Map<Long, Done> done = new HashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final MatrixCache matrices = new MatrixCache();
    private final CakeBuffers cakes;
    private final SeriesWriter writer;
    private final List<Thread> workers = new ArrayList<>();
    private final Thread writerThread;
    private final PipelineCounters counters = new PipelineCounters();
    private long seq;
    private long seriesCounter;
    private SeriesInfo open;
    private long lastSkipLog;
    /** written by the writer thread only */
    private long lastFailLog;
    private long skippedSinceLog;
    private boolean stopped;

    public AzintPipeline(PipelineConfig config) {
        this.config = new AtomicReference<>(config);
        this.room = new Semaphore(config.queueFrames());
        this.writer = new SeriesWriter(counters);
        // the frames in flight, plus the rows a file holds until its flush, plus the newest served over HTTP
        this.cakes = new CakeBuffers(config.queueFrames() + config.threads() + SeriesWriter.FLUSH_ROWS + 2);
        for (int i = 0; i < config.threads(); i++) {
            workers.add(NamedThreadFactory.thread("hutch-azpipe-" + i, this::work));
        }
        writerThread = NamedThreadFactory.thread("hutch-azpipe-writer", this::write);
    }

    public AzintPipeline start() {
        workers.forEach(Thread::start);
        writerThread.start();
        return this;
    }

    public void addListener(Listener l) {
        listeners.add(l);
    }

    /** The configuration the next series will use. */
    public PipelineConfig config() {
        return config.get();
    }

    /** Replaces the setup and mask from the next series on; the running one keeps its own. */
    public void configure(AzintSetup setup, String poniText, byte[] mask) {
        config.updateAndGet(c -> c.with(setup, poniText, mask));
    }

    /** As above, and the cake's azimuth bins (0: none). */
    public void configure(AzintSetup setup, String poniText, byte[] mask, int cakeBins) {
        config.updateAndGet(c -> c.with(setup, poniText, mask).withCake(cakeBins));
    }

    public PipelineCounters counters() {
        return counters;
    }

    /**
     * Takes one message of the stream, in stream order, from one feeding thread.
     *
     * @return false when a frame was skipped (queue full, or the pipeline stopped)
     * @throws InterruptedException only with {@code lossless}, while waiting for room
     */
    public boolean offer(StreamMessage m) throws InterruptedException {
        if (m instanceof SeriesStart s) {
            start(s);
            return true;
        }
        if (m instanceof SeriesEnd) {
            end(Kind.END, null);
            return true;
        }
        if (!(m instanceof Frame f)) {
            return true;
        }
        counters.frameIn();
        SeriesInfo series;
        synchronized (this) {
            if (stopped) {
                counters.skipped(1);
                return false;
            }
            if (open == null) {
                // frames with no start seen (the pipeline joined mid-series): a series of their own
                start(null);
            }
            series = open;
        }
        PipelineConfig c = series.config();
        boolean admitted = c.lossless() ? acquire() : room.tryAcquire();
        if (!admitted) {
            skipped(series);
            return false;
        }
        synchronized (this) {
            if (stopped || open != series) {
                // stopped, or the series ended, while this thread waited for room
                room.release();
                counters.skipped(1);
                return false;
            }
            jobs.add(new Job(Kind.FRAME, seq++, series, f));
        }
        return true;
    }

    private boolean acquire() throws InterruptedException {
        room.acquire();
        return true;
    }

    private void skipped(SeriesInfo series) {
        counters.skipped(1);
        long now = System.nanoTime();
        synchronized (this) {
            skippedSinceLog++;
            if (now - lastSkipLog > SKIP_LOG_NANOS) {
                LOG.warn("azint pipeline behind: {} frame(s) of series {} skipped (queue of {} full); {} skipped in all",
                        skippedSinceLog, series.name(), series.config().queueFrames(), counters.skipped());
                lastSkipLog = now;
                skippedSinceLog = 0;
            }
        }
    }

    private synchronized void start(SeriesStart s) {
        if (stopped) {
            return;
        }
        if (open != null) {
            LOG.warn("series {} had no end before the next start: its file is closed with the frames integrated", open.name());
            end(Kind.ABORT, "no series_end");
        }
        long id = ++seriesCounter;
        PipelineConfig c = config.get();
        open = new SeriesInfo(id, SeriesNames.of(s, id, c.dataDir()), s, c);
        counters.seriesStarted(open.name());
        jobs.add(new Job(Kind.START, seq++, open, null));
    }

    /** The series stops here without its end (abort, or the stream went quiet): its file is closed as it is. */
    public void abort(String reason) {
        end(Kind.ABORT, reason);
    }

    private synchronized void end(Kind kind, String reason) {
        if (open == null) {
            return;
        }
        if (kind == Kind.ABORT) {
            LOG.info("series {} aborted: {}", open.name(), reason);
        }
        jobs.add(new Job(kind, seq++, open, null));
        open = null;
    }

    /** The cake's azimuth bins of the open series, else of the next one (0: no cake). */
    public synchronized int cakeBinsNow() {
        return (open != null ? open.config() : config.get()).cakeBins();
    }

    /** True between a series' start and its end. */
    public synchronized boolean seriesOpen() {
        return open != null;
    }

    /** True while a series is open or frames are waiting to be written. */
    public boolean busy() {
        synchronized (this) {
            if (open != null) {
                return true;
            }
        }
        return room.availablePermits() < config.get().queueFrames();
    }

    // ---- workers

    private void work() {
        FrameReader reader = new FrameReader();
        Integrator.Lane lane = null;
        Integrator.Lane cakeLane = null;
        AzintResult cakeSums = null;
        while (true) {
            Job j;
            try {
                j = jobs.take();
            } catch (InterruptedException e) {
                return;
            }
            if (j.kind() == Kind.STOP) {
                jobs.add(j); // the other workers stop on it too
                finished(new Done(j, null));
                return;
            }
            if (j.kind() != Kind.FRAME) {
                finished(new Done(j, null));
                continue;
            }
            Frame f = j.frame();
            try {
                Integrators its = matrices.get(j.series().config(), f.rows(), f.cols());
                Integrator it = its.curves();
                if (lane == null || lane.integrator() != it) {
                    lane = it.newLane();
                }
                AzintResult r = it.newResult();
                Cake cake = null;
                if (its.cake() == null) {
                    lane.integrate(reader.view(f), r);
                } else {
                    if (cakeLane == null || cakeLane.integrator() != its.cake()) {
                        cakeLane = its.cake().newLane();
                        cakeSums = its.cake().newResult(); // the worker's: only the float intensity leaves it
                    }
                    FrameView whole = reader.wholeView(f); // read twice, so decoded once, whole
                    lane.integrate(whole, r);
                    cakeLane.integrate(whole, cakeSums);
                    cake = Cake.of(cakeSums, cakes);
                }
                finished(new Done(j, r, cake, null));
            } catch (CodecException | StreamFormatException | RuntimeException e) {
                finished(new Done(j, "frame " + f.frame() + ": " + e.getMessage()));
            }
        }
    }

    private void finished(Done d) {
        synchronized (done) {
            done.put(d.job().seq(), d);
            done.notifyAll();
        }
    }

    // ---- writer

    private void write() {
        long next = 0;
        for (Listener l : listeners) {
            try {
                l.started();
            } catch (RuntimeException e) {
                LOG.error("starting a pipeline listener: {}", e.toString());
                counters.error(e.getMessage());
            }
        }
        try {
            while (true) {
                Done d;
                synchronized (done) {
                    d = done.remove(next);
                    if (d == null) {
                        done.wait(200);
                    }
                }
                if (d == null) {
                    writer.flushIfDue();
                    continue;
                }
                next++;
                Job j = d.job();
                try {
                    switch (j.kind()) {
                        case START -> {
                            writer.start(j.series());
                            listeners.forEach(l -> l.seriesStarted(j.series()));
                        }
                        case FRAME -> frame(d);
                        case END, ABORT -> {
                            boolean complete = j.kind() == Kind.END;
                            writer.end(complete);
                            listeners.forEach(l -> l.seriesEnded(j.series(), complete));
                        }
                        case STOP -> {
                            return;
                        }
                    }
                } catch (RuntimeException e) {
                    LOG.error("azint pipeline writer: {}", e.toString(), e);
                    counters.error(e.toString());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            writer.end(false);
            for (Listener l : listeners) {
                try {
                    l.close();
                } catch (RuntimeException e) {
                    LOG.warn("closing a pipeline listener: {}", e.toString());
                }
            }
        }
    }

    private void frame(Done d) {
        room.release();
        Job j = d.job();
        if (d.result() == null) {
            counters.failed(d.error());
            long now = System.nanoTime();
            // a wrong PONI fails every frame: say so once every few seconds, the status counts them all
            if (now - lastFailLog > SKIP_LOG_NANOS) {
                LOG.warn("azint pipeline: {} ({} frames failed in all)", d.error(), counters.failed());
                lastFailLog = now;
            }
            return;
        }
        try {
            long index = writer.frame(j.frame().frame(), d.result(), d.cake(), j.series());
            IntegratedFrame out = new IntegratedFrame(j.series(), index, j.frame().frame(), d.result(), d.cake());
            counters.integrated(System.nanoTime());
            for (Listener l : listeners) {
                try {
                    l.integrated(out);
                } catch (RuntimeException e) {
                    LOG.warn("pipeline listener failed on frame {}: {}", j.frame().frame(), e.toString());
                }
            }
        } finally {
            if (d.cake() != null) {
                d.cake().release(); // the worker's hold; the file and the listeners hold it on if they keep it
            }
        }
    }

    /** The output file of the series being written, or null. */
    public Path currentFile() {
        return writer.currentFile();
    }

    /**
     * Ends any open series (its file is closed with what was integrated), lets the workers finish the
     * frames already accepted, and stops. Safe from any thread, also from a shutdown hook.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (stopped) {
                return;
            }
            end(Kind.ABORT, "the pipeline was stopped");
            stopped = true;
            jobs.add(new Job(Kind.STOP, seq++, null, null));
        }
        try {
            writerThread.join(30_000);
            for (Thread t : workers) {
                t.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writerThread.isAlive()) {
            LOG.warn("the azint pipeline's writer did not stop within 30 s");
        }
    }

    /**
     * A worker's way to the pixels of a frame, with its scratch kept from frame to frame. Raw blobs are read
     * in place; bslz4 is decompressed block by block as the lane reads its rows, so each decoded row is
     * integrated while still in cache (a whole decoded 4M frame is 17 MB written out and read back); other
     * compressions are decoded whole into the worker's buffer.
     */
    private static final class FrameReader {
        private final FramePixels decoder = new FramePixels();
        private ByteBuffer pixels = ByteBuffer.allocate(0);

        /** A view to be read once, front to back, by one lane. */
        FrameView view(Frame f) throws CodecException, StreamFormatException {
            if (f.compression() == Compression.BSLZ4) {
                long bytes = f.rawBytes();
                Bslz4Codec.Reader reader = new Bslz4Codec.Reader(f.blob(), f.dtype().bytes(), bytes);
                return FrameView.streamed(Math.toIntExact(bytes / f.dtype().bytes()), f.dtype(), reader::read);
            }
            return wholeView(f);
        }

        /** A view that may be read any number of times, until the next call. */
        FrameView wholeView(Frame f) throws StreamFormatException {
            if (f.compression() == Compression.NONE) {
                return FrameView.of(f.blob(), f.dtype());
            }
            long bytes = f.rawBytes();
            int n = Math.toIntExact(bytes);
            if (pixels.capacity() < n) {
                pixels = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
            }
            ByteBuffer raw = pixels.clear().limit(n);
            decoder.decodeInto(f, raw);
            return FrameView.of(raw, f.dtype());
        }
    }

    /** The curves' integrator and the cake's (null without a cake), over the same geometry and mask. */
    private record Integrators(Integrator curves, Integrator cake) {
    }

    /** The integrators, built once per (setup, mask, cake bins, detector shape) and shared by every worker. */
    private static final class MatrixCache {
        private PipelineConfig builtFor;
        private int rows;
        private int cols;
        private Integrators integrators;
        private RuntimeException failure;

        synchronized Integrators get(PipelineConfig c, int r, int k) {
            if (builtFor == null || builtFor.setup() != c.setup() || builtFor.mask() != c.mask()
                    || builtFor.cakeBins() != c.cakeBins() || rows != r || cols != k) {
                builtFor = c;
                rows = r;
                cols = k;
                integrators = null;
                failure = null;
                try {
                    var poni = c.setup().poni();
                    if (poni.hasShape() && (poni.rows() != r || poni.cols() != k)) {
                        throw new IllegalArgumentException("the PONI's detector is " + poni.rows() + "x" + poni.cols()
                                + " but frames are " + r + "x" + k);
                    }
                    if (c.mask() != null && c.mask().length != (long) r * k) {
                        throw new IllegalArgumentException("the mask has " + c.mask().length + " pixels, frames "
                                + r + "x" + k + " = " + (long) r * k);
                    }
                    Geometry g = new Geometry(poni.hasShape() ? poni : poni.withShape(r, k), r, k);
                    Integrator curves = Integrator.build(g, c.mask(), c.setup().settings());
                    integrators = new Integrators(curves,
                            c.cakeBins() > 0 ? Integrator.build(g, c.mask(), c.cakeSettings()) : null);
                } catch (RuntimeException e) {
                    failure = e;
                } catch (OutOfMemoryError e) {
                    // one large build that does not fit (its partial matrix is garbage now): every frame of the
                    // series fails with this, counted and reported, instead of a worker dying and the pipeline stalling
                    failure = new IllegalStateException("no memory for the integration matrix of " + r + "x" + k
                            + " pixels" + (c.cakeBins() > 0 ? " with a cake of " + c.cakeBins() + " azimuth bins" : "")
                            + " (" + c.setup().settings().splitting() + " splitting): give the process more heap (-Xmx), "
                            + "or use fewer bins or less splitting", e);
                }
            }
            if (failure != null) {
                throw failure;
            }
            return integrators;
        }
    }
}
