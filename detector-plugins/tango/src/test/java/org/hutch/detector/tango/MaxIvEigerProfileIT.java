package org.hutch.detector.tango;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.esrf.Tango.DevSource;
import fr.esrf.TangoApi.DeviceData;
import fr.esrf.TangoApi.DeviceProxy;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hutch.detector.DetectorCommand;
import org.hutch.detector.DetectorException;
import org.hutch.detector.DetectorPlugins;
import org.hutch.detector.DetectorState;
import org.hutch.detector.DetectorStatus;
import org.hutch.detector.SeriesWatch;
import org.hutch.model.acquisition.AcquisitionSettings;
import org.hutch.model.acquisition.TriggerMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Profile maxiv-eiger against {@link MaxIvEigerTestDevice}: Status' first line, State ON after Arm, Cancel, Disarm. */
class MaxIvEigerProfileIT {
    private static TestDeviceServer server;
    private static DeviceProxy check;

    @BeforeAll
    static void startServer() throws Exception {
        server = TestDeviceServer.start(MaxIvEigerTestDevice.class);
        check = new DeviceProxy(server.url());
        check.set_timeout_millis(5000);
        check.set_source(DevSource.DEV);
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    @BeforeEach
    void resetDevice() throws Exception {
        check.command_inout("Reset");
    }

    private static TangoDetector open(String... keyValues) throws DetectorException {
        Map<String, String> options = new HashMap<>(Map.of("device", server.url(), "profile", "maxiv-eiger",
                "pollMs", "50"));
        for (int i = 0; i < keyValues.length; i += 2) {
            options.put(keyValues[i], keyValues[i + 1]);
        }
        return (TangoDetector) DetectorPlugins.require("tango").open(options);
    }

    private static String status() throws Exception {
        return check.status().split("\n")[0];
    }

    @Test
    void intsArmsOnStatusReadyAndEndsIdleAfterEveryTrigger() throws Exception {
        try (TangoDetector d = open()) {
            assertEquals(EnumSet.of(DetectorCommand.STOP, DetectorCommand.ABORT, DetectorCommand.DISARM), d.commands());
            d.configure(new AcquisitionSettings(0.02, 0.03, 4, 3, TriggerMode.INTS, "eiger_0001", Map.of()));
            assertEquals(0.03, check.read_attribute("FrameTime").extractDouble());
            assertEquals(4, check.read_attribute("NbImages").extractLong64());
            assertEquals(3, check.read_attribute("NbTriggers").extractLong64());
            assertEquals("eiger_0001", check.read_attribute("FilenamePattern").extractString());
            try (SeriesWatch watch = SeriesWatch.on(d)) {
                d.arm();
                assertEquals("ON", check.state().toString(), "Tango State stays ON after Arm");
                assertEquals(DetectorState.ARMED, d.state(), d.status().toString());
                for (int i = 0; i < 3; i++) {
                    d.trigger();
                }
                assertEquals(DetectorState.READY, watch.await(Duration.ofSeconds(30)).state());
            }
            assertEquals("idle", status());
        }
    }

    @Test
    void stopCancelsThenDisarmsAndTheNextSeriesCanBeConfigured() throws Exception {
        try (TangoDetector d = open()) {
            d.configure(new AcquisitionSettings(0.05, 0.05, 1000, 1, TriggerMode.INTS, "", Map.of()));
            d.arm();
            CompletableFuture<Void> trigger = CompletableFuture.runAsync(() -> {
                try {
                    d.trigger();
                } catch (DetectorException e) {
                    throw new RuntimeException(e);
                }
            });
            new Recorder(d).await(DetectorState.RUNNING);
            d.stop(); // not stuck behind the trigger's wait
            trigger.get(30, TimeUnit.SECONDS);
            assertEquals(DetectorState.READY, d.state());
            assertEquals("idle", status());
            d.configure(new AcquisitionSettings(0.05, 0.05, 1, 1, TriggerMode.INTS, "", Map.of()));
        }
    }

    @Test
    void aRefusedFrameTimeLeavesTheDeviceAsItWas() throws Exception {
        try (TangoDetector d = open()) {
            DetectorException e = assertThrows(DetectorException.class,
                    () -> d.configure(new AcquisitionSettings(0.0002, 0.0005, 10, 1, TriggerMode.EXTS, "x", Map.of())));
            assertTrue(e.getMessage().contains("FrameTime") && e.getMessage().contains("minimum 0.001"), e.getMessage());
            assertEquals(0.1, check.read_attribute("CountTime").extractDouble(), "CountTime was not written");
            assertEquals("ints", check.read_attribute("TriggerMode").extractString());
        }
    }

    @Test
    void closeDisarmsASeriesHutchArmed() throws Exception {
        TangoDetector d = open();
        d.configure(new AcquisitionSettings(0.05, 0.05, 1, 2, TriggerMode.INTS, "", Map.of()));
        d.arm();
        assertEquals("ready", status());
        d.close();
        assertEquals("idle", status(), "closing left the device armed");
        try (TangoDetector again = open()) {
            again.configure(new AcquisitionSettings(0.05, 0.05, 1, 1, TriggerMode.INTS, "", Map.of()));
        }
    }

    @Test
    void anErrorInStatusIsAFaultWithTheDevicesText() throws Exception {
        try (TangoDetector d = open()) {
            DeviceData reason = new DeviceData();
            reason.insert("high voltage failure");
            check.command_inout("InjectError", reason);
            DetectorStatus fault = new Recorder(d).await(DetectorState.FAULT);
            assertEquals("high voltage failure", fault.message());
        }
    }

    /** Waits for a state through the listener. */
    static final class Recorder {
        private final java.util.concurrent.LinkedBlockingQueue<DetectorStatus> queue =
                new java.util.concurrent.LinkedBlockingQueue<>();

        Recorder(org.hutch.detector.Detector d) {
            d.addStateListener(queue::add);
        }

        DetectorStatus await(DetectorState state) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                DetectorStatus s = queue.poll(100, TimeUnit.MILLISECONDS);
                if (s != null && s.state() == state) {
                    return s;
                }
            }
            throw new AssertionError("no " + state + " within 30 s");
        }
    }
}
