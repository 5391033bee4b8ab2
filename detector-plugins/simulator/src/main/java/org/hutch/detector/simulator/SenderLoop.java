package org.hutch.detector.simulator;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.hutch.detector.DetectorState;
import org.hutch.detector.StreamInfo;
import org.hutch.model.acquisition.AcquisitionSettings;
import org.hutch.model.acquisition.TriggerMode;
import org.hutch.stream.Frame;
import org.hutch.stream.SeriesEnd;
import org.hutch.stream.SeriesStart;
import org.hutch.stream.StreamEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * The simulator's sender: one thread that owns the ZeroMQ context and PUSH socket for its whole life and
 * runs the series (header, paced images, series end) on commands from the detector. Sends use a short
 * timeout so that abort and close are seen even while the receiver applies back-pressure.
 */
final class SenderLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(SenderLoop.class);
    private static final long BLOCKED_NOTICE_NANOS = TimeUnit.SECONDS.toNanos(2);

    /** Where the loop reports what happens to a series (called on the sender thread). */
    interface Listener {
        void seriesState(long seriesId, DetectorState state, String message);

        /** A passing condition of the series (null: the condition is over). */
        void seriesNotice(long seriesId, String notice);

        /** The sender thread has died; the detector cannot stream any more. */
        void senderFailed(String reason);
    }

    enum Kind { ARM, TRIGGER, STOP, ABORT, CLOSE }

    /** What the detector asks for; {@code done} completes with the frames sent in the series so far. */
    static final class Command {
        final Kind kind;
        final Plan plan;
        final String reason;
        final CompletableFuture<Long> done = new CompletableFuture<>();

        Command(Kind kind, Plan plan, String reason) {
            this.kind = kind;
            this.plan = plan;
            this.reason = reason;
        }
    }

    /** Everything fixed about one series, made at arm. */
    record Plan(long id, AcquisitionSettings settings, FramePool pool, StreamEncoder encoder,
                Map<String, Object> metadata) {
        long total() {
            return settings.totalFrames();
        }
    }

    private final SimulatorConfig config;
    private final Listener listener;
    private final BlockingQueue<Command> commands = new LinkedBlockingQueue<>();
    private final CompletableFuture<String> bound = new CompletableFuture<>();
    private final AtomicLong framesSentTotal = new AtomicLong();
    private volatile boolean abortRequested;
    private volatile boolean stopRequested;
    private volatile boolean closeRequested;
    private volatile String endpoint;
    private volatile Throwable failure;

    // owned by the sender thread
    private ZMQ.Context context;
    private ZMQ.Socket socket;
    private Plan plan;
    private long msgNumber;
    private long framesSent;
    private long framesLeft;
    private long nextDueNanos;
    private boolean stalled;
    private boolean blockedNoticed;
    /** how long one send waits under back-pressure before abort and close are looked at */
    private final int sendTimeoutMs;

    SenderLoop(SimulatorConfig config, Listener listener, Duration sendTimeout) {
        this.sendTimeoutMs = (int) sendTimeout.toMillis();
        this.config = config;
        this.listener = listener;
    }

    /** Completes with the bound endpoint, or exceptionally if the bind failed. */
    CompletableFuture<String> bound() {
        return bound;
    }

    /** Images sent over the life of this sender. */
    long framesSentTotal() {
        return framesSentTotal.get();
    }

    /** Why the sender thread died, or null while it runs. */
    Throwable failure() {
        return failure;
    }

    Command post(Kind kind, Plan plan, String reason) {
        switch (kind) {
            case ABORT: abortRequested = true; break;
            case STOP: stopRequested = true; break;
            case CLOSE: closeRequested = true; break;
            default: break;
        }
        Command c = new Command(kind, plan, reason);
        commands.add(c);
        return c;
    }

    @Override
    public void run() {
        context = ZMQ.context(1);
        // one log line, not jeromq's printed stack trace, for what its I/O thread sees (a peer closing at shutdown)
        context.setNotificationExceptionHandler((t, e) -> LOG.debug("ZeroMQ I/O thread {}: {}", t.getName(), e.toString()));
        context.setUncaughtExceptionHandler((t, e) -> LOG.warn("ZeroMQ I/O thread {} stopped: {}", t.getName(),
                e.toString()));
        try {
            openSocket(config.bind());
            bound.complete(endpoint);
        } catch (RuntimeException e) {
            bound.completeExceptionally(e);
            context.close();
            return;
        }
        try {
            loop();
        } catch (RuntimeException | Error e) {
            // never die silently: the detector goes to FAULT and refuses further series
            LOG.error("simulator sender failed", e);
            failure = e;
            listener.senderFailed("the simulator's sender stopped: " + e);
            throw e;
        } finally {
            if (socket != null) {
                closeSocket(config.lingerMs());
            }
            context.close();
            Command c;
            while ((c = commands.poll()) != null) {
                c.done.complete(framesSent);
            }
        }
    }

    private void loop() {
        while (true) {
            Command c;
            try {
                if (sending()) {
                    long wait = nextDueNanos - System.nanoTime();
                    if (abortRequested || stopRequested || closeRequested) {
                        c = commands.poll(10, TimeUnit.MILLISECONDS);
                    } else {
                        c = wait > 0 ? commands.poll(wait, TimeUnit.NANOSECONDS) : commands.poll();
                    }
                    if (c == null) {
                        if (!abortRequested && !stopRequested && !closeRequested && System.nanoTime() >= nextDueNanos) {
                            sendFrame();
                        }
                        continue;
                    }
                } else {
                    c = commands.take();
                }
            } catch (InterruptedException e) {
                // the sender is stopped by CLOSE, not by interrupts; keep going
                continue;
            }
            if (!handle(c)) {
                return;
            }
        }
    }

    private boolean sending() {
        return plan != null && framesLeft > 0 && !stalled;
    }

    private boolean handle(Command c) {
        switch (c.kind) {
            case ARM:
                arm(c.plan);
                break;
            case TRIGGER:
                if (plan != null && !stopRequested && !abortRequested) {
                    beginImages(plan.settings().triggerMode().framesPerTrigger(plan.settings().images()));
                }
                break;
            case STOP:
                if (plan != null) {
                    long id = plan.id();
                    long total = plan.total();
                    if (socket != null && sendEnd()) {
                        listener.seriesState(id, DetectorState.READY,
                                c.reason + " after " + framesSent + " of " + total + " frames");
                    }
                    plan = null;
                }
                stopRequested = false;
                break;
            case ABORT:
                plan = null;
                abortRequested = false;
                break;
            case CLOSE:
                plan = null;
                c.done.complete(framesSent);
                return false;
            default:
                break;
        }
        c.done.complete(framesSent);
        return true;
    }

    private void arm(Plan p) {
        plan = p;
        msgNumber = 0;
        framesSent = 0;
        framesLeft = 0;
        stalled = false;
        if (abortRequested || closeRequested) {
            return;
        }
        if (socket == null) {
            try {
                reopenSocket();
            } catch (RuntimeException e) {
                listener.seriesState(p.id(), DetectorState.FAULT, "cannot bind " + endpoint + " again: " + e.getMessage());
                plan = null;
                return;
            }
        }
        AcquisitionSettings s = p.settings();
        SeriesStart start = new SeriesStart(wireSeries(), msgNumber, WireEncoders.streamFormat(config.format()),
                s.fileName(), p.total(), Map.of(), p.metadata());
        if (!send(p.encoder().encode(start))) {
            return;
        }
        msgNumber++;
        if (s.triggerMode() == TriggerMode.INTERNAL) {
            beginImages(p.total());
        }
    }

    private void beginImages(long n) {
        framesLeft += n;
        long now = System.nanoTime();
        nextDueNanos = config.pace() ? now + seconds(plan.settings().exposureTime()) : now;
    }

    private void sendFrame() {
        Plan p = plan;
        long index = framesSent;
        long faultAt = config.faultAt() >= 0 ? config.faultAt() : p.total() / 2;
        boolean faultNow = config.fault() != Fault.NONE && index == faultAt;
        if (faultNow && config.fault() == Fault.STALL) {
            stalled = true;
            listener.seriesNotice(p.id(), "stalled after " + index + " of " + p.total() + " frames (injected fault)");
            return;
        }
        if (faultNow && config.fault() == Fault.DISCONNECT) {
            // what was sent still arrives (as when a detector process dies after writing), then the stream ends
            closeSocket(Math.min(config.lingerMs(), 1000));
            plan = null;
            listener.seriesState(p.id(), DetectorState.FAULT, "stream disconnected after " + index + " of " + p.total()
                    + " frames, without series end (injected fault)");
            return;
        }
        FramePool pool = p.pool();
        Frame frame = new Frame(wireSeries(), msgNumber, index, pool.rows(), pool.cols(), pool.dtype(),
                pool.compression(), ByteBuffer.wrap(pool.blob(index)), Map.of());
        List<byte[]> parts = p.encoder().encode(frame);
        if (faultNow) {
            parts = malformed(parts, config.fault());
        }
        if (!send(parts, pool.blob(index), pool.directBlob(index))) {
            return;
        }
        msgNumber++;
        framesSent++;
        framesLeft--;
        framesSentTotal.incrementAndGet();
        if (config.pace()) {
            nextDueNanos += seconds(p.settings().period());
        }
        if (framesLeft == 0) {
            if (framesSent >= p.total()) {
                if (sendEnd()) {
                    listener.seriesState(p.id(), DetectorState.READY, "series done: " + framesSent + " frames sent");
                }
                plan = null;
            } else {
                long perTrigger = p.settings().triggerMode().framesPerTrigger(p.settings().images());
                listener.seriesState(p.id(), DetectorState.ARMED, "armed: waiting for trigger "
                        + (framesSent / perTrigger + 1) + " of " + p.settings().triggers());
            }
        }
    }

    private static List<byte[]> malformed(List<byte[]> parts, Fault fault) {
        List<byte[]> bad = new ArrayList<>(parts);
        int which = fault == Fault.MALFORMED_HEADER ? 0 : bad.size() - 1;
        byte[] part = bad.get(which);
        bad.set(which, Arrays.copyOf(part, fault == Fault.MALFORMED_HEADER ? part.length / 3 : part.length / 2));
        return bad;
    }

    private boolean sendEnd() {
        if (!send(plan.encoder().encode(new SeriesEnd(wireSeries(), msgNumber)))) {
            return false;
        }
        msgNumber++;
        return true;
    }

    private boolean send(List<byte[]> parts) {
        return send(parts, null, null);
    }

    /**
     * Sends one multipart message; false if abort or close was asked for while the receiver held it back.
     * A part that is {@code heapBlob} itself goes out from {@code directBlob} instead (see {@link FramePool}).
     */
    private boolean send(List<byte[]> parts, byte[] heapBlob, ByteBuffer directBlob) {
        long blockedSince = 0;
        for (int i = 0; i < parts.size(); i++) {
            int flags = i < parts.size() - 1 ? ZMQ.SNDMORE : 0;
            byte[] part = parts.get(i);
            while (!(part == heapBlob && heapBlob != null ? socket.sendMsg(new zmq.Msg(directBlob.duplicate()), flags)
                    : socket.send(part, flags))) {
                if (closeRequested || (i == 0 && abortRequested)) {
                    return false;
                }
                long now = System.nanoTime();
                if (blockedSince == 0) {
                    blockedSince = now;
                } else if (!blockedNoticed && now - blockedSince > BLOCKED_NOTICE_NANOS && plan != null) {
                    blockedNoticed = true;
                    listener.seriesNotice(plan.id(), "waiting: no receiver is taking frames from " + endpoint);
                }
            }
        }
        if (blockedNoticed && plan != null) {
            blockedNoticed = false;
            listener.seriesNotice(plan.id(), null);
        }
        return true;
    }

    private long wireSeries() {
        return config.format() == StreamInfo.Format.STINS ? 0 : plan.id();
    }

    private static long seconds(double s) {
        return (long) (s * 1e9);
    }

    private void openSocket(String address) {
        String a = address.trim();
        if (a.endsWith(":0")) {
            a = a.substring(0, a.length() - 2) + ":*";
        }
        ZMQ.Socket s = context.socket(SocketType.PUSH);
        try {
            s.setSndHWM(config.sendHighWaterMark());
            s.setLinger(config.lingerMs());
            s.setSendTimeOut(sendTimeoutMs);
            s.bind(a);
        } catch (ZMQException e) {
            s.close();
            throw new IllegalStateException(bindMessage(address, e), e);
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        socket = s;
        endpoint = s.getLastEndpoint();
    }

    /** After a disconnect fault: bind the same concrete endpoint again, retrying while the old one is released. */
    private void reopenSocket() {
        RuntimeException last = null;
        for (int attempt = 0; attempt < 40; attempt++) {
            try {
                openSocket(endpoint);
                return;
            } catch (RuntimeException e) {
                last = e;
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        throw last;
    }

    private void closeSocket(int lingerMs) {
        socket.setLinger(lingerMs);
        socket.close();
        socket = null;
    }

    static String bindMessage(String address, ZMQException e) {
        String reason = e.getErrorCode() == zmq.ZError.EADDRINUSE ? "address already in use (another detector or simulator?)"
                : e.getMessage();
        return "cannot bind " + address + ": " + reason + "; choose another endpoint, e.g. tcp://127.0.0.1:0 for a free port";
    }
}
