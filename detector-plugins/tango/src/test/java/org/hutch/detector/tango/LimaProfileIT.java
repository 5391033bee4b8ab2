package org.hutch.detector.tango;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.esrf.TangoApi.DeviceData;
import fr.esrf.TangoApi.DeviceProxy;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
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

/** Profile lima against {@link LimaTestDevice}: prepareAcq + startAcq, acq_status, last_image_acquired, no nTriggers. */
class LimaProfileIT {
    @RegisterExtension
    static final InProcessDevice DEVICE = new InProcessDevice(LimaTestDevice.class, "reset");
    private static DeviceProxy check;

    @BeforeAll
    static void checkClient() {
        check = DEVICE.check();
    }

    private static TangoDetector open() throws DetectorException {
        return TangoDetectors.open(DEVICE.url(), "profile", "lima", "pollMs", "50");
    }

    @Test
    void internalPreparesThenStartsAndEndsWhenEveryFrameIsTaken() throws Exception {
        try (TangoDetector d = open()) {
            assertFalse(d.has(Role.TRIGGERS), "LImA has no nTriggers");
            assertEquals(EnumSet.of(DetectorCommand.STOP, DetectorCommand.ABORT, DetectorCommand.INITIALIZE), d.commands(),
                    "stopAcq, abortAcq, reset; LImA has no disarm, so no Disarm button running stopAcq");
            DetectorException disarm = assertThrows(DetectorException.class, d::disarm);
            assertTrue(disarm.getMessage().contains("disarm"), disarm.getMessage());
            assertEquals(Set.of(TriggerMode.INTERNAL, TriggerMode.INTE, TriggerMode.EXTS, TriggerMode.EXTE), d.triggerModes());
            d.configure(new AcquisitionSettings(0.01, 0.03, 3, 2, TriggerMode.INTERNAL, "lima_", Map.of()));
            assertEquals(6, check.read_attribute("acq_nb_frames").extractLong(), "images x triggers");
            assertEquals(0.02, check.read_attribute("latency_time").extractDouble(), 1e-9);
            assertEquals("INTERNAL_TRIGGER", check.read_attribute("acq_trigger_mode").extractString());
            assertEquals("lima_", check.read_attribute("saving_prefix").extractString());
            DetectorStatus end;
            try (SeriesWatch watch = SeriesWatch.on(d)) {
                d.arm();
                end = watch.await(Duration.ofSeconds(30));
            }
            assertEquals(DetectorState.READY, end.state(), end.toString());
            assertEquals(5, check.read_attribute("last_image_acquired").extractLong());
        }
    }

    @Test
    void inteTakesOneFramePerStartAcqJudgedByTheImageCounter() throws Exception {
        try (TangoDetector d = open()) {
            d.configure(new AcquisitionSettings(0.05, 0.05, 1, 5, TriggerMode.INTE, "", Map.of()));
            assertEquals(5, check.read_attribute("acq_nb_frames").extractLong());
            try (SeriesWatch watch = SeriesWatch.on(d)) {
                d.arm();
                assertEquals("Ready", check.read_attribute("acq_status").extractString(), "prepared only");
                assertEquals(DetectorState.ARMED, d.state(), "prepared is armed: " + d.status());
                for (int i = 1; i <= 5; i++) {
                    d.trigger();
                    assertTrue(check.read_attribute("last_image_acquired").extractLong() >= i - 1, "image " + i);
                }
                assertEquals(DetectorState.READY, watch.await(Duration.ofSeconds(30)).state());
            }
        }
    }

    @Test
    void startAcqWithoutPrepareIsRefusedByTheDevice() throws Exception {
        DeviceRefusal.refused(() -> check.command_inout("startAcq"), "not prepared");
    }

    @Test
    void aFaultInAcqStatusIsAFaultWithTheErrorAttributesText() throws Exception {
        try (TangoDetector d = open()) {
            DeviceData reason = new DeviceData();
            reason.insert("camera link lost");
            check.command_inout("InjectFault", reason);
            DetectorStatus fault = StateRecorder.on(d).await(DetectorState.FAULT);
            assertEquals("camera link lost", fault.message());
            assertEquals("ON", check.state().toString(), "LImA's State stays ON");
            d.initialize();
            assertEquals(DetectorState.READY, d.state());
        }
    }

    @Test
    void abortOnAnExternalSeriesRunsAbortAcq() throws Exception {
        try (TangoDetector d = open()) {
            d.configure(new AcquisitionSettings(0.5, 0.5, 100, 1, TriggerMode.EXTS, "", Map.of()));
            d.arm();
            assertEquals("Running", check.read_attribute("acq_status").extractString(), "startAcq followed prepareAcq");
            assertTrue(d.state().busy());
            d.abort();
            assertEquals(DetectorState.READY, d.state());
            assertEquals("Ready", check.read_attribute("acq_status").extractString());
        }
    }

    @Test
    void closeAbortsAPreparedSeries() throws Exception {
        TangoDetector d = open();
        d.configure(new AcquisitionSettings(0.05, 0.05, 1, 3, TriggerMode.INTE, "", Map.of()));
        d.arm();
        d.close();
        DeviceRefusal.refused(() -> check.command_inout("startAcq"), "not prepared");
    }

    @Test
    void aNegativeLatencyIsNeverWrittenAndARangeRefusalNamesTheAttribute() throws Exception {
        try (TangoDetector d = open()) {
            DetectorException e = assertThrows(DetectorException.class,
                    () -> d.configure(new AcquisitionSettings(1e-7, 1e-7, 1, 1, TriggerMode.INTERNAL, "", Map.of())));
            assertTrue(e.getMessage().contains("acq_expo_time") && e.getMessage().contains("minimum"), e.getMessage());
            assertEquals("INTERNAL_TRIGGER", check.read_attribute("acq_trigger_mode").extractString());
            assertEquals(1.0, check.read_attribute("acq_expo_time").extractDouble());
        }
    }
}
