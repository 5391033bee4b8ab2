package org.hutch.detector.tango;

import fr.esrf.Tango.DevFailed;
import org.tango.DeviceState;
import org.tango.server.annotation.Delete;
import org.tango.server.annotation.Device;
import org.tango.server.annotation.State;
import org.tango.utils.DevFailedUtils;

/**
 * What every test device shares: its Tango State (ON at start), its frame stream, closed when the device is deleted,
 * and the refusal of a setting change while busy. JTango builds a device from its {@code @Device} superclasses too.
 */
@Device
public abstract class StreamingTestDevice {
    final TestStream stream = new TestStream();

    @State
    volatile DeviceState state = DeviceState.ON;

    @Delete
    public void delete() {
        stream.close();
    }

    public DeviceState getState() {
        return state;
    }

    public void setState(DeviceState s) {
        state = s;
    }

    /** Refuses a change of {@code what} while {@code busy}; {@code condition} says why, after "while". */
    static void refuseChangeWhile(boolean busy, String what, String condition) throws DevFailed {
        if (busy) {
            throw DevFailedUtils.newDevFailed("cannot change " + what + " while " + condition);
        }
    }
}
