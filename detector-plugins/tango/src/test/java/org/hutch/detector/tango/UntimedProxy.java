package org.hutch.detector.tango;

import fr.esrf.Tango.DevFailed;
import fr.esrf.Tango.Device_5Helper;
import fr.esrf.TangoApi.DeviceProxy;
import org.omg.CORBA.Policy;
import org.omg.CORBA.SetOverrideType;

/**
 * A proxy whose CORBA object carries no round-trip timeout policy (an IDL 5 device only), so JacORB starts no
 * timer thread per call; for TangoLatencyBench, to measure what that thread costs. Its calls are bounded only by
 * JacORB's {@code jacorb.connection.client.pending_reply_timeout} (none by default): not for production use.
 */
final class UntimedProxy extends DeviceProxy {

    UntimedProxy(String name) throws DevFailed {
        super(name);
        ping();
        org.omg.CORBA.Object plain = getObj()._set_policy_override(new Policy[0], SetOverrideType.SET_OVERRIDE);
        setObj(plain);
        device_5 = Device_5Helper.narrow(plain);
    }
}
