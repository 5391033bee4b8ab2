package org.hutch.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.hutch.testkit.Hdf5ReadBack;
import org.hutch.testkit.Python;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code hutch acquire} end to end: real simulator, real embedded receiver, real HDF5 file. */
class AcquireCommandIT {

    @TempDir
    Path dir;

    private int run(StringWriter err, String... args) {
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void acquiresEveryFrameIntoTheFileAndExitsZero() throws Exception {
        StringWriter err = new StringWriter();
        int code = run(err, "acquire", "--detector", "simulator:shape=256,256", "--data-dir", dir.toString(),
                "--frames", "12", "--exposure", "0.01", "--filename", "cli_series", "--timeout", "60");
        assertEquals(0, code, err.toString());
        Path file = dir.resolve("cli_series.h5");
        assertTrue(Files.isRegularFile(file), "file written: " + err);
        assertArrayEquals(new long[] {12, 256, 256}, Hdf5ReadBack.shape(file, Hdf5ReadBack.FRAMES));
        assertTrue(err.toString().contains("12/12 frames received"), err.toString());
        Python.assumeH5py();
        assertEquals(12, Python.h5pyFrameCount(file, Hdf5ReadBack.FRAMES));
    }

    @Test
    void acquiresIntoARemoteReceiver() throws Exception {
        int port = org.hutch.app.testing.Waits.freePort();
        String endpoint = "tcp://127.0.0.1:" + port;
        try (org.hutch.receiver.EmbeddedReceiver receiver = org.hutch.receiver.EmbeddedReceiver.start(
                org.hutch.receiver.ReceiverConfig.builder().endpoint(endpoint).dataDir(dir).apiPort(0).build())) {
            StringWriter err = new StringWriter();
            int code = run(err, "acquire", "--detector", "simulator:shape=64,48,bind=" + endpoint,
                    "--receiver", receiver.apiUri().toString(), "--frames", "5", "--exposure", "0.01",
                    "--filename", "remote.h5", "--timeout", "60");
            assertEquals(0, code, err.toString());
            assertArrayEquals(new long[] {5, 64, 48}, Hdf5ReadBack.shape(dir.resolve("remote.h5"), Hdf5ReadBack.FRAMES));
            assertEquals(5, receiver.status().series().written());
        }
    }

    @Test
    void aReceiverThatIsNotThereFailsWithExitOne() {
        StringWriter err = new StringWriter();
        int port = org.hutch.app.testing.Waits.freePort();
        assertEquals(1, run(err, "acquire", "--detector", "simulator:shape=32,32", "--receiver",
                "http://127.0.0.1:" + port, "--frames", "2", "--exposure", "0.01", "--timeout", "10"));
        assertTrue(err.toString().contains("connection refused"), err.toString());
    }

    @Test
    void badArgumentsExitTwoWithAReason() {
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "acquire", "--detector", "simulator", "--frames", "0", "--exposure", "0.1"));
        assertTrue(err.toString().contains("--frames"), err.toString());
        StringWriter err2 = new StringWriter();
        assertEquals(2, run(err2, "acquire", "--detector", "simulator", "--frames", "3", "--exposure", "0.1",
                "--trigger-mode", "sometimes"));
        assertTrue(err2.toString().contains("sometimes"), err2.toString());
    }

    @Test
    void anUnknownDetectorIsABadArgument() {
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "acquire", "--detector", "nosuchdetector", "--data-dir", dir.toString(),
                "--frames", "3", "--exposure", "0.1"));
        assertTrue(err.toString().contains("nosuchdetector"), err.toString());
    }
}
