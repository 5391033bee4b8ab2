package org.hutch.detector.tango;

import fr.esrf.Tango.DevFailed;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.tango.DeviceState;
import org.tango.server.annotation.Attribute;
import org.tango.server.annotation.Command;
import org.tango.server.annotation.Delete;
import org.tango.server.annotation.Device;
import org.tango.server.annotation.Init;
import org.tango.server.annotation.State;
import org.tango.server.annotation.Status;
import org.tango.utils.DevFailedUtils;

/**
 * A MAX IV standard detector Tango device for tests: command Arm; attributes ExposureTime (double),
 * TriggerMode (string), nTriggers (int); State / Status; plus FileName, Stop and Abort, SlowFileName (a slow write), and ExpTime (a second
 * exposure attribute, as a site that calls it that way would have). SoftTrig is a software trigger under a name the plugin does not look for by default.
 * No nImages, Period, Disarm or Trigger.
 *
 * <p>Simulated acquisition: Arm goes RUNNING; in trigger mode "internal" the series ends by itself after
 * nTriggers x ExposureTime and the device goes back to ON; in other modes it stays RUNNING until Stop or Abort.
 * Test controls: InjectFault(reason) goes FAULT with the reason as Status; Reset goes back to ON with defaults.
 */
@Device
public class MaxIvTestDevice {
    private final ScheduledExecutorService acquisition = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "test-device-acquisition");
        t.setDaemon(true);
        return t;
    });
    private ScheduledFuture<?> seriesEnd;
    private int triggersTaken;

    @State
    private volatile DeviceState state = DeviceState.ON;

    @Status
    private volatile String status = "ready";

    @Attribute(name = "ExposureTime")
    private volatile double exposureTime = 0.1;

    @Attribute(name = "ExpTime")
    private volatile double expTime = 0.1;

    @Attribute(name = "TriggerMode")
    private volatile String triggerMode = "internal";

    @Attribute(name = "nTriggers")
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

    @Delete
    public void delete() {
        acquisition.shutdownNow();
    }

    public DeviceState getState() {
        return state;
    }

    public void setState(DeviceState state) {
        this.state = state;
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
        if (!value.equals("internal") && !value.equals("exts") && !value.equals("ints")) {
            throw DevFailedUtils.newDevFailed("TriggerMode must be internal, ints or exts, not " + value);
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
        if (triggerMode.equals("internal")) {
            long micros = Math.round(nTriggers * exposureTime * 1e6);
            seriesEnd = acquisition.schedule(this::endSeries, micros, TimeUnit.MICROSECONDS);
        }
    }

    /** Software trigger under a site-specific name (not one the plugin looks for by default). */
    @Command(name = "SoftTrig")
    public synchronized void softTrig() throws DevFailed {
        if (state != DeviceState.RUNNING || !triggerMode.equals("ints") || triggersTaken >= nTriggers) {
            throw DevFailedUtils.newDevFailed("SoftTrig needs an armed series in trigger mode ints");
        }
        triggersTaken++;
        if (triggersTaken == nTriggers) {
            seriesEnd = acquisition.schedule(this::endSeries, Math.round(exposureTime * 1e6), TimeUnit.MICROSECONDS);
        }
    }

    @Command(name = "Stop")
    public synchronized void stop() {
        endSeries();
    }

    @Command(name = "Abort")
    public synchronized void abort() {
        endSeries();
    }

    @Command(name = "InjectFault")
    public synchronized void injectFault(String reason) {
        cancelSeries();
        state = DeviceState.FAULT;
        status = reason;
    }

    @Command(name = "Reset")
    public synchronized void reset() {
        cancelSeries();
        exposureTime = 0.1;
        expTime = 0.1;
        triggerMode = "internal";
        nTriggers = 1;
        fileName = "";
        state = DeviceState.ON;
        status = "ready";
    }

    private synchronized void endSeries() {
        cancelSeries();
        if (state == DeviceState.RUNNING) {
            state = DeviceState.ON;
            status = "ready";
        }
    }

    private void cancelSeries() {
        if (seriesEnd != null) {
            seriesEnd.cancel(false);
            seriesEnd = null;
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
        if (state == DeviceState.RUNNING) {
            throw DevFailedUtils.newDevFailed("cannot change " + what + " while RUNNING");
        }
    }
}
