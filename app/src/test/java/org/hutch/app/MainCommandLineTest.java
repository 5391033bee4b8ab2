package org.hutch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainCommandLineTest {

    @Test
    void unknownOptionExitsWithTwoAndOneLineReason() {
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("--no-such-flag");
        assertEquals(2, code);
        assertTrue(err.toString().contains("--no-such-flag"), err.toString());
    }

    @Test
    void aReceiverThatIsNoUrlIsRefusedWithTwo() {
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        assertEquals(2, cl.execute("app", "--receiver", "notaurl"));
        assertTrue(err.toString().contains("http://"), err.toString());
    }

    @Test
    void versionNamesTheProgram() {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        assertEquals(0, cl.execute("--version"));
        assertTrue(out.toString().startsWith("hutch "), out.toString());
    }
}
