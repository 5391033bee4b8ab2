package org.hutch.detector.tango;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.hutch.detector.Detector;
import org.hutch.detector.DetectorPlugins;
import org.hutch.detector.DetectorState;
import org.hutch.detector.SeriesWatch;
import org.hutch.model.acquisition.AcquisitionSettings;
import org.hutch.model.acquisition.TriggerMode;
import org.junit.jupiter.api.Test;

/**
 * The plugin as the application uses it: a client-only JVM, without the OAIAddr property, talking to a device
 * server in another process. It must open no listening socket (own JVM: the ORB reads OAIAddr once).
 */
class ClientOnlySocketsIT {

    @Test
    void aClientOpensNoListeningSocket() throws Exception {
        System.clearProperty("OAIAddr");
        try (ServerProcess server = ServerProcess.start("MaxIvTestDevice", null)) {
            String url = server.url();
            try (Detector d = DetectorPlugins.require("tango").open(Map.of("device", url))) {
                d.configure(new AcquisitionSettings(0.05, 0.05, 1, 1, TriggerMode.INTERNAL, "", Map.of()));
                try (SeriesWatch watch = SeriesWatch.on(d)) {
                    d.arm();
                    assertEquals(DetectorState.READY, watch.await(java.time.Duration.ofSeconds(30)).state());
                }
                List<String> listening = LoopbackCheck.listeningAddressesOfThisProcess();
                System.out.println("listening sockets of the client JVM: " + listening);
                assertTrue(listening.isEmpty(), listening.toString());
            }
        }
    }
}
