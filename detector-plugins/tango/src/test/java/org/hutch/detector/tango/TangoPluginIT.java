package org.hutch.detector.tango;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.esrf.TangoApi.DeviceData;
import fr.esrf.TangoApi.DeviceProxy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.EnumSet;
import org.hutch.detector.DetectorCommand;
import org.hutch.detector.DetectorException;
import org.hutch.detector.DetectorPlugin;
import org.hutch.detector.DetectorPlugins;
import org.hutch.detector.DetectorState;
import org.hutch.detector.DetectorStatus;
import org.hutch.detector.SeriesWatch;
import org.hutch.detector.SettingSpec;
import org.hutch.model.acquisition.AcquisitionSettings;
import org.hutch.model.acquisition.TriggerMode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The plugin against a real in-process JTango device server (no database) serving {@link MaxIvTestDevice}. */
class TangoPluginIT {
    @RegisterExtension
    static final InProcessDevice DEVICE = new InProcessDevice(MaxIvTestDevice.class, "Reset");
    private static DeviceProxy check;

    @BeforeAll
    static void checkClient() {
        check = DEVICE.check();
    }

    private static TangoDetector open(String... keyValues) throws DetectorException {
        return TangoDetectors.open(DEVICE.url(), keyValues);
    }

    @Test
    void pluginIsFoundByServiceLoaderWithItsOptions() {
        DetectorPlugin plugin = DetectorPlugins.find("tango").orElseThrow();
        assertEquals("Tango detector device (MAX IV standard, MAX IV Eiger, LImA)", plugin.displayName());
        List<String> keys = plugin.settings().stream().map(SettingSpec::key).toList();
        assertTrue(keys.containsAll(List.of("device", "timeout", "arm", "exposureTime", "triggerMode", "nTriggers",
                "fileName", "stop", "abort")), keys.toString());
        assertEquals("ExposureTime", plugin.settings().stream().filter(s -> s.key().equals("exposureTime"))
                .findFirst().orElseThrow().defaultValue());
    }

    @Test
    void configureWritesTheStandardAttributes() throws Exception {
        try (TangoDetector d = open()) {
            assertEquals(DetectorState.READY, d.state());
            AcquisitionSettings s = new AcquisitionSettings(0.25, 0.25, 1, 3, TriggerMode.EXTS, "scan_0042", Map.of());
            d.configure(s);
            assertEquals(0.25, check.read_attribute("ExposureTime").extractDouble());
            assertEquals("exts", check.read_attribute("TriggerMode").extractString());
            assertEquals(3, check.read_attribute("nTriggers").extractLong());
            assertEquals("scan_0042", check.read_attribute("FileName").extractString());
            assertEquals(s, d.settings());
        }
    }

    @Test
    void armRunsUntilTheSeriesIsCapturedThenReady() throws Exception {
        try (TangoDetector d = open()) {
            d.configure(new AcquisitionSettings(0.2, 0.2, 1, 2, TriggerMode.INTERNAL, "", Map.of()));
            StateRecorder states = StateRecorder.on(d);
            DetectorStatus end;
            try (SeriesWatch watch = SeriesWatch.on(d)) {
                d.arm();
                end = watch.await(Duration.ofSeconds(30));
            }
            assertEquals(DetectorState.READY, end.state());
            List<DetectorState> seen = states.states();
            int running = seen.indexOf(DetectorState.RUNNING);
            assertTrue(running >= 0, "RUNNING seen: " + seen);
            assertEquals(DetectorState.READY, seen.get(seen.size() - 1), seen.toString());
            assertTrue(seen.subList(0, running).contains(DetectorState.READY), "READY before arm: " + seen);
        }
    }

    @Test
    void externalTriggerModeIsArmedUntilStopped() throws Exception {
        try (TangoDetector d = open()) {
            d.configure(new AcquisitionSettings(0.1, 0.1, 1, 500, TriggerMode.EXTS, "", Map.of()));
            d.arm();
            assertEquals(DetectorState.ARMED, d.state());
            assertEquals("RUNNING", check.state().toString());
            DetectorException busy = assertThrows(DetectorException.class,
                    () -> d.configure(AcquisitionSettings.DEFAULT.withImages(1, 1)));
            assertTrue(busy.getMessage().contains("armed"), busy.getMessage());
            d.stop();
            assertEquals(DetectorState.READY, d.state());
            assertEquals("ON", check.state().toString());
        }
    }

    @Test
    void optionalFeaturesAreOfferedOnlyWhenTheDeviceHasThem() throws Exception {
        try (TangoDetector d = open()) {
            assertEquals("FileName", d.names().get(Role.FILE_NAME));
            assertTrue(d.has(Role.STOP) && d.has(Role.ABORT));
            assertFalse(d.has(Role.IMAGES), d.names().toString());
            assertFalse(d.has(Role.PERIOD) || d.has(Role.LATENCY) || d.has(Role.DISARM));
            assertEquals(EnumSet.of(DetectorCommand.STOP, DetectorCommand.ABORT), d.commands(),
                    "no Disarm without a disarm command (Stop ends an armed series); no Initialize");
            assertEquals(Set.of(TriggerMode.INTERNAL, TriggerMode.INTE, TriggerMode.EXTS), d.triggerModes(),
                    "no ints without an images attribute: acquire's default is then internal");

            DetectorException images = assertThrows(DetectorException.class,
                    () -> d.configure(new AcquisitionSettings(0.1, 0.1, 5, 1, TriggerMode.EXTS, "", Map.of())));
            assertTrue(images.getMessage().contains("nImages") && images.getMessage().contains("ExposureTime"),
                    images.getMessage());
            assertEquals(1, check.read_attribute("nTriggers").extractLong(), "nothing written after a refusal");
        }
        try (TangoDetector d = open("fileName", "", "trigger", "", "triggerModes", "internal|ints")) {
            assertFalse(d.has(Role.FILE_NAME), "an empty name switches the feature off");
            DetectorException file = assertThrows(DetectorException.class,
                    () -> d.configure(AcquisitionSettings.DEFAULT.withImages(1, 1).withTriggerMode(TriggerMode.INTERNAL)
                            .withFileName("x")));
            assertTrue(file.getMessage().contains("file name"), file.getMessage());
            assertEquals(Set.of(TriggerMode.INTERNAL), d.triggerModes(), "no software trigger without a command");
            DetectorException ints = assertThrows(DetectorException.class,
                    () -> d.configure(new AcquisitionSettings(0.1, 0.1, 1, 2, TriggerMode.INTS, "", Map.of())));
            assertTrue(ints.getMessage().contains("trigger command"), ints.getMessage());
            assertEquals(DetectorState.READY, d.state());
        }
    }

    @Test
    void softwareTriggersUnderASiteNameRunTheSeries() throws Exception {
        try (TangoDetector d = open("trigger", "SoftTrig", "triggerModes", "inte")) {
            d.configure(new AcquisitionSettings(0.05, 0.05, 1, 2, TriggerMode.INTE, "", Map.of()));
            try (SeriesWatch watch = SeriesWatch.on(d)) {
                d.arm();
                assertEquals(DetectorState.ARMED, d.state());
                d.trigger();
                d.trigger();
                assertEquals(DetectorState.READY, watch.await(Duration.ofSeconds(30)).state());
            }
            DetectorException notArmed = assertThrows(DetectorException.class, d::trigger);
            assertTrue(notArmed.getMessage().contains("ready"), notArmed.getMessage());
        }
    }

    @Test
    void internalFramesGoToNTriggersOnADeviceWithoutAnImagesAttribute() throws Exception {
        try (TangoDetector d = open()) {
            d.configure(new AcquisitionSettings(0.01, 0.01, 4, 1, TriggerMode.INTERNAL, "", Map.of()));
            assertEquals(4, check.read_attribute("nTriggers").extractLong());
        }
    }

    @Test
    void aStatusAttributeTheDeviceLacksFailsAtOpenNotAtEveryPoll() {
        DetectorException e = assertThrows(DetectorException.class, () -> open("stateSource", "attribute",
                "statusAttribute", "acq_status", "states", "Ready=READY|Running=RUNNING"));
        assertTrue(e.getMessage().contains("no status attribute acq_status"), e.getMessage());
    }

    @Test
    void inteWithFiveTriggersWaitsForEachTriggersImagesBeforeTheNext() throws Exception {
        try (TangoDetector d = open("pollMs", "50")) {
            d.configure(new AcquisitionSettings(0.1, 0.1, 1, 5, TriggerMode.INTE, "", Map.of()));
            StateRecorder states = StateRecorder.on(d);
            try (SeriesWatch watch = SeriesWatch.on(d)) {
                d.arm();
                assertEquals(DetectorState.ARMED, d.state());
                for (int i = 0; i < 5; i++) {
                    d.trigger(); // the device refuses a Trigger while MOVING: each returns once its image is taken
                }
                assertEquals(DetectorState.READY, watch.await(Duration.ofSeconds(30)).state());
            }
            assertTrue(states.states().contains(DetectorState.RUNNING), "MOVING is acquiring: " + states.states());
        }
    }

    @Test
    void aValueOutsideTheAttributesRangeIsRefusedBeforeAnyWrite() throws Exception {
        try (TangoDetector d = open()) {
            DetectorException e = assertThrows(DetectorException.class,
                    () -> d.configure(new AcquisitionSettings(200, 200, 1, 3, TriggerMode.EXTS, "scan", Map.of())));
            assertTrue(e.getMessage().contains("ExposureTime = 200.0") && e.getMessage().contains("maximum 100"),
                    e.getMessage());
            assertEquals("internal", check.read_attribute("TriggerMode").extractString(), "nothing was written");
            assertEquals(1, check.read_attribute("nTriggers").extractLong());
            assertEquals("", check.read_attribute("FileName").extractString());
        }
    }

    @Test
    void faultStateCarriesTheStatusText() throws Exception {
        try (TangoDetector d = open("pollMs", "50")) {
            StateRecorder states = StateRecorder.on(d);
            DeviceData reason = new DeviceData();
            reason.insert("cooling failure: sensor at 41 C");
            check.command_inout("InjectFault", reason);
            DetectorStatus fault = states.await(DetectorState.FAULT, Duration.ofSeconds(20));
            assertEquals("cooling failure: sensor at 41 C", fault.message());
            DetectorException arm = assertThrows(DetectorException.class, d::arm);
            assertTrue(arm.getMessage().contains("cannot Arm in state FAULT"), arm.getMessage());
        }
    }

    @Test
    void aWriteTheDeviceRefusesGivesItsReason() throws Exception {
        try (TangoDetector d = open("triggerModes", "internal|exts=EXTERNAL")) {
            DetectorException e = assertThrows(DetectorException.class,
                    () -> d.configure(new AcquisitionSettings(0.1, 0.1, 1, 1, TriggerMode.EXTS, "", Map.of())));
            assertTrue(e.getMessage().contains("TriggerMode must be internal, ints, inte or exts, not EXTERNAL"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("test/detector/1"), e.getMessage());
            DetectorException mode = assertThrows(DetectorException.class,
                    () -> d.configure(new AcquisitionSettings(0.1, 0.1, 1, 1, TriggerMode.INTE, "", Map.of())));
            assertTrue(mode.getMessage().contains("inte"), mode.getMessage());
        }
    }

    @Test
    void anUnreachableDeviceFailsClearlyWithinTheTimeout() throws Exception {
        String url = "tango://127.0.0.1:" + TestDeviceServer.freePort() + "/" + TestDeviceServer.DEVICE + "#dbase=no";
        DetectorException e = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThrows(
                DetectorException.class, () -> DetectorPlugins.require("tango").open(Map.of("device", url, "timeout", "1"))));
        assertTrue(e.getMessage().startsWith("cannot reach Tango device " + url), e.getMessage());
        System.out.println("unreachable device: " + e.getMessage());
    }

    @Test
    void aPortThatAcceptsButNeverAnswersFailsWithinTheTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String url = "tango://127.0.0.1:" + silent.getLocalPort() + "/" + TestDeviceServer.DEVICE + "#dbase=no";
            DetectorException e = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThrows(
                    DetectorException.class, () -> DetectorPlugins.require("tango").open(Map.of("device", url,
                            "timeout", "1"))));
            assertTrue(e.getMessage().startsWith("cannot reach Tango device " + url), e.getMessage());
            System.out.println("silent port: " + e.getMessage());
        }
    }

    @Test
    void aCallThatTakesLongerThanTheTimeoutFails() throws Exception {
        try (TangoDetector d = open("fileName", "SlowFileName", "timeout", "0.5")) {
            DetectorException e = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThrows(
                    DetectorException.class, () -> d.configure(new AcquisitionSettings(0.1, 0.1, 1, 1,
                            TriggerMode.INTERNAL, "slow", Map.of()))));
            assertTrue(e.getMessage().contains("SlowFileName") && e.getMessage().contains("did not answer within 0.5 s"),
                    e.getMessage());
        }
    }

    @Test
    void theDeviceServerListensOnLoopbackOnly() throws Exception {
        List<String> listening = LoopbackCheck.listeningAddressesOfThisProcess();
        System.out.println("listening sockets of the test JVM (hex address:port): " + listening);
        assertFalse(listening.isEmpty(), "the device server listens somewhere");
        assertFalse(LoopbackCheck.isLoopback("00000000:1F90"), "0.0.0.0 is not loopback");
        assertFalse(LoopbackCheck.isLoopback("0100A8C0:1F90"), "192.168.0.1 is not loopback");
        assertTrue(listening.stream().allMatch(LoopbackCheck::isLoopback), listening.toString());
    }

    @Test
    void aSiteMayNameTheAttributesDifferently() throws Exception {
        // as given on the command line: ID:key=value,key=value
        try (TangoDetector d = (TangoDetector) DetectorPlugins.open("tango:device=" + DEVICE.url()
                + ",exposureTime=ExpTime,triggerModes=internal|exts")) {
            d.configure(new AcquisitionSettings(0.35, 0.35, 1, 1, TriggerMode.INTERNAL, "", Map.of()));
            assertEquals(0.35, check.read_attribute("ExpTime").extractDouble());
            assertEquals(0.1, check.read_attribute("ExposureTime").extractDouble(), "the default name is not used");
        }
        DetectorException e = assertThrows(DetectorException.class, () -> open("arm", "StartDetector"));
        assertTrue(e.getMessage().contains("StartDetector") && e.getMessage().contains("Arm, "), e.getMessage());
    }

    @Test
    void closeTurnsTheDetectorOff() throws Exception {
        TangoDetector d = open();
        StateRecorder states = StateRecorder.on(d);
        d.configure(new AcquisitionSettings(0.1, 0.1, 1, 3, TriggerMode.EXTS, "", Map.of()));
        d.arm();
        d.close();
        d.close();
        assertEquals(DetectorState.OFF, d.state());
        assertEquals("ON", check.state().toString(), "the armed series was aborted on close");
        assertThrows(DetectorException.class, d::arm);
        assertEquals(DetectorState.OFF, states.await(DetectorState.OFF, Duration.ofSeconds(5)).state());
    }
}
