package org.hutch.app.eiger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.hutch.app.acquire.AcquisitionController;
import org.hutch.app.acquire.AcquisitionListener;
import org.hutch.app.acquire.AcquisitionResult;
import org.hutch.app.acquire.LabSetup;
import org.hutch.app.testing.Waits;
import org.hutch.detector.eiger.SimplonSimulator;
import org.hutch.detector.eiger.SimplonSimulator.Departure;
import org.hutch.model.acquisition.AcquisitionSettings;
import org.hutch.model.acquisition.TriggerMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stop on a DCU whose series end never comes: the receiver's series is ended after the grace, the file readable. */
class StopWithoutSeriesEndIT {

    @TempDir
    Path dir;

    @Test
    void stopEndsTheReceiversSeriesWhenNoSeriesEndComes() throws Exception {
        try (SimplonSimulator sim = SimplonSimulator.start("1.8.0").depart(Departure.NO_SERIES_END_AFTER_DISARM)) {
            String endpoint = sim.streamFrames().endpoint();
            try (LabSetup lab = LabSetup.start("eiger:url=" + sim.url() + ",stream_endpoint=" + endpoint, dir);
                 AcquisitionController c = new AcquisitionController(lab.detector(), lab.receiverUrl(),
                         new AcquisitionListener() { })) {
                c.arm(new AcquisitionSettings(0.05, 0.05, 400, 1, TriggerMode.INTS, "stopped.h5", Map.of()))
                        .get(30, TimeUnit.SECONDS);
                c.start();
                Waits.until(Duration.ofSeconds(30), () -> lab.receiver().status().received() >= 3,
                        () -> "no frames: " + lab.receiver().status());
                c.stop().get(30, TimeUnit.SECONDS);
                AcquisitionResult r = c.completion().get(60, TimeUnit.SECONDS);
                assertEquals(AcquisitionResult.Outcome.STOPPED, r.outcome(), r.toString());
                long onDisk = SimplonFiles.exactFrames(dir.resolve("stopped.h5")); // readable while the receiver runs
                assertTrue(onDisk >= 3 && onDisk < 400, "frames on disk: " + onDisk);
                assertEquals(onDisk, r.written(), r.toString());
            }
        }
    }
}
