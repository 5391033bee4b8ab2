package org.hutch.codec;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real CPython (Debian's /usr/bin/python3, else python3 on the PATH) for cross-checks. */
public final class Python {
    private Python() {
    }

    public static String executable() {
        if (Files.isExecutable(Path.of("/usr/bin/python3"))) {
            return "/usr/bin/python3";
        }
        return "python3";
    }

    /** Skips the test when Python (or a module it needs) is missing. */
    public static void assumeAvailable(String... modules) {
        String imports = modules.length == 0 ? "pass" : "import " + String.join(", ", modules);
        Result r;
        try {
            r = run(imports, List.of());
        } catch (IOException e) {
            r = new Result(-1, "", e.getMessage());
        }
        assumeTrue(r.exit() == 0, "python3 " + (modules.length == 0 ? "" : "with " + String.join(", ", modules) + " ")
                + "not available (" + r.err().strip() + "): Python cross-check skipped"
                + (modules.length > 0 ? "; on Debian: apt-get install python3-numpy" : ""));
    }

    public record Result(int exit, String out, String err) {
    }

    public static Result run(String script, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(executable(), "-c", script));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("python3 did not finish in 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** Runs a script that must succeed; returns its stdout. */
    public static String check(String script, String... args) throws IOException {
        Result r = run(script, List.of(args));
        if (r.exit() != 0) {
            throw new AssertionError("python3 failed (exit " + r.exit() + "):\n" + r.err() + r.out());
        }
        return r.out();
    }
}
