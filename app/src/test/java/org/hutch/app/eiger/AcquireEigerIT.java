package org.hutch.app.eiger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.hutch.app.Main;
import org.hutch.detector.eiger.SimplonSimulator;
import org.hutch.detector.eiger.SimplonSimulator.Departure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code hutch acquire} with the eiger plugin against the SIMPLON simulator, with each firmware departure seen in
 * the field: the series either completes with every frame bit-exact on disk, or ends with a clear message (not a
 * timeout), the file closed and readable; the last line says what is on disk and where.
 */
class AcquireEigerIT {

    @TempDir
    Path dir;

    private record Run(int code, String err) {
        String lastLine() {
            List<String> lines = err.lines().toList();
            return lines.get(lines.size() - 1);
        }
    }

    private Run acquire(SimplonSimulator sim, String... more) {
        String endpoint = sim.streamFrames().endpoint();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(err, true));
        List<String> args = new java.util.ArrayList<>(List.of("acquire", "--detector",
                "eiger:url=" + sim.url() + ",stream_endpoint=" + endpoint + ",timeout=3",
                "--data-dir", dir.toString(), "--exposure", "0.01", "--filename", "eiger_series", "--timeout", "60"));
        args.addAll(List.of(more));
        int code = cl.execute(args.toArray(String[]::new));
        return new Run(code, err.toString());
    }

    private void assertComplete(Run r, Path file, long frames) throws Exception {
        assertEquals(0, r.code(), r.err());
        assertEquals(frames, SimplonFiles.exactFrames(file), r.err());
        assertEquals("acquire: " + frames + " frames on disk in " + file, r.lastLine(), r.err());
    }

    @Test
    void aDocumentedDcuGivesEveryFrameBitExact() throws Exception {
        try (SimplonSimulator sim = SimplonSimulator.start("1.8.0")) {
            assertComplete(acquire(sim, "--frames", "6"), dir.resolve("eiger_series.h5"), 6);
        }
    }

    @Test
    void aDcuAnswering500ForTheStreamFormatStillAcquires() throws Exception {
        try (SimplonSimulator sim = SimplonSimulator.start("1.6.0").depart(Departure.UNKNOWN_PARAMETER_500)) {
            assertComplete(acquire(sim, "--frames", "5"), dir.resolve("eiger_series.h5"), 5);
        }
    }

    @Test
    void aPermanentlyReadyDcuIsDisarmedAndAcquires() throws Exception {
        try (SimplonSimulator sim = SimplonSimulator.start("1.8.0").depart(Departure.PERMANENTLY_READY)) {
            assertComplete(acquire(sim, "--frames", "4"), dir.resolve("eiger_series.h5"), 4);
        }
    }

    @Test
    void aDcuIgnoringTheHeaderAppendixIsWarnedAboutNamingTheRealFile() throws Exception {
        try (SimplonSimulator sim = SimplonSimulator.start("1.8.0").depart(Departure.IGNORES_HEADER_APPENDIX)) {
            Run r = acquire(sim, "--frames", "3");
            assertEquals(0, r.code(), r.err());
            assertFalse(Files.exists(dir.resolve("eiger_series.h5")), r.err());
            Path real;
            try (Stream<Path> files = Files.list(dir)) {
                real = files.filter(p -> p.toString().endsWith(".h5")).findFirst().orElseThrow();
            }
            assertTrue(r.err().contains("acquire: warning: the file name was not applied: the receiver writes " + real
                    + " instead of eiger_series.h5"), r.err());
            assertEquals(3, SimplonFiles.exactFrames(real));
            assertEquals("acquire: 3 frames on disk in " + real, r.lastLine(), r.err());
        }
    }

    @Test
    void placeholderHeaderBlobsEndWithTheReceiversMessageOrCompleteExactly() throws Exception {
        try (SimplonSimulator sim = SimplonSimulator.start("1.8.0").depart(Departure.PLACEHOLDER_HEADER_BLOBS)) {
            Run r = acquire(sim, "--frames", "3");
            endsClearlyOrCompletes(r, 3);
        }
    }

    @Test
    void frameNumbersRestartingAtEachTriggerEndClearlyOrCompleteExactly() throws Exception {
        try (SimplonSimulator sim = SimplonSimulator.start("1.8.0")
                .depart(Departure.FRAME_NUMBERS_RESTART_EACH_TRIGGER)) {
            Run r = acquire(sim, "--frames", "4", "--trigger-mode", "inte");
            endsClearlyOrCompletes(r, 4);
        }
    }

    @Test
    void aDcuDyingMidSeriesEndsWithWhatIsOnDisk() throws Exception {
        try (SimplonSimulator sim = SimplonSimulator.start("1.8.0").dieAfterFrames(3)) {
            Run r = acquire(sim, "--frames", "8", "--period", "0.05");
            assertEquals(1, r.code(), r.err());
            assertFalse(r.err().contains("not complete after"), "ended by its cause, not the timeout: " + r.err());
            assertTrue(r.err().contains("acquire: failed: "), r.err());
            Path file = dir.resolve("eiger_series.h5");
            long onDisk = SimplonFiles.exactFrames(file);
            assertTrue(onDisk <= 3, r.err());
            assertEquals("acquire: " + onDisk + (onDisk == 1 ? " frame" : " frames") + " on disk in " + file,
                    r.lastLine(), r.err());
        }
    }

    @Test
    void aWrongPluginOptionIsABadArgument() throws Exception {
        try (SimplonSimulator sim = SimplonSimulator.start("1.8.0")) {
            StringWriter err = new StringWriter();
            CommandLine cl = Main.commandLine();
            cl.setErr(new PrintWriter(err, true));
            assertEquals(2, cl.execute("acquire", "--detector", "eiger:url=" + sim.url() + ",colour=blue",
                    "--data-dir", dir.toString(), "--frames", "2", "--exposure", "0.01"));
            assertTrue(err.toString().contains("has no option 'colour'"), err.toString());
        }
    }

    /** Either every frame is on disk and exact, or the run failed with a reason that is not the timeout. */
    private void endsClearlyOrCompletes(Run r, long frames) throws Exception {
        Path file = dir.resolve("eiger_series.h5");
        if (r.code() == 0) {
            assertComplete(r, file, frames);
            return;
        }
        assertEquals(1, r.code(), r.err());
        assertFalse(r.err().contains("not complete after"), "ended by its cause, not the timeout: " + r.err());
        assertTrue(r.err().contains("acquire: failed: receiver error: "), r.err());
        assertTrue(r.lastLine().matches("acquire: (no file written|\\d+ frames? on disk in .*)"), r.err());
        if (Files.exists(file)) {
            SimplonFiles.exactFrames(file); // closed, readable, and what is in it is exact
        }
    }
}
