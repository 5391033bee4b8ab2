package org.hutch.detector.tango;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.esrf.TangoApi.DeviceData;
import fr.esrf.TangoApi.DeviceProxy;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hutch.detector.DetectorCommand;
import org.hutch.detector.DetectorException;
import org.hutch.detector.DetectorState;
import org.hutch.detector.DetectorStatus;
import org.hutch.detector.SeriesWatch;
import org.hutch.model.acquisition.AcquisitionSettings;
import org.hutch.model.acquisition.TriggerMode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Profile maxiv-eiger against {@link MaxIvEigerTestDevice}: Status' first line, State ON after Arm, Cancel, Disarm. */
class MaxIvEigerProfileIT {
    @RegisterExtension
    static final InProcessDevice DEVICE = new InProcessDevice(MaxIvEigerTestDevice.class, "Reset");
    private static DeviceProxy check;

    @BeforeAll
    static void checkClient() {
        check = DEVICE.check();
    }

    private static TangoDetector open() throws DetectorException {
        return TangoDetectors.open(DEVICE.url(), "profile", "maxiv-eiger", "pollMs", "50");
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
            StateRecorder.on(d).await(DetectorState.RUNNING);
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
            DetectorStatus fault = StateRecorder.on(d).await(DetectorState.FAULT);
            assertEquals("high voltage failure", fault.message());
        }
    }
}
