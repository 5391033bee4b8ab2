package org.hutch.detector.tango;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A test device server in a child JVM ({@link TestServerMain}), so a test can kill it as a crashed server dies,
 * or run it beside a client-only JVM. Close ends it cleanly.
 */
public final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final String url;

    private ServerProcess(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    /**
     * @param deviceClass    simple name of the test device class (MaxIvTestDevice, MaxIvEigerTestDevice, LimaTestDevice)
     * @param streamEndpoint where the device streams its frames, or null for no stream
     */
    public static ServerProcess start(String deviceClass, String streamEndpoint) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-DOAIAddr=127.0.0.1", "-DTANGO_HOST=127.0.0.1:10000", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
        if (streamEndpoint != null) {
            cmd.add("-D" + TestStream.PROPERTY + "=" + streamEndpoint);
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), TestServerMain.class.getName(), deviceClass));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("URL ")) {
                return new ServerProcess(p, line.substring(4));
            }
        }
        p.destroyForcibly();
        throw new IOException("the device server process for " + deviceClass + " ended without printing its URL");
    }

    /** The device's full name, {@code tango://127.0.0.1:PORT/test/detector/1#dbase=no}. */
    public String url() {
        return url;
    }

    /** Kills the server at once (SIGKILL), as a crashed device server. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    /** Stops the server process (SIGSTOP): it keeps its sockets open and answers nothing, as a hung server. */
    public void pause() throws IOException, InterruptedException {
        signal("-STOP");
    }

    /** Lets a paused server run again (SIGCONT); it then answers what it was asked meanwhile. */
    public void resume() throws IOException, InterruptedException {
        signal("-CONT");
    }

    private void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill " + signal + " " + process.pid() + " failed");
        }
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            resume();
            process.getOutputStream().close();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
