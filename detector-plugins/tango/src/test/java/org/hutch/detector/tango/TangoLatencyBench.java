package org.hutch.detector.tango;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.Map;
import org.hutch.detector.DetectorException;
import org.hutch.detector.DetectorPlugins;
import org.hutch.model.acquisition.AcquisitionSettings;
import org.hutch.model.acquisition.TriggerMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Round-trip times of the plugin's Tango calls against the in-process device server, as medians over 100 calls.
 * Runs only with {@code -Dhutch.bench=true}; prints, asserts no timing.
 */
class TangoLatencyBench {
    private static final int CALLS = 100;
    private static TestDeviceServer server;

    @BeforeAll
    static void startServer() throws Exception {
        assumeTrue(Boolean.getBoolean("hutch.bench"), "benchmark: run with -Dhutch.bench=true");
        server = TestDeviceServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    @FunctionalInterface
    private interface Call {
        void run() throws DetectorException;
    }

    private static double medianMicros(String what, Call call) throws DetectorException {
        for (int i = 0; i < 20; i++) {
            call.run();
        }
        long[] t = new long[CALLS];
        for (int i = 0; i < CALLS; i++) {
            long start = System.nanoTime();
            call.run();
            t[i] = System.nanoTime() - start;
        }
        Arrays.sort(t);
        double median = t[CALLS / 2] / 1000.0;
        System.out.printf("%-40s median %8.0f us  (min %6.0f, p90 %6.0f) over %d calls%n", what, median,
                t[0] / 1000.0, t[CALLS * 9 / 10] / 1000.0, CALLS);
        return median;
    }

    @Test
    void medianRoundTrips() throws Exception {
        TangoChannel channel = TangoChannel.connect(server.url(), 3000);
        medianMicros("read ExposureTime (DevSource.DEV)", () -> channel.read("ExposureTime"));
        medianMicros("write ExposureTime", () -> channel.write("ExposureTime", 0.2));
        medianMicros("command Stop (idle)", () -> channel.command("Stop"));
        medianMicros("read State", channel::state);
        assertEquals("0.2", channel.read("ExposureTime"));
        try (TangoDetector d = (TangoDetector) DetectorPlugins.require("tango").open(Map.of("device", server.url()))) {
            AcquisitionSettings s = new AcquisitionSettings(0.1, 0.1, 1, 2, TriggerMode.INTERNAL, "bench", Map.of());
            medianMicros("Detector.configure (state + 4 writes)", () -> d.configure(s));
        }
    }
}
