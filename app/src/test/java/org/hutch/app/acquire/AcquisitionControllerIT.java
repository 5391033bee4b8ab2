package org.hutch.app.acquire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.hutch.app.testing.Waits;
import org.hutch.detector.DetectorState;
import org.hutch.detector.DetectorStatus;
import org.hutch.model.acquisition.AcquisitionProgress;
import org.hutch.model.acquisition.AcquisitionSettings;
import org.hutch.model.acquisition.TriggerMode;
import org.hutch.testkit.Hdf5ReadBack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stop and Abort in mid-series, with the real simulator and receiver. */
class AcquisitionControllerIT {

    @TempDir
    Path dir;

    private static final class Recorder implements AcquisitionListener {
        final AtomicReference<AcquisitionProgress> progress = new AtomicReference<>();
        final List<DetectorState> states = new CopyOnWriteArrayList<>();
        final List<String> failures = new CopyOnWriteArrayList<>();

        @Override
        public void progress(AcquisitionProgress p) {
            progress.set(p);
        }

        @Override
        public void detectorStatus(DetectorStatus s) {
            states.add(s.state());
        }

        @Override
        public void commandFailed(String command, String message) {
            failures.add(command + ": " + message);
        }
    }

    private static AcquisitionSettings longSeries(String file) {
        return new AcquisitionSettings(0.02, 0.05, 400, 1, TriggerMode.INTS, file, Map.of());
    }

    @Test
    void stopKeepsTheFramesSoFarOnDisk() throws Exception {
        Recorder rec = new Recorder();
        try (LabSetup lab = LabSetup.start("simulator:shape=64,64", dir);
             AcquisitionController c = new AcquisitionController(lab.detector(), lab.receiverUrl(), rec)) {
            c.arm(longSeries("stopped.h5")).get(30, TimeUnit.SECONDS);
            c.start().get(30, TimeUnit.SECONDS);
            Waits.until(Duration.ofSeconds(30), () -> rec.progress.get() != null && rec.progress.get().received() >= 5,
                    () -> "progress " + rec.progress.get());
            c.stop().get(30, TimeUnit.SECONDS);
            AcquisitionResult r = c.completion().get(60, TimeUnit.SECONDS);
            assertEquals(AcquisitionResult.Outcome.STOPPED, r.outcome(), r.message());
            assertTrue(r.written() >= 5 && r.written() < 400, r.toString());
            assertEquals(r.received(), r.written());
            assertArrayEquals(new long[] {r.written(), 64, 64}, Hdf5ReadBack.shape(dir.resolve("stopped.h5"), Hdf5ReadBack.FRAMES));
            assertEquals(DetectorState.READY, lab.detector().state());
            assertTrue(rec.states.contains(DetectorState.RUNNING));
        }
    }

    @Test
    void aDetectorFaultInMidSeriesFailsTheAcquisition() throws Exception {
        Recorder rec = new Recorder();
        try (LabSetup lab = LabSetup.start("simulator:shape=64,64,fault=disconnect,faultAt=5", dir);
             AcquisitionController c = new AcquisitionController(lab.detector(), lab.receiverUrl(), rec)) {
            AcquisitionResult r = c.acquire(new AcquisitionSettings(0.01, 0.02, 40, 1, TriggerMode.INTS, "faulty.h5",
                    Map.of()), Duration.ofSeconds(60));
            assertEquals(AcquisitionResult.Outcome.FAILED, r.outcome(), r.toString());
            assertTrue(r.message().startsWith("detector fault: "), r.message());
            assertTrue(r.received() < 40, r.toString());
            assertTrue(rec.states.contains(DetectorState.FAULT), "states " + rec.states);
        }
    }

    @Test
    void abortEndsTheSeriesAtOnceAndTheNextOneWorks() throws Exception {
        Recorder rec = new Recorder();
        try (LabSetup lab = LabSetup.start("simulator:shape=64,64", dir);
             AcquisitionController c = new AcquisitionController(lab.detector(), lab.receiverUrl(), rec)) {
            c.arm(longSeries("aborted.h5")).get(30, TimeUnit.SECONDS);
            c.start().get(30, TimeUnit.SECONDS);
            Waits.until(Duration.ofSeconds(30), () -> rec.progress.get() != null && rec.progress.get().received() >= 3,
                    () -> "progress " + rec.progress.get());
            c.abort().get(30, TimeUnit.SECONDS);
            AcquisitionResult r = c.completion().get(30, TimeUnit.SECONDS);
            assertEquals(AcquisitionResult.Outcome.ABORTED, r.outcome(), r.message());
            assertTrue(r.received() < 400, r.toString());

            // a new series right after the abort is taken whole
            AcquisitionResult next = c.acquire(new AcquisitionSettings(0.01, 0.01, 4, 1, TriggerMode.INTS, "after.h5",
                    Map.of()), Duration.ofSeconds(120));
            assertTrue(next.complete(), next.message() + " / " + rec.failures);
            assertArrayEquals(new long[] {4, 64, 64}, Hdf5ReadBack.shape(dir.resolve("after.h5"), Hdf5ReadBack.FRAMES));
        }
    }
}
