package org.hutch.app.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** The benchmark command runs end to end on a small frame and refuses a bad option. */
class CodecBenchCommandTest {

    @Test
    void smallRunPrintsEveryMeasurement() {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            code = new CommandLine(new CodecBenchCommand()).execute("--rows", "64", "--cols", "131", "--elem-size", "2",
                    "--warmup", "1", "--iterations", "3");
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, out);
        assertTrue(out.contains("frame 64x131, 2-byte pixels"), out);
        for (String line : new String[]{"decode: median", "encode: median", "decode, 2 threads: median"}) {
            assertTrue(out.contains(line), "missing '" + line + "' in:\n" + out);
        }
    }

    @Test
    void badElementSizeIsAUsageError() {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new CodecBenchCommand());
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("--elem-size", "3");
        assertEquals(2, code);
        assertTrue(err.toString().contains("--elem-size must be 1, 2 or 4"), err.toString());
    }
}
