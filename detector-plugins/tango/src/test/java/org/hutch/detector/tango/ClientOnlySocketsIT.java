package org.hutch.detector.tango;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-DOAIAddr=127.0.0.1", "-DTANGO_HOST=127.0.0.1:10000", "-cp", System.getProperty("java.class.path"),
                TestServerMain.class.getName()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String url = null;
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("URL ")) {
                    url = line.substring(4);
                    break;
                }
            }
            assertTrue(url != null, "the device server process started");
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
        } finally {
            server.getOutputStream().close();
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }
}
