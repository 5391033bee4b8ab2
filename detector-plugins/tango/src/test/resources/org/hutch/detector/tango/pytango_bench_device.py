"""A minimal MAX IV standard detector device in PyTango, for TangoLatencyBench: the same server for the
plugin's JTango client and PyTango's own client. Needs Debian's python3-tango (apt-get install python3-tango).

Usage: python3 pytango_bench_device.py bench -nodb -port PORT -dlist test/detector/1
"""
from tango import AttrWriteType, DevState
from tango.server import Device, attribute, command, run


class BenchDetector(Device):
    def init_device(self):
        Device.init_device(self)
        self._exposure = 0.1
        self._mode = "ints"
        self._triggers = 1
        self.set_state(DevState.ON)
        self.set_status("The device is in ON state.")

    @attribute(dtype=float, access=AttrWriteType.READ_WRITE, min_value=0.0)
    def ExposureTime(self):
        return self._exposure

    @ExposureTime.write
    def ExposureTime(self, value):
        self._exposure = value

    @attribute(dtype=str, access=AttrWriteType.READ_WRITE)
    def TriggerMode(self):
        return self._mode

    @TriggerMode.write
    def TriggerMode(self, value):
        self._mode = value

    @attribute(dtype=int, access=AttrWriteType.READ_WRITE, min_value=1)
    def nTriggers(self):
        return self._triggers

    @nTriggers.write
    def nTriggers(self, value):
        self._triggers = value

    @command
    def Arm(self):
        pass

    @command
    def Stop(self):
        pass


if __name__ == "__main__":
    run((BenchDetector,))
