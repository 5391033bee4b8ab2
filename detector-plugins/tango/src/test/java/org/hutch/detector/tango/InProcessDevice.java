package org.hutch.detector.tango;

import fr.esrf.Tango.DevSource;
import fr.esrf.TangoApi.DeviceProxy;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One test device class served in-process for a whole test class ({@code @RegisterExtension static}): the server
 * starts before all tests, the device's own reset command runs before each, the server stops after all. {@link #check()}
 * is an independent client that reads from the device, not a cache, to check what the plugin wrote.
 */
final class InProcessDevice implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
    private final Class<?> deviceClass;
    private final String resetCommand;
    private TestDeviceServer server;
    private DeviceProxy check;

    InProcessDevice(Class<?> deviceClass, String resetCommand) {
        this.deviceClass = deviceClass;
        this.resetCommand = resetCommand;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = TestDeviceServer.start(deviceClass);
        check = new DeviceProxy(server.url());
        check.set_timeout_millis(5000);
        check.set_source(DevSource.DEV);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        check.command_inout(resetCommand);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    String url() {
        return server.url();
    }

    DeviceProxy check() {
        return check;
    }
}
