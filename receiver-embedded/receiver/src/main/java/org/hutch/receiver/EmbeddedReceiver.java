package org.hutch.receiver;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hutch.model.receiver.ReceiverStatus;
import org.hutch.receiver.azint.AzintSetup;
import org.hutch.receiver.azint.AzintStage;
import org.hutch.receiver.buffers.FrameBufferPool;
import org.hutch.receiver.buffers.PooledMsgAllocator;
import org.hutch.receiver.collect.Collector;
import org.hutch.receiver.collect.FrameBounds;
import org.hutch.receiver.forward.Forwarder;
import org.hutch.receiver.hdf5.WriterCommand;
import org.hutch.receiver.hdf5.WriterLoop;
import org.hutch.receiver.http.ApiServer;
import org.hutch.receiver.ingest.Decoders;
import org.hutch.receiver.ingest.IngestWorker;
import org.hutch.receiver.ingest.WorkerActivity;
import org.hutch.receiver.ingest.WorkerOutput;
import org.hutch.receiver.live.LastFrameSlot;
import org.hutch.receiver.live.LivePreparer;
import org.hutch.receiver.live.LiveView;
import org.hutch.receiver.pipeline.AzintPipeline;
import org.hutch.receiver.pipeline.CurveHistory;
import org.hutch.receiver.pipeline.PipelineApi;
import org.hutch.receiver.pipeline.PipelineConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.ZContext;

/**
 * A running stream receiver: PULL workers -> collector (order, counts, last frame, forwarder) ->
 * HDF5 writer, plus the HTTP API. Start it with {@link #start(ReceiverConfig)}; {@link #close()}
 * stops the workers, closes any open file cleanly (it stays readable) and stops the API.
 * <pre>
 *   try (EmbeddedReceiver r = EmbeddedReceiver.start(ReceiverConfig.builder()
 *           .endpoint("tcp://127.0.0.1:9999").dataDir(dir).build())) {
 *       URI api = r.apiUri();   // http://127.0.0.1:PORT
 *   }
 * </pre>
 */
public final class EmbeddedReceiver implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedReceiver.class);
    /** Reported by {@code /api/v1/status}. */
    public static final String VERSION = versionOf();

    /**
     * With several workers a frame may reach the collector before its header (another socket); one that
     * waited this long before the header came was sent before it, a stray
     */
    private static final long STRAY_NANOS = 100_000_000L;

    private final ReceiverConfig config;
    /** the tunables, read once when the receiver is built */
    private final ReceiverPreferences prefs = ReceiverPreferences.load();
    private final ReceiverState state = new ReceiverState(prefs.rateWindowSeconds());
    private final LastFrameSlot lastFrame = new LastFrameSlot();
    private final SeriesAbort aborts = new SeriesAbort();
    private final ThreadHealth threads = new ThreadHealth(state);
    private final ZContext zmq = loggingContext();
    private final List<IngestWorker> workers = new ArrayList<>();
    private final List<Thread> workerThreads = new ArrayList<>();
    /** parts from this size on are received into pooled native buffers */
    private static final int POOLED_PART_BYTES = 32 << 10;
    private final FrameBufferPool framePool;
    private final BoundedQueue<WorkerOutput> ingestQueue;
    private final BoundedQueue<WriterCommand> writerQueue;
    private final Collector collector;
    private final Thread collectorThread;
    private final WriterLoop writer;
    private final Thread writerThread;
    private final ApiServer api;
    private final LivePreparer preparer;
    private final AzintStage azint;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile AzintPipeline pipeline;
    private volatile PipelineApi pipelineApi;
    private final WorkerActivity activity;
    private volatile int dataPort = -1;
    /** completed with the forwarder's port once the collector thread has bound it (or with why it could not) */
    private final CompletableFuture<Integer> forwarderBound = new CompletableFuture<>();

    private EmbeddedReceiver(ReceiverConfig config) {
        this.config = config;
        // the byte budget is split: workers -> collector, collector -> writer; the reorder buffer gets the rest
        long budget = config.queueBytes();
        ingestQueue = new BoundedQueue<>(4096, budget / 4);
        writerQueue = new BoundedQueue<>(4096, budget / 2);
        // native frame memory: the queues' budget, and as much again for what waits in the sockets (high-water
        // marks) and the newest frame kept for viewers; past it frames are received on the heap
        framePool = new FrameBufferPool(2 * budget);
        state.queueGauges(() -> ingestQueue.size() + writerQueue.size() + collectorWaiting(),
                () -> ingestQueue.bytes() + writerQueue.bytes());
        Integer dp = config.dataPort();
        activity = new WorkerActivity(config.workers());
        collector = new Collector(ingestQueue, writerQueue, state, lastFrame, () -> {
            if (dp == null) {
                return null;
            }
            try {
                Forwarder f = new Forwarder(zmq, config.apiHost(), dp, state.forwarded(), state.forwardFailed(),
                        prefs.forwardSendTimeout());
                dataPort = f.port();
                forwarderBound.complete(f.port());
                return f;
            } catch (RuntimeException e) {
                forwarderBound.completeExceptionally(e);
                throw e;
            }
        }, activity, config.seriesTimeout().toNanos(), budget / 4, prefs.collectorTick(), aborts,
                new FrameBounds(budget), config.workers() == 1 ? 0 : STRAY_NANOS);
        collectorThread = threads.thread("hutch-collector", collector);
        writer = new WriterLoop(writerQueue, config, state);
        writerThread = threads.thread("hutch-hdf5-writer", writer);
        LiveView live = new LiveView(lastFrame);
        preparer = new LivePreparer(live, prefs.livePeriod().toMillis());
        azint = new AzintStage(live, config.azint(), prefs.azintPeriod().toMillis());
        api = new ApiServer(state, live, preparer, config.token(), VERSION, azint, aborts);
        api.addRoutes(app -> PipelineApi.registerOn(app, () -> pipelineApi));
    }

    /**
     * Integrates every frame from now on, beside the live curve (--azint-all): the collector offers each
     * message to the pipeline without waiting (a full pipeline skips and counts frames), which writes
     * {@code <series>_azint.h5} into the data directory and serves {@code /api/v1/pipeline/*} on this API.
     *
     * @throws IllegalStateException without a PONI, or when already started
     */
    public synchronized AzintPipeline startAzintPipeline(int threads) {
        AzintSetup setup = config.azint();
        if (setup == null) {
            throw new IllegalStateException("the azint pipeline needs a PONI (--poni FILE)");
        }
        return startAzintPipeline(setup, null, config.dataDir(), threads);
    }

    /**
     * The same with a geometry, settings and mask of the caller's own rather than the live curve's (the
     * app's lab mode integrates with the user's PONI and mask; it changes them later through the config POST).
     *
     * @param mask    1 = excluded, row-major over the detector, or null
     * @param dataDir where {@code <series>_azint.h5} files go, or null to write none (the curves are still served)
     */
    public synchronized AzintPipeline startAzintPipeline(AzintSetup setup, byte[] mask, java.nio.file.Path dataDir,
                                                         int threads) {
        if (pipeline != null) {
            throw new IllegalStateException("the azint pipeline runs already");
        }
        AzintPipeline p = new AzintPipeline(new PipelineConfig(setup, null, mask, dataDir, threads,
                PipelineConfig.DEFAULT_QUEUE, false, VERSION));
        CurveHistory history = new CurveHistory(256);
        p.addListener(history);
        p.start();
        pipeline = p;
        pipelineApi = new PipelineApi(p, history, null, config.token());
        collector.pipeline(p);
        return p;
    }

    /** The native buffers frames are received into (its counters show reuse). */
    FrameBufferPool framePool() {
        return framePool;
    }

    /** The tunables this receiver read when it was built. */
    public ReceiverPreferences preferences() {
        return prefs;
    }

    private long collectorWaiting() {
        return collector == null ? 0 : collector.waitingCount();
    }

    /**
     * Starts everything and returns once the API listens and the workers are connecting.
     *
     * @throws IllegalStateException when a port cannot be bound (the message names it)
     */
    public static EmbeddedReceiver start(ReceiverConfig config) {
        EmbeddedReceiver r = new EmbeddedReceiver(config);
        try {
            r.startThreads();
            return r;
        } catch (RuntimeException e) {
            r.close();
            throw e;
        }
    }

    private void startThreads() {
        writerThread.start();
        collectorThread.start();
        threads.watch(preparer.start().thread());
        threads.watch(azint.start().thread());
        for (int i = 0; i < config.workers(); i++) {
            IngestWorker w = new IngestWorker(zmq, config.endpoints(), config.receiveHwm(),
                    Decoders.create(config.format()), Decoders.fixedFormat(config.format()), ingestQueue, activity, i,
                    prefs.ingestReceiveTimeout(), prefs.ingestWakeupInterval(),
                    new PooledMsgAllocator(framePool, POOLED_PART_BYTES));
            workers.add(w);
            Thread t = threads.thread("hutch-ingest-" + i, w);
            workerThreads.add(t);
            t.start();
        }
        try {
            api.start(config.apiHost(), config.apiPort());
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot start the HTTP API on " + config.apiHost() + ":"
                    + config.apiPort() + ": " + rootMessage(e), e);
        }
        if (config.dataPort() != null) {
            waitForForwarder();
        }
        LOG.info("receiver listening: api={} stream={} workers={} data dir={}", apiUri(), config.endpoints(),
                config.workers(), config.dataDir().toAbsolutePath());
    }

    /** The forwarder's socket is bound on the collector thread (it lives there): wait for that thread to say so. */
    private void waitForForwarder() {
        try {
            forwarderBound.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot bind the forwarder on port " + config.dataPort()
                    + " (in use, or not allowed)", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    /** The HTTP API's base URI, for example {@code http://127.0.0.1:41234}. */
    public URI apiUri() {
        String h = config.apiHost().contains(":") ? "[" + config.apiHost() + "]" : config.apiHost();
        return URI.create("http://" + h + ":" + api.port());
    }

    /** The forwarder's port, or -1 without a forwarder. */
    public int dataPort() {
        return dataPort;
    }

    public ReceiverConfig config() {
        return config;
    }

    /** Sets (or replaces) the azimuthal integration of the newest frame, as PUT /api/v1/azint/config does. */
    public void configureAzint(AzintSetup setup) {
        azint.configure(setup);
    }

    /**
     * Ends the open series at once, as {@code POST /api/v1/series/abort} does: the frames already received
     * are written, the file is closed (readable, marked incomplete) and the state goes back to idle.
     * Completes when the file is closed, or at once when no series is open.
     */
    public CompletableFuture<SeriesAbort.Outcome> abortSeries() {
        return aborts.request();
    }

    /** The receiver's watched threads (a thread started here that dies is reported in the status). */
    public ThreadHealth threads() {
        return threads;
    }

    /** The receiver's state as {@code /api/v1/status} reports it. */
    public ReceiverStatus status() {
        return state.snapshot();
    }

    /**
     * A context whose I/O threads report to the log in one line: jeromq's default prints the stack trace of any
     * exception its poller sees, such as the ClosedChannelException of a sender's connection closed while the
     * receiver shuts down.
     */
    private static ZContext loggingContext() {
        ZContext c = new ZContext(1);
        c.setNotificationExceptionHandler((t, e) -> LOG.debug("ZeroMQ I/O thread {}: {}", t.getName(), e.toString()));
        c.setUncaughtExceptionHandler((t, e) -> LOG.warn("ZeroMQ I/O thread {} stopped: {}", t.getName(), e.toString()));
        return c;
    }

    /** Stops ingest, writes what was received, closes the open file (readable afterwards) and stops the API. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        threads.stopping();
        workers.forEach(IngestWorker::stop);
        joinAll(workerThreads);
        collector.stop();
        join(collectorThread);
        if (pipeline != null) {
            pipeline.close();
        }
        writer.stop();
        join(writerThread);
        preparer.close();
        azint.close();
        try {
            api.close();
        } catch (RuntimeException e) {
            LOG.warn("stopping the HTTP API: {}", e.toString());
        }
        zmq.close();
        LOG.info("receiver stopped");
    }

    private static void joinAll(List<Thread> threads) {
        threads.forEach(EmbeddedReceiver::join);
    }

    private static void join(Thread t) {
        if (!t.isAlive()) {
            return;
        }
        try {
            t.join(30_000);
            if (t.isAlive()) {
                LOG.warn("{} did not stop within 30 s", t.getName());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String versionOf() {
        String v = EmbeddedReceiver.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0" : v;
    }
}
