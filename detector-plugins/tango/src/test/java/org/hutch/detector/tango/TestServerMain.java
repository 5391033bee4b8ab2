package org.hutch.detector.tango;

/** Runs the test device server in its own process (for tests of a client-only JVM); prints its URL, then waits. */
public final class TestServerMain {

    private TestServerMain() {
    }

    public static void main(String[] args) throws Exception {
        TestDeviceServer server = TestDeviceServer.start();
        System.out.println("URL " + server.url());
        System.out.flush();
        // ends when the parent closes our stdin
        while (System.in.read() >= 0) {
            // wait
        }
        server.stop();
        System.exit(0);
    }
}
