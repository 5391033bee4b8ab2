package org.hutch.app.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.hutch.app.acquire.AcquisitionController;
import org.hutch.app.acquire.AcquisitionListener;
import org.hutch.app.client.AzintCurve;
import org.hutch.app.testing.Waits;
import org.hutch.azint.Poni;
import org.hutch.detector.Detector;
import org.hutch.detector.DetectorPlugins;
import org.hutch.model.acquisition.AcquisitionSettings;
import org.hutch.model.acquisition.TriggerMode;
import org.hutch.receiver.EmbeddedReceiver;
import org.hutch.receiver.ReceiverConfig;
import org.hutch.receiver.azint.AzintSetup;
import org.hutch.receiver.pipeline.AzintPipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The follower against a real receiver running the pipeline (--azint-all): no pipeline at a plain
 * receiver's URL is said so; a series reaches it as one row per frame, two series as two, and the
 * newest curves come many times per series, not once a second.
 */
class PipelineFollowerIT {
    private static final int FRAMES = 60;

    @TempDir
    Path dir;

    /** Records what the follower reports. */
    static final class Recorder implements PipelineFollower.Listener {
        final List<String> events = new CopyOnWriteArrayList<>();
        final List<Long> newest = new CopyOnWriteArrayList<>();
        final List<Long> newestAt = new CopyOnWriteArrayList<>();
        final AtomicReference<PipelineFollower.SeriesSnapshot> series = new AtomicReference<>();
        final List<Long> cakes = new CopyOnWriteArrayList<>();

        @Override
        public void cake(org.hutch.app.client.PipelineClient.PipelineCake cake) {
            cakes.add(cake.frame());
        }

        @Override
        public void noCake() {
            events.add("no cake");
        }

        @Override
        public void following(String url, Poni poni) {
            events.add("following " + (poni != null));
        }

        @Override
        public void absent(String message) {
            events.add("absent " + message);
        }

        @Override
        public void seriesStarted(String s) {
            events.add("series " + s);
        }

        @Override
        public void newest(AzintCurve curve) {
            newest.add(curve.frame());
            newestAt.add(System.nanoTime());
        }

        @Override
        public void series(PipelineFollower.SeriesSnapshot rows) {
            series.set(rows);
        }
    }

    @Test
    void followsEverySeriesFrameByFrame() throws Exception {
        Poni poni = new Poni(Poni.GENERIC, 75e-6, 75e-6, 256, 256, 0.03, 0.0096, 0.0096, 0, 0, 0, 1.0332e-10);
        Path poniFile = Files.writeString(dir.resolve("small.poni"), poni.format());
        Recorder rec = new Recorder();
        try (Detector det = DetectorPlugins.open("simulator:poni=" + poniFile.toAbsolutePath());
             EmbeddedReceiver r = EmbeddedReceiver.start(ReceiverConfig.builder().endpoint(det.streamInfo().endpoint())
                     .dataDir(dir).apiPort(0).azint(AzintSetup.of(poni)).build())) {
            String url = r.apiUri().toString();
            try (PipelineFollower f = new PipelineFollower(url, Duration.ofSeconds(5), rec).start()) {
                Waits.until(Duration.ofSeconds(20), () -> !rec.events.isEmpty(), rec.events::toString);
                assertTrue(rec.events.get(0).startsWith("absent no azint pipeline at " + url), rec.events.toString());

                AzintPipeline p = r.startAzintPipeline(1);
                Waits.until(Duration.ofSeconds(20), () -> rec.events.contains("following true"), rec.events::toString);
                for (String name : List.of("first", "second")) {
                    long skipped = p.counters().skipped();
                    rec.newest.clear();
                    rec.newestAt.clear();
                    try (AcquisitionController c = new AcquisitionController(det, url, new AcquisitionListener() { })) {
                        assertTrue(c.acquire(new AcquisitionSettings(0.05, 0.05, FRAMES, 1, TriggerMode.INTS,
                                name + ".h5", Map.of()), Duration.ofSeconds(120)).complete());
                    }
                    Waits.until(Duration.ofSeconds(30), () -> rec.series.get() != null
                            && rec.series.get().rows().series().startsWith(name)
                            && rec.series.get().rows().rows().size() == FRAMES, () -> rec.events + " " + rec.series.get());
                    PipelineFollower.SeriesSnapshot s = rec.series.get();
                    assertEquals(0, s.rows().firstFrame());
                    assertEquals(p.counters().skipped() - skipped, s.rows().missing(), "gaps = frames skipped");
                    assertEquals(FRAMES - 1, rec.newest.get(rec.newest.size() - 1));
                    if (name.equals("second")) { // the first one warms up both sides' JSON code
                        // more newest curves a second than a once-a-second poll brings
                        double seconds = (rec.newestAt.get(rec.newestAt.size() - 1) - rec.newestAt.get(0)) / 1e9;
                        assertTrue(rec.newest.size() >= 3 && rec.newest.size() - 1 > seconds,
                                rec.newest.size() + " newest curves in " + seconds + " s: " + rec.newest);
                    }
                }
                assertTrue(rec.events.stream().noneMatch(e -> e.startsWith("absent") && rec.events.indexOf(e) > 0),
                        rec.events.toString());
            }
        }
    }

    @Test
    void fetchesEachNewCakeOnceAndSaysWhenThereIsNone() throws Exception {
        Poni poni = new Poni(Poni.GENERIC, 75e-6, 75e-6, 256, 256, 0.03, 0.0096, 0.0096, 0, 0, 0, 1.0332e-10);
        Path poniFile = Files.writeString(dir.resolve("small.poni"), poni.format());
        Recorder rec = new Recorder();
        int frames = 10;
        try (Detector det = DetectorPlugins.open("simulator:poni=" + poniFile.toAbsolutePath());
             EmbeddedReceiver r = EmbeddedReceiver.start(ReceiverConfig.builder().endpoint(det.streamInfo().endpoint())
                     .dataDir(dir).apiPort(0).azint(AzintSetup.of(poni)).build())) {
            String url = r.apiUri().toString();
            AzintPipeline p = r.startAzintPipeline(1);
            p.configure(AzintSetup.of(poni), poni.format(), null, 24);
            try (PipelineFollower f = new PipelineFollower(url, Duration.ofSeconds(5), rec);
                 AcquisitionController c = new AcquisitionController(det, url, new AcquisitionListener() { })) {
                f.wantCakes(true);
                f.start();
                Waits.until(Duration.ofSeconds(20), () -> rec.events.contains("following true"), rec.events::toString);
                assertTrue(c.acquire(new AcquisitionSettings(0.05, 0.05, frames, 1, TriggerMode.INTS, "caked.h5",
                        Map.of()), Duration.ofSeconds(120)).complete());
                Waits.until(Duration.ofSeconds(30), () -> rec.cakes.contains((long) frames - 1), rec.cakes::toString);
                // about ten polls find the same newest cake: it must not come again (no assertion on time: on a slow
                // machine fewer polls only make this check weaker)
                Thread.sleep(PipelineFollower.PERIOD.toMillis() * 10);

                // the next series has none: the follower says so, and meanwhile got the last cake only once (ETag)
                p.configure(AzintSetup.of(poni), poni.format(), null, 0);
                assertTrue(c.acquire(new AcquisitionSettings(0.05, 0.05, 3, 1, TriggerMode.INTS, "plain.h5",
                        Map.of()), Duration.ofSeconds(120)).complete());
                Waits.until(Duration.ofSeconds(30), () -> rec.events.contains("no cake"), rec.events::toString);
                assertEquals(rec.cakes.stream().distinct().count(), rec.cakes.size(), "each cake once: " + rec.cakes);
                for (int i = 1; i < rec.cakes.size(); i++) {
                    assertTrue(rec.cakes.get(i) > rec.cakes.get(i - 1), "newer each time: " + rec.cakes);
                }
            }
        }
    }
}
