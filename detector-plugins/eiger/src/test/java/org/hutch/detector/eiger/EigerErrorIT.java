package org.hutch.detector.eiger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.hutch.detector.DetectorException;
import org.hutch.detector.DetectorPlugins;
import org.hutch.detector.DetectorState;
import org.hutch.model.acquisition.AcquisitionSettings;
import org.junit.jupiter.api.Test;

/** What the user is told when the DCU is absent, slow or failing. */
class EigerErrorIT {
    /** Far above the configured timeouts: only guards against a hang. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);

    @Test
    void deadDcuGivesAClearMessage() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        String url = "http://127.0.0.1:" + port;
        DetectorException e = assertTimeoutPreemptively(HANG_GUARD, () -> assertThrows(DetectorException.class,
                () -> DetectorPlugins.require("eiger").open(Map.of("url", url, "timeout", "1"))));
        assertTrue(e.getMessage().startsWith("cannot reach the DCU at " + url), e.getMessage());
        assertTrue(e.getMessage().contains("check the address and that the detector is powered"), e.getMessage());
    }

    @Test
    void unknownHostGivesAClearMessage() {
        DetectorException e = assertTimeoutPreemptively(HANG_GUARD, () -> assertThrows(DetectorException.class,
                () -> DetectorPlugins.require("eiger").open(Map.of("url", "dcu.invalid", "timeout", "2"))));
        assertTrue(e.getMessage().contains("cannot reach the DCU") && e.getMessage().contains("dcu.invalid"),
                e.getMessage());
    }

    @Test
    void slowDcuTimesOutWithTheRequestNamed() throws Exception {
        try (SimplonSimulator sim = SimplonSimulator.start("1.8.0")) {
            sim.delayAnswers(3000);
            DetectorException e = assertTimeoutPreemptively(HANG_GUARD, () -> assertThrows(DetectorException.class,
                    () -> Sims.open(sim, "timeout", "0.3")));
            assertTrue(e.getMessage().contains("did not answer GET /detector/api/version/ within 0.3 s"),
                    e.getMessage());
        }
    }

    @Test
    void serverErrorCarriesTheDcuText() throws Exception {
        try (SimplonSimulator sim = SimplonSimulator.start("1.8.0"); EigerDetector d = Sims.open(sim)) {
            d.configure(AcquisitionSettings.DEFAULT);
            sim.failNext("command/arm", 500, "high voltage supply not ready");
            DetectorException e = assertThrows(DetectorException.class, d::arm);
            assertTrue(e.getMessage().contains("high voltage supply not ready"), e.getMessage());
            assertTrue(e.getMessage().contains("HTTP 500") && e.getMessage().contains("/command/arm"), e.getMessage());
            assertEquals("idle", sim.state());
            d.arm(); // nothing is left broken: the next arm works
            assertEquals("ready", sim.state());
            d.disarm();
        }
    }

    @Test
    void dcuGoingAwayMakesTheStateUnknownWithTheReason() throws Exception {
        SimplonSimulator sim = SimplonSimulator.start("1.8.0");
        try (EigerDetector d = Sims.open(sim, "timeout", "1")) {
            StateLog log = new StateLog();
            d.addStateListener(log);
            log.await(DetectorState.READY, Duration.ofSeconds(10));
            sim.close();
            var status = log.await(DetectorState.UNKNOWN, Duration.ofSeconds(15));
            // refused (the port closed) or cut off mid-answer (closed during a poll): either names the DCU and the check
            assertTrue(status.message().contains("cannot reach the DCU")
                    || status.message().contains("lost the connection to the DCU"), status.message());
            assertTrue(status.message().contains("powered"), status.message());
            DetectorException e = assertThrows(DetectorException.class, d::arm);
            assertTrue(e.getMessage().contains("unknown") || e.getMessage().contains("cannot reach"), e.getMessage());
        } finally {
            sim.close();
        }
    }

    @Test
    void notInitialisedDetectorIsInitialisedWhenAsked() throws Exception {
        try (SimplonSimulator sim = SimplonSimulator.start("1.8.0")) {
            sim.forceState("na", null);
            try (EigerDetector d = Sims.open(sim)) {
                assertEquals(DetectorState.UNKNOWN, d.state());
                assertTrue(d.status().message().contains("initialize"), d.status().message());
            }
            try (EigerDetector d = Sims.open(sim, "initialize", "true")) {
                assertEquals(DetectorState.READY, d.state());
                assertTrue(sim.commands().contains("initialize"));
            }
        }
    }

}
