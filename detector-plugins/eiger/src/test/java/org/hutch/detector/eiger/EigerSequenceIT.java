package org.hutch.detector.eiger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.hutch.detector.DetectorException;
import org.hutch.detector.DetectorState;
import org.hutch.detector.SeriesWatch;
import org.hutch.model.acquisition.AcquisitionSettings;
import org.hutch.model.acquisition.TriggerMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** arm / trigger / disarm / abort / stop against the simulated DCU, as listeners see them. */
class EigerSequenceIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private SimplonSimulator sim;
    private EigerDetector detector;
    private StateLog log;

    @BeforeEach
    void start() throws Exception {
        sim = SimplonSimulator.start("1.8.0");
        detector = Sims.open(sim);
        log = new StateLog();
        detector.addStateListener(log);
        log.await(DetectorState.READY, WAIT);
    }

    @AfterEach
    void stop() {
        detector.close();
        sim.close();
    }

    @Test
    void armTriggerTwiceEndsTheSeriesOnTheDcu() throws Exception {
        detector.configure(new AcquisitionSettings(0.02, 0.02, 5, 2, TriggerMode.INTS, "", Map.of()));
        detector.arm();
        assertEquals("ready", sim.state());
        assertEquals(DetectorState.ARMED, detector.state());
        detector.trigger(); // blocks for 5 x 20 ms
        assertEquals("ready", sim.state(), "one trigger of two: still armed");
        log.await(DetectorState.ARMED, WAIT);
        detector.trigger();
        assertEquals("idle", sim.state(), "after the last trigger the DCU ends the series");
        log.await(DetectorState.READY, WAIT);
        assertEquals(List.of(DetectorState.READY, DetectorState.ARMED, DetectorState.RUNNING, DetectorState.ARMED,
                DetectorState.RUNNING, DetectorState.READY), log.states());
        assertEquals(List.of("arm", "trigger", "trigger"), sim.commands());
    }

    @Test
    void disarmAfterOneOfSeveralTriggers() throws Exception {
        detector.configure(new AcquisitionSettings(0.01, 0.01, 2, 3, TriggerMode.INTS, "", Map.of()));
        detector.arm();
        detector.trigger();
        detector.disarm();
        assertEquals("idle", sim.state());
        log.await(DetectorState.READY, WAIT);
        assertEquals(List.of("arm", "trigger", "disarm"), sim.commands());
        assertEquals(List.of(DetectorState.READY, DetectorState.ARMED, DetectorState.RUNNING, DetectorState.ARMED,
                DetectorState.READY), log.states());
    }

    @Test
    void abortWhileTriggerBlocks() throws Exception {
        // 100 images x 1 s: the trigger would block for 100 s
        detector.configure(new AcquisitionSettings(1, 1, 100, 1, TriggerMode.INTS, "", Map.of()));
        detector.arm();
        CompletableFuture<Void> trigger = CompletableFuture.runAsync(() -> {
            try {
                detector.trigger();
            } catch (DetectorException e) {
                throw new RuntimeException(e);
            }
        });
        log.await(DetectorState.RUNNING, WAIT);
        waitForDcuState("acquire");
        assertTrue(!trigger.isDone(), "the trigger blocks while the images are taken");
        detector.abort(); // must go out although trigger() is blocked in its HTTP call
        trigger.get(10, TimeUnit.SECONDS); // the trigger returns quietly: the series was ended on purpose
        assertEquals("idle", sim.state());
        log.await(DetectorState.READY, WAIT);
        assertEquals(List.of("arm", "trigger", "abort"), sim.commands());
    }

    @Test
    void stopCancelsThenDisarms() throws Exception {
        detector.configure(new AcquisitionSettings(1, 1, 100, 1, TriggerMode.INTS, "", Map.of()));
        detector.arm();
        CompletableFuture<Void> trigger = CompletableFuture.runAsync(() -> {
            try {
                detector.trigger();
            } catch (DetectorException e) {
                throw new RuntimeException(e);
            }
        });
        waitForDcuState("acquire");
        detector.stop();
        trigger.get(10, TimeUnit.SECONDS);
        assertEquals("idle", sim.state());
        assertEquals(List.of("arm", "trigger", "cancel", "disarm"), sim.commands());
        log.await(DetectorState.READY, WAIT);
    }

    @Test
    void internalModeRunsAllTriggersAfterArm() throws Exception {
        detector.configure(new AcquisitionSettings(0.01, 0.01, 3, 3, TriggerMode.INTERNAL, "", Map.of()));
        try (SeriesWatch watch = SeriesWatch.on(detector)) {
            detector.arm();
            assertEquals(DetectorState.READY, watch.await(WAIT).state());
        }
        assertEquals(List.of("arm", "trigger", "trigger", "trigger"), sim.commands());
        assertEquals("idle", sim.state());
    }

    @Test
    void inteTriggerSendsItsCountTimeAndTakesOneImage() throws Exception {
        detector.configure(new AcquisitionSettings(0.015, 0.02, 5, 2, TriggerMode.INTE, "", Map.of()));
        assertEquals(1L, sim.value("detector/config/nimages"));
        detector.arm();
        detector.trigger();
        detector.trigger();
        assertEquals(List.of(0.015, 0.015), sim.triggerCountTimes());
        assertEquals("idle", sim.state());
        log.await(DetectorState.READY, WAIT);
    }

    @Test
    void triggerRefusedWhenNotArmedOrInExternalMode() throws Exception {
        DetectorException notArmed = assertThrows(DetectorException.class, () -> detector.trigger());
        assertTrue(notArmed.getMessage().contains("arm first"), notArmed.getMessage());
        detector.configure(AcquisitionSettings.DEFAULT.withTriggerMode(TriggerMode.EXTS));
        detector.arm();
        DetectorException external = assertThrows(DetectorException.class, () -> detector.trigger());
        assertTrue(external.getMessage().contains("hardware triggers"), external.getMessage());
        assertTrue(!sim.commands().contains("trigger"));
        detector.disarm();
    }

    @Test
    void errorStateIsShownWithTheReasonAndArmIsRefused() throws Exception {
        sim.forceState("error", "module 3 temperature too high");
        var status = log.await(DetectorState.FAULT, WAIT);
        assertTrue(status.message().contains("module 3 temperature too high"), status.message());
        DetectorException e = assertThrows(DetectorException.class, () -> detector.arm());
        assertTrue(e.getMessage().contains("initialize"), e.getMessage());
        assertTrue(!sim.commands().contains("arm"));
        detector.initialize();
        assertEquals(DetectorState.READY, detector.state());
    }

    @Test
    void closeAbortsAndEndsInOff() throws Exception {
        detector.configure(AcquisitionSettings.DEFAULT);
        detector.arm();
        detector.close();
        log.await(DetectorState.OFF, WAIT);
        assertEquals("idle", sim.state());
        assertTrue(sim.commands().contains("abort"));
        DetectorException e = assertThrows(DetectorException.class, () -> detector.arm());
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    private void waitForDcuState(String state) {
        await("DCU state " + state).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(25))
                .until(sim::state, state::equals);
    }
}
