package org.hutch.app.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.hutch.app.acquire.AcquisitionController;
import org.hutch.app.acquire.AcquisitionListener;
import org.hutch.app.client.AzintCurve;
import org.hutch.app.client.LiveFrame;
import org.hutch.app.client.MaxIvTestServer;
import org.hutch.app.testing.Waits;
import org.hutch.azint.Poni;
import org.hutch.detector.Detector;
import org.hutch.detector.DetectorPlugins;
import org.hutch.model.acquisition.AcquisitionSettings;
import org.hutch.model.acquisition.TriggerMode;
import org.hutch.model.pixels.BlockReduction;
import org.hutch.model.receiver.ReceiverStatus;
import org.hutch.receiver.EmbeddedReceiver;
import org.hutch.receiver.ReceiverConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The poller against a real receiver fed by the real simulator: frames, curves, loss and recovery. */
public class LivePollerIT {

    @TempDir
    Path dir;

    private static final class Recorder implements LiveListener {
        final List<ConnectionState> states = new CopyOnWriteArrayList<>();
        final AtomicReference<String> message = new AtomicReference<>("");
        final List<LiveFrame> frames = new CopyOnWriteArrayList<>();
        final AtomicReference<AzintCurve> curve = new AtomicReference<>();
        /** Polls begun: the poller reports the status first in each poll, then the frame. */
        final AtomicInteger statuses = new AtomicInteger();
        /** what {@link #appCurveWanted} answers (false: as while a pipeline's curves are shown) */
        volatile boolean wantCurve = true;
        final AtomicInteger curves = new AtomicInteger();

        @Override
        public boolean appCurveWanted() {
            return wantCurve;
        }

        @Override
        public void status(ReceiverStatus status) {
            statuses.incrementAndGet();
        }

        @Override
        public void connection(ConnectionState state, String msg) {
            states.add(state);
            message.set(msg);
        }

        @Override
        public void frame(LiveFrame frame) {
            frames.add(frame);
        }

        @Override
        public void curve(AzintCurve c) {
            curve.set(c);
            curves.incrementAndGet();
        }

        ConnectionState last() {
            return states.isEmpty() ? null : states.get(states.size() - 1);
        }
    }

    private EmbeddedReceiver receiver(Detector det, int port) {
        return EmbeddedReceiver.start(ReceiverConfig.builder().endpoint(det.streamInfo().endpoint())
                .dataDir(dir).apiPort(port).build());
    }

    @Test
    void showsFramesAndCurvesThenLosesAndRecoversTheConnection() throws Exception {
        int port = Waits.freePort();
        Recorder rec = new Recorder();
        Poni poni = Poni.parse(new String(Detector.class.getResourceAsStream(
                "/org/hutch/detector/simulator/simulator.poni").readAllBytes()));
        try (Detector det = DetectorPlugins.open("simulator")) {
            EmbeddedReceiver r1 = receiver(det, port);
            String url = "http://127.0.0.1:" + port;
            try (LivePoller poller = new LivePoller(url, Duration.ofSeconds(2), rec)) {
                poller.setRateHz(5);
                poller.setDownsample(2, BlockReduction.MAX);
                poller.setCurveSource(new AppIntegrator(poni, null, 500, false));
                poller.start();
                Waits.until(Duration.ofSeconds(20), () -> rec.last() == ConnectionState.CONNECTED, rec.message::get);

                try (AcquisitionController c = new AcquisitionController(det, url, new AcquisitionListener() { })) {
                    assertTrue(c.acquire(new AcquisitionSettings(0.02, 0.02, 5, 1, TriggerMode.INTS, "poll.h5", Map.of()),
                            Duration.ofSeconds(60)).complete());
                }
                Waits.until(Duration.ofSeconds(20), () -> !rec.frames.isEmpty() && rec.curve.get() != null
                        && rec.frames.get(rec.frames.size() - 1).frame() == 4,
                        () -> rec.frames.size() + " frames, curve " + rec.curve.get());
                LiveFrame shown = rec.frames.get(rec.frames.size() - 1);
                assertEquals(512, shown.rows(), "downsampled by 2 for display");
                assertEquals(4, shown.frame());
                int seen = rec.frames.size();
                // five more whole polls of the unchanged frame: the sixth poll's status proves the fifth ended
                int polls = rec.statuses.get();
                Waits.until(Duration.ofSeconds(20), () -> rec.statuses.get() >= polls + 6,
                        () -> (rec.statuses.get() - polls) + " more polls");
                assertEquals(seen, rec.frames.size(), "an unchanged frame is not delivered again");

                // the simulator's LaB6 rings give clear peaks in the curve
                AzintCurve curve = rec.curve.get();
                assertTrue(peaks(curve.intensity()) >= 3, "peaks in the curve: " + peaks(curve.intensity()));

                r1.close();
                Waits.until(Duration.ofSeconds(20), () -> rec.last() == ConnectionState.LOST, rec.message::get);
                assertTrue(rec.message.get().contains("connection lost"), rec.message.get());

                EmbeddedReceiver r2 = receiver(det, port);
                try {
                    Waits.until(Duration.ofSeconds(30), () -> rec.last() == ConnectionState.CONNECTED, rec.message::get);
                } finally {
                    r2.close();
                }
            }
        }
    }

    @Test
    void theAppIntegratesNoFrameWhileItsCurveIsNotWanted() throws Exception {
        Recorder rec = new Recorder();
        rec.wantCurve = false;
        Poni poni = Poni.parse(new String(Detector.class.getResourceAsStream(
                "/org/hutch/detector/simulator/simulator.poni").readAllBytes()));
        try (Detector det = DetectorPlugins.open("simulator");
             EmbeddedReceiver r = receiver(det, 0)) {
            String url = r.apiUri().toString();
            try (LivePoller poller = new LivePoller(url, Duration.ofSeconds(2), rec);
                 AcquisitionController c = new AcquisitionController(det, url, new AcquisitionListener() { })) {
                poller.setRateHz(5);
                poller.setCurveSource(new AppIntegrator(poni, null, 500, false));
                poller.start();
                Waits.until(Duration.ofSeconds(20), () -> rec.last() == ConnectionState.CONNECTED, rec.message::get);
                assertTrue(c.acquire(new AcquisitionSettings(0.02, 0.02, 5, 1, TriggerMode.INTS, "unwanted.h5", Map.of()),
                        Duration.ofSeconds(60)).complete());
                Waits.until(Duration.ofSeconds(20), () -> !rec.frames.isEmpty()
                        && rec.frames.get(rec.frames.size() - 1).frame() == 4, () -> rec.frames.size() + " frames");
                int polls = rec.statuses.get();
                Waits.until(Duration.ofSeconds(20), () -> rec.statuses.get() >= polls + 3, () -> "polls");
                assertEquals(0, rec.curves.get(), "frames shown, none integrated");

                rec.wantCurve = true;
                assertTrue(c.acquire(new AcquisitionSettings(0.02, 0.02, 3, 1, TriggerMode.INTS, "wanted.h5", Map.of()),
                        Duration.ofSeconds(60)).complete());
                Waits.until(Duration.ofSeconds(20), () -> rec.curves.get() > 0, () -> "no curve once wanted");
            }
        }
    }

    @Test
    void aMaxIvReceiverThatGoesAwayAndComesBackOnTheSamePort() throws Exception {
        Recorder rec = new Recorder();
        MaxIvTestServer server = new MaxIvTestServer(0);
        try (LivePoller poller = new LivePoller(server.url(), Duration.ofSeconds(2), rec)) {
            poller.setRateHz(10);
            byte[] raw = new byte[16 * 16 * 2];
            raw[2 * 17] = 9;
            server.putFrame(0, 16, 16, "uint16", "none", raw);
            poller.start();
            Waits.until(Duration.ofSeconds(20), () -> !rec.frames.isEmpty(), rec.message::get);
            assertEquals(9, rec.frames.get(0).value(17));

            server.close();
            Waits.until(Duration.ofSeconds(20), () -> rec.last() == ConnectionState.LOST
                    && rec.message.get().contains("connection refused"), rec.message::get);

            server.restart();
            server.putFrame(1, 16, 16, "uint16", "none", raw);
            Waits.until(Duration.ofSeconds(30), () -> rec.last() == ConnectionState.CONNECTED && rec.frames.size() >= 2,
                    rec.message::get);
            assertEquals(1, rec.frames.get(rec.frames.size() - 1).frame());
        } finally {
            server.close();
        }
    }

    @Test
    void largeFramesAreReducedForDisplayByDefault() throws Exception {
        Recorder rec = new Recorder();
        try (MaxIvTestServer server = new MaxIvTestServer(0);
             LivePoller poller = new LivePoller(server.url(), Duration.ofSeconds(2), rec)) {
            poller.setRateHz(10);
            byte[] raw = new byte[2400 * 90 * 2];
            raw[2 * (1500 * 90 + 40)] = 7; // one bright pixel must survive the max reduction
            server.putFrame(0, 2400, 90, "uint16", "none", raw);
            poller.start();
            Waits.until(Duration.ofSeconds(20), () -> !rec.frames.isEmpty(), rec.message::get);
            server.putFrame(1, 2400, 90, "uint16", "none", raw);
            Waits.until(Duration.ofSeconds(20), () -> rec.frames.get(rec.frames.size() - 1).frame() == 1,
                    rec.message::get);
            LiveFrame shown = rec.frames.get(rec.frames.size() - 1);
            assertEquals(800, shown.rows(), "2400 rows reduced by 3 to fit about " + LivePoller.AUTO_TARGET_PIXELS);
            assertEquals(30, shown.cols());
            assertEquals(7, shown.value(500 * 30 + 13));
            assertEquals(0, server.downsamplePosts());
        }
    }

    @Test
    void aFrameTapGetsEachNewFrameAtFullResolutionWithoutTheAppIntegrating() throws Exception {
        Recorder rec = new Recorder();
        List<LiveFrame> tapped = new CopyOnWriteArrayList<>();
        try (MaxIvTestServer server = new MaxIvTestServer(0);
             LivePoller poller = new LivePoller(server.url(), Duration.ofSeconds(2), rec)) {
            poller.setRateHz(10); // no curve source: the app integrates nothing
            byte[] raw = new byte[2400 * 90 * 2];
            raw[2 * (1500 * 90 + 40)] = 7;
            server.putFrame(0, 2400, 90, "uint16", "none", raw);
            poller.start();
            Waits.until(Duration.ofSeconds(20), () -> !rec.frames.isEmpty(), rec.message::get);
            server.putFrame(1, 2400, 90, "uint16", "none", raw); // the first frame tells the poller its size
            Waits.until(Duration.ofSeconds(20), () -> rec.frames.get(rec.frames.size() - 1).frame() == 1,
                    rec.message::get);
            assertEquals(800, rec.frames.get(rec.frames.size() - 1).rows(), "shown reduced while nothing taps");
            poller.setFrameTap(tapped::add);
            for (int f = 2; f <= 4; f++) {
                server.putFrame(f, 2400, 90, "uint16", "none", raw);
                int frame = f;
                Waits.until(Duration.ofSeconds(20), () -> !tapped.isEmpty()
                        && tapped.get(tapped.size() - 1).frame() == frame, () -> tapped.size() + " frames tapped");
            }
            LiveFrame last = tapped.get(tapped.size() - 1);
            assertEquals(2400, last.rows(), "tapped at full resolution");
            assertEquals(90, last.cols());
            assertEquals(7, last.value(1500 * 90 + 40));
            assertEquals(800, rec.frames.get(rec.frames.size() - 1).rows(), "still shown reduced");
            assertEquals(0, rec.curves.get(), "nothing integrated");
            poller.setFrameTap(null);
            int seen = tapped.size();
            server.putFrame(5, 2400, 90, "uint16", "none", raw);
            Waits.until(Duration.ofSeconds(20), () -> rec.frames.get(rec.frames.size() - 1).frame() == 5, rec.message::get);
            assertEquals(seen, tapped.size(), "no frames once the tap is off");
        }
    }

    /** Local maxima standing well above their neighbourhood (a coarse, robust peak count). */
    public static int peaks(double[] y) {
        double max = 0;
        for (double v : y) {
            max = Math.max(max, v);
        }
        int n = 0;
        for (int i = 5; i < y.length - 5; i++) {
            boolean top = true;
            for (int k = -5; k <= 5 && top; k++) {
                top = y[i + k] <= y[i];
            }
            double base = Math.min(y[i - 5], y[i + 5]);
            if (top && y[i] > base + 0.1 * max) {
                n++;
            }
        }
        return n;
    }
}
