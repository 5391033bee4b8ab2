package org.hutch.detector.tango;

import fr.esrf.Tango.DevFailed;
import org.tango.DeviceState;
import org.tango.server.annotation.Attribute;
import org.tango.server.annotation.AttributeProperties;
import org.tango.server.annotation.Command;
import org.tango.server.annotation.Device;
import org.tango.server.annotation.Init;
import org.tango.server.annotation.Status;
import org.tango.utils.DevFailedUtils;

/**
 * A MAX IV standard detector Tango device for tests: command Arm; attributes ExposureTime (double, at most 100 s),
 * TriggerMode (string), nTriggers (int); State / Status; plus FileName, Trigger, Stop and Abort, SlowFileName (a slow
 * write), ExpTime (a second exposure attribute, as a site that calls it that way would have) and SoftTrig (a software
 * trigger under a name the plugin does not look for). No nImages, Period or Disarm: one frame per trigger.
 *
 * <p>As the standard device: Arm goes RUNNING until every frame of the series is taken, then ON. In "internal" the
 * nTriggers frames come by themselves; in "exts" a simulated trigger generator fires nTriggers triggers; in "ints"
 * each Trigger takes a frame, MOVING meanwhile, and a Trigger while MOVING is refused. Frames are streamed (see
 * {@link TestStream}). Test controls: InjectFault(reason) goes FAULT with the reason as Status; Reset goes back to
 * ON with defaults.
 */
@Device
public class MaxIvTestDevice extends StreamingTestDevice {
    private int triggersTaken;

    @Status
    private volatile String status = "ready";

    @Attribute(name = "ExposureTime")
    @AttributeProperties(maxValue = "100")
    private volatile double exposureTime = 0.1;

    @Attribute(name = "ExpTime")
    private volatile double expTime = 0.1;

    @Attribute(name = "TriggerMode")
    private volatile String triggerMode = "internal";

    @Attribute(name = "nTriggers")
    @AttributeProperties(minValue = "1")
    private volatile int nTriggers = 1;

    @Attribute(name = "FileName")
    private volatile String fileName = "";

    /** A file name attribute whose write takes 3 s, to check the client timeout. */
    @Attribute(name = "SlowFileName")
    private volatile String slowFileName = "";

    @Init
    public void init() {
        state = DeviceState.ON;
        status = "ready";
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public double getExposureTime() {
        return exposureTime;
    }

    public void setExposureTime(double value) throws DevFailed {
        exposureTime = checkedExposure(value);
    }

    public double getExpTime() {
        return expTime;
    }

    public void setExpTime(double value) throws DevFailed {
        expTime = checkedExposure(value);
    }

    public String getTriggerMode() {
        return triggerMode;
    }

    public void setTriggerMode(String value) throws DevFailed {
        refuseWhileRunning("TriggerMode");
        if (!value.equals("internal") && !value.equals("exts") && !value.equals("ints") && !value.equals("inte")) {
            throw DevFailedUtils.newDevFailed("TriggerMode must be internal, ints, inte or exts, not " + value);
        }
        triggerMode = value;
    }

    public int getNTriggers() {
        return nTriggers;
    }

    public void setNTriggers(int value) throws DevFailed {
        refuseWhileRunning("nTriggers");
        if (value < 1) {
            throw DevFailedUtils.newDevFailed("nTriggers must be at least 1, not " + value);
        }
        nTriggers = value;
    }

    public String getFileName() {
        return fileName;
    }

    public void setFileName(String value) throws DevFailed {
        refuseWhileRunning("FileName");
        fileName = value;
    }

    public String getSlowFileName() {
        return slowFileName;
    }

    public void setSlowFileName(String value) throws InterruptedException {
        Thread.sleep(3000);
        slowFileName = value;
    }

    @Command(name = "Arm")
    public synchronized void arm() throws DevFailed {
        if (state != DeviceState.ON) {
            throw DevFailedUtils.newDevFailed("cannot Arm in state " + state);
        }
        state = DeviceState.RUNNING;
        status = "acquiring";
        triggersTaken = 0;
        stream.header(fileName);
        if (triggerMode.equals("internal")) {
            stream.frames(0, nTriggers, exposureTime, this::frameTaken);
        } else if (triggerMode.equals("exts")) {
            stream.frames(0, nTriggers, exposureTime + 0.02, this::frameTaken); // the trigger generator
        }
    }

    @Command(name = "Trigger")
    public synchronized void trigger() throws DevFailed {
        if (state != DeviceState.RUNNING || !(triggerMode.equals("ints") || triggerMode.equals("inte"))
                || triggersTaken >= nTriggers) {
            throw DevFailedUtils.newDevFailed("cannot Trigger while the detector is " + state + " in " + triggerMode);
        }
        state = DeviceState.MOVING;
        stream.frames(triggersTaken++, 1, exposureTime, this::frameTaken);
    }

    /** Software trigger under a site-specific name (not one the plugin looks for by default). */
    @Command(name = "SoftTrig")
    public void softTrig() throws DevFailed {
        trigger();
    }

    @Command(name = "Stop")
    public synchronized void stop() {
        if (state == DeviceState.RUNNING || state == DeviceState.MOVING) {
            stream.cancel();
            stream.end();
            ready();
        }
    }

    @Command(name = "Abort")
    public synchronized void abort() {
        stream.cancel();
        if (state == DeviceState.RUNNING || state == DeviceState.MOVING) {
            ready();
        }
    }

    @Command(name = "InjectFault")
    public synchronized void injectFault(String reason) {
        stream.cancel();
        state = DeviceState.FAULT;
        status = reason;
    }

    @Command(name = "Reset")
    public synchronized void reset() {
        stream.cancel();
        exposureTime = 0.1;
        expTime = 0.1;
        triggerMode = "internal";
        nTriggers = 1;
        fileName = "";
        state = DeviceState.ON;
        status = "ready";
    }

    private synchronized void frameTaken(long frames) {
        if (state != DeviceState.RUNNING && state != DeviceState.MOVING) {
            return;
        }
        if (frames >= nTriggers) {
            stream.end();
            stream.then(this::ready);
        } else if (state == DeviceState.MOVING) {
            state = DeviceState.RUNNING;
        }
    }

    private synchronized void ready() {
        if (state != DeviceState.FAULT) {
            state = DeviceState.ON;
            status = "ready";
        }
    }

    private double checkedExposure(double value) throws DevFailed {
        refuseWhileRunning("exposure time");
        if (!(value > 0)) {
            throw DevFailedUtils.newDevFailed("exposure time must be positive, not " + value);
        }
        return value;
    }

    private void refuseWhileRunning(String what) throws DevFailed {
        refuseChangeWhile(state == DeviceState.RUNNING || state == DeviceState.MOVING, what, state.toString());
    }
}
