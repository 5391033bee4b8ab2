package org.hutch.detector.tango;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hutch.detector.Detector;
import org.hutch.detector.DetectorException;
import org.hutch.detector.DetectorPlugins;
import org.hutch.detector.DetectorState;
import org.hutch.detector.DetectorStatus;
import org.junit.jupiter.api.Test;

/** A device server that goes away under an opened detector (own JVM: the server cannot be restarted in one). */
class DeviceServerLossIT {

    @Test
    void theStateBecomesFaultWithTheReasonWhenTheServerStops() throws Exception {
        TestDeviceServer server = TestDeviceServer.start();
        try (Detector d = DetectorPlugins.require("tango").open(Map.of("device", server.url(), "pollMs", "50",
                "timeout", "1"))) {
            assertEquals(DetectorState.READY, d.state());
            CompletableFuture<DetectorStatus> lost = new CompletableFuture<>();
            d.addStateListener(s -> {
                if (s.state() == DetectorState.FAULT) {
                    lost.complete(s);
                }
            });
            server.stop();
            DetectorStatus fault = lost.get(60, TimeUnit.SECONDS);
            assertTrue(fault.message().startsWith("lost Tango device") && fault.message().contains("test/detector/1"),
                    fault.message());
            System.out.println("after the server stopped: " + fault);
            DetectorException arm = assertTimeoutPreemptively(Duration.ofSeconds(60),
                    () -> assertThrows(DetectorException.class, d::arm));
            assertTrue(arm.getMessage().contains("test/detector/1"), arm.getMessage());
        }
    }
}
