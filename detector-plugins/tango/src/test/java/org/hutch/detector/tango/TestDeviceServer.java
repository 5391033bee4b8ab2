package org.hutch.detector.tango;

import java.io.IOException;
import java.net.ServerSocket;
import org.tango.server.ServerManager;

/**
 * The in-process JTango device server (no Tango database) that serves one test device class as
 * {@code test/detector/1}. {@link ServerManager} is one per JVM, so a test class starts it once and stops it
 * in {@code @AfterAll}; surefire runs each test class in its own JVM.
 */
final class TestDeviceServer {
    static final String DEVICE = "test/detector/1";

    final int port;

    private TestDeviceServer(int port) {
        this.port = port;
    }

    /** Serves {@link MaxIvTestDevice}. */
    static TestDeviceServer start() throws Exception {
        return start(MaxIvTestDevice.class);
    }

    static TestDeviceServer start(Class<?> deviceClass) throws Exception {
        int port = freePort();
        System.setProperty("OAPort", Integer.toString(port));
        ServerManager.getInstance().addClass(deviceClass.getSimpleName(), deviceClass);
        ServerManager.getInstance().startError(new String[]{"hutchtest", "-nodb", "-dlist", DEVICE},
                deviceClass.getSimpleName());
        return new TestDeviceServer(port);
    }

    /** The full device name a client uses. */
    String url() {
        return url(port);
    }

    static String url(int port) {
        return "tango://127.0.0.1:" + port + "/" + DEVICE + "#dbase=no";
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    void stop() throws Exception {
        ServerManager.getInstance().stop();
    }
}
