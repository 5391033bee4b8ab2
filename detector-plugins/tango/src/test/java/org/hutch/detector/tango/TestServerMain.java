package org.hutch.detector.tango;

/**
 * Runs a test device server in its own process (for tests of a client-only JVM, and of a server that is killed);
 * prints its URL, then waits. Argument: the device class's simple name (default MaxIvTestDevice); the system
 * property {@code hutch.test.stream} makes the device stream its frames there.
 */
public final class TestServerMain {

    private TestServerMain() {
    }

    public static void main(String[] args) throws Exception {
        Class<?> device = Class.forName(TestServerMain.class.getPackageName() + "."
                + (args.length > 0 ? args[0] : MaxIvTestDevice.class.getSimpleName()));
        TestDeviceServer server = TestDeviceServer.start(device);
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
