package org.hutch.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.esrf.Tango.DevSource;
import fr.esrf.TangoApi.DeviceData;
import fr.esrf.TangoApi.DeviceProxy;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hutch.app.testing.Waits;
import org.hutch.detector.tango.ServerProcess;
import org.hutch.testkit.Hdf5ReadBack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code hutch acquire} with the tango plugin's three profiles against test devices that behave like the real ones
 * (a device server in its own process, streaming STINS to the embedded receiver): every frame on disk where the
 * series completes; a timeout aborts and leaves the device idle; a killed server and a fault in the status attribute
 * end the acquisition with the reason.
 */
class TangoAcquireIT {

    @TempDir
    Path dir;

    private record Run(int code, String err) {
    }

    private Run acquire(ServerProcess server, String endpoint, String profile, String... args) {
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 6];
        all[0] = "acquire";
        all[1] = "--detector";
        all[2] = "tango:device=" + server.url() + ",profile=" + profile + ",stream=" + endpoint + ",pollMs=50";
        all[3] = "--data-dir";
        all[4] = dir.toString();
        all[5] = "--timeout";
        System.arraycopy(args, 0, all, 6, args.length);
        int code = cl.execute(all);
        return new Run(code, err.toString());
    }

    private static void await(java.util.concurrent.Callable<Boolean> condition, String what) {
        Waits.until(java.time.Duration.ofSeconds(30), () -> {
            try {
                return condition.call();
            } catch (Exception e) {
                return false;
            }
        }, () -> what);
    }

    private static String endpoint() {
        return "tcp://127.0.0.1:" + Waits.freePort();
    }

    private void assertFrames(String file, long frames) throws Exception {
        assertArrayEquals(new long[] {frames, 8, 8}, Hdf5ReadBack.shape(dir.resolve(file), Hdf5ReadBack.FRAMES));
    }

    @Test
    void maxivInternalAndInteWithSixTriggers() throws Exception {
        String ep = endpoint();
        try (ServerProcess s = ServerProcess.start("MaxIvTestDevice", ep)) {
            Run internal = acquire(s, ep, "maxiv", "60", "--frames", "4", "--exposure", "0.02",
                    "--trigger-mode", "internal", "--filename", "maxiv_internal");
            assertEquals(0, internal.code(), internal.err());
            assertFrames("maxiv_internal.h5", 4);
            Run inte = acquire(s, ep, "maxiv", "60", "--frames", "6", "--exposure", "0.02",
                    "--trigger-mode", "inte", "--filename", "maxiv_inte");
            assertEquals(0, inte.code(), inte.err());
            assertFrames("maxiv_inte.h5", 6);
        }
    }

    @Test
    void maxivEigerIntsAndExts() throws Exception {
        String ep = endpoint();
        try (ServerProcess s = ServerProcess.start("MaxIvEigerTestDevice", ep)) {
            Run ints = acquire(s, ep, "maxiv-eiger", "60", "--frames", "5", "--exposure", "0.01",
                    "--trigger-mode", "ints", "--filename", "eiger_ints");
            assertEquals(0, ints.code(), ints.err());
            assertFrames("eiger_ints.h5", 5);
            Run again = acquire(s, ep, "maxiv-eiger", "60", "--frames", "5", "--exposure", "0.01",
                    "--trigger-mode", "inte", "--filename", "eiger_inte");
            assertEquals(0, again.code(), "the device was left ready for the next run: " + again.err());
            assertFrames("eiger_inte.h5", 5);
            Run exts = acquire(s, ep, "maxiv-eiger", "60", "--frames", "3", "--exposure", "0.01",
                    "--trigger-mode", "exts", "--filename", "eiger_exts");
            assertEquals(0, exts.code(), exts.err());
            assertFrames("eiger_exts.h5", 3);
        }
    }

    @Test
    void limaInternalAndInte() throws Exception {
        String ep = endpoint();
        try (ServerProcess s = ServerProcess.start("LimaTestDevice", ep)) {
            Run internal = acquire(s, ep, "lima", "60", "--frames", "5", "--exposure", "0.01",
                    "--filename", "lima_internal");
            assertEquals(0, internal.code(), internal.err());
            assertFrames("lima_internal.h5", 5);
            Run inte = acquire(s, ep, "lima", "60", "--frames", "5", "--exposure", "0.01",
                    "--trigger-mode", "inte", "--filename", "lima_inte");
            assertEquals(0, inte.code(), inte.err());
            assertFrames("lima_inte.h5", 5);
            assertTrue(!inte.err().contains("jacorb") && !inte.err().contains("INFO"), "only Hutch's lines: " + inte.err());
        }
    }

    @Test
    void aTimeoutAbortsAndLeavesTheDeviceIdle() throws Exception {
        String ep = endpoint();
        try (ServerProcess s = ServerProcess.start("MaxIvEigerTestDevice", ep)) {
            Run r = acquire(s, ep, "maxiv-eiger", "2", "--frames", "1000", "--exposure", "0.05",
                    "--trigger-mode", "exts", "--filename", "eiger_abort");
            assertEquals(1, r.code(), r.err());
            DeviceProxy check = new DeviceProxy(s.url());
            check.set_source(DevSource.DEV);
            assertEquals("idle", check.status().split("\n")[0], "aborted: " + r.err());
        }
    }

    @Test
    void aFaultInTheStatusAttributeEndsTheAcquisitionWithTheDevicesText() throws Exception {
        String ep = endpoint();
        try (ServerProcess s = ServerProcess.start("LimaTestDevice", ep)) {
            DeviceProxy check = new DeviceProxy(s.url());
            check.set_source(DevSource.DEV);
            CompletableFuture<Run> run = CompletableFuture.supplyAsync(() -> acquire(s, ep, "lima", "60",
                    "--frames", "1000", "--exposure", "0.05", "--filename", "lima_fault"));
            await(() -> check.read_attribute("acq_status").extractString().equals("Running"), "acq_status Running");
            DeviceData reason = new DeviceData();
            reason.insert("camera link lost");
            check.command_inout("InjectFault", reason);
            Run r = run.get(30, TimeUnit.SECONDS);
            assertEquals(1, r.code(), r.err());
            assertTrue(r.err().contains("camera link lost"), r.err());
        }
    }

    @Test
    void aKilledDeviceServerEndsTheAcquisitionWithinAPoll() throws Exception {
        String ep = endpoint();
        try (ServerProcess s = ServerProcess.start("MaxIvTestDevice", ep)) {
            DeviceProxy check = new DeviceProxy(s.url());
            check.set_source(DevSource.DEV);
            CompletableFuture<Run> run = CompletableFuture.supplyAsync(() -> acquire(s, ep, "maxiv", "120",
                    "--frames", "1000", "--exposure", "0.05", "--trigger-mode", "internal", "--filename", "lost"));
            await(() -> check.state().toString().equals("RUNNING"), "State RUNNING");
            s.kill();
            Run r = run.get(60, TimeUnit.SECONDS);
            assertEquals(1, r.code(), r.err());
            assertTrue(r.err().contains("lost Tango device"), r.err());
        }
    }
}
