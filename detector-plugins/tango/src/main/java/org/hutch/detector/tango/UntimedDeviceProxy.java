package org.hutch.detector.tango;

import fr.esrf.Tango.DevFailed;
import fr.esrf.Tango.Device_5;
import fr.esrf.Tango.Device_5Helper;
import fr.esrf.TangoApi.DeviceProxy;
import org.omg.CORBA.Policy;
import org.omg.CORBA.SetOverrideType;

/**
 * A proxy whose CORBA object carries no round-trip timeout policy. JTango puts such a policy on every proxy, and
 * JacORB 3.9 starts a new timer thread for each call that carries one, which costs more than the call itself on a
 * busy machine; without it a read takes a third of the time. Nothing in the proxy bounds a call, so
 * {@link TangoChannel} runs its calls under its own deadline ({@link BoundedReads}) and uses it for reads only.
 * IDL 5 devices only (Tango 9 and later): {@link #open} gives null for an older one.
 */
final class UntimedDeviceProxy extends DeviceProxy {

    private UntimedDeviceProxy(String name) throws DevFailed {
        super(name);
        ping();
        if (get_idl_version() < 5) {
            throw new IllegalStateException("IDL " + get_idl_version());
        }
        org.omg.CORBA.Object plain = getObj()._set_policy_override(new Policy[0], SetOverrideType.SET_OVERRIDE);
        setObj(plain);
        Device_5 untimed = Device_5Helper.narrow(plain);
        device = untimed;
        device_2 = untimed;
        device_3 = untimed;
        device_4 = untimed;
        device_5 = untimed;
    }

    /** An untimed proxy of the device, or null where the device speaks IDL 4 or older. */
    static DeviceProxy open(String name) throws DevFailed {
        try {
            return new UntimedDeviceProxy(name);
        } catch (IllegalStateException olderIdl) {
            return null;
        }
    }
}
