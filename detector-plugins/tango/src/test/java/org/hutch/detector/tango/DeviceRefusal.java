package org.hutch.detector.tango;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks that a direct call to the device is refused with a reason. */
final class DeviceRefusal {

    interface Call {
        void run() throws Exception;
    }

    private DeviceRefusal() {
    }

    static void refused(Call call, String reason) {
        Exception e = assertThrows(Exception.class, call::run);
        assertTrue(TangoChannel.describe(e).contains(reason), TangoChannel.describe(e));
    }
}
