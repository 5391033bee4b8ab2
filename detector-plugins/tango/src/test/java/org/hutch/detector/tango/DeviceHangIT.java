package org.hutch.detector.tango;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hutch.detector.DetectorPlugins;
import org.hutch.detector.DetectorState;
import org.hutch.detector.DetectorStatus;
import org.hutch.model.acquisition.AcquisitionSettings;
import org.hutch.model.acquisition.TriggerMode;
import org.junit.jupiter.api.Test;

/**
 * A device server that hangs (SIGSTOP: its sockets stay open, nothing answers) under an armed detector. The poll
 * reads through a proxy without JTango's timeout policy, so only the plugin's own deadline bounds it.
 */
class DeviceHangIT {

    @Test
    void aHungDeviceEndsTheSeriesWithinAPollAndIsFollowedAgainWhenItAnswers() throws Exception {
        try (ServerProcess server = ServerProcess.start("MaxIvTestDevice", null);
             TangoDetector d = (TangoDetector) DetectorPlugins.require("tango").open(Map.of("device", server.url(),
                     "pollMs", "100", "timeout", "1"))) {
            d.configure(new AcquisitionSettings(0.1, 0.1, 1, 500, TriggerMode.EXTS, "", Map.of()));
            d.arm();
            assertEquals(DetectorState.ARMED, d.state());
            CompletableFuture<DetectorStatus> fault = new CompletableFuture<>();
            d.addStateListener(s -> {
                if (s.state() == DetectorState.FAULT) {
                    fault.complete(s);
                }
            });
            server.pause();
            DetectorStatus hung;
            try {
                // a poll of 0.1 s and a timeout of 1 s: FAULT within about 1.1 s; generous for a loaded machine
                hung = fault.get(30, TimeUnit.SECONDS);
                System.out.println("while the server hangs: " + hung);
                assertTrue(hung.message().startsWith("lost Tango device") && hung.message().contains("not answering")
                        && hung.message().contains("test/detector/1"), hung.message());
                // the hung read still waits: the next poll is refused at once, with the same clear reason
                DetectorStatus again = d.pollNow();
                assertEquals(DetectorState.FAULT, again.state());
                assertTrue(again.message().contains("not answering"), again.message());
            } finally {
                server.resume();
            }
            DetectorStatus back = null;
            for (int i = 0; i < 300 && (back == null || back.state() == DetectorState.FAULT); i++) {
                Thread.sleep(100);
                back = d.pollNow();
            }
            assertNotEquals(DetectorState.FAULT, back.state(), back.toString());
            System.out.println("after the server answers again: " + back);
            d.stop();
            assertEquals(DetectorState.READY, d.state());
        }
    }
}
